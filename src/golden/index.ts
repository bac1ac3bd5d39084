/**
 * `lowbit-hdl/golden`: number formats, the one rounding function and exact helpers for writing
 * golden models (BigInt / exact rationals, spec R1–R2). Imports no generator code.
 */
export * from './rounding.ts';
export * from './float/format.ts';
export * from './float/dyadic.ts';
export * from './float/value.ts';
export * from './float/decode.ts';
export * from './float/encode.ts';
export * from './float/arith.ts';
export * from './fixed/index.ts';
