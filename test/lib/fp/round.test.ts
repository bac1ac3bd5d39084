/**
 * The MixPE output rounding unit (src/lib/fp/round.ts) against the golden
 * `encodeValue` (src/golden/float/encode.ts): every rounding mode with IEEE and SATURATE
 * overflow, exhaustively over a small exact-value space that spans underflow, FP16 subnormals,
 * exact ties, normals and overflow (and the special flags), then seeded random wide values and
 * explicit ties into FP16 and FP32; every mode into the 8/6/4-bit formats (E4M3 FN, E5M2, E2M1 and
 * E3M2 without specials); unsupported options rejected with the golden encoder's message.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { mux } from '../../../src/dsl/ops.ts';
import { checkEncodeOptions, encodeRational, encodeValue, type OverflowMode } from '../../../src/golden/float/encode.ts';
import { FP16, FP32, FP4_E2M1, FP6_E3M2, FP8_E4M3, FP8_E5M2, type FloatFormat } from '../../../src/golden/float/format.ts';
import type { FloatValue } from '../../../src/golden/float/value.ts';
import { rational } from '../../../src/golden/rounding.ts';
import { LowbitError } from '../../../src/diag/error.ts';
import { ROUND_MODES, type RoundMode } from '../../../src/golden/rounding.ts';
import { fpRoundUnit } from '../../../src/lib/fp/round.ts';
import { cosim } from '../cosim-harness.ts';

interface Unit {
  readonly format: FloatFormat;
  readonly round: RoundMode;
  readonly overflow: OverflowMode;
  /** Which exponent input feeds it (index into the bench's exponent ports). */
  readonly expPort: number;
}

interface ExpPort {
  readonly bits: number;
  /** exp = e − offset */
  readonly offset: number;
}

function valueOf(mag: bigint, exp: number, neg: boolean, sp: bigint): FloatValue {
  if (sp === 3n) return { kind: 'nan' };
  if (sp !== 0n) return { kind: 'inf', neg: sp === 2n };
  return { kind: 'finite', neg: mag === 0n ? false : neg, mag, exp };
}

/**
 * A combinational bench: inputs `mag`, one `e<i>` per exponent port, `neg`, `sp`; one rounding
 * unit per entry of `units`, output `code_<i>`.
 */
function bench(magW: number, exps: readonly ExpPort[], units: readonly Unit[]) {
  const def = module(
    'round_bench',
    (m) => {
      const mag = m.input('mag', uint(magW));
      const es = exps.map((e, i) => m.input(`e${i}`, uint(e.bits)));
      const neg = m.input('neg', uint(1));
      const sp = m.input('sp', uint(2));
      const expSig = es.map((e, i) => e.toSigned().sub(exps[i]!.offset));
      units.forEach((u, i) => {
        const x = expSig[u.expPort]!;
        const unit = fpRoundUnit({ magW, expW: x.width, format: u.format, round: u.round, overflow: u.overflow });
        // A format without NaN has no code for the NaN flag (outside the unit's contract): feed 0.
        const spIn = u.format.specials === 'NONE' ? m.wire(`sp_${i}`, mux(sp.eq(3), m.constant(0, uint(2)), sp)) : sp;
        m.output(`code_${i}`, m.instance(`r_${i}`, unit, { mag, exp: x.asSigned(), neg, sp: spIn }).code!);
      });
    },
    { clock: null },
  );
  const golden = ([[mag, ...rest]]: bigint[][]) => {
    const es = rest.slice(0, exps.length);
    const [neg, sp] = rest.slice(exps.length);
    return [
      units.map((u) => {
        const exp = Number(es[u.expPort]!) - exps[u.expPort]!.offset;
        const spIn = u.format.specials === 'NONE' && sp === 3n ? 0n : sp!;
        return encodeValue(valueOf(mag!, exp, neg === 1n, spIn), u.format, { round: u.round, overflow: u.overflow }).code;
      }),
    ];
  };
  return { def, golden };
}

describe('lib/fp fpRoundUnit', () => {
  it('matches encodeValue for all 2^18 (mag 9 b, exp −34…29, sign, special) in every FP16 mode and overflow policy (both simulators)', async () => {
    const units: Unit[] = ROUND_MODES.flatMap((round) =>
      (['IEEE', 'SATURATE'] as OverflowMode[]).map((overflow) => ({ format: FP16, round, overflow, expPort: 0 })),
    );
    const { def, golden } = bench(9, [{ bits: 6, offset: 34 }], units);
    // The space reaches below half the smallest subnormal (1·2^−34) and above 65520 (511·2^29).
    expect(golden([[1n, 0n, 0n, 0n]])[0]![0]).toBe(0n);
    expect(golden([[511n, 63n, 0n, 0n]])[0]![0]).toBe(0x7c00n);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^18');
    expect(r.failed, r.report).toBe(0);
  });

  it('matches encodeValue on random 40-bit magnitudes and explicit ties, FP16 and FP32 (both simulators)', async () => {
    const exps: ExpPort[] = [
      { bits: 7, offset: 70 },
      { bits: 9, offset: 300 },
    ];
    const units: Unit[] = [
      { format: FP16, round: 'TIES_EVEN', overflow: 'IEEE', expPort: 0 },
      { format: FP16, round: 'TIES_AWAY', overflow: 'SATURATE', expPort: 0 },
      { format: FP16, round: 'FLOOR', overflow: 'IEEE', expPort: 0 },
      { format: FP16, round: 'TIES_ZERO', overflow: 'IEEE', expPort: 0 },
      { format: FP32, round: 'TIES_EVEN', overflow: 'IEEE', expPort: 1 },
      { format: FP32, round: 'CEIL', overflow: 'IEEE', expPort: 1 },
    ];
    const { def, golden } = bench(40, exps, units);
    // Exact ties: significand s (11 or 24 bits), then a 1 guard bit and no sticky bits, shifted up.
    const corners: bigint[][][] = [];
    for (const [bits, port] of [[11, 0], [24, 1]] as const) {
      for (const s of [1n << BigInt(bits - 1), (1n << BigInt(bits - 1)) + 1n, (1n << BigInt(bits)) - 2n, (1n << BigInt(bits)) - 1n]) {
        for (const t of [0, 3, 39 - bits - 1]) {
          const mag = ((s << 1n) | 1n) << BigInt(t);
          for (const lead of port === 0 ? [-14, 0, 15] : [-126, 0, 127]) {
            const exp = lead - (bits + t); // leading one at 2^lead
            for (const neg of [0n, 1n]) {
              const e = [70n, 300n];
              e[port] = BigInt(exp + exps[port]!.offset);
              corners.push([[mag, e[0]!, e[1]!, neg, 0n]]);
            }
          }
        }
      }
    }
    // FP16 overflow boundary (65504 < y < 65520 rounds down, 65520 is a tie to Inf) and a subnormal tie.
    for (const mag of [65504n, 65519n, 65520n, 65521n]) corners.push([[mag, 70n, 300n, 0n, 0n]]);
    corners.push([[3n, 70n - 25n, 300n, 1n, 0n]]);
    // The ties separate the tie rules: TIES_EVEN and TIES_AWAY disagree on the even significands.
    const split = corners.filter((c) => {
      const g = golden(c)[0]!;
      return g[0] !== g[1];
    });
    expect(split.length).toBeGreaterThan(20);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden, corners, vectors: { count: 20_000, corners: true } });
    expect(r.failed, r.report).toBe(0);
    expect(r.vectors).toBeGreaterThan(20_000 + corners.length);
  });

  it('matches encodeValue for all 2^14 (mag 6 b, exp −20…11, sign, special) into E4M3, E5M2, E2M1, E3M2 in every mode (both simulators)', async () => {
    const both: OverflowMode[] = ['IEEE', 'SATURATE'];
    const units: Unit[] = [
      ...ROUND_MODES.flatMap((round) => both.map((overflow) => ({ format: FP8_E4M3, round, overflow, expPort: 0 }))),
      ...(['TIES_EVEN', 'TIES_AWAY', 'FLOOR', 'TRUNC_ZERO'] as RoundMode[]).flatMap((round) =>
        both.map((overflow) => ({ format: FP8_E5M2, round, overflow, expPort: 0 })),
      ),
      ...ROUND_MODES.map((round) => ({ format: FP4_E2M1, round, overflow: 'SATURATE' as OverflowMode, expPort: 0 })),
      ...(['TIES_EVEN', 'CEIL'] as RoundMode[]).map((round) => ({ format: FP6_E3M2, round, overflow: 'SATURATE' as OverflowMode, expPort: 0 })),
    ];
    const { def, golden } = bench(6, [{ bits: 5, offset: 20 }], units);
    // E4M3 IEEE overflow is NaN (0x7f), SATURATE is 448 (0x7e); E2M1 saturates at 6 (0x7).
    expect(golden([[63n, 31n, 0n, 0n]])[0]!.slice(0, 2)).toEqual([0x7fn, 0x7en]);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^14');
    expect(r.failed, r.report).toBe(0);
  });

  it('rejects IEEE overflow into a format with neither Inf nor NaN, with the golden encoder message', () => {
    let golden: unknown;
    try {
      encodeRational(rational(30n), FP6_E3M2);
    } catch (e) {
      golden = e;
    }
    expect(golden).toBeInstanceOf(LowbitError);
    const block = () => fpRoundUnit({ magW: 8, expW: 6, format: FP6_E3M2, round: 'TIES_EVEN', overflow: 'IEEE' });
    expect(block).toThrow(LowbitError);
    expect(block).toThrow((golden as Error).message);
    expect(() => checkEncodeOptions(FP4_E2M1, { overflow: 'IEEE' })).toThrow(/E2M1 has neither/);
    expect(() => fpRoundUnit({ magW: 8, expW: 6, format: FP16, round: 'NEAREST' as RoundMode, overflow: 'IEEE' })).toThrow(
      /unknown rounding mode NEAREST/,
    );
  });
});
