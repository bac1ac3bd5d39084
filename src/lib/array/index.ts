/** `lowbit-hdl/lib` array blocks; one export line per block file. */
export {};
