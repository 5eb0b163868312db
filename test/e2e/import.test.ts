/**
 * Every file of the shared data set, dropped onto the built page in Chromium, gives the reference
 * totals of expected.json (relative error ≤ 1e-6); a bad file is reported with file, line and
 * column and leaves what was loaded intact.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CLUSTER_KPIS } from '../kpi-keys';
import { parseFileAsync } from '../../src/ingest/index';
import { screenshotPath, watch, sharedBrowser } from './browser';
import { FORMATS, drop, fixture, metric, filesLoaded, openOnDemo } from './page-files';

// (FORMATS from page-files.ts)
const expected = JSON.parse(readFileSync(new URL('expected.json', FORMATS), 'utf8'));
const hourly = expected.window_60_dynamic;

async function memberMetric(page: Page, id: string, key: string): Promise<number> {
  return Number(await page.locator(`tr[data-member="${id}"] [data-metric="${key}"]`).getAttribute('data-value'));
}

function near(actual: number, wanted: number, tolerance = 1e-6): boolean {
  return Math.abs(actual - wanted) <= tolerance * Math.max(1, Math.abs(wanted));
}

describe('meter files dropped on the page', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  const open = (): Promise<Page> => openOnDemo(browser, base);
  const loaded = (page: Page, files: number): Promise<void> => filesLoaded(page, files);

  it.each([['long-utc-15min.csv'], ['wide-local-net-15min.csv'], ['osd-daily-wide-cp1250.csv']])(
    '%s with the register gives the cluster of expected.json',
    async (name) => {
      const page = await open();
      const w = await watch(page, base.replace(/\/$/, ''));
      await drop(page, [
        { name, bytes: fixture(FORMATS, name) },
        { name: 'members.csv', bytes: fixture(FORMATS, 'members.csv') },
      ]);
      await loaded(page, 2);
      await expect.poll(() => page.locator('h2.cluster').textContent()).toContain('9');
      // Each meter's quality line, the last file's coming just after the KPIs.
      await expect.poll(() => page.locator('[data-quality]').count()).toBe(9);
      for (const coverage of await page
        .locator('[data-quality]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-coverage'))))
        expect(Number(coverage)).toBeGreaterThan(0.99);
      for (const key of CLUSTER_KPIS) {
        const value = await metric(page, key);
        expect(near(value, hourly[key]), `${name} ${key}: ${value} vs ${hourly[key]}`).toBe(true);
      }
      for (const [id, m] of Object.entries(hourly.members) as [
        string,
        { import_kwh: number; export_kwh: number; allocated_kwh: number },
      ][]) {
        expect(near(await memberMetric(page, id, 'member_import_kwh'), m.import_kwh), `${id} import`).toBe(true);
        expect(near(await memberMetric(page, id, 'member_export_kwh'), m.export_kwh), `${id} export`).toBe(true);
        expect(near(await memberMetric(page, id, 'member_allocated_kwh'), m.allocated_kwh), `${id} allocated`).toBe(true);
      }
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      if (name.startsWith('long')) await page.screenshot({ path: screenshotPath('import-long'), fullPage: true });
      await page.close();
    },
  );

  it.each([
    ['tauron-elicznik-PL0037910000001001.csv', 'PL0037910000001001'],
    ['enea-ebok-PL0037910000001004.csv', 'PL0037910000001004'],
  ])('%s, a single-meter export, gives its member’s totals', async (name, id) => {
    const page = await open();
    await drop(page, [{ name, bytes: fixture(FORMATS, name) }]);
    await loaded(page, 1);
    const want = hourly.members[id];
    expect(near(await memberMetric(page, id, 'member_import_kwh'), want.import_kwh)).toBe(true);
    expect(near(await memberMetric(page, id, 'member_export_kwh'), want.export_kwh)).toBe(true);
    await page.close();
  });

  it('reads Parquet the same as the importer does in Node', async () => {
    const name = 'long-utc-15min.parquet';
    const bytes = fixture(FORMATS, name);
    const parsed = await parseFileAsync(name, new Uint8Array(bytes));
    if (parsed.kind !== 'readings') throw new Error('expected readings');
    const imports = parsed.meters.map((m) => m.import.reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0));
    const page = await open();
    await drop(page, [{ name, bytes }]);
    await loaded(page, 1);
    expect(await page.locator('[data-file][data-state="error"]').count()).toBe(0);
    for (const [i, m] of parsed.meters.entries()) {
      expect(near(await memberMetric(page, m.id, 'member_import_kwh'), imports[i])).toBe(true);
    }
    await page.close();
  });

  it('reads the real household file (cumulative counters with gaps)', async () => {
    const page = await open();
    const name = 'opsd-household-residential4-60min.csv';
    await drop(page, [{ name, bytes: fixture(new URL('../fixtures/real/', import.meta.url), name) }]);
    await loaded(page, 1);
    expect(await page.locator('[data-file][data-state="error"]').count()).toBe(0);
    expect(await metric(page, 'consumption_kwh')).toBeGreaterThan(1000);
    expect(await metric(page, 'generation_kwh')).toBeGreaterThan(1000);
    await page.close();
  });

  it('cancels a long read and keeps what was loaded', async () => {
    const page = await open();
    const before = await metric(page, 'consumption_kwh');
    // About 180 MB of long CSV, made in the page: seconds to parse, time enough to cancel.
    await page.evaluate(() => {
      const rows: string[] = ['ppe,timestamp,import_kwh,export_kwh\n'];
      const start = Date.UTC(2024, 11, 31, 23);
      for (let m = 0; m < 120; m++) {
        const lines: string[] = [];
        for (let k = 0; k < 35040; k++)
          lines.push(`PL${String(m).padStart(16, '0')},${new Date(start + k * 900_000).toISOString()},1.000,0.000\n`);
        rows.push(lines.join(''));
      }
      const dt = new DataTransfer();
      dt.items.add(new File(rows, 'big.csv'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    });
    const cancel = page.getByRole('button', { name: 'Anuluj' });
    await cancel.click();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(0);
    expect(await metric(page, 'consumption_kwh')).toBe(before);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    // Reading works again afterwards.
    await drop(page, [
      { name: 'tauron-elicznik-PL0037910000001001.csv', bytes: fixture(FORMATS, 'tauron-elicznik-PL0037910000001001.csv') },
    ]);
    await loaded(page, 1);
    await page.close();
  });

  it('shows each file of a drop as soon as it is read, before the KPIs of them all', async () => {
    const page = await open();
    const before = await metric(page, 'consumption_kwh');
    // What the page showed when the first file's line appeared, and when the KPIs changed: noted
    // in the page as it happens, so that the check does not race the second file's reading.
    await page.evaluate(() => {
      const seen: { lineAt?: number; progressbar?: boolean; kpiThen?: string | null; kpisAt?: number } = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      const kpi = () => document.querySelector('[data-metric="consumption_kwh"]')?.getAttribute('data-value') ?? null;
      const start = kpi();
      new MutationObserver(() => {
        if (seen.lineAt === undefined && document.querySelector('[data-file-read]')) {
          seen.lineAt = performance.now();
          seen.progressbar = document.querySelector('[role="progressbar"]') !== null;
          seen.kpiThen = kpi();
        }
        if (seen.kpisAt === undefined && kpi() !== start) seen.kpisAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // Two long CSVs of about 45 MB each, made in the page. The larger is read first; the second,
    // a little smaller, quotes its PPEs, which takes the slower exact reader.
    await page.evaluate(() => {
      const start = Date.UTC(2024, 11, 31, 23);
      const make = (name: string, meters: number, quote: string) => {
        const rows: string[] = ['ppe,timestamp,import_kwh,export_kwh\n'];
        for (let m = 0; m < meters; m++) {
          const lines: string[] = [];
          const ppe = `${quote}PL${name}${String(m).padStart(14, '0')}${quote}`;
          for (let k = 0; k < 35040; k++) lines.push(`${ppe},${new Date(start + k * 900_000).toISOString()},1.000,0.000\n`);
          rows.push(lines.join(''));
        }
        return new File(rows, `${name}.csv`);
      };
      const dt = new DataTransfer();
      dt.items.add(make('aa', 30, ''));
      dt.items.add(make('bb', 28, '"'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    });
    const first = page.locator('[data-file-read]');
    await first.first().waitFor({ timeout: 60_000 });
    expect(await first.first().getAttribute('data-state')).toBe('ok');
    await loaded(page, 2);
    // The first file's line came while the files were still being read: the progress bar up, the
    // KPIs still the demo's, and the new KPIs only later.
    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, unknown> }).seen);
    expect(seen.progressbar).toBe(true);
    expect(Number(seen.kpiThen)).toBe(before);
    expect(seen.lineAt).toBeLessThan(seen.kpisAt as number);
    expect(await page.locator('[data-file-read]').count()).toBe(0);
    await page.close();
  });

  it('keeps both the new files and a setting changed while they load', async () => {
    const page = await open();
    await drop(page, [
      { name: 'long-utc-15min.csv', bytes: fixture(FORMATS, 'long-utc-15min.csv') },
      { name: 'members.csv', bytes: fixture(FORMATS, 'members.csv') },
    ]);
    await page.getByLabel('15 min').check({ force: true });
    await loaded(page, 2);
    const want = expected.window_15_dynamic;
    await expect.poll(async () => metric(page, 'shared_kwh'), { timeout: 30_000 }).toBeCloseTo(want.shared_kwh, 3);
    expect(near(await metric(page, 'consumption_kwh'), want.consumption_kwh)).toBe(true);
    await page.close();
  });

  it('reports a bad file with its line and column and keeps what was loaded', async () => {
    const page = await open();
    await drop(page, [{ name: 'long-utc-15min.csv', bytes: fixture(FORMATS, 'long-utc-15min.csv') }]);
    await loaded(page, 1);
    const before = await metric(page, 'consumption_kwh');
    const bad = Buffer.from(
      'ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,1.5,0\nPL1,2025-01-01T00:15:00Z,abc,0\n',
    );
    await drop(page, [{ name: 'bad.csv', bytes: bad }]);
    await loaded(page, 2);
    const report = page.locator('[data-file="bad.csv"][data-state="error"]');
    await expect.poll(() => report.textContent()).toMatch(/bad\.csv[\s\S]*wiersz 3, kolumna 3: „abc” nie jest liczbą/);
    expect(await metric(page, 'consumption_kwh')).toBe(before);
    await page.close();
  });
});
