/**
 * `<top>.core`: the FuseSoC CAPI2 core of one generated design (templates/outputs/core.hbs). It has
 * one fileset of the Verilog-2005 files (named relative to the core, as FuseSoC requires) and four
 * targets for edalize's tool backends: `default` (the core used as a dependency), `lint`
 * (Verilator, `mode: lint-only`, `-Wall`), `sim` (Icarus, `-g2005`) and `synth` (Yosys, with the
 * `arch` the yosys backend requires, here `xilinx`, and a JSON netlist).
 *
 * FuseSoC reads a core with a YAML 1.1 parser, so every scalar that comes from the user (the
 * description, the top's name) is written double-quoted: a `#`, `: `, a leading `-`/`[`/`*` or a
 * top named `on`/`no`/`null` then stays the string it is. A JSON string is a valid YAML
 * double-quoted scalar.
 */
import { createHash } from 'node:crypto';
import { renderTemplate } from '../util/templates.ts';

export interface CoreFileOptions {
  /** lowbit-hdl's version: the VLNV's version and the header comment. */
  readonly version: string;
  /** The design file, part of the VLNV hash. */
  readonly source?: string;
  /** The elaboration parameters, part of the VLNV hash. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * FuseSoC VLNV of one generated core: `lowbit-hdl:generated:<top>_<hash>:<version>`, the hash
 * (8 hex digits) taken over the source file name and the parameter set, so every parameter set of
 * a design is its own core and a FuseSoC library can hold several side by side.
 */
export function coreVlnv(top: string, opts: CoreFileOptions): string {
  const params = opts.params ?? {};
  const canonical = JSON.stringify({ source: opts.source ?? null, params: Object.keys(params).sort().map((k) => [k, params[k]]) });
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 8);
  return `lowbit-hdl:generated:${top}_${hash}:${opts.version.replace(/[^0-9A-Za-z.+-]/g, '-')}`;
}

/** The core's text. `files` are the Verilog file names in compile order; `description` is one line of the top's doc. */
export function renderCoreFile(top: string, files: readonly string[], description: string, opts: CoreFileOptions): string {
  const q = (s: string): string => JSON.stringify(s);
  return renderTemplate('outputs/core.hbs', { version: opts.version, vlnv: q(coreVlnv(top, opts)), description: q(description.replace(/\s+/g, ' ').trim()), top: q(top), files: files.map(q) });
}
