/**
 * `lowbit-hdl quantize bitmod <weights.npy|json> --bits 4|3|6|8 [--group G] [--lanes L]
 * [--scale-bits b] [--select-with-quantized-scale] [-o DIR]`: the offline BitMoD quantizer
 * (specs/bitmod.md §3–4). `--bits 4/3` select the FP4/FP3 mixtures, `6/8` INT6/INT8. Writes
 * quant.json, weights.memh, groups.memh, sch.memh and report.md atomically into DIR (default
 * `quant-out/<weights name>`; replaced only if it is a previous lowbit-hdl output, or with --force), prints the summary table (MSE against INT4 and INT3 at the same G).
 * Any input error is located and nothing is written.
 */
import { basename, extname, join } from 'node:path';
import { userError } from '../../diag/error.ts';
import { writeOutputDir } from '../../emit/write-output.ts';
import { quantFiles, summaryTable } from '../../pe/bitmod/quant-files.ts';
import { quantizeMatrixFast } from '../../pe/bitmod/quantizer-fast.ts';
import type { BitmodWeightType } from '../../pe/bitmod/params.ts';
import { readWeights } from '../read-weights.ts';
import { parseCommand, UsageError, type Printer } from '../command-line.ts';
import { VERSION } from '../version.ts';

const BITS: Record<string, BitmodWeightType> = { '4': 'FP4', '3': 'FP3', '6': 'INT6', '8': 'INT8' };

function intOption(name: string, v: unknown, dflt: number, lo: number, hi: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(String(v)) || n < lo || n > hi) throw new UsageError(`--${name} ${String(v)} must be an integer in ${lo} … ${hi}`);
  return n;
}

export async function quantizeCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      bits: { type: 'string' },
      group: { type: 'string' },
      lanes: { type: 'string' },
      'scale-bits': { type: 'string' },
      'select-with-quantized-scale': { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
    },
    2,
  );
  const [family, file] = positionals as [string, string];
  if (family !== 'bitmod') throw new UsageError(`unknown quantizer '${family}' (known: bitmod)`);
  const wtype = BITS[String(values.bits)];
  if (!wtype) throw new UsageError(`--bits must be 4, 3, 6 or 8${values.bits === undefined ? '' : `, got ${String(values.bits)}`}`);
  const G = intOption('group', values.group, 128, 1, 1 << 20);
  const L = intOption('lanes', values.lanes, 4, 2, 16);
  const scaleBits = intOption('scale-bits', values['scale-bits'], 8, 4, 8);
  if (G % L !== 0) throw new UsageError(`--group ${G} is not a multiple of --lanes ${L}`);
  const m = readWeights(file);
  if (m.cols % G !== 0) {
    throw userError(`the rows of ${file} have ${m.cols} weights, not a multiple of the group size G = ${G}`, 'pick --group dividing the row length', { file, line: 1, col: 1 });
  }
  const opts = { G, scaleBits, selectWithQuantizedScale: Boolean(values['select-with-quantized-scale']) };
  // Exact doubles of the weights (the fast quantizer re-decides exactly any value a double cannot hold).
  const data = m.data.map((r) => Float64Array.from(r, (d) => Number(d.mant) * 2 ** d.exp)); // every input is a double: exact
  const rows = quantizeMatrixFast(data, { ...opts, wtype }).rows;
  const baselines = (['INT4', 'INT3'] as const).map((name) => ({ name, rows: quantizeMatrixFast(data, { ...opts, wtype: name }).rows }));
  const q = { wtype, G, L, scaleBits, source: basename(file), dtype: m.dtype, rows, baselines };
  const dir = (values.out as string | undefined) ?? join('quant-out', basename(file, extname(file)));
  const files = quantFiles(q);
  // A manifest marks the directory as lowbit-hdl output, so a rerun may replace it (output-guard.ts).
  files.set('manifest.json', JSON.stringify({ generator: { name: 'lowbit-hdl', version: VERSION }, kind: 'bitmod-quant', files: [...files.keys()].map((file) => ({ file })) }, null, 2) + '\n');
  writeOutputDir(dir, files, { force: Boolean(values.force), protect: [file] });
  p.out(`quantized ${m.rows}×${m.cols} ${m.dtype} weights as ${wtype} (G = ${G}, L = ${L}, scaleBits = ${scaleBits}) → ${dir}\n`);
  p.out(summaryTable(q) + '\n');
  return 0;
}
