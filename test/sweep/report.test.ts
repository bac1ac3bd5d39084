/**
 * The HTML report in a real browser: headless Chromium (Debian package) driven by
 * playwright-core loads index.html from disk, counts the plotted points and the Pareto points of
 * each chart against paretoKeys, reads the hover text, sorts the table, and saves a screenshot
 * to rtl-out/sweep-report/report.png.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReport } from '../../src/sweep/report.ts';
import { paretoKeys } from '../../src/sweep/pareto.ts';
import type { StoredPoint } from '../../src/sweep/store.ts';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'rtl-out/sweep-report');

/** A K x width grid with area growing in both and depth shrinking in K: a real trade-off. */
function points(): StoredPoint[] {
  const out: StoredPoint[] = [];
  for (const K of [1, 2, 3]) {
    for (const width of [4, 6, 8, 10]) {
      const key = `k${K}w${width}`;
      const values = { 'cmos.transistors': 40 * width * K + 7 * (width % 3), 'cmos.depth': 4 * width - 3 * K + (width === 6 ? 9 : 0), 'pnr.lc': 5 * width * K, 'pnr.fmaxMHz': 20 * K + 100 / width };
      out.push({ key, design: 'k.ts', designHash: 'h', params: { K, width }, metrics: ['synth:cmos', 'pnr:ice40:up5k'], tools: {}, status: 'ok', message: '', values, rtlSha256: 'r', wallMs: 10 * width, worker: 'local', finishedAt: '', attempts: 1 });
    }
  }
  out.push({ ...out[0]!, key: 'bad', params: { K: 4, width: 4 }, status: 'invalid', message: 'K 4 is above 3', values: {} });
  return out;
}

describe('writeReport in Chromium', () => {
  it('plots every ok point, highlights exactly the Pareto set, shows parameters on hover, sorts the table', async () => {
    const pts = points();
    mkdirSync(OUT, { recursive: true });
    const rep = await writeReport(OUT, pts, { title: 'K-hot grid' });
    expect(rep.charts.map((c) => c.file)).toEqual(['pareto-cmos.transistors--cmos.depth.svg', 'pareto-pnr.lc--pnr.fmaxMHz.svg']);
    for (const c of rep.charts) {
      expect(readFileSync(join(OUT, c.file), 'utf8')).toMatch(/^<svg /);
      expect(new Set(c.pareto)).toEqual(paretoKeys(pts, c.x, c.y));
    }
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(rep.index).href);
      expect(await page.textContent('#summary')).toContain('13 point(s): 12 ok, 1 invalid, 0 failed');
      for (const c of rep.charts) {
        const sel = `section.chart[data-x="${c.x}"]`;
        const titles = await page.$$eval(`${sel} svg .mark-symbol path title`, (ts) => ts.map((t) => t.textContent ?? ''));
        expect(titles).toHaveLength(12);
        const front = titles.filter((t) => t.startsWith('Pareto · '));
        const expected = pts.filter((p) => paretoKeys(pts, c.x, c.y).has(p.key)).map((p) => `K=${p.params.K} width=${p.params.width}`);
        expect(front.map((t) => t.split(' · ')[1]).sort()).toEqual(expected.sort());
        expect(front.length).toBeGreaterThan(1);
        expect(front.length).toBeLessThan(12);
        // The Pareto points are drawn filled red, the others hollow.
        const fills = await page.$$eval(`${sel} svg .mark-symbol path`, (ps) => ps.map((p) => p.getAttribute('fill')));
        expect(fills.filter((f) => f === '#d62728')).toHaveLength(front.length);
        expect(await page.getAttribute(sel, 'data-pareto')).toBe(String(front.length));
      }
      // Sort by width descending (two clicks): numbers, not strings.
      const widthCol = await page.$$eval('table.points th', (hs) => hs.map((h) => h.textContent).indexOf('width'));
      await page.click(`table.points th:nth-child(${widthCol + 1})`);
      await page.click(`table.points th:nth-child(${widthCol + 1})`);
      const widths = await page.$$eval(`table.points tbody tr td:nth-child(${widthCol + 1})`, (tds) => tds.map((t) => Number(t.textContent)));
      expect(widths).toEqual([...widths].sort((a, b) => b - a));
      expect(widths[0]).toBe(10);
      const shot = join(OUT, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot) && statSync(shot).size > 10_000).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
