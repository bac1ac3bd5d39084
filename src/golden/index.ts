/**
 * `lowbit-hdl/golden`: number formats, the one rounding function and exact helpers for writing
 * golden models (BigInt / exact rationals, spec R1–R2). Imports no generator code.
 */
export {};
