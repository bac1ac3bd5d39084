/** TPE parameters: defaults per architecture, the exact minimum accW, and located, named errors. */
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import {
  checkTpeParams,
  TPE_ARCHS,
  TPE_FORMS,
  TPE_PAPER_SIZES,
  tpeAccW,
  tpeDigits,
  tpeMinAccW,
  tpeParams,
  tpeRecoderInUse,
  tpeResultSigned,
  validateTpeParams,
  type TpeParams,
} from '../../../src/pe/tpe/params.ts';

describe('tpeParams', () => {
  it('every architecture and form validates at its paper size with the spec defaults', () => {
    for (const arch of TPE_ARCHS) {
      for (const form of TPE_FORMS) {
        const p = tpeParams(arch, form);
        expect({ m: p.m, k: p.k, n: p.n }).toEqual(TPE_PAPER_SIZES[arch]);
        expect([p.W, p.aSigned, p.bSigned, p.accW, p.tree, p.signExt, p.edgeCpa, p.block, p.stages]).toEqual([8, true, true, 0, 'dadda', 'full', 'plus', 4, 7]);
      }
    }
  });
  it('exact minimum accW: 2W + ceil(log2 k), + 1 when exactly one operand is unsigned', () => {
    expect(tpeMinAccW({ W: 8, k: 16, aSigned: true, bSigned: true })).toBe(20); // WS 16×16 of tpe.md §5
    expect(tpeMinAccW({ W: 8, k: 8, aSigned: true, bSigned: true })).toBe(19); // cube 8
    expect(tpeMinAccW({ W: 8, k: 17, aSigned: true, bSigned: true })).toBe(21);
    expect(tpeMinAccW({ W: 4, k: 1, aSigned: false, bSigned: false })).toBe(8);
    expect(tpeMinAccW({ W: 4, k: 3, aSigned: false, bSigned: true })).toBe(11);
    expect(tpeAccW(tpeParams('systolic-os', 'opt', { accW: 32 }))).toBe(32);
    expect(tpeAccW(tpeParams('systolic-os', 'opt'))).toBe(20);
  });
  it('derived: recoder in use per form, digit count, result signedness', () => {
    expect(tpeRecoderInUse(tpeParams('systolic-os', 'baseline'))).toBeNull();
    expect(tpeRecoderInUse(tpeParams('systolic-ws', 'opt'))).toBe('booth');
    expect(tpeRecoderInUse(tpeParams('cube', 'opt', { recoder: 'ent' }))).toBe('ent');
    expect(tpeRecoderInUse(tpeParams('mul-tree', 'opt'))).toBe('ent');
    expect(tpeRecoderInUse(tpeParams('column', 'opt'))).toBe('ent');
    expect(tpeDigits({ W: 8, aSigned: true })).toBe(4);
    expect(tpeDigits({ W: 8, aSigned: false })).toBe(5);
    expect(tpeResultSigned({ aSigned: false, bSigned: false })).toBe(false);
    expect(tpeResultSigned({ aSigned: false, bSigned: true })).toBe(true);
  });
});

describe('bad parameters: a message naming the parameter and its valid range', () => {
  const base = (over: Partial<TpeParams>, arch: TpeParams['arch'] = 'systolic-os', form: TpeParams['form'] = 'opt'): TpeParams =>
    ({ ...tpeParams(arch, form), ...over }) as TpeParams;
  const cases: [TpeParams, string][] = [
    [base({ m: 0 }), 'tpe systolic-os: parameter m must be an integer from 1 to 256, got 0'],
    [base({ n: 2.5 }), 'tpe systolic-os: parameter n must be an integer from 1 to 256, got 2.5'],
    [base({ k: 1 }, 'mul-tree'), 'tpe mul-tree: parameter k must be an integer from 2 to 256, got 1'],
    [base({ m: 2, k: 2, n: 3 }, 'cube'), 'tpe cube: parameter m, k, n must be equal (an N×N×N cube), got 2, 2, 3'],
    [base({ m: 2 }, 'column'), 'tpe column: parameter m must be 1 (the column shares one activation vector), got 2'],
    [base({ W: 7 }), 'tpe systolic-os: parameter W must be an even integer from 2 to 16, got 7'],
    [base({ W: 18 }), 'tpe systolic-os: parameter W must be an even integer from 2 to 16, got 18'],
    [base({ accW: 19 }), 'tpe systolic-os: parameter accW must be 0 (the minimum) or an integer from 20 (the exact minimum 2W + ceil(log2 k)) to 128, got 19'],
    [base({ accW: 20, bSigned: false }), 'tpe systolic-os: parameter accW must be 0 (the minimum) or an integer from 21 (the exact minimum 2W + ceil(log2 k) + 1) to 128, got 20'],
    [base({ recoder: 'booth' }, 'systolic-os', 'baseline'), 'tpe systolic-os: parameter recoder must be one of default for form baseline, got booth'],
    [base({ recoder: 'booth' }, 'column'), 'tpe column: parameter recoder must be one of default, ent for form opt, got booth'],
    [base({ tree: 'fast' as never }), 'tpe systolic-os: parameter tree must be one of wallace, dadda, got fast'],
    [base({ signExt: 'none' as never }), 'tpe systolic-os: parameter signExt must be one of full, eliminated, got none'],
    [base({ edgeCpa: 'carry-select' as never }), 'tpe systolic-os: parameter edgeCpa must be one of ripple, kogge-stone, brent-kung, sklansky, plus, got carry-select'],
    [base({ block: 17 }, 'column'), 'tpe column: parameter block must be an integer from 1 to 16, got 17'],
    [base({ stages: 0 }, 'mul-tree'), 'tpe mul-tree: parameter stages must be an integer from 1 to 16, got 0'],
    [base({ form: 'opt9' as never }), 'tpe systolic-os: parameter form must be one of baseline, opt, got opt9'],
    [base({ arch: 'ring' as never }), 'tpe array: parameter arch must be one of systolic-os, systolic-ws, cube, mul-tree, column, got ring'],
  ];
  it('checkTpeParams names each problem', () => {
    for (const [p, msg] of cases) expect(checkTpeParams(p)?.message).toBe(msg);
  });
  it('validateTpeParams throws a LowbitError at the given location with a hint', () => {
    const loc = { file: '/x/design.ts', line: 3, col: 9 };
    for (const [p, msg] of cases) {
      const e = (() => {
        try {
          validateTpeParams(p, loc);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(LowbitError);
      expect((e as LowbitError).diagnostics[0]).toMatchObject({ message: msg, loc });
      expect((e as LowbitError).diagnostics[0].hint).toBeTruthy();
    }
  });
});
