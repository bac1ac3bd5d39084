/** `lowbit-hdl/lib` arith blocks; one export line per block file. See docs/lib-arith.md. */
export { boothRecode, entRecode, type RecodedDigit, type RecodeOptions } from './recode.ts';
export { boothDigitsGolden, entDigitsGolden, type RecodeGoldenOptions } from './golden-recode.ts';
export { bitHeap, BitHeap, type HeapOptions, type RowOptions, type SignExtension } from './bit-heap.ts';
export { arrayPartialProducts, recodedPartialProducts, type PartialProductOptions } from './partial-products.ts';
export { compressHeap, type CompressOptions, type Compressed } from './compress.ts';
export { addCpa, type CpaOptions } from './cpa.ts';
export { multiply, type MultiplyOptions } from './multiply.ts';
export { sum, sumType, type SumOptions } from './sum.ts';
export { leadingZeros, leadingOnes } from './lzc.ts';
export { shiftLeft, shiftRightLogical, shiftRightArith, type Shifted } from './shift.ts';
export { serialMultiplier, type SerialMultiplierPorts } from './serial-mul.ts';
export {
  heapSumGolden,
  addGolden,
  multiplyGolden,
  sumGolden,
  leadingZerosGolden,
  leadingOnesGolden,
  shiftLeftGolden,
  shiftRightGolden,
  type HeapRowGolden,
  type ShiftGolden,
} from './golden-arith.ts';
export { CPA_KINDS, SCHEDULES, RECODERS, type CpaKind, type Schedule, type Recoder } from './check.ts';
