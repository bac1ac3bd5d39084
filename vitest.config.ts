import { defineConfig } from 'vitest/config';

// Cosim tests build Verilator models; generous timeouts, and forks so a crashing
// simulator process cannot take the runner down. Two workers match CI's 2 cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
