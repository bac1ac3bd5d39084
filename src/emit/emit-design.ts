/**
 * Everything `gen` writes for a design, as an ordered map of file name -> contents:
 * one `.v` per module (or one `<top>.v` with `singleFile`), `<top>.f`, `<top>.core` (FuseSoC
 * CAPI2), `manifest.json` and a datasheet `README.md`. Pure: same IR and options, same bytes.
 */
import { createHash } from 'node:crypto';
import type { IrDesign, IrModule } from '../ir/types.ts';
import { emitModule, type EmitOptions } from './verilog-module.ts';
import { renderTemplate } from '../util/templates.ts';
import { designTiming } from './timing.ts';
import { timingDiagram, renderTimingSvg } from './timing-diagram.ts';
import { renderCoreFile } from './core-file.ts';
import type { CosimSpec } from '../dsl/design.ts';

export interface DesignEmitOptions extends EmitOptions {
  readonly singleFile?: boolean;
  /** Elaboration parameters, recorded in the manifest and datasheet. */
  readonly params?: Readonly<Record<string, unknown>>;
  /**
   * Absolute directory the files will be written to. When given, `<top>.f` lists absolute paths, so
   * `verilator -f/-F`, `iverilog -c` and Yosys read it from any working directory; without it
   * (tests, snapshots) the list holds bare file names. The `.core` always lists names relative
   * to itself, as FuseSoC requires.
   */
  readonly fileListDir?: string;
  /** The design's cosim spec: its protocol gives the datasheet's and manifest's timing (timing.ts). */
  readonly cosim?: CosimSpec;
  /** Parameter doc comments (from the design's Params type), shown in the datasheet. */
  readonly paramDocs?: Readonly<Record<string, string>>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function topModule(design: IrDesign): IrModule {
  return design.modules.find((m) => m.name === design.top)!;
}

export function emitDesign(design: IrDesign, opts: DesignEmitOptions): Map<string, string> {
  const files = new Map<string, string>();
  const top = topModule(design);
  const texts = design.modules.map((m) => ({ name: m.name, text: emitModule(m, opts) }));
  if (opts.singleFile) files.set(`${design.top}.v`, texts.map((t) => t.text).join('\n'));
  else for (const t of texts) files.set(`${t.name}.v`, t.text);
  const vfiles = [...files.keys()];
  const listDir = opts.fileListDir?.replace(/\/+$/, '');
  files.set(`${design.top}.f`, renderTemplate('outputs/filelist.f.hbs', { files: vfiles.map((f) => (listDir ? `${listDir}/${f}` : f)) }));
  files.set(`${design.top}.core`, renderCoreFile(design.top, vfiles, top.doc ?? `lowbit-hdl design ${design.top}`, opts));

  // Ports under their emitted names (keywords get a `_` suffix); the user's name beside it when different.
  const ports = top.ports.map((p) => {
    const s = top.signals[p.signal]!;
    const name = s.name ?? p.name;
    return { name, ...(name !== p.name ? { userName: p.name } : {}), dir: p.dir, width: s.width, signed: s.signed, type: s.format?.text ?? `${s.signed ? 'sint' : 'uint'}(${s.width})`, protocol: p.protocol, doc: p.doc ?? '' };
  });
  const modules = texts.map((t) => ({ name: t.name, file: opts.singleFile ? `${design.top}.v` : `${t.name}.v`, sha256: sha256(t.text) }));
  const timing = designTiming(design, opts.cosim);
  const wave = timingDiagram(design, timing);
  files.set(`${design.top}-timing.svg`, renderTimingSvg(wave));
  files.set(`${design.top}-timing.json`, JSON.stringify(wave, null, 2) + '\n');
  const manifest = {
    generator: { name: 'lowbit-hdl', version: opts.version },
    top: design.top,
    source: opts.source ?? null,
    clock: top.clock?.name ?? null,
    reset: top.reset,
    protocol: timing.protocol,
    latency: timing.latency,
    timing: {
      latency: timing.latency,
      initiationInterval: timing.initiationInterval,
      throughput: timing.throughput,
      beats: timing.beats,
      handshakes: timing.handshakes,
      readyDependsOnDownstreamReady: timing.readyDependsOnDownstreamReady,
      sampledOnce: timing.sampledOnce,
      reset: timing.reset,
      diagram: `${design.top}-timing.svg`,
    },
    ports,
    params: opts.params ?? {},
    modules,
    files: [...vfiles, `${design.top}.f`, `${design.top}.core`, `${design.top}-timing.svg`, `${design.top}-timing.json`, 'README.md'].map((f) => ({ file: f, sha256: f === 'README.md' ? null : sha256(files.get(f)!) })),
  };
  files.set(
    'README.md',
    renderTemplate('outputs/datasheet.md.hbs', {
      top: design.top,
      version: opts.version,
      source: opts.source,
      doc: top.doc,
      ports: ports.map((p) => ({ ...p, doc: tableCell(p.doc) })),
      renamed: ports.some((p) => 'userName' in p),
      timing: timing.text,
      diagram: `${design.top}-timing.svg`,
      params: Object.entries(opts.params ?? {}).map(([name, value]) => ({ name, value: JSON.stringify(value), doc: tableCell(opts.paramDocs?.[name] ?? '') })),
      modules,
    }),
  );
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return files;
}

/** User text as one Markdown table cell: line breaks folded to spaces, `|` escaped. */
function tableCell(s: string): string {
  return s.replace(/\s*(\r\n|[\r\n\v\f\u0085\u2028\u2029])\s*/g, ' ').trim().replace(/\|/g, '\\|');
}

