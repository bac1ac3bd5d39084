/** `lowbit-hdl/lib` stream blocks; one export line per block file. */
export { streamInput, streamOutput, type StreamField, type StreamFields, type StreamInput, type StreamOutput } from './bundle.ts';
export { elasticPipeline, type ElasticPipeline } from './elastic.ts';
export { skidBuffer, type SkidBuffer } from './skid.ts';
export { beatCounter, frameCounter, bitsFor, type BeatCounter, type BeatCounterOptions, type FrameCounter } from './counter.ts';
export { resultBuffer, type ResultBuffer } from './result-buffer.ts';
export { groupStreamTop, type StreamUnit } from './group-top.ts';
