/**
 * Paths that once showed wrong numbers without a word, or lost the user's work (issue 7), as a
 * user meets them in the page: a shared 15-minute link and hourly files, the same file dropped
 * twice, files of two different years, going back to the demo, a removed readings file.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sharedBrowser } from './browser';
import { FORMATS, drop, fixture, metric } from './page-files';

const TAURON = 'tauron-elicznik-PL0037910000001001.csv';

/** An hourly long file of one meter over 48 hours of June `year`. */
function yearFile(ppe: string, year: number): Buffer {
  const start = Date.UTC(year, 4, 31, 22);
  const rows = Array.from({ length: 48 }, (_, h) => `${ppe},${new Date(start + h * 3_600_000).toISOString()},1,0`);
  return Buffer.from(['ppe,timestamp_utc,import_kwh,export_kwh', ...rows].join('\n'));
}

describe('numbers a coordinator can trust', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function open(hash = ''): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}${hash}`);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    return page;
  }

  it('a 15-minute link and hourly files: the window follows the data and says so, the new cluster is shown', async () => {
    const page = await open('#v=1&w=15&k=dynamic');
    await expect.poll(() => page.locator('[data-notice="link-settings-only"]').count()).toBe(1);
    await drop(page, [{ name: TAURON, bytes: fixture(FORMATS, TAURON) }]);
    await page.locator('[data-notice="window-follows-data"]').waitFor();
    const notice = await page.locator('[data-notice="window-follows-data"]').innerText();
    expect(notice).toMatch(/Okna 15 min nie da się utworzyć z danych 60-minutowych/);
    // The Tauron file's member alone, not the demo: its consumption, netted hourly.
    await expect.poll(() => page.locator('.error').count()).toBe(0);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    await page.close();
  });

  it('the same file dropped twice is skipped with a note, never doubling the energy', async () => {
    const page = await open();
    const bytes = fixture(FORMATS, TAURON);
    await drop(page, [{ name: TAURON, bytes }]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    const once = await metric(page, 'consumption_kwh');
    await drop(page, [{ name: TAURON, bytes }]);
    await page.locator('[data-notice="duplicate-skipped"]').waitFor();
    expect(await page.locator('[data-notice="duplicate-skipped"]').innerText()).toMatch(/pominięty/);
    expect(await metric(page, 'consumption_kwh')).toBe(once);
    await page.close();
  });

  it("files of two years: one period is analysed, each file's period shown, another can be picked", async () => {
    const page = await open();
    await drop(page, [
      { name: 'a2024.csv', bytes: yearFile('PLA', 2024) },
      { name: 'b2025.csv', bytes: yearFile('PLB', 2025) },
    ]);
    const period = page.locator('[data-notice="period"]');
    await period.waitFor();
    await expect.poll(() => period.innerText()).toMatch(/2025-06-01 – 2025-06-02/);
    expect(await period.innerText()).toMatch(/2024-06-01 – 2024-06-02/);
    expect(await metric(page, 'consumption_kwh')).toBe(48);
    await period.locator('input[type="date"]').nth(0).fill('2024-06-01');
    await period.locator('input[type="date"]').nth(1).fill('2024-06-02');
    await period.locator('button[type="submit"]').click();
    await expect.poll(() => period.innerText()).toMatch(/Analizowany okres: 2024-06-01 – 2024-06-02 \(wybrany\)/);
    expect(await metric(page, 'consumption_kwh')).toBe(48);
    await page.close();
  });

  it('going back to the demo asks first, naming how many files would be discarded', async () => {
    const page = await open();
    await drop(page, [{ name: TAURON, bytes: fixture(FORMATS, TAURON) }]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    const messages: string[] = [];
    page.once('dialog', (d) => {
      messages.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('button', { name: /Wróć do klastra demonstracyjnego/ }).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatch(/1\splik\b/);
    // Dismissed: the user's cluster stays.
    expect(await page.locator('tr[data-member]').count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /Wróć do klastra demonstracyjnego/ }).click();
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    await page.close();
  });

  it('removing the readings file leaves no removed meter on screen, and says why', async () => {
    const page = await open();
    await drop(page, [
      { name: 'members.csv', bytes: fixture(FORMATS, 'members.csv') },
      { name: TAURON, bytes: fixture(FORMATS, TAURON) },
    ]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    const tauronRow = page.locator('.files li', { hasText: TAURON });
    await page
      .locator('summary', { hasText: /Raport danych|plik/ })
      .first()
      .click()
      .catch(() => undefined);
    await tauronRow.getByRole('button', { name: /usuń/ }).click();
    await page.locator('[data-notice="no-readings"]').waitFor();
    await expect.poll(() => page.locator('tr[data-member="PL0037910000001001"]').count()).toBe(0);
    await page.close();
  });
});
