/**
 * The RTL term generator (rtl-terms.ts) against level b `weightTerms`, exhaustively: every code of
 * every weight type × every datatype id × every term index, with the default and a custom SV
 * register, through a combinational wrapper on Verilator.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { svEntry, weightTerms } from '../../../src/pe/bitmod/golden-terms.ts';
import { bitmodParams, termsPerWeight, weightCodeBits } from '../../../src/pe/bitmod/params.ts';
import { codeWidth, laneTerms, svMagWidth, termBsig } from '../../../src/pe/bitmod/rtl-terms.ts';
import { dataPorts, emitToTemp } from '../../lib/rtl-harness.ts';

const p = bitmodParams({ weightTypes: ['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'], G: 32, K: 32 });
const M = svMagWidth(p);

const top = module('bitmod_terms_tb', (m) => {
  const code = m.input('code', uint(codeWidth(p)));
  const dt = m.input('dt', uint(2));
  const mode = m.input('mode', uint(3));
  const t = m.input('t', uint(2));
  const svData = m.input('sv_data', uint(4 * (1 + M)));
  const sv = [0, 1, 2, 3].map((j) => svData.slice((j + 1) * (1 + M) - 1, j * (1 + M)));
  const terms = laneTerms(m, p, [code], dt, mode, t, sv);
  const bsig = termBsig(m, p, mode, t);
  const x = terms[0]!;
  m.output('sign', x.sign);
  m.output('exp', x.exp);
  m.output('man', x.man);
  m.output('wneg', x.wNeg);
  m.output('wzero', x.wZero);
  m.output('bsig', bsig);
}, { clock: null });

const pack = (sv: number[]): bigint => sv.reduce((w, v, j) => w | (((BigInt(v < 0 ? 1 : 0) << BigInt(M)) | BigInt(Math.abs(v))) << BigInt(j * (1 + M))), 0n);

describe('BitMoD RTL term generator', () => {
  it('equals level b on every code × id × term (default and custom SV registers)', async () => {
    const rtl = emitToTemp(top, 'bitmod-terms');
    const vectors: bigint[][][] = [];
    const expected = new Map<string, bigint[]>();
    for (const svVals of [[10, -10, 16, -16], [3, -3, 6, -6], [5, -9, 24, -17]]) {
      const svWord = pack(svVals);
      const svRegs = svVals.map((v) => svEntry(v, 4));
      p.weightTypes.forEach((wt, mode) => {
        for (let c = 0; c < 2 ** weightCodeBits(wt); c++) {
          for (let id = 0; id < 4; id++) {
            const terms = weightTerms(wt, c, id, svRegs);
            for (let t = 0; t < termsPerWeight(wt); t++) {
              const x = terms[t]!;
              const active = terms.filter((y) => y.man === 1);
              const value = active.reduce((s, y) => s + (y.sign ? -1 : 1) * 2 ** (y.exp + y.bsig), 0);
              const inBeat = [BigInt(c), BigInt(id), BigInt(mode), BigInt(t), svWord];
              vectors.push([inBeat]);
              expected.set(inBeat.join(','), [BigInt(x.sign), BigInt(x.exp), BigInt(x.man), BigInt(value < 0 || (value === 0 && x.sign) ? 1 : 0), BigInt(value === 0 ? 1 : 0), BigInt(x.bsig)]);
            }
          }
        }
      });
    }
    // The only zero weight is code 0 (FP code 1000 is the non-zero SV): its sign is 0.
    const golden = (beats: bigint[][]): bigint[][] => [expected.get(beats[0]!.join(','))!];
    const r = await runCosim({
      target: { top: rtl.top, files: rtl.files, inputs: dataPorts(rtl, 'input'), outputs: dataPorts(rtl, 'output'), protocol: { kind: 'comb' } },
      golden,
      vectors,
      sim: 'verilator',
    });
    expect(r.failed, formatCosimReport(r)).toBe(0);
    // 3 SV registers × 4 ids × Σ codes·T (FP4 16·2, FP3 8·2, INT8 256·4, INT6 64·3, INT4 16·2, INT3 8·2).
    expect(r.passed).toBe(3 * 4 * (32 + 16 + 1024 + 192 + 32 + 16));
  });
});
