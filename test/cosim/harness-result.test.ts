import { describe, expect, it } from 'vitest';
import { HarnessFailure, interpretHarness } from '../../src/cosim/harness-result.ts';

const res = (stdout: string, stderr = '', code = 0) => ({ code, signal: null, stdout, stderr });

describe('interpretHarness', () => {
  it('reads cycles and X/Z beats', () => {
    const o = interpretHarness('icarus', res('COSIM-X beat=3 cycle=7\nCOSIM-X beat=9 cycle=13\nCOSIM-XCOUNT count=5\nCOSIM-DONE cycles=42\n'));
    expect(o.cycles).toBe(42);
    expect([...o.xBeats]).toEqual([[3, 7], [9, 13]]);
    expect(o.xCount).toBe(5);
  });

  it('turns hang and extra-beat reports into HarnessFailure with the cycle', () => {
    let e: unknown;
    try {
      interpretHarness('verilator', res('', 'COSIM-HANG cycle=503 since=2 outputs=0/256 inputs=256/256\n', 3));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(HarnessFailure);
    expect((e as HarnessFailure).cycle).toBe(503);
    expect((e as HarnessFailure).fields).toMatchObject({ since: '2', outputs: '0/256' });
    expect(() => interpretHarness('icarus', res('COSIM-EXTRA cycle=9 outputs=4\n'))).toThrow(HarnessFailure);
  });

  it('treats I/O errors, crashes and missing status as internal errors', () => {
    expect(() => interpretHarness('verilator', res('', 'COSIM-IO in.bin: file ends early', 2))).toThrow(/file ends early/);
    expect(() => interpretHarness('verilator', { code: null, signal: 'SIGSEGV', stdout: '', stderr: '' })).toThrow(/exit SIGSEGV/);
    expect(() => interpretHarness('icarus', res('nothing\n'))).toThrow(/icarus harness failed/);
  });
});
