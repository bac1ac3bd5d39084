import { describe, it, expect } from 'vitest';
import { module, uint, sint, Signal, type ModuleBuilder } from '../../src/index.ts';
import { literalType } from '../../src/dsl/signal.ts';
import { LowbitError } from '../../src/diag/error.ts';
import type { IrNode } from '../../src/ir/types.ts';

/** Run `f` inside a combinational module under construction and return its result and the IR nodes. */
function build<T>(f: (m: ModuleBuilder) => T): { result: T; nodes: IrNode[] } {
  let result!: T;
  const def = module('t', (m) => void (result = f(m)), { clock: null });
  return { result, nodes: def.ir.nodes };
}
const typeOf = (s: Signal): string => `${s.signed ? 's' : 'u'}${s.width}`;
const ty = (signed: boolean, width: number): string => `${signed ? 's' : 'u'}${width}`;
type T = { width: number; signed: boolean };
const lo = (t: T): bigint => (t.signed ? -(2n ** BigInt(t.width - 1)) : 0n);
const hi = (t: T): bigint => (t.signed ? 2n ** BigInt(t.width - 1) - 1n : 2n ** BigInt(t.width) - 1n);
const fits = (v: bigint, t: T): boolean => v >= lo(t) && v <= hi(t);
const tOf = (s: Signal): T => ({ width: s.width, signed: s.signed });

/** Every (width, signedness) pair with width 1..5. */
const SMALL: T[] = [];
for (let w = 1; w <= 5; w++) for (const signed of [false, true]) SMALL.push({ width: w, signed });
const mk = (m: ModuleBuilder, t: T, name: string): Signal => m.input(name, t.signed ? sint(t.width) : uint(t.width));

/** The common type rule, written out: signed if either is; an unsigned operand counts one bit wider. */
const common = (a: T, b: T): T => {
  const signed = a.signed || b.signed;
  const need = (t: T): number => (signed && !t.signed ? t.width + 1 : t.width);
  return { width: Math.max(need(a), need(b)), signed };
};

describe('arithmetic width growth (every pair of types up to 5 bits)', () => {
  for (const a of SMALL) {
    for (const b of SMALL) {
      it(`${ty(a.signed, a.width)} op ${ty(b.signed, b.width)}`, () => {
        build((m) => {
          const x = mk(m, a, 'x');
          const y = mk(m, b, 'y');
          const c = common(a, b);
          const extremes = (f: (p: bigint, q: bigint) => bigint): bigint[] =>
            [lo(a), hi(a)].flatMap((p) => [lo(b), hi(b)].map((q) => f(p, q)));

          const sum = x.add(y);
          expect(typeOf(sum)).toBe(ty(c.signed, c.width + 1));
          const diff = x.sub(y);
          expect(typeOf(diff)).toBe(ty(true, c.width + 1));
          const prod = x.mul(y);
          expect(typeOf(prod)).toBe(ty(a.signed || b.signed, a.width + b.width));

          // Lossless: every exact result fits.
          for (const [s, vals] of [[sum, extremes((p, q) => p + q)], [diff, extremes((p, q) => p - q)], [prod, extremes((p, q) => p * q)]] as const) {
            for (const v of vals) expect(fits(v, tOf(s)), `${v} fits ${typeOf(s)}`).toBe(true);
          }
          // Minimal for equal signedness (one bit less loses a value); mixed signedness follows the
          // ap_fixed rule (the unsigned operand counts one bit wider), which can be one bit generous,
          // and so can a product with a 1-bit unsigned factor.
          const minimal = (s: Signal, vals: bigint[]): boolean => vals.some((v) => !fits(v, { width: s.width - 1, signed: s.signed }));
          if (a.signed === b.signed) {
            expect(minimal(sum, extremes((p, q) => p + q)), `${typeOf(sum)} is minimal`).toBe(true);
            expect(minimal(diff, extremes((p, q) => p - q)), `${typeOf(diff)} is minimal`).toBe(true);
            if (a.signed || (a.width > 1 && b.width > 1)) expect(minimal(prod, extremes((p, q) => p * q)), `${typeOf(prod)} is minimal`).toBe(true);
          }

          for (const op of ['and', 'or', 'xor'] as const) expect(typeOf(x[op](y))).toBe(ty(c.signed, c.width));
          for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) expect(typeOf(x[op](y))).toBe('u1');
        });
      });
    }
  }
});

describe('unary operators', () => {
  it('neg is exact: sint(w + 1), so -min fits', () => {
    for (const t of SMALL) {
      build((m) => {
        const n = mk(m, t, 'x').neg();
        expect(typeOf(n)).toBe(ty(true, t.width + 1));
        expect(fits(-lo(t), tOf(n)) && fits(-hi(t), tOf(n))).toBe(true);
      });
    }
  });

  it('not keeps the type; reductions give uint(1)', () => {
    build((m) => {
      const s = m.input('s', sint(7));
      expect(typeOf(s.not())).toBe('s7');
      expect(typeOf(s.andReduce())).toBe('u1');
      expect(typeOf(s.orReduce())).toBe('u1');
      expect(typeOf(s.xorReduce())).toBe('u1');
    });
  });
});

describe('operands are extended explicitly in the IR', () => {
  it('mixed signedness: the unsigned operand is zero-extended to the signed common type', () => {
    const { nodes } = build((m) => m.input('u', uint(4)).add(m.input('s', sint(4))));
    // u: uint(4) -> sint(6) (zext), s: sint(4) -> sint(6) (sext), then a same-width add.
    expect(nodes.map((n) => n.kind)).toEqual(['zext', 'sext', 'add']);
  });

  it('no extension when both operands already have the result type', () => {
    const { nodes } = build((m) => m.input('a', uint(4)).and(m.input('b', uint(4))));
    expect(nodes.map((n) => n.kind)).toEqual(['and']);
  });
});

describe('literal operands', () => {
  it('literalType: smallest type, signed when negative or next to a signed signal', () => {
    expect(literalType(0n)).toEqual({ width: 1, signed: false });
    expect(literalType(5n)).toEqual({ width: 3, signed: false });
    expect(literalType(-1n)).toEqual({ width: 1, signed: true });
    expect(literalType(-5n)).toEqual({ width: 4, signed: true });
    build((m) => {
      expect(literalType(5n, m.input('s', sint(8)))).toEqual({ width: 4, signed: true });
      expect(literalType(5n, m.input('u', uint(8)))).toEqual({ width: 3, signed: false });
    });
  });

  it('grow like a signal of the literal type', () => {
    build((m) => {
      const u = m.input('u', uint(8));
      const s = m.input('s', sint(8));
      expect(typeOf(u.add(5))).toBe('u9');
      expect(typeOf(u.add(1000))).toBe('u11'); // 1000 is uint(10)
      expect(typeOf(u.add(-1))).toBe('s10'); // common sint(9), + 1
      expect(typeOf(s.add(5))).toBe('s9');
      expect(typeOf(s.mul(3))).toBe('s11'); // 3 next to a signed value is sint(3)
      expect(typeOf(u.mul(3))).toBe('u10');
      expect(typeOf(u.sub(1))).toBe('s9');
      expect(typeOf(u.and(0xff))).toBe('u8');
      expect(typeOf(u.add(2n ** 60n))).toBe('u62');
    });
  });

  it('literals become constants made at the needed type (no extension node)', () => {
    const { nodes } = build((m) => m.input('s', sint(8)).add(-3));
    expect(nodes.map((n) => n.kind)).toEqual(['const', 'sext', 'const', 'add']);
    const consts = nodes.filter((n): n is Extract<IrNode, { kind: 'const' }> => n.kind === 'const');
    expect(consts.map((c) => c.value)).toEqual(['-3', '-3']);
  });

  it('refuse non-integer and unsafe numbers', () => {
    build((m) => {
      const u = m.input('u', uint(8));
      expect(() => u.add(1.5)).toThrow(/operand 1\.5 is not an integer/);
      expect(() => u.add(2 ** 60)).toThrow(LowbitError);
    });
  });
});

describe('comparisons', () => {
  it('compare exactly across signedness (operands go to the common type)', () => {
    const { nodes } = build((m) => m.input('u', uint(4)).lt(m.input('s', sint(4))));
    expect(nodes.map((n) => n.kind)).toEqual(['zext', 'sext', 'lt']);
  });

  it('fold comparisons that the operand range decides into constants', () => {
    const { result, nodes } = build((m) => {
      const u = m.input('u', uint(8));
      const s = m.input('s', sint(8));
      return [u.ge(0), u.lt(0), u.le(255), u.gt(255), u.eq(300), u.ne(-1), s.ge(-128), s.lt(-128), s.le(127)];
    });
    expect(nodes.every((n) => n.kind === 'const')).toBe(true);
    const values = result.map((r) => (nodes.find((n) => n.dst === r.id) as { value: string }).value);
    expect(values).toEqual(['1', '0', '1', '0', '0', '1', '1', '0', '1']);
    for (const r of result) expect(typeOf(r)).toBe('u1');
  });

  it('keep comparisons that depend on the value', () => {
    const { nodes } = build((m) => {
      const u = m.input('u', uint(8));
      return [u.gt(0), u.lt(255), u.eq(7)];
    });
    expect(nodes.filter((n) => n.kind !== 'const').map((n) => n.kind)).toEqual(['gt', 'lt', 'eq']);
  });
});

describe('shifts', () => {
  it('shl by a constant k is exact: w + k bits, same signedness (a concat with zeros)', () => {
    const { result, nodes } = build((m) => {
      const s = m.input('s', sint(5));
      const u = m.input('u', uint(5));
      return { s3: s.shl(3), u2: u.shl(2), same: u.shl(0) === u };
    });
    expect(typeOf(result.s3)).toBe('s8');
    expect(typeOf(result.u2)).toBe('u7');
    expect(result.same).toBe(true);
    expect(nodes.some((n) => n.kind === 'shl')).toBe(false);
  });

  it('shl by a uint(ws) signal grows by 2^ws - 1 bits', () => {
    build((m) => {
      const x = m.input('x', sint(6));
      for (let ws = 1; ws <= 4; ws++) expect(typeOf(x.shl(m.input(`k${ws}`, uint(ws))))).toBe(ty(true, 6 + 2 ** ws - 1));
    });
  });

  it('shr by a constant drops the shifted-out bits (floor division)', () => {
    build((m) => {
      const u = m.input('u', uint(8));
      const s = m.input('s', sint(8));
      expect(typeOf(u.shr(3))).toBe('u5');
      expect(typeOf(s.shr(3))).toBe('s5');
      expect(typeOf(s.shr(7))).toBe('s1');
      expect(typeOf(s.shr(8))).toBe('s1'); // the sign
      expect(typeOf(s.shr(20))).toBe('s1');
      expect(typeOf(u.shr(8))).toBe('u1'); // constant 0
      expect(u.shr(0)).toBe(u);
    });
  });

  it('shr by a signal keeps the type', () => {
    build((m) => {
      const s = m.input('s', sint(8));
      expect(typeOf(s.shr(m.input('k', uint(3))))).toBe('s8');
    });
  });

  it('refuse signed, too wide and non-integer amounts', () => {
    build((m) => {
      const x = m.input('x', uint(8));
      expect(() => x.shl(m.input('ks', sint(3)))).toThrow(/shift amount must be unsigned/);
      expect(() => x.shr(m.input('kr', sint(3)))).toThrow(/shift amount must be unsigned/);
      expect(() => x.shl(m.input('kw', uint(17)))).toThrow(/variable shift amount of 17 bits is too wide/);
      expect(() => x.shl(-1)).toThrow(/shift amount must be a non-negative integer, got -1/);
      expect(() => x.shr(1.5)).toThrow(/non-negative integer, got 1.5/);
    });
  });
});

describe('bit manipulation', () => {
  it('slice / bit / msb give unsigned fields', () => {
    build((m) => {
      const s = m.input('s', sint(8));
      expect(typeOf(s.slice(7, 0))).toBe('u8');
      expect(typeOf(s.slice(5, 2))).toBe('u4');
      expect(typeOf(s.bit(3))).toBe('u1');
      expect(typeOf(s.msb())).toBe('u1');
    });
  });

  it('refuse slices outside the value', () => {
    build((m) => {
      const s = m.input('s', sint(8));
      expect(() => s.slice(8, 0)).toThrow(/slice \[8:0\] is outside sint\(8\) — valid bits are 7..0/);
      expect(() => s.slice(2, 3)).toThrow(LowbitError);
      expect(() => s.slice(3, -1)).toThrow(LowbitError);
      expect(() => s.bit(8)).toThrow(LowbitError);
    });
  });
});

describe('width and signedness changes', () => {
  it('ext widens keeping signedness and refuses to narrow', () => {
    build((m) => {
      const s = m.input('s', sint(4));
      expect(typeOf(s.ext(9))).toBe('s9');
      expect(s.ext(4)).toBe(s);
      expect(() => s.ext(3)).toThrow(/ext\(3\) would narrow sint\(4\)/);
    });
  });

  it('trunc narrows keeping signedness and refuses to widen', () => {
    build((m) => {
      const s = m.input('s', sint(8));
      expect(typeOf(s.trunc(3))).toBe('s3');
      expect(s.trunc(8)).toBe(s);
      expect(() => s.trunc(9)).toThrow(/trunc\(9\) would widen sint\(8\)/);
    });
  });

  it('resize goes either way', () => {
    build((m) => {
      const u = m.input('u', uint(8));
      expect(typeOf(u.resize(12))).toBe('u12');
      expect(typeOf(u.resize(3))).toBe('u3');
      expect(u.resize(8)).toBe(u);
    });
  });

  it('asSigned / asUnsigned reinterpret the same bits; toSigned is lossless', () => {
    const { result, nodes } = build((m) => {
      const u = m.input('u', uint(6));
      const s = m.input('s', sint(6));
      return { us: u.asSigned(), su: s.asUnsigned(), ss: s.asSigned() === s, uu: u.asUnsigned() === u, ut: u.toSigned(), st: s.toSigned() === s };
    });
    expect(typeOf(result.us)).toBe('s6');
    expect(typeOf(result.su)).toBe('u6');
    expect(typeOf(result.ut)).toBe('s7');
    expect([result.ss, result.uu, result.st]).toEqual([true, true, true]);
    expect(nodes.map((n) => n.kind)).toEqual(['reinterpret', 'reinterpret', 'zext']);
  });

  it('as() converts losslessly or refuses', () => {
    build((m) => {
      const u = m.input('u', uint(8));
      const s = m.input('s', sint(8));
      expect(typeOf(u.as(uint(10)))).toBe('u10');
      expect(typeOf(u.as(sint(9)))).toBe('s9');
      expect(typeOf(s.as(sint(12)))).toBe('s12');
      expect(() => u.as(sint(8))).toThrow(/cannot convert uint\(8\) to sint\(8\) without losing values/);
      expect(() => s.as(uint(16))).toThrow(/cannot convert sint\(8\) to uint\(16\)/);
      expect(() => u.as(uint(7))).toThrow(LowbitError);
    });
  });
});

describe('naming and ownership', () => {
  it('named() gives an intermediate a name without a new net', () => {
    const def = module('t', (m) => {
      const s = m.input('a', uint(4)).add(m.input('b', uint(4))).named('total');
      expect(s.name).toBe('total');
      expect(s.toString()).toBe('total: uint(5)');
      m.output('y', s);
    }, { clock: null });
    expect(def.ir.signals.find((s) => s.name === 'total')!.role).toBe('wire');
    expect(def.ir.nodes.filter((n) => n.kind === 'connect')).toHaveLength(1); // only y = total
  });

  it('anonymous intermediates print as _t<id>', () => {
    build((m) => {
      const t = m.input('a', uint(4)).not();
      expect(t.name).toBeNull();
      expect(t.toString()).toBe(`_t${t.id}: uint(4)`);
    });
  });

  it('refuses signals of another module', () => {
    let foreign!: Signal;
    module('other', (m) => void (foreign = m.input('x', uint(4))), { clock: null });
    build((m) => {
      expect(() => m.input('a', uint(4)).add(foreign)).toThrow(/signal x: uint\(4\) belongs to module 'other', not 't'/);
    });
  });
});
