/**
 * lib/array PE contract: a PE that keeps the table passes; each kind of violation (missing port,
 * wrong type, wrong direction, latency out of range, wrong clock, wrong reset) is a LowbitError
 * naming the module and the port or property; the table renders as Markdown for the docs.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { LowbitError } from '../../../src/diag/error.ts';
import { checkPeContract, contractTable, groupPePorts, type PeContract } from '../../../src/lib/array/pe-contract.ts';

const contract: PeContract = {
  family: 'Test',
  docRef: 'test/lib/array/pe-contract.test.ts',
  ports: [{ name: 'x', dir: 'input', type: sint(8), meaning: 'activation' }, ...groupPePorts(), { name: 'pg', dir: 'output', type: sint(12), meaning: 'group sum' }],
  clock: 'clk',
  reset: { name: 'rst', style: 'sync', activeLow: false },
  latency: { min: 0, max: 3 },
};

const pe = (opts: { xType?: ReturnType<typeof sint>; pgType?: ReturnType<typeof sint>; noLast?: boolean; clock?: string; reset?: 'none' | 'async' } = {}) =>
  module(
    'pe',
    (m) => {
      const x = m.input('x', opts.xType ?? sint(8));
      m.input('en', uint(1));
      if (!opts.noLast) m.input('last', uint(1));
      const r = m.reg('acc', opts.pgType ?? sint(12), { reset: 0 });
      r.set(x.resize((opts.pgType ?? sint(12)).width).asSigned());
      m.output('pg', r);
    },
    {
      clock: opts.clock ?? 'clk',
      reset: opts.reset === 'none' ? null : opts.reset === 'async' ? { name: 'rst', style: 'async' } : undefined,
    },
  );

describe('lib/array checkPeContract', () => {
  it('accepts a PE that keeps the contract', () => {
    expect(() => checkPeContract(pe(), 1, contract)).not.toThrow();
  });

  it('names the port, the type and the property of every violation', () => {
    const msg = (f: () => void) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LowbitError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(msg(() => checkPeContract(pe({ xType: sint(7) }), 0, contract))).toContain("Test PE module 'pe' must have input port 'x' of type sint(8), got sint(7)");
    expect(msg(() => checkPeContract(pe({ noLast: true }), 0, contract))).toContain("Test PE module 'pe' must have input port 'last' of type uint(1)");
    expect(msg(() => checkPeContract(pe({ pgType: sint(11) }), 0, contract))).toContain("output port 'pg' of type sint(12), got sint(11)");
    expect(msg(() => checkPeContract(pe(), 4, contract))).toContain("Test PE 'pe': latency 4 must be an integer in 0 … 3");
    expect(msg(() => checkPeContract(pe({ clock: 'clock' }), 0, contract))).toContain("Test PE 'pe' must use clock 'clk'");
    expect(msg(() => checkPeContract(pe({ reset: 'async' }), 0, contract))).toContain("Test PE 'pe' must use the sync active-high reset 'rst'");
  });

  it('renders the port table', () => {
    expect(contractTable(contract).split('\n')).toEqual([
      '| port | dir | type | meaning |',
      '|---|---|---|---|',
      '| `x` | in | sint(8) | activation |',
      '| `en` | in | uint(1) | a beat is accepted this cycle (data inputs valid) |',
      '| `last` | in | uint(1) | qualified by en: this beat is the last of its group |',
      '| `pg` | out | sint(12) | group sum |',
    ]);
  });
});
