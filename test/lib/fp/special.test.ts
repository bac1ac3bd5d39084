/**
 * Special-value logic of the MixPE RTL (src/lib/fp/special.ts) against IEEE 754 as the
 * golden float arithmetic implements it (src/golden/float/arith.ts): every pair of operands
 * drawn from {+Inf, −Inf, NaN, −2, −1, 0, 1} through add, sub and mul, on both simulators;
 * and the constant folding that keeps always-finite paths free of logic.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { fpAdd, fpMul, fpSub } from '../../../src/golden/float/arith.ts';
import { FP32 } from '../../../src/golden/float/format.ts';
import type { FloatValue } from '../../../src/golden/float/value.ts';
import {
  bAnd,
  bMux,
  bOr,
  bXor,
  classFlag,
  finiteClass,
  flagClass,
  ieeeAdd,
  ieeeMul,
  ieeeSub,
  withRegister,
} from '../../../src/lib/fp/special.ts';
import { cosim } from '../cosim-harness.ts';

function valueOf(sp: bigint, reg: bigint): FloatValue {
  if (sp === 3n) return { kind: 'nan' };
  if (sp !== 0n) return { kind: 'inf', neg: sp === 2n };
  return { kind: 'finite', neg: reg < 0n, mag: reg < 0n ? -reg : reg, exp: 0 };
}

function flagOf(v: FloatValue): bigint {
  return v.kind === 'nan' ? 3n : v.kind === 'inf' ? (v.neg ? 2n : 1n) : 0n;
}

describe('MixPE special-value flags', () => {
  it('follow IEEE add, sub and mul for every pair of special and small finite operands (both simulators)', async () => {
    const def = module(
      'special_bench',
      (m) => {
        const aSp = m.input('a_sp', uint(2));
        const aReg = m.input('a_reg', sint(2));
        const bSp = m.input('b_sp', uint(2));
        const bReg = m.input('b_reg', sint(2));
        const a = withRegister(flagClass(aSp, null), aReg);
        const b = flagClass(bSp, bReg);
        m.output('add', classFlag(m, ieeeAdd(a, b))!);
        m.output('sub', classFlag(m, ieeeSub(a, b))!);
        m.output('mul', classFlag(m, ieeeMul(a, b))!);
      },
      { clock: null },
    );
    const golden = ([[as, ar, bs, br]]: bigint[][]) => {
      const a = valueOf(as!, ar!);
      const b = valueOf(bs!, br!);
      return [[fpAdd(a, b, FP32), fpSub(a, b, FP32), fpMul(a, b, FP32)].map((r) => flagOf(r.value))];
    };
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^8');
    expect(r.failed, r.report).toBe(0);
  });

  it('fold to constants when the operands are known finite', () => {
    module(
      'fold',
      (m) => {
        const x = m.input('x', sint(4));
        const f = finiteClass(x.eq(0), x.msb());
        expect(classFlag(m, ieeeAdd(f, f))).toBeNull();
        expect(classFlag(m, ieeeMul(f, finiteClass(false, true)))).toBeNull();
        const nodes = m.ir.nodes.length;
        expect(classFlag(m, ieeeSub(f, f))).toBeNull();
        expect(m.ir.nodes.length).toBe(nodes);
        expect(bAnd(true, false)).toBe(false);
        expect(bOr(false, false)).toBe(false);
        expect(bXor(true, true)).toBe(false);
        expect(bMux(true, false, true)).toBe(false);
        m.output('y', x);
      },
      { clock: null },
    );
  });
});
