import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import {
  asText,
  checkRelativePath,
  isOutputPath,
  LOG_PATH,
  SCRIPT_PATH,
  withScript,
  YOSYS_ARGS,
} from '../../src/synth/yosys-files.ts';

describe('checkRelativePath', () => {
  it('accepts relative POSIX paths', () => {
    for (const p of ['top.v', 'src/top.v', 'a/b/c.lib', 'x..y.v']) expect(() => checkRelativePath(p)).not.toThrow();
  });
  it('rejects paths that escape or clash with the runner folder', () => {
    for (const p of ['', '/etc/passwd', '../x.v', 'a/../b.v', 'a//b.v', './a.v', 'a\\b.v', '.lowbit/x', 'a/']) {
      expect(() => checkRelativePath(p), p).toThrow(LowbitError);
    }
  });
});

describe('withScript', () => {
  it('adds the script (newline-terminated) next to the inputs', () => {
    const all = withScript('stat', { 'src/a.v': 'module a; endmodule' });
    expect([...all.keys()]).toEqual(['src/a.v', SCRIPT_PATH]);
    expect(all.get(SCRIPT_PATH)).toBe('stat\n');
  });
  it('rejects a path that is both a file and a folder', () => {
    expect(() => withScript('', { src: 'x', 'src/a.v': 'y' })).toThrow(/both a file and the folder/);
  });
  it('the command line names the script and log it places', () => {
    expect(YOSYS_ARGS).toEqual(['-q', '-l', LOG_PATH, '-s', SCRIPT_PATH]);
  });
});

describe('isOutputPath / asText', () => {
  it('outputs exclude inputs and the runner folder', () => {
    const inputs = { 'src/a.v': '' };
    expect(isOutputPath('stat.json', inputs)).toBe(true);
    expect(isOutputPath('out/x.txt', inputs)).toBe(true);
    expect(isOutputPath('src/a.v', inputs)).toBe(false);
    expect(isOutputPath(LOG_PATH, inputs)).toBe(false);
  });
  it('decodes bytes as UTF-8', () => {
    expect(asText(new TextEncoder().encode('µm² ok'))).toBe('µm² ok');
    expect(asText('plain')).toBe('plain');
  });
});
