/**
 * Beat counters and transaction framing (lowbit-hdl/lib stream).
 *
 * `beatCounter`: counts accepted beats modulo `beats` (a register `<name>`, reset 0). `last` is
 * combinational from the count (`count = beats − 1`), so it is valid together with the beat it
 * describes; `wrap` = `advance && last` is the cycle the count returns to 0. The advance may be
 * given later (`advanceOn`) when it depends on `last` itself (an input handshake that stalls on
 * the last beat of a group).
 *
 * `frameCounter`: nested beat counters that frame a transaction, e.g. beats within a group,
 * groups within a tile: level 0 counts accepted beats, level i counts wraps of level i − 1.
 * `first(i)` / `last(i)` tell whether the current beat is in the first / last item of level i;
 * the transaction ends on `wrap` of the top level. A level of size 1 has no register (its flags
 * are constant 1).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';

/** Bits of an unsigned counter that holds 0 … n. */
export function bitsFor(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(n + 1)));
}

export interface BeatCounter {
  /** The count, uint(bitsFor(beats − 1)); null when `beats` = 1. */
  readonly count: Signal | null;
  /** The current beat is the last (`count = beats − 1`); constant 1 when `beats` = 1. */
  readonly last: Signal;
  /** The current beat is the first (`count = 0`); built on first read. */
  readonly first: Signal;
  /** `advance && last` (after the advance is known). */
  readonly wrap: Signal;
  /**
   * Close the loop when the advance depends on the counter (e.g. `in_ready` reads `last`): the
   * count steps on `advance`. Call once, and only when `beatCounter` got no advance.
   */
  advanceOn(advance: Signal): void;
}

export interface BeatCounterOptions {
  /** Name of the wire holding `last` (default: anonymous). */
  readonly lastName?: string;
  /** Name of the wire holding `first` (default: anonymous). */
  readonly firstName?: string;
}

/**
 * A modulo-`beats` counter `name` of the beats where `advance` is high (or, without `advance`,
 * of the beats given later to `advanceOn`).
 */
export function beatCounter(m: ModuleBuilder, name: string, beats: number, advance?: Signal, opts: BeatCounterOptions = {}): BeatCounter {
  if (!Number.isInteger(beats) || beats < 1) throw new RangeError(`beatCounter ${name}: beats must be an integer >= 1, got ${beats}`);
  const named = (n: string | undefined, s: Signal): Signal => (n === undefined ? s : m.wire(n, s));
  let adv: Signal | undefined;
  let wrap: Signal | undefined;
  const wrapOf = (): Signal => {
    if (adv === undefined) throw new Error(`beatCounter ${name}: wrap read before advanceOn`);
    return (wrap ??= beats === 1 ? adv : adv.and(last));
  };
  let step: (a: Signal) => void = () => {};
  let count: Signal | null = null;
  let last: Signal;
  let first: Signal | undefined;
  if (beats === 1) {
    last = m.constant(1, uint(1));
    first = last;
  } else {
    const w = bitsFor(beats - 1);
    const reg = m.reg(name, uint(w), { reset: 0 });
    count = reg;
    // A named `first` is declared before `last` (port/wire order follows the option order).
    if (opts.firstName !== undefined) first = named(opts.firstName, reg.eq(0));
    last = named(opts.lastName, reg.eq(beats - 1));
    const l = last;
    step = (a) => reg.set(mux(a, mux(l, m.constant(0, uint(w)), reg.add(1).trunc(w)), reg));
  }
  const c: BeatCounter = {
    count,
    last,
    get first() {
      return (first ??= named(opts.firstName, count!.eq(0)));
    },
    get wrap() {
      return wrapOf();
    },
    advanceOn(a) {
      if (adv !== undefined) throw new Error(`beatCounter ${name}: advance already given`);
      adv = a;
      step(a);
    },
  };
  if (advance !== undefined) c.advanceOn(advance);
  return c;
}

export interface FrameCounter {
  /** The level counters, innermost first. */
  readonly levels: readonly BeatCounter[];
  /** The current beat is in the first item of level `i` (all inner levels may be anywhere). */
  first(i: number): Signal;
  /** The current beat is in the last item of level `i`. */
  last(i: number): Signal;
  /** The accepted beat ends the transaction (every level wraps). */
  readonly end: Signal;
}

/** Nested counters `<name>_<i>` of sizes `sizes` (innermost first) over the beats where `advance` is high. */
export function frameCounter(m: ModuleBuilder, name: string, sizes: readonly number[], advance: Signal): FrameCounter {
  if (sizes.length === 0) throw new RangeError(`frameCounter ${name}: needs at least one level`);
  const levels: BeatCounter[] = [];
  let adv = advance;
  sizes.forEach((n, i) => {
    const c = beatCounter(m, `${name}_${i}`, n, adv);
    levels.push(c);
    adv = c.wrap;
  });
  const check = (i: number): BeatCounter => {
    const c = levels[i];
    if (!c) throw new RangeError(`frameCounter ${name}: level ${i} is outside 0 … ${levels.length - 1}`);
    return c;
  };
  return {
    levels,
    first: (i) => check(i).first,
    last: (i) => check(i).last,
    get end() {
      return levels.reduce<Signal>((a, c) => a.and(c.last), advance);
    },
  };
}
