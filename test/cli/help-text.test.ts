import { describe, it, expect } from 'vitest';
import { HELP, commandHelp } from '../../src/cli/help-text.ts';

describe('help text', () => {
  it('gives each command its own usage lines (continuations included) and its description', () => {
    const cosim = commandHelp('cosim');
    expect(cosim).toContain('  lowbit-hdl cosim <design.ts> [--vectors N]');
    expect(cosim).toContain('[--mutate K] [--param k=v]...');
    expect(cosim).toContain('cosim    cosimulate the RTL');
    expect(cosim).not.toMatch(/lowbit-hdl (gen|synth|sweep) /);
    // Commands with several usage forms keep all of them.
    const sweep = commandHelp('sweep');
    for (const form of ['lowbit-hdl sweep <design.ts>', 'lowbit-hdl sweep export', 'lowbit-hdl sweep report']) expect(sweep).toContain(form);
    expect(commandHelp('synth')).toContain('asic (needs --liberty)');
  });

  it('covers every command the usage lists, and ends with the shared options and exit codes', () => {
    const names = [...HELP.matchAll(/^ {2}lowbit-hdl ([a-z]+)/gm)].map((m) => m[1]!);
    for (const n of new Set(names)) {
      const h = commandHelp(n);
      expect(h.split('\n').filter((l) => l.startsWith('  lowbit-hdl ')).length, n).toBeGreaterThan(0);
      expect(h, n).toMatch(new RegExp(`^${n} +\\S`, 'm'));
      expect(h.endsWith('3 internal error (please report).')).toBe(true);
    }
  });
});
