/**
 * One engine, two hosts: the same files through the CLI (Node) and dropped on the page (Chromium)
 * give the same KPIs, for hourly and quarter-hour windows, another key and a community battery.
 */

import { describe, expect, inject, it } from 'vitest';
import { fixtureFile, runCli } from '../cli-run';
import { BALANCE_KPIS } from '../kpi-keys';
import { sharedBrowser } from './browser';

const KEYS = [...BALANCE_KPIS, 'matched_res_share', 'res_generation_share'];

describe('the CLI and the browser agree', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');
  const files = ['wide-local-net-15min.csv', 'members.csv'].map(fixtureFile);

  it.each([
    ['60-minute window', '#v=1&w=60&k=dynamic', ['--window', '60']],
    ['15-minute window', '#v=1&w=15&k=dynamic', ['--window', '15']],
    ['500 kWh battery', '#v=1&w=60&k=dynamic&b=500,250,0.9', ['--battery', '500,250,0.9']],
    ['hybrid key', '#v=1&w=60&k=hybrid', ['--key', 'hybrid']],
  ])('%s', async (_, hash, args) => {
    const cli = await runCli(['analyze', files[0], '--members', files[1], '--json', ...(args as string[])]);
    expect(cli.code, cli.stderr).toBe(0);
    const want = JSON.parse(cli.stdout);

    const page = await browser.newPage();
    await page.goto(`${base}${hash}`);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await page.locator('input[data-action="load-files"]').setInputFiles(files);
    await expect.poll(() => page.locator('h2.cluster').textContent(), { timeout: 60_000 }).toContain('9');
    for (const key of KEYS) {
      const shown = Number(await page.locator(`[data-metric="${key}"]`).getAttribute('data-value'));
      expect(key in want, `the CLI's JSON lacks ${key}`).toBe(true);
      expect(
        Math.abs(shown - want[key]) <= 1e-9 * Math.max(1, Math.abs(want[key])),
        `${key}: browser ${shown}, CLI ${want[key]}`,
      ).toBe(true);
    }
    if (hash.includes('b=')) {
      const shown = Number(await page.locator('[data-metric="battery_discharged_kwh"]').getAttribute('data-value'));
      expect(Math.abs(shown - want.battery_discharged_kwh)).toBeLessThan(1e-6);
    }
    await page.close();
  });
});
