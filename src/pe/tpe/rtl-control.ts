/**
 * Transaction controller shared by the TPE arrays (every form): three phases per transaction.
 * - LOAD: `in_ready` = 1; each accepted input beat is one array `step` with `feed` = 1 (the
 *   beat's operands enter the array); after `load` beats →
 * - FLUSH: `flush` steps with `feed` = 0 (zeros enter, the skewed wavefront finishes); →
 * - DRAIN: `out_valid` = 1; each accepted output beat is one `drain` shift; after `drain` beats → LOAD.
 * Phases with 0 cycles are skipped. The same controller drives baseline and transformed forms, so
 * both have the identical transaction protocol; only the datapath between `step`s differs.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
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

const LOAD = 0;
const FLUSH = 1;
const DRAIN = 2;

export function phaseControl(c: PhaseCounts): ModuleDef {
  const cw = Math.max(1, ceilLog2(Math.max(c.load, c.flush, c.drain)));
  return module(
    `tpe_ctrl_l${c.load}_f${c.flush}_d${c.drain}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1));
      const outReady = m.input('out_ready', uint(1));
      const phase = m.reg('phase', uint(2), { reset: LOAD });
      const count = m.reg('count', uint(cw), { reset: 0 });
      const inLoad = m.wire('in_load', phase.eq(LOAD));
      const inFlush = m.wire('in_flush', phase.eq(FLUSH));
      const inDrain = m.wire('in_drain', phase.eq(DRAIN));
      const take = m.wire('take', inLoad.and(inValid));
      const give = m.wire('give', inDrain.and(outReady));
      const inc = count.add(1).resize(cw);
      const lastLoad = take.and(count.eq(c.load - 1));
      const lastFlush = c.flush > 0 ? inFlush.and(count.eq(c.flush - 1)) : m.constant(0, uint(1));
      const lastDrain = give.and(count.eq(c.drain - 1));
      const afterLoad = c.flush > 0 ? FLUSH : DRAIN;
      phase.set(mux(lastLoad, afterLoad, mux(lastFlush, DRAIN, mux(lastDrain, LOAD, phase))));
      count.set(mux(lastLoad.or(lastFlush).or(lastDrain), 0, mux(take.or(inFlush).or(give), inc, count)));
      m.output('in_ready', inLoad);
      m.output('out_valid', inDrain);
      m.output('step', take.or(inFlush));
      m.output('feed', take);
      m.output('drain', give);
    },
    { doc: `TPE transaction control: ${c.load} input beats, ${c.flush} flush steps, ${c.drain} output beats` },
  );
}
