/**
 * The user's workspace survives a reload (files, corrections and choices kept in IndexedDB, read
 * again through the same path) and "Wyczyść moje dane" removes all of it, back to the demo.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { sharedBrowser } from './browser';
import { FORMATS, drop, fixture, metric } from './page-files';

const TAURON = 'tauron-elicznik-PL0037910000001001.csv';
const DB = 'klaster-workspace';

/** The workspace database's files and meta, as the page's origin holds them (null: no database). */
async function stored(page: Page): Promise<{ files: number; meta: number } | null> {
  return page.evaluate(async (name) => {
    const list = await indexedDB.databases();
    if (!list.some((d) => d.name === name)) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve(0);
        const r = db.transaction(store).objectStore(store).count();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const out = { files: await count('files'), meta: await count('meta') };
    db.close();
    return out;
  }, DB);
}

describe('a workspace that survives reload, and can be wiped', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function open(): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    return page;
  }

  it('nothing is kept for the demo; loaded files, their choices and the scenario come back on reload; clearing removes all', async () => {
    const page = await open();
    expect(await stored(page)).toBeNull();
    await drop(page, [
      { name: 'members.csv', bytes: fixture(FORMATS, 'members.csv') },
      { name: TAURON, bytes: fixture(FORMATS, TAURON) },
    ]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('[data-notice="storage-saved"]').waitFor();
    await expect.poll(() => stored(page)).toEqual({ files: 2, meta: 1 });
    // Choices about the files and the scenario: gaps filled linearly, the static key.
    await page.locator('[data-summary]').evaluate((e) => ((e.parentElement as HTMLDetailsElement).open = true));
    await page.locator('.gapfill select').selectOption('linear');
    await expect.poll(() => stored(page).then(() => page.locator('.gapfill select').inputValue())).toBe('linear');
    await page.locator('.settings select').first().selectOption('static');
    await expect.poll(() => page.locator('.settings select').first().inputValue()).toBe('static');
    await page.waitForTimeout(300);
    const kpis = async () => ({
      consumption: await metric(page, 'consumption_kwh'),
      shared: await metric(page, 'shared_kwh'),
      selfSufficiency: await metric(page, 'self_sufficiency'),
    });
    const before = await kpis();
    const files = async () =>
      (await page.locator('[data-file]').evaluateAll((l) => l.map((e) => e.getAttribute('data-file')))).sort();
    const listed = await files();
    expect(listed).toEqual(['members.csv', TAURON].sort());

    // Kept: the reload does not ask, and the same cluster comes back.
    let asked = false;
    page.on('dialog', (d) => {
      asked = true;
      void d.accept();
    });
    await page.reload();
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.locator('tr[data-member="PL0037910000001001"]').count()).toBe(1);
    expect(asked).toBe(false);
    await expect.poll(() => kpis()).toEqual(before);
    await page.locator('[data-summary]').evaluate((e) => ((e.parentElement as HTMLDetailsElement).open = true));
    expect(await page.locator('.gapfill select').inputValue()).toBe('linear');
    expect(await page.locator('.settings select').first().inputValue()).toBe('static');
    expect(await files()).toEqual(listed);
    expect(await page.locator('.error').count()).toBe(0);

    // Clear my data: asked first, then the demo, nothing in IndexedDB, no scenario kept.
    page.removeAllListeners('dialog');
    const messages: string[] = [];
    page.once('dialog', (d) => {
      messages.push(d.message());
      void d.accept();
    });
    await page.locator('[data-action="clear-data"]').click();
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    expect(messages[0]).toMatch(/Usunąć/);
    await expect.poll(() => stored(page)).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('klaster.scenario'))).toBeNull();
    await page.reload();
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    expect(await page.locator('[data-file]').count()).toBe(0);
    await page.close();
  });

  it('storage full: the page says so plainly, keeps working and keeps nothing', async () => {
    const page = await open();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(base).origin, quotaSize: 1024 });
    await drop(page, [{ name: TAURON, bytes: fixture(FORMATS, TAURON) }]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    const notice = page.locator('[data-notice="storage-quota"]');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/zabrakło w niej miejsca/);
    expect(await stored(page)).toBeNull();
    expect(await page.locator('[data-file]').count()).toBe(1);
    await page.close();
  });

  it('back to the demo still asks, and then forgets the kept files', async () => {
    const page = await open();
    await drop(page, [{ name: TAURON, bytes: fixture(FORMATS, TAURON) }]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => stored(page)).toEqual({ files: 1, meta: 1 });
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /Wróć do klastra demonstracyjnego/ }).click();
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    await expect.poll(() => stored(page)).toBeNull();
    await page.reload();
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    expect(await page.locator('[data-file]').count()).toBe(0);
    await page.close();
  });
});
