/**
 * Layout-specialized hot loops, compiled at run time with `new Function` (the fast path behind the
 * >= 10M vectors/s target). A generic loop over lanes costs ~4 ns per value in V8; an unrolled
 * loop with the layout's offsets, shifts and masks as literals costs ~1 ns. The generated source
 * contains only numbers derived from the layout (never port names or user text), so compiling it
 * is safe; each kernel has a plain reference implementation it is tested against (test/cosim).
 *
 * Kernels:
 * - random fill: random words -> packed input words (+ Number columns), row by row;
 * - extract: packed words -> columns (sign-extended);
 * - pack: columns -> packed words, returning the first out-of-range row.
 */
import type { BeatLayout } from './layout.ts';
import type { NumColumn } from './types.ts';

/** One (beat, port) lane of a transaction. */
export interface LaneRef {
  readonly beat: number;
  readonly index: number;
  readonly width: number;
  readonly signed: boolean;
  /** Word index of the lane within a packed transaction. */
  readonly word: number;
  /** Words the lane occupies (ceil(width/32)). */
  readonly words: number;
}

export function lanesOf(layout: BeatLayout): LaneRef[] {
  const lanes: LaneRef[] = [];
  for (let b = 0; b < layout.beats; b++) {
    layout.slots.forEach((s, p) => {
      lanes.push({ beat: b, index: p, width: s.port.width, signed: s.port.signed, word: b * layout.wordsPerBeat + s.offset, words: s.words });
    });
  }
  return lanes;
}

/**
 * Where a lane's random bits come from: transaction t of a random block uses random words
 * [t*randomWords, (t+1)*randomWords). Narrow lanes (<= 32 bits) are packed greedily, low bits
 * first, never straddling a word; wide lanes take whole words (top word masked).
 */
export interface RandomLane extends LaneRef {
  readonly rndWord: number;
  readonly shift: number;
}

export interface RandomPlan {
  readonly lanes: readonly RandomLane[];
  /** Random words consumed per transaction. */
  readonly randomWords: number;
  readonly wordsPerTxn: number;
}

export function randomPlan(layout: BeatLayout): RandomPlan {
  let word = 0;
  let bit = 0;
  const lanes = lanesOf(layout).map((l): RandomLane => {
    if (l.width > 32 || bit + l.width > 32) {
      if (bit > 0) word++;
      bit = 0;
    }
    const r: RandomLane = { ...l, rndWord: word, shift: bit };
    if (l.width > 32) word += l.words;
    else bit += l.width;
    return r;
  });
  return { lanes, randomWords: bit > 0 ? word + 1 : word, wordsPerTxn: layout.wordsPerTxn };
}

/** Mask of the low `bits` bits as an int32 literal (-1 for 32). */
function maskLit(bits: number): number {
  return bits === 32 ? -1 : 2 ** bits - 1;
}

/** Bits used in the top word of a lane. */
function topBits(width: number): number {
  return width % 32 === 0 ? 32 : width % 32;
}

/**
 * fill(rnd, r, n, out, o, cols, c): transactions use random words from rnd[r], write packed words
 * to out[o...] and, when `cols` is given (narrow lanes only), column rows cols[..][c...].
 */
export type FillKernel = (
  rnd: Int32Array,
  r: number,
  n: number,
  out: Uint32Array,
  o: number,
  cols: NumColumn[][] | undefined,
  c: number,
) => void;

export function compileFill(plan: RandomPlan): FillKernel {
  const narrow = plan.lanes.every((l) => l.width <= 32);
  const rw = plan.randomWords;
  const body = (withCols: boolean): string => {
    const lines: string[] = [];
    for (let k = 0; k < rw; k++) lines.push(`const r${k} = rnd[r + ${k}];`);
    plan.lanes.forEach((l, k) => {
      if (l.width <= 32) {
        const v = l.shift === 0 ? `r${l.rndWord}` : `(r${l.rndWord} >>> ${l.shift})`;
        lines.push(`v = ${v} & ${maskLit(l.width)}; out[o + ${l.word}] = v;`);
        if (withCols) {
          const s = 32 - l.width;
          lines.push(l.signed ? `c${k}[c + i] = (v << ${s}) >> ${s};` : `c${k}[c + i] = v;`);
        }
      } else {
        for (let w = 0; w < l.words; w++) {
          const m = w === l.words - 1 ? ` & ${maskLit(topBits(l.width))}` : '';
          lines.push(`out[o + ${l.word + w}] = r${l.rndWord + w}${m};`);
        }
      }
    });
    return lines.join('\n');
  };
  const colDecl = plan.lanes.map((l, k) => `const c${k} = cols[${l.beat}][${l.index}];`).join('\n');
  const src = `
    if (cols !== undefined) {
      ${narrow ? colDecl : 'throw new Error("columns need lanes <= 32 bits");'}
      for (let i = 0; i < n; i++, o += ${plan.wordsPerTxn}, r += ${rw}) { let v; ${narrow ? body(true) : ''} }
    } else {
      for (let i = 0; i < n; i++, o += ${plan.wordsPerTxn}, r += ${rw}) { let v; ${body(false)} }
    }`;
  return new Function('rnd', 'r', 'n', 'out', 'o', 'cols', 'c', src) as FillKernel;
}

/** Reference implementation of a fill kernel (tests compare compiled kernels against it). */
export function referenceFill(plan: RandomPlan): FillKernel {
  return (rnd, r, n, out, o, cols, c) => {
    for (let i = 0; i < n; i++, o += plan.wordsPerTxn, r += plan.randomWords) {
      for (const l of plan.lanes) {
        if (l.width <= 32) {
          const v = Number((BigInt(rnd[r + l.rndWord] >>> 0) >> BigInt(l.shift)) & ((1n << BigInt(l.width)) - 1n));
          out[o + l.word] = v;
          if (cols) cols[l.beat][l.index][c + i] = l.signed ? Number(BigInt.asIntN(l.width, BigInt(v))) : v;
        } else {
          for (let w = 0; w < l.words; w++) {
            const bits = w === l.words - 1 ? topBits(l.width) : 32;
            out[o + l.word + w] = Number(BigInt(rnd[r + l.rndWord + w] >>> 0) & ((1n << BigInt(bits)) - 1n));
          }
        }
      }
    }
  };
}

/** extract(words, n, cols): rows [0, n) of packed words into columns (narrow lanes only). */
export type ExtractKernel = (words: Uint32Array, n: number, cols: NumColumn[][]) => void;

export function compileExtract(layout: BeatLayout): ExtractKernel {
  const lanes = lanesOf(layout);
  if (lanes.some((l) => l.width > 32)) throw new Error('compileExtract: columns need lanes <= 32 bits');
  const decl = lanes.map((l, k) => `const c${k} = cols[${l.beat}][${l.index}];`).join('\n');
  const body = lanes
    .map((l, k) => {
      const s = 32 - l.width;
      return l.signed ? `c${k}[i] = (words[o + ${l.word}] << ${s}) >> ${s};` : `c${k}[i] = words[o + ${l.word}];`;
    })
    .join('\n');
  const src = `${decl}\nfor (let i = 0, o = 0; i < n; i++, o += ${layout.wordsPerTxn}) {\n${body}\n}`;
  return new Function('words', 'n', 'cols', src) as ExtractKernel;
}

/**
 * pack(cols, n, out): columns into packed words rows [0, n); returns the first row holding a
 * value out of its port's range (signed: not representable; unsigned: above the maximum), or -1.
 */
export type PackKernel = (cols: NumColumn[][], n: number, out: Uint32Array) => number;

export function compilePack(layout: BeatLayout): PackKernel {
  const lanes = lanesOf(layout);
  if (lanes.some((l) => l.width > 32)) throw new Error('compilePack: columns need lanes <= 32 bits');
  const decl = lanes.map((l, k) => `const c${k} = cols[${l.beat}][${l.index}];`).join('\n');
  const body = lanes
    .map((l, k) => {
      const s = 32 - l.width;
      const check = l.signed ? `((v << ${s}) >> ${s}) !== v` : `v > ${2 ** l.width - 1}`;
      return `v = c${k}[i]; if (bad < 0 && ${check}) bad = i; out[o + ${l.word}] = v & ${maskLit(l.width)};`;
    })
    .join('\n');
  const src = `${decl}\nlet bad = -1; let v;\nfor (let i = 0, o = 0; i < n; i++, o += ${layout.wordsPerTxn}) {\n${body}\n}\nreturn bad;`;
  return new Function('cols', 'n', 'out', src) as PackKernel;
}
