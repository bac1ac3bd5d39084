/**
 * Per-tensor fixed-point formats as a QFX-style training run exports them: a JSON object mapping
 * tensor/layer names to `{w, i, signed, q, o, n}` (ap_fixed<w, i, q, o, n>; q defaults to AP_TRN,
 * o to AP_WRAP, n to 0, signed to true). The element-wise pipeline names the tensors it needs.
 */
import { readFileSync } from 'node:fs';
import { userError } from '../../diag/error.ts';
import type { QuantMode, OverflowMode } from '../../dsl/types.ts';

export interface TensorFormat {
  readonly w: number;
  readonly i: number;
  readonly signed: boolean;
  readonly q: QuantMode;
  readonly o: OverflowMode;
  readonly n: number;
}

export type FormatFile = Readonly<Record<string, TensorFormat>>;

const QS: readonly QuantMode[] = ['AP_RND', 'AP_RND_ZERO', 'AP_RND_MIN_INF', 'AP_RND_INF', 'AP_RND_CONV', 'AP_TRN', 'AP_TRN_ZERO'];
const OS: readonly OverflowMode[] = ['AP_WRAP', 'AP_SAT', 'AP_SAT_ZERO', 'AP_SAT_SYM', 'AP_WRAP_SM'];

/** Read and validate a format file; every problem names the file and the tensor. */
export function readFormatFile(path: string, required: readonly string[]): FormatFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw userError(`cannot read format file '${path}': ${(e as Error).message}`, 'a JSON object {tensor: {w, i, signed, q, o}}', { file: path, line: 1, col: 1 });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw userError(`format file '${path}' must hold a JSON object`, undefined, { file: path, line: 1, col: 1 });
  const out: Record<string, TensorFormat> = {};
  for (const [name, v] of Object.entries(raw as Record<string, Record<string, unknown>>)) {
    const bad = (what: string): never => {
      throw userError(`format file '${path}', tensor '${name}': ${what}`, undefined, { file: path, line: 1, col: 1 });
    };
    const w = v.w;
    const i = v.i;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 64) bad(`w must be an integer 1..64`);
    if (typeof i !== 'number' || !Number.isInteger(i)) bad(`i must be an integer`);
    const signed = v.signed === undefined ? true : v.signed;
    if (typeof signed !== 'boolean') bad('signed must be true or false');
    const q = (v.q ?? 'AP_TRN') as QuantMode;
    const o = (v.o ?? 'AP_WRAP') as OverflowMode;
    const n = (v.n ?? 0) as number;
    if (!QS.includes(q)) bad(`q must be one of ${QS.join(', ')}`);
    if (!OS.includes(o)) bad(`o must be one of ${OS.join(', ')}`);
    if (!Number.isInteger(n) || n < 0 || n > (w as number)) bad(`n must be 0..w`);
    if (!signed && o === 'AP_WRAP_SM') bad('AP_WRAP_SM is not defined for unsigned formats');
    out[name] = { w: w as number, i: i as number, signed: signed as boolean, q, o, n };
  }
  for (const r of required) if (!out[r]) throw userError(`format file '${path}' has no tensor '${r}'`, `it needs: ${required.join(', ')}`, { file: path, line: 1, col: 1 });
  return out;
}
