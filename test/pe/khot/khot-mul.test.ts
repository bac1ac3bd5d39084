/**
 * K-hot multiplier generator (spec fixed-point.md §6, test case 8): for every K-hot weight of the
 * (6, 2) and (8, 2) sets (and K = 1, 3, CSD) and every 8-bit activation, the generated shift-add RTL
 * equals the exact product, on Verilator and Icarus; constant-weight K-hot multiplies via the IR
 * simulator; the generated multiplier uses no `*`.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { module, sint, uint, elaborate } from '../../../src/index.ts';
import { khotFieldsMul, khotConstMul, fieldsCodeWidth, type KhotHwParams } from '../../../src/pe/khot/khot-mul.ts';
import { khotSet } from '../../../src/golden/fixed/khot.ts';
import { encodeKhot, decodeKhot } from '../../../src/golden/fixed/khot-storage.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { emitDesign } from '../../../src/emit/emit-design.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { writeDesignRtl } from '../../../src/emit/write-output.ts';

async function exhaustive(p: KhotHwParams) {
  const top = module('khot', (m) => {
    const x = m.input('x', sint(8));
    const code = m.input('code', uint(fieldsCodeWidth(p)));
    m.output('y', khotFieldsMul(x, code, p));
  }, { clock: null });
  const { design } = elaborate(top);
  const files = writeDesignRtl(design, join(mkdtempSync(join(tmpdir(), 'khot-')), 'rtl'));
  expect(files.length).toBe(1);
  const set = khotSet({ m: p.m, k: p.k, encoding: p.encoding });
  const txns = set.values.flatMap((w) => Array.from({ length: 256 }, (_, i) => [[BigInt(i - 128), encodeKhot(w, set, 'FIELDS')]]));
  const yWidth = design.modules[0]!.signals[design.modules[0]!.ports.find((q) => q.name === 'y')!.signal]!.width;
  const r = await runCosim({
    target: {
      top: 'khot',
      files,
      inputs: [{ name: 'x', width: 8, signed: true }, { name: 'code', width: fieldsCodeWidth(p), signed: false }],
      outputs: [{ name: 'y', width: yWidth, signed: true }],
      protocol: { kind: 'comb' },
    },
    golden: ([[x, code]]) => [[x! * decodeKhot(code!, set, 'FIELDS')]],
    vectors: txns,
    sim: 'both',
  });
  return { r, members: set.values.length };
}

describe('K-hot shift-add multiplier RTL', () => {
  for (const p of [
    { m: 6, k: 2, encoding: 'PLAIN' },
    { m: 8, k: 2, encoding: 'PLAIN' },
    { m: 7, k: 1, encoding: 'PLAIN' },
    { m: 7, k: 3, encoding: 'PLAIN' },
    { m: 6, k: 2, encoding: 'CSD' },
  ] as KhotHwParams[]) {
    it(`equals x * w for every member of (M=${p.m}, K=${p.k}, ${p.encoding}) and every INT8 x (both simulators)`, async () => {
      const { r, members } = await exhaustive(p);
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.vectors).toBe(members * 256);
      if (p.m === 6 && p.k === 2 && p.encoding === 'PLAIN') expect(members).toBe(43);
      if (p.m === 8 && p.k === 2 && p.encoding === 'PLAIN') expect(members).toBe(73);
    });
  }

  it('multiplies by constant K-hot weights with shifts and adds only', () => {
    const weights = [0n, 1n, -1n, 45n, -48n, 96n, 127n, -127n, 7n];
    const top = module('c', (m) => {
      const x = m.input('x', sint(8));
      weights.forEach((w, k) => {
        m.output(`p${k}`, khotConstMul(x, w, 'PLAIN'));
        m.output(`c${k}`, khotConstMul(x, w, 'CSD'));
      });
    }, { clock: null });
    const { design } = elaborate(top);
    const text = emitDesign(design, { version: 't' }).get('c.v')!;
    expect(text).not.toMatch(/ \* /);
    const sim = new IrSimulator(design);
    for (let x = -128n; x < 128n; x++) {
      sim.poke('x', x);
      sim.eval();
      weights.forEach((w, k) => {
        expect(sim.peek(`p${k}`)).toBe(x * w);
        expect(sim.peek(`c${k}`)).toBe(x * w);
      });
    }
  });

  it('rejects a code word of the wrong width', () => {
    expect(() =>
      module('bad', (m) => {
        m.output('y', khotFieldsMul(m.input('x', sint(8)), m.input('c', uint(5)), { m: 7, k: 2, encoding: 'PLAIN' }));
      }, { clock: null }),
    ).toThrow(/K-hot code must be 9 bits for M=7, K=2, PLAIN, got 5/);
  });
});
