/**
 * Cosimulate a generated design against its golden model: derive the cosim target (ports,
 * clock, reset, handshake names) from the elaborated IR and the design's `cosim` spec, add the
 * spec's explicit corner transactions in front of the generated vectors, and run src/cosim.
 */
import { userError } from '../diag/error.ts';
import { asUserError } from './load-design.ts';
import type { IrDesign, IrModule, IrPort } from '../ir/types.ts';
import type { CosimSpec, Design, ParamRecord } from '../dsl/design.ts';
import type { CosimTarget, CosimResult, PortSpec, SimChoice, VectorOptions } from '../cosim/types.ts';
import { runCosim, type CosimOptions, type WavesOptions } from '../cosim/run-cosim.ts';
import { beatLayout } from '../cosim/layout.ts';
import { generateVectors, explicitVectors, type VectorSet } from '../cosim/vectors.ts';
import { loadVectorFile } from '../cosim/vector-file.ts';
import { topModule } from '../emit/emit-design.ts';

export interface DesignCosimOptions {
  readonly sim?: SimChoice;
  readonly seed?: number;
  /** Random vector count (overrides the spec's default). */
  readonly count?: number;
  /** Force exhaustive enumeration; a transaction over EXHAUSTIVE_LIMIT_BITS input bits is an error. */
  readonly exhaustive?: boolean;
  /** A JSONL vector file replacing the generated vectors. */
  readonly vectorFile?: string;
  readonly waves?: boolean | WavesOptions;
  readonly maxMismatches?: number;
  readonly verilatorFlags?: readonly string[];
  readonly buildDir?: string;
}

/**
 * The design's cosim spec for `params`. Its golden model is wrapped so that an exception it throws
 * is a user error located at the throw in the user's file, naming the transaction's inputs.
 */
export function cosimSpecOf(design: Design, params: ParamRecord, file: string): CosimSpec {
  if (!design.cosim) throw userError('this design declares no golden model', 'add `cosim: (p) => ({ protocol, golden })` to defineDesign', { file, line: 1, col: 1 });
  let spec: CosimSpec;
  try {
    spec = design.cosim(params as never);
  } catch (e) {
    throw asUserError(e, file, 'building its cosim spec');
  }
  const show = (x: unknown): string => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const golden: CosimSpec['golden'] = (inputs) => {
    try {
      return spec.golden(inputs);
    } catch (e) {
      throw asUserError(e, file, `computing the golden model of inputs ${show(inputs)}`);
    }
  };
  const goldenBatch: CosimSpec['goldenBatch'] = spec.goldenBatch
    ? (...args) => {
        try {
          return spec.goldenBatch!(...args);
        } catch (e) {
          throw asUserError(e, file, 'computing the batch golden model');
        }
      }
    : undefined;
  return { ...spec, golden, ...(goldenBatch ? { goldenBatch } : {}) };
}

/** The harness connects by the emitted (legalized) name, e.g. `reg_` for a port the design calls `reg`. */
function portSpec(mod: IrModule, p: IrPort): PortSpec {
  const s = mod.signals[p.signal]!;
  return { name: s.name ?? p.name, width: s.width, signed: s.signed };
}

/** Data ports by default; named ports may include valid bits (a pipeline's valid is data to its golden model). */
function pick(mod: IrModule, dir: 'input' | 'output', names: readonly string[] | undefined): PortSpec[] {
  const data = mod.ports.filter((p) => p.dir === dir && p.protocol === 'data');
  if (!names) return data.map((p) => portSpec(mod, p));
  const usable = mod.ports.filter((p) => p.dir === dir && p.protocol !== 'clock' && p.protocol !== 'reset');
  return names.map((n) => {
    const p = usable.find((q) => q.name === n);
    if (!p) throw userError(`cosim spec names ${dir} port '${n}', which module '${mod.name}' does not have as a data ${dir}`, `its data ${dir}s are: ${data.map((q) => q.name).join(', ')}`);
    return portSpec(mod, p);
  });
}

/** The cosim target of `ir`'s top module over the Verilog `files`. */
export function cosimTarget(ir: IrDesign, files: readonly string[], spec: CosimSpec): CosimTarget {
  const top = topModule(ir);
  const resetPort = top.ports.find((p) => p.protocol === 'reset');
  const emitted = (p: IrPort | undefined): string | undefined => (p ? (top.signals[p.signal]!.name ?? p.name) : undefined);
  const hs = (dir: 'input' | 'output', protocol: 'valid' | 'ready'): string | undefined => emitted(top.ports.find((p) => p.dir === dir && p.protocol === protocol));
  return {
    top: top.name,
    files,
    clock: top.clock?.name,
    reset: resetPort && top.reset ? { name: emitted(resetPort)!, activeLow: top.reset.activeLow } : undefined,
    inputs: pick(top, 'input', spec.inputs),
    outputs: pick(top, 'output', spec.outputs),
    protocol: spec.protocol,
    beats: spec.beats,
    handshake:
      spec.protocol.kind === 'stream'
        ? { inValid: hs('input', 'valid'), inReady: hs('output', 'ready'), outValid: hs('output', 'valid'), outReady: hs('input', 'ready') }
        : undefined,
  };
}

/** Two vector sets one after the other. */
export function concatVectors(a: VectorSet, b: VectorSet): VectorSet {
  if (a.count === 0) return b;
  const words = a.layout.wordsPerTxn;
  return {
    layout: a.layout,
    count: a.count + b.count,
    description: `${a.count} spec corners + ${b.description}`,
    fill(start, n, out) {
      const inA = Math.max(0, Math.min(n, a.count - start));
      if (inA > 0) a.fill(start, inA, out);
      if (n > inA) {
        const rest = out.subarray(inA * words);
        b.fill(Math.max(0, start - a.count), n - inA, rest);
      }
    },
    transaction: (i) => (i < a.count ? a.transaction(i) : b.transaction(i - a.count)),
  };
}

/** `--exhaustive` enumerates at most this many input bits per transaction (2^32 transactions). */
export const EXHAUSTIVE_LIMIT_BITS = 32;

/** The runCosim options of a design run (shared by cosim and the mutation check). */
export function designCosimOptions(ir: IrDesign, files: readonly string[], spec: CosimSpec, opts: DesignCosimOptions = {}): CosimOptions {
  const target = cosimTarget(ir, files, spec);
  const layout = beatLayout(target.inputs, target.beats?.in ?? 1);
  const seed = opts.seed ?? 1;
  let vectors: VectorSet;
  if (opts.vectorFile) {
    vectors = loadVectorFile(opts.vectorFile, layout);
  } else {
    if (opts.exhaustive && layout.bitsPerTxn > EXHAUSTIVE_LIMIT_BITS) {
      throw userError(
        `--exhaustive: one transaction of '${target.top}' has ${layout.bitsPerTxn} input bits, over the limit of ${EXHAUSTIVE_LIMIT_BITS} bits (2^${EXHAUSTIVE_LIMIT_BITS} transactions)`,
        'drop --exhaustive to run corner and seeded random vectors, or narrow the inputs with --param',
      );
    }
    const vo: VectorOptions = {
      ...spec.vectors,
      ...(opts.count !== undefined ? { count: opts.count } : {}),
      ...(opts.exhaustive ? { exhaustiveMaxBits: EXHAUSTIVE_LIMIT_BITS } : {}),
      seed,
    };
    const generated = generateVectors(layout, vo, seed);
    vectors = spec.corners && spec.corners.length > 0 ? concatVectors(explicitVectors(layout, spec.corners as bigint[][][], 'spec corners'), generated) : generated;
  }
  return {
    target,
    golden: spec.golden,
    goldenBatch: spec.goldenBatch,
    vectors,
    sim: opts.sim ?? 'both',
    seed,
    waves: opts.waves,
    maxMismatches: opts.maxMismatches,
    verilatorFlags: opts.verilatorFlags,
    buildDir: opts.buildDir,
  };
}

export async function cosimDesign(ir: IrDesign, files: readonly string[], spec: CosimSpec, opts: DesignCosimOptions = {}): Promise<CosimResult> {
  return runCosim(designCosimOptions(ir, files, spec, opts));
}
