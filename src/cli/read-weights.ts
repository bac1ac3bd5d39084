/**
 * Read a 2-D weight matrix from a NumPy `.npy` file (float16/float32/float64, little or big
 * endian, C order; format versions 1.0–3.0) or a JSON array of equal-length arrays of numbers.
 *
 * Contract: every element comes back as an exact dyadic (the IEEE value of the stored code, rule
 * R1). Every user mistake is a located `LowbitError`: JSON at `file:line:col` of the offending
 * token, `.npy` at `file:1:<byte offset + 1>` (binary files have no lines). NaN and ±Inf are rejected.
 * The parser is hand-written (no dependency): the header is a Python dict literal with three keys.
 */
import { readFileSync } from 'node:fs';
import { userError } from '../diag/error.ts';
import { dyadicFromDouble, type Dyadic } from '../golden/float/dyadic.ts';
import { classify, decode } from '../golden/float/decode.ts';
import { FP16, FP32, type FloatFormat } from '../golden/float/format.ts';
import { toDyadic } from '../golden/float/value.ts';

export interface WeightMatrix {
  readonly rows: number;
  readonly cols: number;
  /** `data[r][c]`, exact. */
  readonly data: readonly (readonly Dyadic[])[];
  /** Source element type: `float16`, `float32`, `float64` (.npy) or `json`. */
  readonly dtype: string;
}

const at = (file: string, line: number, col: number) => ({ file, line, col });

export function readWeights(file: string): WeightMatrix {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw userError(`cannot read weights file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'give a .npy or .json file');
  }
  if (file.endsWith('.npy')) return readNpy(file, bytes);
  if (file.endsWith('.json')) return readJson(file, bytes.toString('utf8'));
  throw userError(`weights file ${file} is neither .npy nor .json`, 'save the matrix with numpy.save or as a JSON array of rows', at(file, 1, 1));
}

// ---------- .npy ----------

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function readNpy(file: string, b: Buffer): WeightMatrix {
  const loc = (off: number) => at(file, 1, off + 1);
  if (b.length < 10 || MAGIC.some((m, i) => b[i] !== m)) throw userError('not a .npy file (bad magic)', 'write it with numpy.save', loc(0));
  const major = b[6]!;
  if (major < 1 || major > 3) throw userError(`unsupported .npy format version ${major}.${b[7]}`, 'use format 1.0, 2.0 or 3.0', loc(6));
  const hlen = major === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const hstart = major === 1 ? 10 : 12;
  if (hstart + hlen > b.length) throw userError('truncated .npy header', undefined, loc(8));
  const header = b.subarray(hstart, hstart + hlen).toString(major === 3 ? 'utf8' : 'latin1');
  const field = (key: string): string => {
    const m = new RegExp(`['"]${key}['"]\\s*:\\s*('[^']*'|"[^"]*"|True|False|\\([^)]*\\))`).exec(header);
    if (!m) throw userError(`.npy header has no '${key}'`, undefined, loc(hstart));
    return m[1]!;
  };
  const descr = field('descr').slice(1, -1);
  const fmts: Record<string, [FloatFormat | null, number, string]> = { f2: [FP16, 2, 'float16'], f4: [FP32, 4, 'float32'], f8: [null, 8, 'float64'] };
  const kind = fmts[descr.slice(1)];
  const endian = descr[0];
  if (!kind || !['<', '>', '='].includes(endian!)) {
    throw userError(`.npy dtype '${descr}' is not supported`, 'use float16, float32 or float64 (e.g. w.astype(numpy.float32))', loc(hstart + header.indexOf('descr')));
  }
  if (field('fortran_order') === 'True') {
    throw userError('.npy array is in Fortran order', 'save a C-order array (numpy.ascontiguousarray(w))', loc(hstart + header.indexOf('fortran_order')));
  }
  const shapeText = field('shape').slice(1, -1).trim();
  const dims = shapeText === '' ? [] : shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (dims.length !== 2 || dims.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw userError(`.npy shape (${shapeText}) is not a non-empty 2-D matrix`, 'give W[K_out][C_in]', loc(hstart + header.indexOf('shape')));
  }
  const [rows, cols] = dims as [number, number];
  const [fmt, size, name] = kind;
  const data0 = hstart + hlen;
  if (b.length !== data0 + rows * cols * size) {
    throw userError(`.npy data is ${b.length - data0} bytes, shape (${rows}, ${cols}) of ${name} needs ${rows * cols * size}`, 'the file is truncated or padded', loc(data0));
  }
  const little = endian !== '>';
  const data: Dyadic[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Dyadic[] = [];
    for (let c = 0; c < cols; c++) {
      const off = data0 + (r * cols + c) * size;
      row.push(npyElement(b, off, fmt, size, little, () => loc(off), r, c));
    }
    data.push(row);
  }
  return { rows, cols, data, dtype: name };
}

function npyElement(b: Buffer, off: number, fmt: FloatFormat | null, size: number, little: boolean, loc: () => ReturnType<typeof at>, r: number, c: number): Dyadic {
  const bad = (what: string) => userError(`weight [${r}, ${c}] is ${what}`, 'weights must be finite', loc());
  if (fmt === null) {
    const x = little ? b.readDoubleLE(off) : b.readDoubleBE(off);
    if (!Number.isFinite(x)) throw bad(Number.isNaN(x) ? 'NaN' : 'infinite');
    return dyadicFromDouble(x);
  }
  const code = size === 2 ? (little ? b.readUInt16LE(off) : b.readUInt16BE(off)) : little ? b.readUInt32LE(off) : b.readUInt32BE(off);
  const k = classify(code, fmt);
  if (k === 'nan' || k === 'inf') throw bad(k === 'nan' ? 'NaN' : 'infinite');
  return toDyadic(decode(code, fmt));
}

// ---------- JSON ----------

/** A minimal position-aware JSON reader for nested arrays of numbers. */
export function readJson(file: string, text: string): WeightMatrix {
  let i = 0;
  const loc = (pos = i) => {
    const before = text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    return at(file, before.split('\n').length, pos - nl);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
  };
  const fail = (msg: string, hint?: string, pos = i) => userError(msg, hint, loc(pos));
  const number = (): Dyadic => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) {
      const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0];
      if (word === 'NaN' || word === 'Infinity') throw fail(`weight ${word} is not finite`, 'weights must be finite numbers');
      throw fail(`expected a number, found '${text[i] ?? 'end of file'}'`);
    }
    const x = Number(m[0]);
    if (!Number.isFinite(x)) throw fail(`weight ${m[0]} overflows a double`, 'weights must be finite numbers');
    i += m[0].length;
    return dyadicFromDouble(x);
  };
  const expect = (ch: string): void => {
    ws();
    if (text[i] !== ch) throw fail(`expected '${ch}', found '${text[i] ?? 'end of file'}'`);
    i++;
  };
  ws();
  if (text[i] !== '[') throw fail('expected a JSON array of rows', 'e.g. [[0.1, -0.2], [0.3, 0.4]]');
  i++;
  const data: Dyadic[][] = [];
  ws();
  let cols = -1;
  while (text[i] !== ']') {
    if (data.length > 0) {
      expect(',');
      ws();
    }
    const rowPos = i;
    if (text[i] !== '[') throw fail(`row ${data.length} is not an array`, 'the matrix must be an array of arrays of numbers');
    i++;
    const row: Dyadic[] = [];
    ws();
    while (text[i] !== ']') {
      if (row.length > 0) {
        expect(',');
        ws();
      }
      row.push(number());
      ws();
      if (i >= text.length) throw fail('unterminated row');
    }
    i++;
    if (cols < 0) cols = row.length;
    if (row.length === 0) throw fail(`row ${data.length} is empty`, undefined, rowPos);
    if (row.length !== cols) throw fail(`row ${data.length} has ${row.length} weights, row 0 has ${cols}`, 'the matrix must not be ragged', rowPos);
    data.push(row);
    ws();
    if (i >= text.length) throw fail('unterminated matrix');
  }
  i++;
  ws();
  if (i < text.length) throw fail('unexpected text after the matrix');
  if (data.length === 0) throw fail('the matrix is empty', undefined, 0);
  return { rows: data.length, cols, data, dtype: 'json' };
}
