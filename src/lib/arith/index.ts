/** `lowbit-hdl/lib` arith blocks; one export line per block file. */
export {};
