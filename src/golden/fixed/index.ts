/**
 * Public surface of the exact ap_fixed golden model (specs/fixed-point.md): formats, casts,
 * full-precision arithmetic, shifts, comparisons, exact constants, and K-hot quantization.
 */
export * from './format.ts';
export * from './overflow.ts';
export * from './cast.ts';
export * from './value.ts';
export * from './arith.ts';
export * from './shift.ts';
export * from './compare.ts';
export * from './khot.ts';
export * from './khot-storage.ts';
