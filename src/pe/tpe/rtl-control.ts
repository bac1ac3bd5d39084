/**
 * Transaction controllers shared by the TPE arrays (every form). `streamControl` (below): a
 * valid/ready pipeline for the streaming arrays. `phaseControl`: three phases per transaction.
 * - LOAD: `in_ready` = 1; each accepted input beat is one array `step` (the beat's operands
 *   enter the array: the array feeds its edge while `in_ready`); after `load` beats →
 * - FLUSH: `flush` steps with `in_ready` = 0 (zeros enter, the skewed wavefront finishes); →
 * - DRAIN: `out_valid` = 1; each accepted output beat is one drain shift; after `drain` beats → LOAD.
 * Phases with 0 cycles are skipped. The same controller drives baseline and transformed forms, so
 * both have the identical transaction protocol; only the datapath between `step`s differs.
 *
 * Registered boundary (docs/synth.md, "The boundary-path check"): the phase is one-hot in three
 * flip-flops, so `in_ready` / `out_valid` — which the array also uses as its feed select (zeros
 * enter outside LOAD) and its drain select (accumulators shift instead of accumulate) — leave as
 * register outputs. The only combinational outputs are the two enables `step` (an input beat is
 * taken, or a flush step) and `en` (`step` or an output beat is taken: every accumulator
 * register), and `en_edge` (`en` without the flush steps: the accumulator of a PE whose operands
 * come straight from the top inputs, which must not accumulate them outside LOAD), which depend on
 * `in_valid` / `out_ready` in the same cycle as valid/ready requires; the array uses them only as
 * register enables, so no logic follows them across the boundary.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { mux } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { ceilLog2 } from './params.ts';

export interface PhaseCounts {
  /** Input beats per transaction (≥ 1). */
  readonly load: number;
  /** Flush steps after the last input beat (≥ 0). */
  readonly flush: number;
  /** Output beats per transaction (≥ 1). */
  readonly drain: number;
}

export function phaseControl(c: PhaseCounts): ModuleDef {
  const cw = Math.max(1, ceilLog2(Math.max(c.load, c.flush, c.drain)));
  return module(
    `tpe_ctrl_l${c.load}_f${c.flush}_d${c.drain}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1));
      const outReady = m.input('out_ready', uint(1));
      // One-hot phase: exactly one of the three flags is set (LOAD after reset).
      const inLoad = m.reg('in_load', uint(1), { reset: 1 });
      const inFlush = m.reg('in_flush', uint(1), { reset: 0 });
      const inDrain = m.reg('in_drain', uint(1), { reset: 0 });
      const count = m.reg('count', uint(cw), { reset: 0 });
      const take = m.wire('take', inLoad.and(inValid));
      const give = m.wire('give', inDrain.and(outReady));
      const inc = count.add(1).resize(cw);
      const lastLoad = m.wire('last_load', take.and(count.eq(c.load - 1)));
      const lastFlush = m.wire('last_flush', c.flush > 0 ? inFlush.and(count.eq(c.flush - 1)) : m.constant(0, uint(1)));
      const lastDrain = m.wire('last_drain', give.and(count.eq(c.drain - 1)));
      // LOAD → FLUSH (or DRAIN when flush = 0) → DRAIN → LOAD.
      const toFlush = c.flush > 0 ? lastLoad : m.constant(0, uint(1));
      const toDrain = c.flush > 0 ? lastFlush : lastLoad;
      inLoad.set(mux(lastDrain, 1, mux(lastLoad, 0, inLoad)));
      inFlush.set(mux(toFlush, 1, mux(lastFlush, 0, inFlush)));
      inDrain.set(mux(toDrain, 1, mux(lastDrain, 0, inDrain)));
      count.set(mux(lastLoad.or(lastFlush).or(lastDrain), 0, mux(take.or(inFlush).or(give), inc, count)));
      const step = m.wire('step_w', take.or(inFlush));
      m.output('in_ready', inLoad);
      m.output('out_valid', inDrain);
      m.output('step', step);
      m.output('en', step.or(give));
      m.output('en_edge', take.or(give));
    },
    { doc: `TPE transaction control: ${c.load} input beats, ${c.flush} flush steps, ${c.drain} output beats` },
  );
}

/** The handshake of a streaming TPE array (`streamControl`). */
export interface StreamControl {
  /** Global enable: every pipeline register advances (the last stage is empty or its beat is taken). */
  readonly en: Signal;
  /** An input beat is accepted this cycle (`in_valid` and `in_ready`). */
  readonly take: Signal;
  /** `in_ready`. */
  readonly ready: Signal;
  /** Valid bit per pipeline stage; the last one is `out_valid`. */
  readonly valid: readonly Signal[];
  /** The next input beat is the first of a transaction (beat counter at 0). */
  readonly first: Signal;
  /** The first beat of a transaction is accepted this cycle (weights load). */
  readonly load: Signal;
}

export interface StreamControlConfig {
  /** Pipeline stages from input beat to output beat (≥ 1). */
  readonly stages: number;
  /** Input beats per transaction (≥ 1). */
  readonly beats: number;
  readonly inValid: Signal;
  readonly outReady: Signal;
  /**
   * Optional: when this signal (built from the stage valid bits) is high, the first beat of a
   * transaction is not accepted — for arrays whose weights must not change under beats in flight.
   */
  readonly holdFirst?: (valid: readonly Signal[]) => Signal;
}

/**
 * A valid/ready pipeline with one global enable (shared by the multiplier-adder tree, the systolic
 * WS array and the 3D-Cube): a valid bit per stage, `en` = last stage empty or taken, an input beat
 * is taken when `in_valid` and `en` (and not held), and a beat counter marks the first beat of each
 * transaction of `beats` beats. A bubble (no input beat on an enabled cycle) enters as valid 0.
 */
export function streamControl(m: ModuleBuilder, c: StreamControlConfig): StreamControl {
  const bw = Math.max(1, ceilLog2(c.beats));
  const valid = Array.from({ length: c.stages }, (_, s) => m.reg(`vld_${s}`, uint(1), { reset: 0, en: undefined }));
  const en = m.wire('en', valid[c.stages - 1]!.not().or(c.outReady));
  const next = (beat: Signal) => (c.beats === 1 ? 0 : mux(beat.eq(c.beats - 1), 0, beat.add(1).resize(bw)));
  const setValid = (take: Signal) => valid.forEach((v, s) => v.set(mux(en, s === 0 ? take : valid[s - 1]!, v)));
  let take: Signal;
  let ready: Signal = en;
  let first: Signal;
  if (c.holdFirst) {
    // The hold needs `first` before `take`: the beat counter advances through a mux.
    const beat = m.reg('beat', uint(bw), { reset: 0, en: undefined });
    first = m.wire('first', beat.eq(0));
    ready = m.wire('in_rdy', en.and(first.and(c.holdFirst(valid)).not()));
    take = m.wire('take', c.inValid.and(ready));
    beat.set(mux(take, next(beat), beat));
    setValid(take);
  } else {
    take = m.wire('take', c.inValid.and(en));
    setValid(take);
    const beat = m.reg('beat', uint(bw), { reset: 0, en: take });
    beat.set(next(beat));
    first = m.wire('first', beat.eq(0));
  }
  const load = m.wire('load', take.and(first));
  return { en, take, ready, valid, first, load };
}
