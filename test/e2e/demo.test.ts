/**
 * The built site in real Chromium: the demo cluster's KPIs appear without a click and equal what
 * the engine computes from the same demo files in Node; the chart is drawn; DuckDB starts; no
 * console error, no request to any other host, no CSP violation.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { describe, expect, inject, it } from 'vitest';
import { BalanceEngine } from '../../src/engine/balance';
import { instantiateKernels } from '../../src/engine/kernels';
import { decodeDemo, demoRegister } from '../../src/ingest/demo';
import type { Kpis } from '../../src/engine/types';
import { CLUSTER_KPIS } from '../kpi-keys';
import { screenshotPath, watch, sharedBrowser } from './browser';
import { decodeLink } from '../../src/scenario/link';

const KEYS = CLUSTER_KPIS;

async function expectedKpis(windowMinutes: number): Promise<Kpis> {
  const register = demoRegister('staszow-members.csv', readFileSync('dist/demo/staszow-members.csv'));
  const data = decodeDemo(gunzipSync(readFileSync('dist/demo/staszow-2025.arrows.gz')), register);
  const engine = new BalanceEngine(await instantiateKernels(readFileSync('src/engine/generated/kernels.wasm')));
  engine.load(data);
  return engine.compute({ windowMinutes, key: 'dynamic' }).kpis;
}

describe('the workbench on the demo cluster', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  it('shows the KPIs the engine computes, a chart, and starts DuckDB, privately and without errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const w = await watch(page, base.replace(/\/$/, ''));
    await page.goto(base);
    const expected = await expectedKpis(60);
    for (const key of KEYS) {
      const el = page.locator(`[data-metric="${key}"]`);
      await el.waitFor();
      const value = Number(await el.getAttribute('data-value'));
      expect(Math.abs(value - expected[key]) / Math.max(1, Math.abs(expected[key])), key).toBeLessThan(1e-9);
    }
    await page.locator('[data-chart="year"][data-drawn="true"] .main-svg').first().waitFor();
    expect(await page.locator('[data-chart="year"] path.js-line').count()).toBeGreaterThanOrEqual(3);
    await page.locator('[data-status="duckdb"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('tr[data-member]').count()).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: screenshotPath('demo'), fullPage: true });

    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])),
    );
    console.log(`timings (ms after navigation): ${JSON.stringify(marks)}`);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    await page.close();
  });

  it('says so when DuckDB cannot start, and the KPIs stay', async () => {
    // DuckDB's own worker script (loaded by duckdb-worker.ts) refused: DuckDB-WASM alone would
    // wait for it for ever, the status bar saying "starting…".
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route(/duckdb-browser-eh\.worker/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-metric="self_sufficiency"]').waitFor();
    await page.locator('[data-status="duckdb"][data-state="failed"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-status="duckdb"]').textContent()).toMatch(/DuckDB did not start/);
    expect(Number(await page.locator('[data-metric="self_sufficiency"]').getAttribute('data-value'))).toBeGreaterThan(0);
    await context.close();
  });

  it("says why when the demo's readings cannot be fetched, the page still there", async () => {
    // The page's <head> fetches them and hands them to the engine as a Blob (vite.config.ts).
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route(/staszow-2025\.arrows/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const page = await context.newPage();
    await page.goto(base);
    await expect.poll(() => page.locator('main').innerText(), { timeout: 30_000 }).toMatch(/staszow-2025\.arrows\.gz: HTTP 404/);
    expect(await page.getByRole('button', { name: 'Wczytaj pliki pomiarowe' }).isEnabled()).toBe(true);
    await context.close();
  });

  it('recomputes when the netting window changes and keeps it in the link', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await page.getByLabel('15 min').check({ force: true });
    const expected = await expectedKpis(15);
    await expect
      .poll(async () => Number(await page.locator('[data-metric="shared_kwh"]').getAttribute('data-value')), { timeout: 10_000 })
      .toBeCloseTo(expected.shared_kwh, 6);
    await expect.poll(() => page.url()).toMatch(/#s=/);
    const link = await decodeLink(new URL(page.url()).hash);
    expect(link.ok && link.value.current.window_minutes).toBe(15);
    // The link reproduces the scenario, in a fresh browser context (nothing kept in its storage).
    const context = await browser.newContext();
    const again = await context.newPage();
    await again.goto(page.url());
    await expect
      .poll(async () => Number(await again.locator('[data-metric="shared_kwh"]').getAttribute('data-value')), { timeout: 10_000 })
      .toBeCloseTo(expected.shared_kwh, 6);
    await page.close();
    await context.close();
  });

  it('fits a phone: headline numbers and a chart, nothing wider than the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await page.goto(base);
    await page.locator('[data-metric="self_sufficiency"]').waitFor();
    await page.locator('[data-chart="year"][data-drawn="true"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('phone') });
    await page.close();
  });

  it('speaks English on request and formats numbers for the locale', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const kpi = page.locator('[data-metric="self_sufficiency"]');
    await kpi.waitFor();
    expect(await kpi.textContent()).toMatch(/\d+,\d\s?%/); // Polish: decimal comma
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(async () => kpi.textContent()).toMatch(/\d+\.\d\s?%/);
    await expect.poll(async () => page.locator('h1 + .tagline').textContent()).toContain('browser');
    await page.close();
  });
});
