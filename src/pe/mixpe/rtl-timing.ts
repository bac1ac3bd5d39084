/**
 * Stream timing of the MixPE array top (`mixpeArray`), as the controller (rtl-control.ts) and
 * the epilogue pipeline build it, for the datasheet. Every figure is measured by
 * test/pe/mixpe/rtl-timing.test.ts with the independent datasheet testbench.
 *
 * Derivation (PE latency L; both MixPE PEs have L = 0; w = columns per epilogue, 1 … floor(G/rows)):
 * - A tile's last input beat (a group's last beat) loads the drain chains L cycles after it is
 *   accepted; the chain head is consumed one cycle later and passes epilogue stages B, C, D and
 *   the output register: the first output beat is valid `L + 5 + (w − 1)` cycles after the cycle
 *   of the last input beat (a row's w items leave one per cycle; the first w − 1 wait in the
 *   gather registers), and the `rows` output beats follow one every w cycles, row 0 first.
 * - With `out_ready` high and `rows ≤ G` the input never waits: a new tile every K cycles.
 * - With `out_ready` held low the pipeline freezes as soon as the first output beat is in the
 *   output register with a row's last item: by then w + 3 chain items have been consumed (gather,
 *   stages B, C, D, output). Only a group's last beat can wait (for an empty chain), so the array
 *   accepts the whole tile (K beats), then, if the chain emptied (`rows · w ≤ w + 3`), the next tile's first group (G more beats),
 *   and then all but the last beat of the next group: `K + G − 1 (+ G if rows · w ≤ w + 3)` input beats
 *   (L = 0; 2K − 1 for K = 2G and small arrays).
 * - `dequantUnit = BIT_SERIAL` (S = scale significand bits cycles per group result, one unit per
 *   epilogue, overlapping the next group's MACs): the first output beat comes `L + 5 + w·S`
 *   cycles after the last input beat, output beats follow one every w·S cycles, the input still
 *   never waits (rows · w · S ≤ G, validated), and the frozen pipeline holds w + 1 items (the row
 *   in the gather and output registers, the next item finished in the unit), so the next tile's
 *   first group fits too when rows · w ≤ w + 1.
 * - `in_ready` depends combinationally on `out_ready` (L = 0): on a group's last beat while the
 *   chain holds its last item, the beat is taken exactly when that item leaves this cycle,
 *   which needs the output register to move (`!out_valid || out_ready`).
 */
import { dequantCycles, epilogueColumns, type MixpeParams } from './params.ts';

export interface MixpeArrayTiming {
  /** Cycles from the cycle the tile's last input beat is accepted to its first output beat. */
  readonly firstOutputLatency: number;
  /** Cycles between tiles at full rate (out_ready high, input always valid). */
  readonly tileInterval: number;
  /** Output beats per tile, row 0 first, one every `outputBeatInterval` cycles. */
  readonly outputBeats: number;
  /** Cycles between the output beats of a tile: the columns per epilogue (1: consecutive). */
  readonly outputBeatInterval: number;
  /** Input beats accepted from reset when out_ready is held low and in_valid high (L = 0). */
  readonly stalledInputBeats: number;
  /** Whether `in_ready` depends combinationally on `out_ready`. */
  readonly inReadyOnOutReady: boolean;
  /** Columns per epilogue (w). */
  readonly columnsPerEpilogue: number;
  /** Cycles the epilogue spends on one group result (1; BIT_SERIAL: the scale significand bits S). */
  readonly itemInterval: number;
  /** Chain items that have left the chain when the pipeline freezes on a stalled output (L = 0). */
  readonly frozenItems: number;
}

/** Epilogue pipeline stages between the chain head and the output port: B, C, D, output register. */
const EPILOGUE_STAGES = 4;

export function mixpeArrayTiming(p: MixpeParams, peLatency = 0): MixpeArrayTiming {
  if (peLatency !== 0) throw new RangeError('mixpeArrayTiming: the timing figures are derived for PE latency 0');
  const w = epilogueColumns(p).width;
  const S = dequantCycles(p);
  // Chain items per group and epilogue, and how many have left the chain when the pipeline
  // freezes. SHARED_MULT: the gather (w − 1), B, C, D and the output register. BIT_SERIAL: item j
  // is consumed at cycle 1 + j·S and the output register takes the row's last item at 4 + w·S, so
  // consumes go on while j·S ≤ 3 + w·S: w + 1 + floor(3 / S) items (w + 1 for every scale format:
  // the row in the gather and output register, the next item finished in the unit).
  const items = p.rows * w;
  const frozen = S > 1 ? w + 1 + Math.floor(3 / S) : w - 1 + EPILOGUE_STAGES;
  return {
    // SHARED_MULT: consume (1) + B, C, D, output (4) + the row's other w − 1 items, one per cycle.
    // BIT_SERIAL: each item takes S cycles in the unit before stage B: 1 + 4 + w·S.
    firstOutputLatency: peLatency + 1 + EPILOGUE_STAGES + (S > 1 ? w * S : w - 1),
    tileInterval: p.K,
    outputBeats: p.rows,
    outputBeatInterval: w * S,
    stalledInputBeats: p.K + p.G - 1 + (items <= frozen ? p.G : 0),
    inReadyOnOutReady: true,
    columnsPerEpilogue: w,
    itemInterval: S,
    frozenItems: frozen,
  };
}

/** The timing paragraph of the datasheet (one line: it is also the top's Verilog header comment). */
export function mixpeTimingText(p: MixpeParams): string {
  const t = mixpeArrayTiming(p);
  return (
    `Stream timing: one tile = ${p.K} input beats -> ${t.outputBeats} output beats (row m = beat m, ${t.outputBeatInterval === 1 ? 'consecutive cycles' : `one every ${t.outputBeatInterval} cycles: ${p.epilogues} epilogue(s) shared by ${t.columnsPerEpilogue} columns${t.itemInterval > 1 ? `, a bit-serial dequantization unit taking ${t.itemInterval} cycles per group result` : ''}`}); ` +
    `first output beat ${t.firstOutputLatency} cycles after the cycle of the last input beat; ` +
    `a new tile every ${t.tileInterval} cycles (the input never waits while out_ready is high); ` +
    `with out_ready low it accepts ${t.stalledInputBeats} input beats before in_ready drops; ` +
    `in_ready depends combinationally on out_ready.`
  );
}
