/**
 * Word layout of beats on the wire, shared by vector files, harness output and comparison.
 * Input: a list of PortSpecs. Output: each port at a fixed word offset inside a beat, padded to
 * ceil(width/32) little-endian 32-bit words (least-significant word first, unused high bits zero);
 * a transaction is `beats` consecutive beats. Encoding/decoding between BigInt values and words.
 */
import { userError } from '../diag/error.ts';
import type { PortSpec } from './types.ts';

/** Where one port lives inside a beat. */
export interface PortSlot {
  readonly port: PortSpec;
  /** Word offset of the port's least-significant word within the beat. */
  readonly offset: number;
  /** ceil(width / 32). */
  readonly words: number;
  /** Mask of the valid bits in the port's most-significant word (0xffffffff when full). */
  readonly topMask: number;
}

/** Layout of a beat (one value per port) and of a transaction (`beats` beats). */
export interface BeatLayout {
  readonly slots: readonly PortSlot[];
  /** 32-bit words per beat (sum of slot words; may be 0 for a port-less side). */
  readonly wordsPerBeat: number;
  readonly beats: number;
  /** wordsPerBeat * beats. */
  readonly wordsPerTxn: number;
  /** Total value bits per transaction (sum of widths * beats): decides exhaustive enumeration. */
  readonly bitsPerTxn: number;
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Build the layout of `ports` repeated `beats` times; validates names and widths. */
export function beatLayout(ports: readonly PortSpec[], beats = 1): BeatLayout {
  const slots: PortSlot[] = [];
  let offset = 0;
  let bits = 0;
  for (const port of ports) {
    if (!IDENT.test(port.name) || port.name.includes('__')) {
      throw userError(
        `cosim: port name '${port.name}' is not a simple Verilog identifier`,
        'use letters, digits and single underscores, starting with a letter',
      );
    }
    if (!Number.isInteger(port.width) || port.width < 1) {
      throw userError(`cosim: port '${port.name}' has width ${port.width}`, 'widths are integers >= 1');
    }
    const words = Math.ceil(port.width / 32);
    const rem = port.width % 32;
    slots.push({ port, offset, words, topMask: rem === 0 ? 0xffffffff : (2 ** rem - 1) >>> 0 });
    offset += words;
    bits += port.width;
  }
  if (!Number.isInteger(beats) || beats < 1) throw userError(`cosim: beats must be an integer >= 1, got ${beats}`);
  return { slots, wordsPerBeat: offset, beats, wordsPerTxn: offset * beats, bitsPerTxn: bits * beats };
}

/** Smallest and largest value of a port (signed: two's complement range). */
export function portRange(port: PortSpec): { min: bigint; max: bigint } {
  const w = BigInt(port.width);
  return port.signed
    ? { min: -(1n << (w - 1n)), max: (1n << (w - 1n)) - 1n }
    : { min: 0n, max: (1n << w) - 1n };
}

/** True when `v` is a representable value of `port`. */
export function inRange(port: PortSpec, v: bigint): boolean {
  const { min, max } = portRange(port);
  return v >= min && v <= max;
}

/** Write `v` (must be in range) into `out` at word index `at`, padded per the slot. */
export function encodeValue(slot: PortSlot, v: bigint, out: Uint32Array, at: number): void {
  let bits = BigInt.asUintN(slot.port.width, v);
  for (let i = 0; i < slot.words; i++) {
    out[at + i] = Number(bits & 0xffffffffn);
    bits >>= 32n;
  }
}

/** Read the port value stored at word index `at` (signed ports come back negative). */
export function decodeValue(slot: PortSlot, words: ArrayLike<number>, at: number): bigint {
  let bits = 0n;
  for (let i = slot.words - 1; i >= 0; i--) {
    const w = i === slot.words - 1 ? (words[at + i] & slot.topMask) >>> 0 : words[at + i] >>> 0;
    bits = (bits << 32n) | BigInt(w);
  }
  return slot.port.signed ? BigInt.asIntN(slot.port.width, bits) : bits;
}

/** Decode transaction `t` (all beats) from packed words. */
export function decodeTxn(layout: BeatLayout, words: ArrayLike<number>, t: number): bigint[][] {
  const beats: bigint[][] = [];
  for (let b = 0; b < layout.beats; b++) {
    const base = t * layout.wordsPerTxn + b * layout.wordsPerBeat;
    beats.push(layout.slots.map((s) => decodeValue(s, words, base + s.offset)));
  }
  return beats;
}

/**
 * Encode one transaction into `out` at transaction slot `t`. Values are checked against their
 * port ranges and the beat/port counts against the layout; `what` names the data in errors.
 */
export function encodeTxn(
  layout: BeatLayout,
  txn: readonly (readonly bigint[])[],
  out: Uint32Array,
  t: number,
  what: string,
): void {
  if (!Array.isArray(txn) || txn.length !== layout.beats) {
    throw userError(`${what}: expected ${layout.beats} beat(s), got ${Array.isArray(txn) ? txn.length : typeof txn}`);
  }
  for (let b = 0; b < layout.beats; b++) {
    const beat = txn[b];
    if (!Array.isArray(beat) || beat.length !== layout.slots.length) {
      throw userError(
        `${what}: beat ${b} must have ${layout.slots.length} value(s) (${layout.slots.map((s) => s.port.name).join(', ')}), got ${Array.isArray(beat) ? beat.length : typeof beat}`,
      );
    }
    const base = t * layout.wordsPerTxn + b * layout.wordsPerBeat;
    for (let p = 0; p < layout.slots.length; p++) {
      const slot = layout.slots[p];
      const v = beat[p];
      if (typeof v !== 'bigint') {
        throw userError(`${what}: port '${slot.port.name}' (beat ${b}) is a ${typeof v}, expected a BigInt`);
      }
      if (!inRange(slot.port, v)) {
        const { min, max } = portRange(slot.port);
        throw userError(
          `${what}: port '${slot.port.name}' (beat ${b}) value ${v} is out of range [${min}, ${max}] for ${portTypeName(slot.port)}`,
        );
      }
      encodeValue(slot, v, out, base + slot.offset);
    }
  }
}

/** "sint8" / "uint100": how reports name a port's type. */
export function portTypeName(port: PortSpec): string {
  return `${port.signed ? 'sint' : 'uint'}${port.width}`;
}

/** Two's-complement bit pattern of `v` as hex, padded to ceil(width/4) digits: "0x3f81". */
export function hexOf(port: PortSpec, v: bigint): string {
  const digits = Math.ceil(port.width / 4);
  return '0x' + BigInt.asUintN(port.width, v).toString(16).padStart(digits, '0');
}
