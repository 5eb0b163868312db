/**
 * What users are sent, dropped on the built page in Chromium: a .zip of the exports and an .xlsx
 * workbook give the KPIs of the CSVs (expected.json); a zip bomb is refused with a message naming
 * it and the page keeps what it had.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CLUSTER_KPIS } from '../kpi-keys';
import { CsvReader } from '../../src/ingest/csv';
import { decodeBytes } from '../../src/ingest/decode';
import { watch, sharedBrowser } from './browser';
import { FORMATS, drop, fixture, metric, filesLoaded, openOnDemo } from './page-files';

const expected = JSON.parse(readFileSync(new URL('expected.json', FORMATS), 'utf8'));
const hourly = expected.window_60_dynamic;

function near(actual: number, wanted: number, tolerance = 1e-6): boolean {
  return Math.abs(actual - wanted) <= tolerance * Math.max(1, Math.abs(wanted));
}

/** The daily wide fixture as an .xlsx: numbers as numbers, dates as date cells. */
function dailyWideWorkbook(): Buffer {
  const text = decodeBytes(new Uint8Array(fixture(FORMATS, 'osd-daily-wide-cp1250.csv'))).text;
  const reader = new CsvReader('d.csv', text, ';', 1);
  const rows: unknown[][] = [];
  while (reader.next()) {
    const r = reader.fields.slice();
    rows.push(
      rows.length === 0
        ? r
        : r.map((f, j) =>
            j === 2
              ? { t: 'n', v: Date.parse(`${f}T00:00:00Z`) / 86_400_000 + 25_569, z: 'yyyy-mm-dd' }
              : /^-?\d+,\d+$/.test(f)
                ? Number(f.replace(',', '.'))
                : f,
          ),
    );
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Dane');
  return Buffer.from(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

describe('archives and workbooks dropped on the page', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  const open = (): Promise<Page> => openOnDemo(browser, base);
  const loaded = (page: Page, files: number): Promise<void> => filesLoaded(page, files);

  async function expectReference(page: Page): Promise<void> {
    await expect.poll(() => page.locator('h2.cluster').textContent(), { timeout: 60_000 }).toContain('9');
    for (const key of CLUSTER_KPIS) {
      const value = await metric(page, key);
      expect(near(value, hourly[key]), `${key}: ${value} vs ${hourly[key]}`).toBe(true);
    }
  }

  it('the file input accepts archives and workbooks', async () => {
    const page = await open();
    const accept = await page.locator('input[data-action="load-files"]').getAttribute('accept');
    for (const ext of ['.zip', '.gz', '.xlsx', '.xls']) expect(accept).toContain(ext);
    await page.close();
  });

  it('a .zip of the exports gives the KPIs of the CSVs, each file listed from the archive', async () => {
    const page = await open();
    const w = await watch(page, base.replace(/\/$/, ''));
    const pack = zipSync({
      'eksport/wide-local-net-15min.csv': new Uint8Array(fixture(FORMATS, 'wide-local-net-15min.csv')),
      'eksport/members.csv': new Uint8Array(fixture(FORMATS, 'members.csv')),
      '../evil.csv': new Uint8Array([65]),
    });
    await drop(page, [{ name: 'pack.zip', bytes: Buffer.from(pack) }]);
    await loaded(page, 2);
    await expectReference(page);
    const row = page.locator('[data-file="wide-local-net-15min.csv"]');
    await expect.poll(() => row.textContent()).toContain('z pack.zip');
    // The entry left out is said on the files that came out of the archive.
    await expect.poll(() => row.locator('[data-warning="container"]').first().textContent()).toContain('„../evil.csv”');
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    // Kept in the browser per inner file: a reload brings the same cluster back. (Console errors
    // are checked before it: a reload may cut a request short.)
    await page.locator('[data-notice="storage-saved"]').waitFor();
    await page.reload();
    await loaded(page, 2);
    await expectReference(page);
    await page.close();
  });

  it('an .xlsx workbook gives the KPIs of the CSV it was saved from', async () => {
    const page = await open();
    const w = await watch(page, base.replace(/\/$/, ''));
    await drop(page, [
      { name: 'osd-daily-wide.xlsx', bytes: dailyWideWorkbook() },
      { name: 'members.csv', bytes: fixture(FORMATS, 'members.csv') },
    ]);
    await loaded(page, 2);
    await expectReference(page);
    expect(await page.locator('[data-file="osd-daily-wide.xlsx"]').getAttribute('data-state')).toBe('ok');
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await page.close();
  });

  it('a zip bomb is refused with a message naming it; the page keeps what it had', async () => {
    const page = await open();
    await drop(page, [
      { name: 'long-utc-15min.csv', bytes: fixture(FORMATS, 'long-utc-15min.csv') },
      { name: 'members.csv', bytes: fixture(FORMATS, 'members.csv') },
    ]);
    await loaded(page, 2);
    const before = await Promise.all(CLUSTER_KPIS.map((k) => metric(page, k)));
    const bomb = gunzipSync(readFileSync(new URL('../fixtures/bad/bomb-600mb-entry.zip.gz', import.meta.url)));
    await drop(page, [{ name: 'bomb.zip', bytes: bomb }]);
    await loaded(page, 3);
    const report = page.locator('[data-file="bomb.zip"][data-state="error"]');
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toMatch(/„zuzycie\.csv” po rozpakowaniu ma ponad 500 MB/);
    expect(await Promise.all(CLUSTER_KPIS.map((k) => metric(page, k)))).toEqual(before);
    await expectReference(page);
    await page.close();
  });
});
