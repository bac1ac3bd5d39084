/**
 * The `gen` job as a function: load a design file, resolve parameters, elaborate, check and emit.
 * Used by `gen`, by `lint`/`cosim`/`synth` when given a design file, and by tests.
 */
import { basename, join, resolve } from 'node:path';
import { loadDesign, asUserError } from './load-design.ts';
import { resolveParams, locateParamError } from './param-values.ts';
import { isLowbitError, LowbitError } from '../diag/error.ts';
import { elaborate } from '../dsl/elaborate.ts';
import { emitDesign } from '../emit/emit-design.ts';
import { writeOutputDir } from '../emit/write-output.ts';
import { planOutput } from '../emit/output-guard.ts';
import { VERSION } from './version.ts';
import { cosimSpecOf } from './design-cosim.ts';
import type { Diagnostic } from '../diag/error.ts';
import type { IrDesign } from '../ir/types.ts';
import type { Design, ParamValue } from '../dsl/design.ts';

export interface GenerateOptions {
  readonly params?: readonly string[];
  readonly top?: string;
  readonly singleFile?: boolean;
  readonly srcLocs?: boolean;
  /** Directory the files will be written to, given the top's name (absolute paths in `<top>.f`). */
  readonly outDirFor?: (top: string) => string;
}

export interface Generated {
  readonly file: string;
  readonly design: Design;
  readonly params: Record<string, ParamValue>;
  readonly ir: IrDesign;
  readonly files: Map<string, string>;
  readonly warnings: readonly Diagnostic[];
}

export async function generate(designPath: string, opts: GenerateOptions = {}): Promise<Generated> {
  // Parameter types come from the design's TypeScript (cached by content hash, design-meta.ts):
  // they find missing and ill-typed values.
  const { file, design, params: infos } = await loadDesign(designPath);
  const params = resolveParams(file, design.defaults, opts.params ?? [], infos);
  let top;
  try {
    top = design.build(params as never);
  } catch (e) {
    const located = isLowbitError(e) ? locateParamError(e.diagnostics, file, infos, params, opts.params ?? []) : undefined;
    throw located ? new LowbitError(located) : asUserError(e, file, 'elaborating');
  }
  const { design: ir, warnings } = elaborate(top, { topName: opts.top });
  const fileListDir = opts.outDirFor ? resolve(opts.outDirFor(ir.top)) : undefined;
  const cosim = design.cosim ? cosimSpecOf(design, params, file) : undefined;
  const paramDocs = Object.fromEntries(infos.map((i) => [i.name, i.doc]));
  const files = emitDesign(ir, { version: VERSION, source: basename(file), srcLocs: opts.srcLocs, singleFile: opts.singleFile, params, fileListDir, cosim, paramDocs });
  return { file, design, params, ir, files, warnings };
}

/**
 * Generate and write atomically to `outDir` (default `rtl-out/<top>`). Returns the directory. The
 * target is checked (src/emit/output-guard.ts) before and after elaborating: a refused target fails
 * fast, and nothing is written unless the whole design generates.
 */
export async function generateTo(designPath: string, opts: GenerateOptions & { outDir?: string; force?: boolean } = {}): Promise<Generated & { outDir: string }> {
  if (opts.outDir !== undefined) planOutput(opts.outDir, { force: opts.force }); // refuse before elaborating
  const dirFor = (top: string): string => opts.outDir ?? join('rtl-out', top);
  const g = await generate(designPath, { ...opts, outDirFor: dirFor });
  const outDir = dirFor(g.ir.top);
  writeOutputDir(outDir, g.files, { force: opts.force, protect: [g.file] });
  return { ...g, outDir };
}
