/** `lowbit-hdl/lib` fp blocks; one export line per block file. */
export {};
