/** `lowbit-hdl/pe` khot: public generators, params and cosim specs (names carry the `khot` prefix). */
export {
  khotConstMul, khotFieldsMul, fieldsCodeWidth as khotFieldsCodeWidth, positionBits as khotPositionBits,
  type KhotEncodingName, type KhotHwParams,
} from './khot-mul.ts';
