/**
 * Accessible: axe-core finds no serious or critical violation on the demo page, in Polish and in
 * English, with the scenario panel and the data report of a loaded file open, with every chart's
 * data table open, and with the export menu and the report (a modal view) open.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sharedBrowser } from './browser';
import { FORMATS, drop, fixture } from './page-files';

const TAURON = 'tauron-elicznik-PL0037910000001001.csv';

/** Serious and critical violations, each with the elements it names (for a readable failure). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every collapsible section open (the scenario panel's, the data report's, the SQL console). */
async function openAll(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await page.waitForTimeout(300);
}

describe('accessible', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function open(): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await page.locator('[data-panel="scenario"]').waitFor();
    return page;
  }

  it('the demo page, Polish then English, scenario panel open', async () => {
    const page = await open();
    await openAll(page);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await openAll(page);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("a loaded file's data report open", async () => {
    const page = await open();
    await drop(page, [{ name: TAURON, bytes: fixture(FORMATS, TAURON) }]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    await openAll(page);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("every chart's data table open, in Polish and English", async () => {
    const page = await open();
    for (const b of await page.locator('[data-action="chart-table"]').all()) await b.click();
    await expect.poll(() => page.locator('table[data-chart-table]').count()).toBe(3);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('caption').filter({ hasText: 'Monthly sums' }).count()).toBe(1);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the export menu open, then the report (a modal view)', async () => {
    const page = await open();
    await page.locator('[data-action="export-menu"]').click();
    await page.locator('[data-action="export-members"]').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.locator('[data-action="report"]').click();
    await page.locator('[data-report]').waitFor();
    expect(await page.locator('#klaster-report[role="dialog"][aria-modal="true"]').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-report]').count()).toBe(0);
    await page.close();
  });
});
