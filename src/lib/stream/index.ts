/** `lowbit-hdl/lib` stream blocks; one export line per block file. */
export {};
