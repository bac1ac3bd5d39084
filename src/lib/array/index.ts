/** `lowbit-hdl/lib` array blocks; one export line per block file. */
export { delayLine } from './delay-line.ts';
