import { defineConfig, defaultClientConditions, defaultServerConditions } from 'vite';

// Cosim tests build Verilator models; generous timeouts, and forks so a crashing
// simulator process cannot take the runner down. Two workers match CI's 2 cores.
// `lowbit-hdl` imports (fixtures, examples) resolve to the TypeScript sources, as they do for the
// CLI run from src/cli/bin.mjs (the `lowbit-hdl-source` condition of package.json `exports`).
export default defineConfig({
  resolve: { conditions: ['lowbit-hdl-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['lowbit-hdl-source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
