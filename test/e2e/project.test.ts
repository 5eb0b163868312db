/**
 * Project files in the browser (README "Project files"): the analysis saved as one .klaster.zip
 * opens in another browser (empty storage) with the same numbers, scenario and variants, through
 * the button or dropped on the page; a broken project says so and the page keeps what it had.
 */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { BALANCE_KPIS } from '../kpi-keys';
import { screenshotPath, watch, sharedBrowser } from './browser';
import { FORMATS, drop, fixture, metric } from './page-files';

const TAURON = 'tauron-elicznik-PL0037910000001001.csv';
const ENEA = 'enea-ebok-PL0037910000001004.csv';

async function kpis(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of BALANCE_KPIS) out[key] = await metric(page, key);
  return out;
}

/** Waits for `key` to move away from `before` (the engine answered an edit). */
async function changed(page: Page, key: string, before: number): Promise<number> {
  await expect.poll(() => metric(page, key), { timeout: 20_000 }).not.toBe(before);
  return metric(page, key);
}

describe('project files', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function open(): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    return page;
  }

  it('saves the analysis as a project; another browser opens it (button and drop) with the same numbers; a broken one changes nothing', async () => {
    const page = await open();
    const w = await watch(page, base.replace(/\/$/, ''));
    // On the demo there is nothing of the user's to save: the button (aria-disabled, still
    // reachable by keyboard) says why.
    expect(await page.locator('[data-action="save-project"]').getAttribute('aria-disabled')).toBe('true');
    await page.locator('[data-action="save-project"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-notice="project"]').waitFor();
    expect(await page.locator('[data-notice="project"]').innerText()).toMatch(/najpierw je wczytaj/);

    // Two files, a chosen period, a PV farm, a saved variant and a change after it.
    await drop(page, [
      { name: TAURON, bytes: fixture(FORMATS, TAURON) },
      { name: ENEA, bytes: fixture(FORMATS, ENEA) },
    ]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 30_000 }).toBe(2);
    const period = page.locator('[data-notice="period"]');
    await period.locator('input[type="date"]').nth(0).fill('2025-03-01');
    await period.locator('input[type="date"]').nth(1).fill('2025-08-31');
    await period.locator('button[type="submit"]').click();
    await expect.poll(() => period.innerText()).toMatch(/2025-03-01 – 2025-08-31 \(wybrany\)/);
    const plain = await metric(page, 'self_sufficiency');
    await page.locator('[data-action="add-pv"]').click();
    const pv = page.locator('[data-item="PV-1"]');
    await pv.waitFor();
    const withPv = await changed(page, 'self_sufficiency', plain);
    await page.locator('[data-action="save-variant"]').click();
    await expect.poll(() => page.locator('[data-variant-name="0"]').count()).toBe(1);
    await pv.locator('[data-field="kwp"] input[type=number]').fill('80');
    await changed(page, 'self_sufficiency', withPv);
    await page.waitForTimeout(500);
    const saved = await kpis(page);
    const variantName = await page.locator('[data-variant-name="0"]').innerText();

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="save-project"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^tauron-elicznik-PL0037910000001001-\d{4}-\d{2}-\d{2}\.klaster\.zip$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    await page.locator('[data-notice="project"]').waitFor();
    expect(await page.locator('[data-notice="project"]').innerText()).toMatch(/osobom uprawnionym/);
    const inside = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(inside).sort()).toEqual([`files/1-${TAURON}`, `files/2-${ENEA}`, 'klaster-project.json']);
    expect(inside[`files/1-${TAURON}`]).toEqual(new Uint8Array(fixture(FORMATS, TAURON)));
    const manifest = JSON.parse(new TextDecoder().decode(inside['klaster-project.json']));
    expect(manifest.workspace.period).toEqual({ from: '2025-03-01', to: '2025-08-31' });
    expect(manifest.scenario.add[0]).toMatchObject({ type: 'pv', id: 'PV-1', kwp: 80 });
    expect(manifest.variants).toHaveLength(1);
    expect(w.foreignRequests).toEqual([]);

    // Another browser (empty storage): the project through the button.
    const other = await open();
    const shown = async () => {
      await expect.poll(() => other.locator('tr[data-member="PV-1"]').count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => kpis(other), { timeout: 20_000 }).toEqual(saved);
      expect(await other.locator('[data-variant-name="0"]').innerText()).toBe(variantName);
      expect(await other.locator('[data-item="PV-1"] [data-field="kwp"] input[type=number]').inputValue()).toBe('80');
      expect(await other.locator('[data-notice="period"]').innerText()).toMatch(/2025-03-01 – 2025-08-31 \(wybrany\)/);
      expect(await other.locator('.error').count()).toBe(0);
    };
    await other.locator('[data-action="open-project"]').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/zip',
      buffer: bytes,
    });
    await shown();
    expect(await other.locator('[data-notice="project"]').innerText()).toMatch(/Otwarto projekt/);
    await other.screenshot({ path: screenshotPath('project-opened'), fullPage: false });
    // Kept in the browser like any loaded files: a reload brings it back.
    await other.locator('[data-notice="storage-saved"]').waitFor();
    await other.reload();
    await other.locator('[data-metric="shared_kwh"]').waitFor();
    await shown();

    // Dropped on the page (under any name): it replaces what is loaded, once the user agrees.
    await other.locator('[data-item="PV-1"] [data-field="kwp"] input[type=number]').fill('5');
    await changed(other, 'self_sufficiency', saved.self_sufficiency);
    const asked: string[] = [];
    other.on('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await drop(other, [{ name: 'analiza.zip', bytes }]);
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/Otworzyć projekt\?/);
    await shown();

    // Broken projects: a message, and the page keeps what it had.
    const before = await kpis(other);
    await other.locator('[data-action="open-project"]').setInputFiles({
      name: 'zwykle.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ [TAURON]: new Uint8Array(fixture(FORMATS, TAURON)) })),
    });
    await expect.poll(() => other.locator('.error').innerText()).toMatch(/zwykle\.zip: to nie jest projekt Klastra/);
    expect(await other.locator('.error').innerText()).toMatch(/Nic z tego, co było wczytane, nie zostało utracone/);
    expect(await kpis(other)).toEqual(before);

    const altered = { ...inside, [`files/2-${ENEA}`]: strToU8('Data;x\n') };
    await drop(other, [{ name: 'zmieniony.klaster.zip', bytes: Buffer.from(zipSync(altered)) }]);
    await expect.poll(() => other.locator('.error').innerText()).toMatch(/zmieniony\.klaster\.zip: plik files\/2-enea/);
    expect(await kpis(other)).toEqual(before);
    expect(await other.locator('tr[data-member]').count()).toBe(3);

    const newer = { ...inside, 'klaster-project.json': strToU8(JSON.stringify({ ...manifest, version: 2 })) };
    await drop(other, [{ name: 'nowszy.klaster.zip', bytes: Buffer.from(zipSync(newer)) }]);
    await expect.poll(() => other.locator('.error').innerText()).toMatch(/nowszej wersji Klastra/);
    expect(await kpis(other)).toEqual(before);
    await page.context().close();
    await other.context().close();
  });
});
