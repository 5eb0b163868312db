/**
 * One large export dropped alone: the page reads it in parts side by side (the parse worker and a
 * helper on the idle core, long-parts.ts) and shows the KPIs the CLI computes from the same file
 * read in one piece. Local wall-clock labels with both DST changes of 2025, so that what needs the
 * whole file (the label rule, the repeated October hour) runs on the joined parts.
 */
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../cli-run';
import { BALANCE_KPIS } from '../kpi-keys';
import { sharedBrowser } from './browser';

const METERS = 22;
const DST_FROM = Date.UTC(2025, 2, 30, 1);
const DST_TO = Date.UTC(2025, 9, 26, 1);

/** `ppe;czas;pobór kWh;oddanie kWh` with Warsaw wall-clock interval starts, a year of quarter-hours a meter (~42 MB). */
function writeLargeExport(path: string): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'ppe;czas;pobor_kwh;oddanie_kwh\n');
  const pad = (n: number) => String(n).padStart(2, '0');
  let s = 7;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let m = 0; m < METERS; m++) {
    const rows: string[] = [];
    for (let t = Date.UTC(2024, 11, 31, 23); t < Date.UTC(2025, 11, 31, 23); t += 900_000) {
      const local = new Date(t + (t >= DST_FROM && t < DST_TO ? 2 : 1) * 3_600_000);
      const label = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
      const v = rnd() * 4 - 1;
      rows.push(
        `PL00379100000${String(m).padStart(5, '0')};${label};${v > 0 ? v.toFixed(3).replace('.', ',') : '0'};${v < 0 ? (-v).toFixed(3).replace('.', ',') : '0'}\n`,
      );
    }
    writeSync(fd, rows.join(''));
  }
  closeSync(fd);
}

describe('a large export dropped alone', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  it('is read in parts side by side and gives the KPIs of the CLI reading it whole', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'klaster-large-')), 'licznik-2025.csv');
    writeLargeExport(path);
    const cli = await runCli(['analyze', path, '--json', '--window', '15']);
    expect(cli.code, cli.stderr).toBe(0);
    const want = JSON.parse(cli.stdout);

    const page = await browser.newPage();
    const parseWorkers: string[] = [];
    page.on('worker', (w) => {
      if (w.url().includes('parse-worker')) parseWorkers.push(w.url());
    });
    await page.goto(`${base}#v=1&w=15&k=dynamic`);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await page.locator('input[data-action="load-files"]').setInputFiles(path);
    await expect.poll(() => page.locator('h2.cluster').textContent(), { timeout: 120_000 }).toContain(String(METERS));
    for (const key of BALANCE_KPIS) {
      const shown = Number(await page.locator(`[data-metric="${key}"]`).getAttribute('data-value'));
      expect(
        Math.abs(shown - want[key]) <= 1e-9 * Math.max(1, Math.abs(want[key])),
        `${key}: browser ${shown}, CLI ${want[key]}`,
      ).toBe(true);
    }
    // The parse worker and its helper (its own script again): the file was read in two parts.
    expect(parseWorkers.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
