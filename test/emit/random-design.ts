/**
 * Random expression modules for the emitter's semantic check. One seeded PRNG drives both the DSL
 * calls that build a module and a BigInt evaluator of the same operations' math, so every output
 * has an expected value computed without looking at the IR or the Verilog. The evaluator and the
 * result-type rules below are written from the DSL's documented semantics (exact growth, floor
 * shifts, two's complement wrap on explicit narrowing), independently of src/.
 *
 * Each op's result type is also predicted here and compared with the DSL's (`typeErrors`), and the
 * exact value of every non-wrapping op is checked to lie inside its type (`rangeErrors`): together
 * that is a property test of "widths grow exactly".
 */
import { Prng } from '../../src/util/prng.ts';
import { module, mux, select, rom, cat, repl, sum, uint, sint, Signal, type ModuleDef } from '../../src/index.ts';

export interface Ty {
  readonly width: number;
  readonly signed: boolean;
}

/** Input values of one vector, by input index. */
export type Env = readonly bigint[];

interface Val {
  readonly sig: Signal;
  readonly ty: Ty;
  readonly ev: (env: Env) => bigint;
  readonly text: string;
}

export interface RandomPort {
  readonly name: string;
  readonly ty: Ty;
}

export interface RandomOutput extends RandomPort {
  readonly ev: (env: Env) => bigint;
  readonly text: string;
}

export interface RandomModule {
  readonly def: ModuleDef;
  readonly name: string;
  readonly inputs: readonly RandomPort[];
  readonly outputs: readonly RandomOutput[];
  /** Ops whose DSL result type differs from the independently predicted one. */
  readonly typeErrors: string[];
  /** Exact (non-wrapping) results that do not fit their own type, found while evaluating. */
  readonly rangeErrors: string[];
  /** Every op applied, for failure messages. */
  readonly trace: string[];
}

// ---- integer math, independent of src/ ----
export const minOf = (t: Ty): bigint => (t.signed ? -(1n << BigInt(t.width - 1)) : 0n);
export const maxOf = (t: Ty): bigint => (t.signed ? (1n << BigInt(t.width - 1)) - 1n : (1n << BigInt(t.width)) - 1n);
export const fits = (v: bigint, t: Ty): boolean => v >= minOf(t) && v <= maxOf(t);
/** The `w` low bits of `v` (two's complement), as a non-negative BigInt. */
export const bitsOf = (v: bigint, w: number): bigint => BigInt.asUintN(w, v);
/** `v` wrapped into type `t` (explicit narrowing or reinterpretation). */
export const wrapTo = (v: bigint, t: Ty): bigint => (t.signed ? BigInt.asIntN(t.width, v) : BigInt.asUintN(t.width, v));
const mask = (w: number): bigint => (1n << BigInt(w)) - 1n;

/** Bits an operand needs inside a common type of the given signedness (unsigned grows by one). */
const need = (t: Ty, signed: boolean): number => (signed && !t.signed ? t.width + 1 : t.width);
export function commonTy(ts: readonly Ty[]): Ty {
  const signed = ts.some((t) => t.signed);
  return { width: Math.max(...ts.map((t) => need(t, signed))), signed };
}
/** Smallest type holding literal `v`; signed when negative or next to a signed operand. */
export function literalTy(v: bigint, likeSigned: boolean): Ty {
  const signed = v < 0n || likeSigned;
  let width = 1;
  while (!fits(v, { width, signed })) width++;
  return { width, signed };
}
const addTy = (a: Ty, b: Ty): Ty => {
  const c = commonTy([a, b]);
  return { width: c.width + 1, signed: c.signed };
};
const sameTy = (a: Ty, b: Ty): boolean => a.width === b.width && a.signed === b.signed;
const tyText = (t: Ty): string => `${t.signed ? 's' : 'u'}${t.width}`;

/** Widths grow fast under mul/shl chains; wider results are resized back to this range. */
const WIDTH_CAP = 90;

export interface RandomModuleOptions {
  readonly inputs?: readonly [number, number];
  readonly ops?: number;
  readonly outputs?: number;
}

/**
 * Build module `name` from `rng`: 2..4 inputs of random width 1..40 and signedness, a chain of
 * random ops over a pool of values (inputs, op results, occasional constants), and outputs taken
 * from the newest and from random pool values.
 */
export function randomModule(rng: Prng, name: string, opts: RandomModuleOptions = {}): RandomModule {
  const [minIn, maxIn] = opts.inputs ?? [2, 4];
  const nOps = opts.ops ?? 16;
  const nOut = opts.outputs ?? 8;
  const inputs: RandomPort[] = [];
  const outputs: RandomOutput[] = [];
  const typeErrors: string[] = [];
  const rangeErrors: string[] = [];
  const trace: string[] = [];
  let names = 0;

  const def = module(
    name,
    (m) => {
      const pool: Val[] = [];
      const add = (sig: Signal, ty: Ty, ev: (env: Env) => bigint, text: string, exact = false): Val => {
        const id = `v${pool.length}`;
        if (sig.width !== ty.width || sig.signed !== ty.signed) {
          typeErrors.push(`${id} = ${text}: DSL gives ${sig.signed ? 's' : 'u'}${sig.width}, expected ${tyText(ty)}`);
        }
        const checked = exact
          ? (env: Env): bigint => {
              const v = ev(env);
              if (!fits(v, ty) && rangeErrors.length < 20) rangeErrors.push(`${id} = ${text}: exact value ${v} does not fit ${tyText(ty)}`);
              return v;
            }
          : ev;
        const val = { sig, ty, ev: checked, text: `${id}: ${tyText(ty)} = ${text}` };
        trace.push(val.text);
        pool.push(val);
        return val;
      };

      const nIn = rng.int(minIn, maxIn);
      for (let i = 0; i < nIn; i++) {
        const ty = { width: rng.int(1, 40), signed: rng.chance(0.5) };
        const port = `i${i}`;
        inputs.push({ name: port, ty });
        add(m.input(port, ty.signed ? sint(ty.width) : uint(ty.width)), ty, (env) => env[i]!, `input ${port}`);
      }

      const ref = (v: Val): string => v.text.split(':')[0]!;
      const pick = (): Val => pool[rng.below(pool.length)]!;
      const pickRecent = (): Val => pool[Math.max(0, pool.length - 1 - rng.below(Math.min(6, pool.length)))]!;
      /**
       * A literal operand, never 0 or -1: Verilator propagates constants through nets, and logic that
       * is constant by design (x & 0, x * 0, x < x, ...) feeding an unsigned compare draws
       * UNSIGNED/CMPCONST warnings. That is the design's doing, not the emitter's, so the generator
       * keeps its values data-dependent (the DSL folds the direct cases, tested in signal.test.ts).
       */
      const randomLiteral = (): bigint => {
        const mag = rng.bits(rng.int(1, 14)) | 2n;
        return rng.chance(0.4) ? -mag : mag;
      };
      /** A pool value other than `a` when there is one (no x op x). */
      const pickOther = (a: Val): Val => {
        for (let k = 0; k < 8; k++) {
          const b = pick();
          if (b !== a) return b;
        }
        return pick();
      };
      /** A literal as the DSL accepts it: a JS number or a BigInt. */
      const lit = (v: bigint): number | bigint => (rng.chance(0.5) ? Number(v) : v);
      /** An unsigned selector/amount of `n` bits sliced out of some pool value. */
      const smallUnsigned = (n: number): Val => {
        const src = pool.filter((v) => v.ty.width >= n);
        const s = src.length > 0 ? src[rng.below(src.length)]! : pool[0]!;
        if (s.ty.width < n) return s.ty.signed ? sliceOf(s, s.ty.width - 1, 0) : s;
        const lo = rng.int(0, s.ty.width - n);
        return sliceOf(s, lo + n - 1, lo);
      };
      const sliceOf = (a: Val, hi: number, lo: number): Val =>
        add(a.sig.slice(hi, lo), { width: hi - lo + 1, signed: false }, (env) => (bitsOf(a.ev(env), a.ty.width) >> BigInt(lo)) & mask(hi - lo + 1), `slice(${ref(a)}, ${hi}, ${lo})`);
      const oneBit = (): Val => {
        const a = pick();
        if (a.ty.width === 1) return a;
        if (rng.chance(0.5)) {
          const i = rng.below(a.ty.width);
          return sliceOf(a, i, i);
        }
        const b = pickOther(a);
        return add(a.sig.lt(b.sig), { width: 1, signed: false }, (env) => (a.ev(env) < b.ev(env) ? 1n : 0n), `${ref(a)} < ${ref(b)}`);
      };

      /** A binary op with a pool value or (sometimes) a literal as the right operand. */
      const binary = (
        op: 'add' | 'sub' | 'mul' | 'and' | 'or' | 'xor' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge',
      ): Val => {
        const a = pick();
        let bTy: Ty;
        let bEv: (env: Env) => bigint;
        let bSig: Signal | number | bigint;
        let bText: string;
        if (rng.chance(0.25)) {
          const v = randomLiteral();
          bTy = literalTy(v, a.ty.signed);
          bEv = () => v;
          bSig = lit(v);
          bText = `${v}`;
        } else {
          const b = pickOther(a);
          bTy = b.ty;
          bEv = b.ev;
          bSig = b.sig;
          bText = ref(b);
        }
        const c = commonTy([a.ty, bTy]);
        const u1: Ty = { width: 1, signed: false };
        const cmp = (f: (x: bigint, y: bigint) => boolean) => (env: Env) => (f(a.ev(env), bEv(env)) ? 1n : 0n);
        const t = `${op}(${ref(a)}, ${bText})`;
        switch (op) {
          case 'add': return add(a.sig.add(bSig), addTy(a.ty, bTy), (env) => a.ev(env) + bEv(env), t, true);
          case 'sub': return add(a.sig.sub(bSig), { width: c.width + 1, signed: true }, (env) => a.ev(env) - bEv(env), t, true);
          case 'mul': return add(a.sig.mul(bSig), { width: a.ty.width + bTy.width, signed: a.ty.signed || bTy.signed }, (env) => a.ev(env) * bEv(env), t, true);
          case 'and': return add(a.sig.and(bSig), c, (env) => a.ev(env) & bEv(env), t, true);
          case 'or': return add(a.sig.or(bSig), c, (env) => a.ev(env) | bEv(env), t, true);
          case 'xor': return add(a.sig.xor(bSig), c, (env) => a.ev(env) ^ bEv(env), t, true);
          case 'eq': return add(a.sig.eq(bSig), u1, cmp((x, y) => x === y), t);
          case 'ne': return add(a.sig.ne(bSig), u1, cmp((x, y) => x !== y), t);
          case 'lt': return add(a.sig.lt(bSig), u1, cmp((x, y) => x < y), t);
          case 'le': return add(a.sig.le(bSig), u1, cmp((x, y) => x <= y), t);
          case 'gt': return add(a.sig.gt(bSig), u1, cmp((x, y) => x > y), t);
          case 'ge': return add(a.sig.ge(bSig), u1, cmp((x, y) => x >= y), t);
        }
      };

      /** An arm of mux/select: a pool value or a literal (typed later, next to the anchor). */
      type Arm = { val: Val } | { lit: bigint };
      const arm = (pLit: number): Arm => (rng.chance(pLit) ? { lit: randomLiteral() } : { val: pick() });
      const armTy = (x: Arm, likeSigned: boolean): Ty => ('val' in x ? x.val.ty : literalTy(x.lit, likeSigned));
      const armEv = (x: Arm): ((env: Env) => bigint) => ('val' in x ? x.val.ev : () => x.lit);
      const armArg = (x: Arm): Signal | number | bigint => ('val' in x ? x.val.sig : lit(x.lit));
      const armText = (x: Arm): string => ('val' in x ? ref(x.val) : `${x.lit}`);

      const ops: (() => Val)[] = [
        () => binary('add'),
        () => binary('sub'),
        () => binary('mul'),
        () => binary('mul'),
        () => binary('and'),
        () => binary('or'),
        () => binary('xor'),
        () => binary(rng.chance(0.5) ? 'eq' : 'ne'),
        () => binary(['lt', 'le', 'gt', 'ge'][rng.below(4)] as 'lt'),
        () => {
          const a = pick();
          return add(a.sig.neg(), { width: a.ty.width + 1, signed: true }, (env) => -a.ev(env), `neg(${ref(a)})`, true);
        },
        () => {
          const a = pick();
          return add(a.sig.not(), a.ty, (env) => (a.ty.signed ? ~a.ev(env) : mask(a.ty.width) - a.ev(env)), `not(${ref(a)})`, true);
        },
        () => {
          const a = pick();
          const k = rng.below(3);
          const w = a.ty.width;
          const u1: Ty = { width: 1, signed: false };
          if (k === 0) return add(a.sig.andReduce(), u1, (env) => (bitsOf(a.ev(env), w) === mask(w) ? 1n : 0n), `redand(${ref(a)})`);
          if (k === 1) return add(a.sig.orReduce(), u1, (env) => (bitsOf(a.ev(env), w) !== 0n ? 1n : 0n), `redor(${ref(a)})`);
          return add(a.sig.xorReduce(), u1, (env) => BigInt([...bitsOf(a.ev(env), w).toString(2)].filter((c) => c === '1').length & 1), `redxor(${ref(a)})`);
        },
        () => {
          const a = pick();
          const k = rng.int(0, 6);
          return add(a.sig.shl(k), { width: a.ty.width + k, signed: a.ty.signed }, (env) => a.ev(env) << BigInt(k), `shl(${ref(a)}, ${k})`, true);
        },
        () => {
          const a = pickRecent();
          const s = smallUnsigned(rng.int(1, 3));
          return add(a.sig.shl(s.sig), { width: a.ty.width + 2 ** s.ty.width - 1, signed: a.ty.signed }, (env) => a.ev(env) << s.ev(env), `shl(${ref(a)}, ${ref(s)})`, true);
        },
        () => {
          const a = pick();
          const k = rng.int(0, a.ty.width + 1);
          const w = a.ty.width;
          const ty = k === 0 ? a.ty : k >= w ? { width: 1, signed: a.ty.signed } : { width: w - k, signed: a.ty.signed };
          return add(a.sig.shr(k), ty, (env) => a.ev(env) >> BigInt(k), `shr(${ref(a)}, ${k})`, true);
        },
        () => {
          const a = pickRecent();
          const s = smallUnsigned(rng.int(1, 4));
          return add(a.sig.shr(s.sig), a.ty, (env) => a.ev(env) >> s.ev(env), `shr(${ref(a)}, ${ref(s)})`, true);
        },
        () => {
          const a = pick();
          const lo = rng.below(a.ty.width);
          const hi = rng.int(lo, a.ty.width - 1);
          return sliceOf(a, hi, lo);
        },
        () => {
          const a = pick();
          return add(a.sig.msb(), { width: 1, signed: false }, (env) => (bitsOf(a.ev(env), a.ty.width) >> BigInt(a.ty.width - 1)) & 1n, `msb(${ref(a)})`);
        },
        () => {
          const a = pick();
          const w = a.ty.width + rng.int(0, 6);
          return add(a.sig.ext(w), { width: w, signed: a.ty.signed }, a.ev, `ext(${ref(a)}, ${w})`, true);
        },
        () => {
          const a = pick();
          const w = rng.int(1, a.ty.width);
          const ty = { width: w, signed: a.ty.signed };
          return add(a.sig.trunc(w), ty, (env) => wrapTo(a.ev(env), ty), `trunc(${ref(a)}, ${w})`);
        },
        () => {
          const a = pick();
          const w = rng.int(1, a.ty.width + 6);
          const ty = { width: w, signed: a.ty.signed };
          return add(a.sig.resize(w), ty, (env) => wrapTo(a.ev(env), ty), `resize(${ref(a)}, ${w})`, true);
        },
        () => {
          const a = pick();
          const ty = { width: a.ty.width, signed: !a.ty.signed };
          const sig = a.ty.signed ? a.sig.asUnsigned() : a.sig.asSigned();
          return add(sig, ty, (env) => wrapTo(a.ev(env), ty), `${a.ty.signed ? 'asUnsigned' : 'asSigned'}(${ref(a)})`);
        },
        () => {
          const a = pick();
          return add(a.sig.toSigned(), a.ty.signed ? a.ty : { width: a.ty.width + 1, signed: true }, a.ev, `toSigned(${ref(a)})`, true);
        },
        () => {
          const a = pick();
          const signed = a.ty.signed || rng.chance(0.5);
          const ty = { width: need(a.ty, signed) + rng.int(0, 3), signed };
          return add(a.sig.as(ty.signed ? sint(ty.width) : uint(ty.width)), ty, a.ev, `as(${ref(a)}, ${tyText(ty)})`, true);
        },
        () => {
          const sel = oneBit();
          const t = arm(0.3);
          const f = arm(0.3);
          // A literal arm is typed next to the other arm's signedness (if that one is a signal).
          const tTy = armTy(t, 'val' in f ? f.val.ty.signed : false);
          const fTy = armTy(f, 'val' in t ? t.val.ty.signed : false);
          const ty = commonTy([tTy, fTy]);
          const te = armEv(t);
          const fe = armEv(f);
          return add(mux(sel.sig, armArg(t), armArg(f)), ty, (env) => (sel.ev(env) !== 0n ? te(env) : fe(env)), `mux(${ref(sel)}, ${armText(t)}, ${armText(f)})`, true);
        },
        () => {
          const idx = smallUnsigned(rng.int(1, 3));
          // Up to two cases more than the index can reach: those are never selected, so they do
          // not take part in the result type either.
          const n = rng.int(1, 2 ** idx.ty.width + 2);
          const reach = Math.min(n, 2 ** idx.ty.width);
          const cases: Arm[] = Array.from({ length: n }, () => arm(0.3));
          if (!cases.some((c) => 'val' in c)) cases[0] = { val: pick() };
          const fallback: Arm | undefined = rng.chance(0.5) ? arm(0.5) : undefined;
          const fb: Arm = fallback ?? { lit: 0n };
          const like = [...cases, fb].find((c): c is { val: Val } => 'val' in c)!.val;
          const ty = commonTy([...cases.slice(0, reach), fb].map((c) => armTy(c, like.ty.signed)));
          const evs = [...cases.slice(0, reach), fb].map(armEv);
          const sig = fallback ? select(idx.sig, cases.map(armArg), armArg(fallback)) : select(idx.sig, cases.map(armArg));
          return add(sig, ty, (env) => {
            const i = Number(idx.ev(env));
            return i < reach ? evs[i]!(env) : evs[reach]!(env);
          }, `select(${ref(idx)}, [${cases.map(armText).join(', ')}], ${fallback ? armText(fallback) : 'default 0'})`, true);
        },
        () => {
          const idx = smallUnsigned(rng.int(1, 3));
          const ty = { width: rng.int(1, 12), signed: rng.chance(0.5) };
          const entry = (): bigint => wrapTo(rng.bits(ty.width), ty);
          const n = rng.int(1, 2 ** idx.ty.width + 2);
          const table = Array.from({ length: n }, entry);
          const fb = entry();
          return add(rom(idx.sig, table.map(lit), ty.signed ? sint(ty.width) : uint(ty.width), lit(fb)), ty, (env) => table[Number(idx.ev(env))] ?? fb, `rom(${ref(idx)}, [${table.join(', ')}], ${tyText(ty)}, ${fb})`);
        },
        () => {
          const parts = Array.from({ length: rng.int(1, 3) }, pick);
          const width = parts.reduce((s, p) => s + p.ty.width, 0);
          return add(cat(...parts.map((p) => p.sig)), { width, signed: false }, (env) => parts.reduce((acc, p) => (acc << BigInt(p.ty.width)) | bitsOf(p.ev(env), p.ty.width), 0n), `cat(${parts.map(ref).join(', ')})`);
        },
        () => {
          const a = pick();
          const n = rng.int(1, 3);
          const w = a.ty.width;
          return add(repl(a.sig, n), { width: w * n, signed: false }, (env) => {
            let acc = 0n;
            for (let i = 0; i < n; i++) acc = (acc << BigInt(w)) | bitsOf(a.ev(env), w);
            return acc;
          }, `repl(${ref(a)}, ${n})`);
        },
        () => {
          const vals = Array.from({ length: rng.int(1, 4) }, pick);
          // The balanced tree's type: pairs level by level, an odd last one carried up.
          let level = vals.map((v) => v.ty);
          while (level.length > 1) {
            const next: Ty[] = [];
            for (let i = 0; i + 1 < level.length; i += 2) next.push(addTy(level[i]!, level[i + 1]!));
            if (level.length % 2) next.push(level[level.length - 1]!);
            level = next;
          }
          return add(sum(vals.map((v) => v.sig)), level[0]!, (env) => vals.reduce((s, v) => s + v.ev(env), 0n), `sum(${vals.map(ref).join(', ')})`, true);
        },
        () => {
          const a = pickRecent();
          return add(a.sig.named(`n${names++}`), a.ty, a.ev, `named(${ref(a)})`);
        },
        () => {
          const a = pickRecent();
          const w = m.wire(`w${names++}`, a.ty.signed ? sint(a.ty.width) : uint(a.ty.width));
          w.set(a.sig);
          return add(w, a.ty, a.ev, `wire(${ref(a)})`);
        },
        () => {
          const ty = { width: rng.int(2, 20), signed: rng.chance(0.5) };
          const v = wrapTo(rng.bits(ty.width) | 2n, ty) & ~1n; // neither 0 nor all ones
          return add(m.constant(lit(v), ty.signed ? sint(ty.width) : uint(ty.width)), ty, () => v, `constant ${v}`);
        },
      ];

      for (let k = 0; k < nOps; k++) {
        const v = ops[rng.below(ops.length)]!();
        if (v.ty.width > WIDTH_CAP) {
          const ty = { width: rng.int(8, 64), signed: v.ty.signed };
          add(v.sig.resize(ty.width), ty, (env) => wrapTo(v.ev(env), ty), `resize(${ref(v)}, ${ty.width})`);
        }
      }
      const chosen = new Set<Val>(pool.slice(-Math.ceil(nOut / 2)));
      while (chosen.size < Math.min(nOut, pool.length)) chosen.add(pick());
      [...chosen].forEach((v, k) => {
        const oname = `o${k}`;
        m.output(oname, v.sig);
        outputs.push({ name: oname, ty: v.ty, ev: v.ev, text: v.text });
      });
    },
    { clock: null },
  );
  return { def, name, inputs, outputs, typeErrors, rangeErrors, trace };
}

/** Input vectors: all-min, all-max, all-zero, then per input a corner value or uniform random bits. */
export function randomVectors(rng: Prng, inputs: readonly RandomPort[], count: number): bigint[][] {
  const corner = (t: Ty): bigint[] => [minOf(t), maxOf(t), 0n, 1n, t.signed ? -1n : maxOf(t) - 1n].filter((v) => fits(v, t));
  const vectors: bigint[][] = [inputs.map((p) => minOf(p.ty)), inputs.map((p) => maxOf(p.ty)), inputs.map(() => 0n)];
  while (vectors.length < count) {
    vectors.push(inputs.map((p) => (rng.chance(0.25) ? corner(p.ty)[rng.below(corner(p.ty).length)]! : wrapTo(rng.bits(p.ty.width), p.ty))));
  }
  return vectors;
}
