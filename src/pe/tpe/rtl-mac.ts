/**
 * The two MAC cores every TPE PE is built from (specs/tpe.md §4), shared by the systolic OS, the
 * systolic WS and the 3D-Cube arrays:
 *
 *   cpaMac(m, acc, a, b, p)        — baseline: `acc + a·b` with a multiplier and a carry-propagate
 *                                    adder of kind `edgeCpa` in the loop, accW bits (wire `mac`).
 *   carrySaveMac(m, a, b, rows, p) — OPT1: the radix-4 partial products of `a·b` (Booth, or EN-T
 *                                    with `recoder: 'ent'`) and the carry-save rows `rows` (an
 *                                    accumulator or an incoming partial sum, 0 or 2 rows) form one
 *                                    bit heap of accW columns (sign extension `signExt`), reduced by
 *                                    one compressor tree (`tree`, `compress42`) to the next
 *                                    (sum, carry) with sum + carry ≡ rows + a·b (mod 2^accW). No CPA.
 *   edgeCpa(sum, carry, p)         — OPT1's deferred CPA at the array edge: (sum + carry) mod 2^accW
 *                                    in binary, typed as the result C (signed unless both unsigned).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { addCpa } from '../../lib/arith/cpa.ts';
import { bitHeap } from '../../lib/arith/bit-heap.ts';
import { compressHeap, type Compressed } from '../../lib/arith/compress.ts';
import { recodedPartialProducts } from '../../lib/arith/partial-products.ts';
import { boothRecode, entRecode } from '../../lib/arith/recode.ts';
import type { TpeParams } from './params.ts';
import { tpeRecoder, tpeTypes } from './rtl-common.ts';

/** Baseline MAC: `acc + a·b` through a CPA of kind `edgeCpa`, resized to accW (wire `mac`). */
export function cpaMac(m: ModuleBuilder, acc: Signal, a: Signal, b: Signal, p: TpeParams): Signal {
  return m.wire('mac', addCpa(acc, a.mul(b), { kind: p.edgeCpa }).resize(tpeTypes(p).acc.width));
}

/** OPT1 MAC: partial products of `a·b` plus the carry-save `rows` compressed to (sum, carry). */
export function carrySaveMac(m: ModuleBuilder, a: Signal, b: Signal, rows: readonly Signal[], p: TpeParams): Compressed {
  const heap = bitHeap(m, tpeTypes(p).acc.width, { signExtension: p.signExt });
  const digits = tpeRecoder(p) === 'booth' ? boothRecode(a) : entRecode(a);
  recodedPartialProducts(heap, digits, b);
  for (const r of rows) heap.addRow(r);
  return compressHeap(heap, { schedule: p.tree, use42: p.compress42 });
}

/** The edge CPA of OPT1: `(sum + carry) mod 2^accW` with a CPA of kind `edgeCpa`, typed as C. */
export function edgeCpa(sum: Signal, carry: Signal, p: TpeParams): Signal {
  const acc = tpeTypes(p).acc;
  const c = addCpa(sum, carry, { kind: p.edgeCpa }).trunc(acc.width);
  return acc.signed ? c.asSigned() : c;
}

/** Module-name tag of a configuration's operands and result: `s8s8_acc19`. */
export function operandTag(p: TpeParams): string {
  return `${p.aSigned ? 's' : 'u'}${p.W}${p.bSigned ? 's' : 'u'}${p.W}_acc${tpeTypes(p).acc.width}`;
}

/** Module-name tag of an OPT1 core: `booth_s8s8_acc19_dadda_full`. */
export function optTag(p: TpeParams): string {
  return `${tpeRecoder(p)}_${operandTag(p)}_${p.tree}${p.compress42 ? '42' : ''}_${p.signExt}`;
}
