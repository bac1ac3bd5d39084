/**
 * User vector files (JSONL): one input transaction per line, parsed straight into packed words.
 * Input: file text + the input layout. Output: a VectorSet, or a LowbitError at `file:line:col`.
 *
 * A line is one of
 *   {"a": 5, "b": "0x1f"}                 one beat, every input port named exactly once
 *   [{"a": 5, "b": 1}, {"a": 6, "b": 2}]   one object per input beat (stream, beats.in > 1)
 *   [[5, "0x1f"], [6, 2]]                  positional beats, ports in target order
 * Values: JSON integers (safe range), or strings: decimal "-12", hex "0x1F", binary "0b101",
 * optional "_" separators. Decimal and negative strings are values; an unsigned-looking hex/binary
 * string is the raw bit pattern (two's complement for signed ports) and must fit the width.
 * Blank lines and lines starting with '#' or '//' are ignored.
 */
import { readFileSync } from 'node:fs';
import { userError } from '../diag/error.ts';
import { fsUserError } from '../util/safe-fs.ts';
import { type BeatLayout, type PortSlot, encodeValue, portRange, portTypeName } from './layout.ts';
import { packedVectors, type VectorSet } from './vectors.ts';

/** Read and parse a JSONL vector file. */
export function loadVectorFile(file: string, layout: BeatLayout): VectorSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw fsUserError(e, 'read vector file', file, 'check the --vector-file path');
  }
  return parseVectorJsonl(text, layout, file);
}

/** Parse JSONL text (see file header for the format); `file` is used in error locations. */
export function parseVectorJsonl(text: string, layout: BeatLayout, file = '<vectors>'): VectorSet {
  const lines = text.split(/\r?\n/);
  const chunks: Uint32Array[] = [];
  let count = 0;
  const wpt = layout.wordsPerTxn;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return;
    const fail = (msg: string): never => {
      throw userError(`vector file: ${msg}`, undefined, { file, line: i + 1, col: raw.indexOf(line[0]) + 1 });
    };
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      fail(`invalid JSON (${(e as Error).message})`);
    }
    const words = new Uint32Array(wpt);
    const beats = beatsOf(json, layout, fail);
    beats.forEach((beat, b) => {
      const values = Array.isArray(beat) ? positional(beat, layout, b, fail) : named(beat, layout, b, fail);
      layout.slots.forEach((slot, p) => {
        encodeValue(slot, parseValue(values[p], slot, b, layout.beats, fail), words, b * layout.wordsPerBeat + slot.offset);
      });
    });
    chunks.push(words);
    count++;
  });
  const all = new Uint32Array(count * wpt);
  chunks.forEach((c, i) => all.set(c, i * wpt));
  if (count === 0) {
    throw userError('vector file has no transactions (only blank or comment lines)', `add one JSON line per transaction, e.g. ${exampleLine(layout)}`, { file, line: 1, col: 1 });
  }
  const name = file.split('/').pop() ?? file;
  return packedVectors(layout, all, count, `file ${name} (${count})`);
}

/** A one-beat example line for this layout, for hints. */
function exampleLine(layout: BeatLayout): string {
  const beat = `{${layout.slots.map((sl) => `"${sl.port.name}": 0`).join(', ')}}`;
  return layout.beats > 1 ? `[${Array(layout.beats).fill(beat).join(', ')}]` : beat;
}

type Fail = (msg: string) => never;
type Beat = unknown[] | Record<string, unknown>;

function beatsOf(json: unknown, layout: BeatLayout, fail: Fail): Beat[] {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  let beats: Beat[];
  if (isObj(json)) beats = [json];
  else if (Array.isArray(json) && json.every((x) => isObj(x) || Array.isArray(x))) beats = json as Beat[];
  else return fail('a line must be an object of port values, or an array of beats (objects or arrays)');
  if (beats.length !== layout.beats) fail(`expected ${layout.beats} input beat(s) per transaction, got ${beats.length}`);
  return beats;
}

function positional(beat: unknown[], layout: BeatLayout, b: number, fail: Fail): unknown[] {
  if (beat.length !== layout.slots.length) {
    fail(`beat ${b} has ${beat.length} value(s), expected ${layout.slots.length} (${layout.slots.map((s) => s.port.name).join(', ')})`);
  }
  return beat;
}

function named(beat: Record<string, unknown>, layout: BeatLayout, b: number, fail: Fail): unknown[] {
  const names = layout.slots.map((s) => s.port.name);
  const extra = Object.keys(beat).find((k) => !names.includes(k));
  if (extra !== undefined) fail(`unknown input port '${extra}' (inputs: ${names.join(', ')})`);
  const missing = names.find((n) => !(n in beat));
  if (missing !== undefined) fail(`missing input port '${missing}'${layout.beats > 1 ? ` in beat ${b}` : ''}`);
  return names.map((n) => beat[n]);
}

const NUMERIC = /^(-?)(0x[0-9a-f_]+|0b[01_]+|[0-9][0-9_]*)$/i;

function parseValue(v: unknown, slot: PortSlot, b: number, beats: number, fail: Fail): bigint {
  const port = slot.port;
  const what = `port '${port.name}'${beats > 1 ? ` (beat ${b})` : ''}`;
  let value: bigint;
  let rawBits = false;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) fail(`${what}: ${v} is not a safe integer; write large values as strings`);
    value = BigInt(v);
  } else if (typeof v === 'string') {
    const m = NUMERIC.exec(v.trim());
    if (!m) return fail(`${what}: '${v}' is not a decimal, 0x-hex or 0b-binary integer`);
    const digits = m[2].replace(/_/g, '');
    const magnitude = BigInt(digits);
    rawBits = m[1] === '' && /^0[xb]/i.test(digits);
    value = m[1] === '-' ? -magnitude : magnitude;
  } else {
    return fail(`${what}: expected a number or a numeric string, got ${v === null ? 'null' : typeof v}`);
  }
  if (rawBits) {
    if (value >> BigInt(port.width) !== 0n) fail(`${what}: bit pattern ${v} does not fit in ${port.width} bits`);
    return port.signed ? BigInt.asIntN(port.width, value) : value;
  }
  const { min, max } = portRange(port);
  if (value < min || value > max) fail(`${what}: value ${v} is out of range [${min}, ${max}] for ${portTypeName(port)}`);
  return value;
}
