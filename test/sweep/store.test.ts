/** The SQLite store: idempotent writes, failed-row replacement, refusing foreign files untouched. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SweepStore, STORE_SCHEMA } from '../../src/sweep/store.ts';
import { isLowbitError } from '../../src/cli/load-design.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'sweep-store-'));
const point = (key: string, status: 'ok' | 'invalid' | 'failed', cells = 1) => ({
  key, design: 'd.ts', designHash: 'h', params: { w: 4 }, metrics: ['synth:generic'], tools: { yosys: '0.55' },
  status, message: status === 'ok' ? '' : `${status} because`, values: { 'generic.cells': cells }, rtlSha256: 'r', wallMs: 3, worker: 'local',
});

describe('SweepStore', () => {
  it('keeps the first ok/invalid result per key and replaces failed ones', () => {
    const file = join(tmp(), 's.db');
    const s = SweepStore.open(file);
    expect(s.put(point('a', 'ok', 10))).toBe(true);
    expect(s.put(point('a', 'ok', 99))).toBe(false);
    expect(s.put(point('b', 'failed'))).toBe(true);
    expect(s.put(point('b', 'ok', 7))).toBe(true);
    expect(s.put(point('b', 'failed'))).toBe(false);
    expect(s.put(point('c', 'invalid'))).toBe(true);
    expect(s.count()).toBe(3);
    expect(s.get('a')!.values).toEqual({ 'generic.cells': 10 });
    expect(s.get('b')).toMatchObject({ status: 'ok', attempts: 2, values: { 'generic.cells': 7 }, params: { w: 4 }, metrics: ['synth:generic'] });
    expect([...s.statuses(['a', 'b', 'c', 'zz']).entries()]).toEqual([['a', 'ok'], ['b', 'ok'], ['c', 'invalid']]);
    s.close();
    // Reopening keeps everything.
    const again = SweepStore.open(file, { readonly: true });
    expect(again.all().map((p) => p.key).sort()).toEqual(['a', 'b', 'c']);
    expect(again.all(['c', 'a']).map((p) => p.key)).toEqual(['c', 'a']);
    again.close();
  });

  it('refuses a store of another schema and leaves it byte for byte', () => {
    const file = join(tmp(), 'old.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema', 'lowbit-hdl.sweep-store/0'); CREATE TABLE points (key TEXT);`);
    db.close();
    const before = readFileSync(file);
    let err: unknown;
    try {
      SweepStore.open(file);
    } catch (e) {
      err = e;
    }
    expect(isLowbitError(err)).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`has schema 'lowbit-hdl.sweep-store/0'; this version reads '${STORE_SCHEMA}'`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite, and a missing store for reading', () => {
    const dir = tmp();
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'just some text, not a database\n'.repeat(40));
    const before = readFileSync(file);
    expect(() => SweepStore.open(file)).toThrow(/cannot be read as SQLite|not a lowbit-hdl sweep store/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(() => SweepStore.open(join(dir, 'none.db'), { readonly: true })).toThrow(/does not exist/);
  });
});
