/**
 * Carry-propagate adders (tpe.md §3.3): `addCpa(a, b, { kind, cin })` = `a + b + cin`, exact.
 * Widths: like the DSL's `add`: both operands extended to their common type (signed if either is,
 * an unsigned operand widened by one bit when mixed), result one bit wider — uint/sint(max + 1).
 * `cin` is an optional uint(1) carry in.
 *
 * Kinds (the carry network over generate/propagate pairs `g_i = a_i & b_i`, `p_i = a_i ^ b_i`,
 * combined by `(g, p) ∘ (g', p') = (g | p & g', p & p')`; sum `s_i = p_i ^ c_i`):
 *   ripple       — one full adder per bit, carry chain (depth n, n cells);
 *   kogge-stone  — prefix with span doubling at every level (depth log2 n, n log2 n cells, fan-out 2);
 *   brent-kung   — up-sweep then down-sweep tree (depth 2 log2 n − 1, ~2n cells);
 *   sklansky     — divide and conquer (depth log2 n, (n/2) log2 n cells, high fan-out);
 *   plus         — the DSL's `+`: synthesis picks the architecture.
 */
import { commonType } from '../../ir/op-table.ts';
import type { Signal } from '../../dsl/signal.ts';
import { cat } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { checkCpaKind, type CpaKind } from './check.ts';
import { fail } from './located.ts';

export interface CpaOptions {
  /** Default 'plus'. */
  readonly kind?: CpaKind;
  /** Carry in, uint(1). */
  readonly cin?: Signal;
}

interface GP {
  g: Signal;
  p: Signal;
}

const combine = (hi: GP, lo: GP): GP => ({ g: hi.g.or(hi.p.and(lo.g)), p: hi.p.and(lo.p) });

/** Inclusive prefix over `x` (element 0 least significant) with the named network. */
function prefix(x: GP[], kind: Exclude<CpaKind, 'plus' | 'ripple'>): GP[] {
  const n = x.length;
  const y = [...x];
  if (kind === 'kogge-stone') {
    for (let d = 1; d < n; d *= 2) {
      const prev = [...y];
      for (let i = d; i < n; i++) y[i] = combine(prev[i]!, prev[i - d]!);
    }
  } else if (kind === 'sklansky') {
    for (let d = 1; d < n; d *= 2) {
      for (let i = 0; i < n; i++) if (i & d) y[i] = combine(y[i]!, y[(i & ~(d - 1)) - 1]!);
    }
  } else {
    let d = 1;
    for (; 2 * d <= n; d *= 2) for (let i = 2 * d - 1; i < n; i += 2 * d) y[i] = combine(y[i]!, y[i - d]!);
    for (d = Math.max(1, d / 2); d >= 1; d /= 2) for (let i = 3 * d - 1; i < n; i += 2 * d) y[i] = combine(y[i]!, y[i - d]!);
  }
  return y;
}

/** Exact `a + b + cin` with the chosen carry network. */
export function addCpa(a: Signal, b: Signal, opts: CpaOptions = {}): Signal {
  const kind = opts.kind ?? 'plus';
  fail(checkCpaKind(kind));
  const m = a.m;
  const t = commonType([a, m.operand(b, a)]);
  const W = t.width + 1;
  const signed = t.signed;
  if (kind === 'plus') {
    const s = a.add(b);
    return opts.cin ? s.add(opts.cin).trunc(W) : s;
  }
  const x = m.extendTo(a, { width: W, signed });
  const y = m.extendTo(b, { width: W, signed });
  const cin = opts.cin ?? m.constant(0, uint(1));
  const bits: Signal[] = [];
  if (kind === 'ripple') {
    let c = cin;
    for (let i = 0; i < W; i++) {
      const ai = x.bit(i);
      const bi = y.bit(i);
      const p = ai.xor(bi);
      bits.push(p.xor(c));
      c = ai.and(bi).or(p.and(c));
    }
  } else {
    // Element 0 is the carry in (g = cin, p = 0); element i + 1 is bit i. Carry into bit i = G[0..i].
    const gp: GP[] = [{ g: cin, p: m.constant(0, uint(1)) }];
    const ps: Signal[] = [];
    for (let i = 0; i < W; i++) {
      const ai = x.bit(i);
      const bi = y.bit(i);
      ps.push(ai.xor(bi));
      gp.push({ g: ai.and(bi), p: ps[i]! });
    }
    const pre = prefix(gp.slice(0, W), kind);
    for (let i = 0; i < W; i++) bits.push(ps[i]!.xor(pre[i]!.g));
  }
  const s = cat(...bits.reverse());
  return signed ? s.asSigned() : s;
}
