/** `lowbit-hdl/pe` qfx: public generators, params and cosim specs (names carry the `qfx` prefix). */
export { eltwisePipeline as qfxEltwisePipeline, ELTWISE_TENSORS as QFX_ELTWISE_TENSORS, tensorType as qfxTensorType } from './eltwise.ts';
export { castBank as qfxCastBank } from './cast-bank.ts';
export { readFormatFile as qfxReadFormatFile, type FormatFile as QfxFormatFile, type TensorFormat as QfxTensorFormat } from './formats.ts';
export { eltwiseGolden as qfxEltwiseGolden } from './golden.ts';
