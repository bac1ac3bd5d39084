/** `lowbit-hdl/lib` arith blocks; one export line per block file. */
export { boothRecode, entRecode, type RecodedDigit, type RecodeOptions } from './recode.ts';
export { boothDigitsGolden, entDigitsGolden, type RecodeGoldenOptions } from './golden-recode.ts';
