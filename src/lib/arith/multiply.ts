/**
 * Multipliers composed from the blocks: partial products (AND array, radix-4 Booth or EN-T digits
 * of `a`) → bit heap → compressor tree (Wallace or Dadda, optional 4:2) → carry-propagate adder.
 *
 * Widths: `multiply(a, b)` is the exact product, `wa + wb` bits, signed when either operand is
 * (the DSL `mul` rule), for any widths ≥ 1 and any signedness. The recoders' odd-width rule does
 * not apply here: an odd signed multiplier is sign-padded automatically.
 */
import type { Signal } from '../../dsl/signal.ts';
import { bitHeap, type SignExtension } from './bit-heap.ts';
import { checkRecoder, type CpaKind, type Recoder, type Schedule } from './check.ts';
import { compressHeap } from './compress.ts';
import { addCpa } from './cpa.ts';
import { fail } from './located.ts';
import { arrayPartialProducts, recodedPartialProducts } from './partial-products.ts';
import { boothRecode, entRecode } from './recode.ts';

export interface MultiplyOptions {
  /** Partial products: 'array' (AND rows), 'booth' (radix-4 Booth digits of a), 'ent' (EN-T digits of a). Default 'booth'. */
  readonly recoder?: Recoder;
  /** Compressor-tree schedule (default 'dadda'). */
  readonly schedule?: Schedule;
  /** Use 4:2 compressors (default false). */
  readonly use42?: boolean;
  /** Final adder (default 'plus'). */
  readonly cpa?: CpaKind;
  /** Sign handling of the partial-product rows (default 'full'). */
  readonly signExtension?: SignExtension;
}

/** Exact `a · b` (sint/uint(wa + wb)) through a recoder, a compressor tree and a CPA. */
export function multiply(a: Signal, b: Signal, opts: MultiplyOptions = {}): Signal {
  const recoder = opts.recoder ?? 'booth';
  fail(checkRecoder(recoder));
  const W = a.width + b.width;
  const signed = a.signed || b.signed;
  const heap = bitHeap(a.m, W, { signExtension: opts.signExtension });
  if (recoder === 'array') arrayPartialProducts(heap, a, b);
  else recodedPartialProducts(heap, (recoder === 'booth' ? boothRecode : entRecode)(a, { signPad: true }), b);
  const { sum, carry } = compressHeap(heap, { schedule: opts.schedule, use42: opts.use42 });
  const p = addCpa(sum, carry, { kind: opts.cpa }).trunc(W);
  return signed ? p.asSigned() : p;
}
