/**
 * Transaction-level formal equivalence of two stream designs with the same ports (for example the
 * baseline and transformed forms of one TPE array), with Yosys SAT over bounded time frames.
 *
 * The two forms differ in latency, so their outputs are not equal cycle by cycle. The miter
 * (`miterVerilog`) compares *beat sequences* instead: both designs share every data input; an
 * input beat is offered to both at once (`in_valid = env_valid & in_ready_a & in_ready_b`, so they
 * see the same beat sequence whatever their throughput); both see the same free `out_ready`; each
 * side records its first `slots` output beats in order; the assertion is that beat i of one side
 * equals beat i of the other whenever both have produced it. `sat -seq N -prove-asserts` from the
 * reset state (all registers zero, reset asserted in the first frame) then proves: for EVERY input
 * sequence of N cycles (data, valid and ready chosen freely each cycle) the output beats agree.
 * That is a bounded proof (depth N cycles, at most `slots` beats); choose N to cover a few
 * transactions of the slower form. A failure yields the inputs of the failing trace, turned into
 * the accepted input transactions (a `cosim --vector-file` JSONL line each).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userError } from '../diag/error.ts';
import { runYosys } from '../synth/index.ts';
import type { CosimTarget, PortSpec } from './types.ts';

export interface EquivSide {
  /** Verilog files, absolute. */
  readonly files: readonly string[];
  /** The stream target (ports, clock, reset, handshake names, beats). */
  readonly target: CosimTarget;
}

export interface TransactionEquivOptions {
  /** Time frames (clock cycles from reset) the proof covers; default 24. */
  readonly depth?: number;
  /** Output beats recorded and compared per side; default 4. */
  readonly slots?: number;
  /**
   * Data outputs left out of the comparison (default none), e.g. the TPE column's `cycles`, which
   * differs between forms by design; every other output must still match beat for beat.
   */
  readonly ignore?: readonly string[];
}

export interface TransactionEquivResult {
  readonly status: 'equivalent' | 'different';
  readonly depth: number;
  readonly slots: number;
  /** When different: the input transactions accepted before the failing cycle. */
  readonly counterexample?: {
    /** First time frame (1-based, frame 1 is the reset cycle) with a failing assertion. */
    readonly frame: number;
    readonly transactions: bigint[][][];
    /** One JSONL line per transaction (positional beats), for `cosim --vector-file`. */
    readonly jsonl: string;
  };
  readonly script: string;
  readonly elapsedMs: number;
}

const hs = (t: CosimTarget) => ({
  inValid: t.handshake?.inValid ?? 'in_valid',
  inReady: t.handshake?.inReady ?? 'in_ready',
  outValid: t.handshake?.outValid ?? 'out_valid',
  outReady: t.handshake?.outReady ?? 'out_ready',
});

const same = (x: readonly PortSpec[], y: readonly PortSpec[]): boolean =>
  x.length === y.length && x.every((p, i) => p.name === y[i]!.name && p.width === y[i]!.width);

function checkSides(a: CosimTarget, b: CosimTarget): void {
  if (a.protocol.kind !== 'stream' || b.protocol.kind !== 'stream') {
    throw userError('transaction equivalence needs stream designs (valid/ready)', `got ${a.protocol.kind} and ${b.protocol.kind}`);
  }
  if (!same(a.inputs, b.inputs)) throw userError('the two designs have different data inputs', `${a.inputs.map((p) => `${p.name}[${p.width}]`).join(' ')} vs ${b.inputs.map((p) => `${p.name}[${p.width}]`).join(' ')}`);
  if (!same(a.outputs, b.outputs)) throw userError('the two designs have different data outputs', `${a.outputs.map((p) => `${p.name}[${p.width}]`).join(' ')} vs ${b.outputs.map((p) => `${p.name}[${p.width}]`).join(' ')}`);
  const ba = a.beats ?? { in: 1, out: 1 };
  const bb = b.beats ?? { in: 1, out: 1 };
  if (ba.in !== bb.in || ba.out !== bb.out) throw userError('the two designs have different transaction shapes', `${ba.in}/${ba.out} vs ${bb.in}/${bb.out} beats`);
}

const vec = (w: number): string => (w > 1 ? `[${w - 1}:0] ` : '');

/**
 * The miter module `lowbit_miter` over modules `gold_top` and `gate_top` (see file header); the
 * outputs named in `ignore` are connected but not part of the compared beat.
 */
export function miterVerilog(t: CosimTarget, slots: number, ignore: readonly string[] = []): string {
  const h = hs(t);
  const clk = t.clock ?? 'clk';
  const compared = t.outputs.filter((p) => !ignore.includes(p.name));
  const outW = compared.reduce((s, p) => s + p.width, 0);
  const cw = Math.max(1, Math.ceil(Math.log2(slots + 1)));
  const L: string[] = [];
  const ports = ['input clk', 'input rst', 'input env_valid', 'input env_ready', ...t.inputs.map((p) => `input ${vec(p.width)}${p.name}`), 'output take'];
  L.push('`default_nettype none', `module lowbit_miter(${ports.join(', ')});`);
  for (const side of ['a', 'b']) {
    L.push(`  wire ${side}_in_ready, ${side}_out_valid;`);
    for (const p of t.outputs) L.push(`  wire ${vec(p.width)}${side}_${p.name};`);
  }
  L.push('  assign take = env_valid & a_in_ready & b_in_ready;');
  const rstExpr = t.reset ? (t.reset.activeLow ? '~rst' : 'rst') : null;
  for (const [side, mod] of [['a', 'gold_top'], ['b', 'gate_top']] as const) {
    const conns = [
      `.${clk}(clk)`,
      ...(t.reset && rstExpr ? [`.${t.reset.name}(${rstExpr})`] : []),
      `.${h.inValid}(take)`,
      `.${h.outReady}(env_ready)`,
      `.${h.inReady}(${side}_in_ready)`,
      `.${h.outValid}(${side}_out_valid)`,
      ...t.inputs.map((p) => `.${p.name}(${p.name})`),
      ...t.outputs.map((p) => `.${p.name}(${side}_${p.name})`),
    ];
    L.push(`  ${mod} u_${side}(${conns.join(', ')});`);
  }
  for (const side of ['a', 'b']) {
    L.push(`  wire [${outW - 1}:0] ${side}_beat = {${compared.map((p) => `${side}_${p.name}`).join(', ')}};`);
    L.push(`  reg [${cw - 1}:0] ${side}_n;`);
    for (let i = 0; i < slots; i++) L.push(`  reg [${outW - 1}:0] ${side}_s${i};`);
    L.push(`  always @(posedge clk) begin`);
    L.push(`    if (rst) ${side}_n <= ${cw}'d0;`);
    L.push(`    else if (${side}_out_valid && env_ready && ${side}_n != ${cw}'d${slots}) ${side}_n <= ${side}_n + ${cw}'d1;`);
    for (let i = 0; i < slots; i++) L.push(`    if (!rst && ${side}_out_valid && env_ready && ${side}_n == ${cw}'d${i}) ${side}_s${i} <= ${side}_beat;`);
    L.push('  end');
  }
  L.push('  always @* begin');
  for (let i = 0; i < slots; i++) L.push(`    if (a_n > ${cw}'d${i} && b_n > ${cw}'d${i}) assert (a_s${i} == b_s${i});`);
  L.push('  end', 'endmodule', '');
  return L.join('\n');
}

/** Rows of Yosys's `sat -show-inputs -show-outputs` table: frame -> signal -> bits (MSB first). */
export function parseSatTable(log: string): Map<number, Map<string, string>> {
  const frames = new Map<number, Map<string, string>>();
  for (const m of log.matchAll(/^\s+(\d+)\s+\\(\S+)\s+\S+\s+\S+\s+([01xz]+)\s*$/gm)) {
    const f = Number(m[1]);
    if (!frames.has(f)) frames.set(f, new Map());
    frames.get(f)!.set(m[2]!, m[3]!);
  }
  return frames;
}

function toValue(bits: string, p: PortSpec): bigint {
  let v = BigInt('0b' + (bits.replace(/[xz]/g, '0') || '0'));
  if (p.signed && bits.length > 0 && bits[0] === '1') v -= 1n << BigInt(bits.length);
  return v;
}

/** The accepted input beats of a SAT trace, grouped into complete transactions. */
export function transactionsOfTrace(frames: Map<number, Map<string, string>>, t: CosimTarget): bigint[][][] {
  const beatsIn = t.beats?.in ?? 1;
  const beats: bigint[][] = [];
  for (const f of [...frames.keys()].sort((x, y) => x - y)) {
    const row = frames.get(f)!;
    if (row.get('take') !== '1' || row.get('rst') === '1') continue;
    beats.push(t.inputs.map((p) => toValue(row.get(p.name) ?? '0', p)));
  }
  const txns: bigint[][][] = [];
  for (let i = 0; i + beatsIn <= beats.length; i += beatsIn) txns.push(beats.slice(i, i + beatsIn));
  return txns;
}

export async function proveTransactionEquivalence(a: EquivSide, b: EquivSide, opts: TransactionEquivOptions = {}): Promise<TransactionEquivResult> {
  checkSides(a.target, b.target);
  const depth = opts.depth ?? 24;
  const slots = opts.slots ?? 4;
  if (!(Number.isInteger(depth) && depth >= 2 && depth <= 200)) throw userError(`equivalence depth must be an integer from 2 to 200, got ${depth}`);
  if (!(Number.isInteger(slots) && slots >= 1 && slots <= 64)) throw userError(`compared output beats must be an integer from 1 to 64, got ${slots}`);
  const ignore = opts.ignore ?? [];
  const names = a.target.outputs.map((p) => p.name);
  for (const n of ignore) if (!names.includes(n)) throw userError(`ignored output '${n}' is not a data output of ${a.target.top}`, `data outputs: ${names.join(', ')}`);
  if (names.every((n) => ignore.includes(n))) throw userError('every data output is ignored: nothing left to compare', `data outputs: ${names.join(', ')}`);
  const inputs: Record<string, string> = {};
  const lines: string[] = [];
  for (const [tag, side, as] of [['a', a, 'gold_top'], ['b', b, 'gate_top']] as const) {
    side.files.forEach((f, i) => {
      const name = `${tag}/${i}_${basename(f)}`;
      inputs[name] = readFileSync(f, 'utf8');
      lines.push(`read_verilog ${name}`);
    });
    lines.push(`hierarchy -top ${side.target.top}`, 'proc', 'flatten', `rename ${side.target.top} ${as}`, `design -stash ${tag}`);
  }
  inputs['miter.v'] = miterVerilog(a.target, slots, ignore);
  lines.push(
    'design -copy-from a -as gold_top gold_top',
    'design -copy-from b -as gate_top gate_top',
    'read_verilog -formal miter.v',
    'hierarchy -top lowbit_miter',
    'proc',
    // Yosys >= 0.38 reads immediate assertions as $check cells; sat needs $assert.
    'chformal -lower',
    'flatten',
    'opt_clean',
    [
      `sat -seq ${depth} -prove-asserts -set-init-zero -set-at 1 rst 1`,
      ...Array.from({ length: depth - 1 }, (_, i) => `-set-at ${i + 2} rst 0`),
      '-show-inputs -show-outputs',
    ].join(' '),
  );
  const script = lines.join('\n') + '\n';
  const run = await runYosys(script, inputs);
  if (/SAT proof finished - no model found: SUCCESS/.test(run.log)) {
    return { status: 'equivalent', depth, slots, script, elapsedMs: Math.round(run.elapsedMs) };
  }
  if (!/SAT proof finished - model found: FAIL/.test(run.log)) throw new Error('Yosys sat printed neither SUCCESS nor FAIL');
  const frames = parseSatTable(run.log.slice(run.log.lastIndexOf('SAT proof finished')));
  const failing = /failed in step\s+(\d+)|Assert failed in step\s+(\d+)/.exec(run.log);
  const transactions = transactionsOfTrace(frames, a.target);
  const jsonl = transactions.map((tx) => JSON.stringify(tx.map((beat) => beat.map((v) => v.toString())))).join('\n');
  return {
    status: 'different',
    depth,
    slots,
    counterexample: { frame: failing ? Number(failing[1] ?? failing[2]) : depth, transactions, jsonl },
    script,
    elapsedMs: Math.round(run.elapsedMs),
  };
}
