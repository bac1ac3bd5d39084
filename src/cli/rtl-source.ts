/**
 * Resolve a command's RTL argument: a design file is generated into a temporary directory (removed
 * by `dispose`); a directory is read as `gen` output (`<top>.f`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTo, type Generated } from './generate.ts';
import { readRtlDir, type RtlSet } from '../lint/lint-rtl.ts';

export interface RtlSource {
  readonly rtl: RtlSet;
  /** Present when the argument was a design file. */
  readonly generated?: Generated;
  readonly dispose: () => void;
}

export function isDesignFile(arg: string): boolean {
  return /\.[cm]?[jt]s$/.test(arg);
}

export async function rtlSource(arg: string, params?: readonly string[]): Promise<RtlSource> {
  if (!isDesignFile(arg)) return { rtl: readRtlDir(arg), dispose: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'lowbit-'));
  try {
    const g = await generateTo(arg, { outDir: join(tmp, 'rtl'), params });
    return { rtl: readRtlDir(g.outDir), generated: g, dispose: () => rmSync(tmp, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
