/**
 * The scenario explorer in the built site (issue 8, "In the page"): a scenario built in the panel
 * moves the KPIs while the baseline keeps the demo's plain values; its link reproduces it in a
 * fresh browser context and in the CLI; variants are compared side by side; undo and redo; the
 * sizing sweep adopts a cell; a refused edit is said next to its field; a link made on other data
 * says what it leaves out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/scenario/link';
import { newScenario } from '../../src/scenario/model';
import { runCli } from '../cli-run';
import { BALANCE_KPIS, CLUSTER_KPIS } from '../kpi-keys';
import { screenshotPath, watch, sharedBrowser } from './browser';
import { demoAsCsv } from './demo-csv';

const KEYS = [...BALANCE_KPIS, 'matched_res_share'] as const;

async function metric(page: Page, key: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${key}"]`).getAttribute('data-value'));
}

async function kpis(page: Page, prefix = ''): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of KEYS) out[key] = await metric(page, `${prefix}${key}`);
  return out;
}

/** Waits until `key` has left `before` (a recompute landed) and returns the new value. */
async function changed(page: Page, key: string, before: number): Promise<number> {
  await expect.poll(() => metric(page, key), { timeout: 20_000 }).not.toBe(before);
  return metric(page, key);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('the scenario explorer', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  it('builds a scenario in the panel; its link gives the same KPIs in a fresh context and in the CLI; variants, undo/redo, sweep', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const w = await watch(page, base.replace(/\/$/, ''));
    await page.goto(base);
    await page.locator('[data-metric="self_sufficiency"]').waitFor();
    const plain = await kpis(page);
    expect(await page.locator('[data-metric="baseline_self_sufficiency"]').count()).toBe(0);

    // A 2,000 kWp PV farm and ten H25 households, added in the panel.
    await page.locator('[data-action="add-pv"]').click();
    const pv = page.locator('[data-item="PV-1"]');
    await pv.waitFor();
    const withDefaultPv = await changed(page, 'self_sufficiency', plain.self_sufficiency);
    await pv.locator('[data-field="kwp"] input[type=number]').fill('2000');
    await changed(page, 'self_sufficiency', withDefaultPv);
    const withPv = await metric(page, 'self_sufficiency');
    await page.locator('[data-action="add-consumer"]').click();
    const homes = page.locator('[data-item="LOAD-1"]');
    await homes.locator('[data-field="profile"] select').selectOption('H25');
    await homes.locator('[data-field="count"] input[type=number]').fill('10');
    await changed(page, 'consumption_kwh', plain.consumption_kwh);
    await expect.poll(() => page.locator('tr[data-member="LOAD-1-10"]').count()).toBe(1);

    // The baseline is the demo as it was; the scenario moved.
    const scenarioKpis = await kpis(page);
    const baselineKpis = await kpis(page, 'baseline_');
    for (const key of KEYS) expect(close(baselineKpis[key]!, plain[key]!), `baseline_${key}`).toBe(true);
    expect(scenarioKpis.self_sufficiency).not.toBe(plain.self_sufficiency);
    expect(scenarioKpis.self_sufficiency).not.toBe(withPv);
    expect(scenarioKpis.consumption_kwh - plain.consumption_kwh).toBeCloseTo(10 * 2500, 3);
    // Added members in the member table, with their member_* values like the others.
    const pvRow = page.locator('tr[data-member="PV-1"]');
    expect(Number(await pvRow.locator('[data-metric="member_export_kwh"]').getAttribute('data-value'))).toBeGreaterThan(
      1_500_000,
    );
    const home = page.locator('tr[data-member="LOAD-1-3"]');
    expect(Number(await home.locator('[data-metric="member_import_kwh"]').getAttribute('data-value'))).toBeCloseTo(2500, 6);
    expect(await home.locator('[data-new]').count()).toBe(1);
    expect(await page.locator('[data-delta="self_sufficiency"][data-way="up"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('scenario'), fullPage: true });

    // Copy the link: the clipboard holds the page's address, which carries the scenario.
    await page.locator('[data-action="copy-link"]').click();
    await expect.poll(() => page.locator('[data-copy-status]').getAttribute('data-copy-status')).not.toBe('idle');
    await expect
      .poll(async () => {
        const r = await decodeLink(new URL(page.url()).hash);
        return r.ok ? JSON.stringify(r.value.current.add.map((a) => a.id)) : '';
      })
      .toBe('["PV-1","LOAD-1"]');
    const url = page.url();
    if ((await page.locator('[data-copy-status]').getAttribute('data-copy-status')) === 'copied') {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    } else {
      expect(await page.locator('[data-link-field]').inputValue()).toBe(url);
    }

    // A fresh browser context (nothing in its storage) shows the same numbers from the link.
    const fresh = await browser.newContext();
    const again = await fresh.newPage();
    await again.goto(url);
    await again.locator('[data-metric="baseline_self_sufficiency"]').waitFor({ timeout: 20_000 });
    expect(await kpis(again)).toEqual(scenarioKpis);
    expect(await kpis(again, 'baseline_')).toEqual(baselineKpis);
    await fresh.close();

    // The CLI on the demo's data with the same link: the same KPIs and baseline.
    const csv = demoAsCsv();
    const hash = new URL(url).hash;
    const cli = await runCli(['analyze', csv.data, '--members', csv.members, '--scenario', hash, '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const out = JSON.parse(cli.stdout);
    for (const key of [...CLUSTER_KPIS, 'peak_grid_import_kw']) {
      expect(close(out[key], scenarioKpis[key]!), `${key}: CLI ${out[key]}, page ${scenarioKpis[key]}`).toBe(true);
      expect(close(out.baseline[key], baselineKpis[key]!), `baseline ${key}`).toBe(true);
    }

    // Two variants, compared side by side with the baseline.
    await page.locator('[data-action="save-variant"]').click();
    await expect.poll(() => page.locator('[data-variant-name="0"]').count()).toBe(1);
    expect(await page.locator('[data-variant-name="0"]').textContent()).toMatch(/^Wariant A: PV 2 MWp, 10 × H25/);
    await pv.locator('[data-field="kwp"] input[type=number]').fill('3000');
    const withMorePv = await changed(page, 'self_sufficiency', scenarioKpis.self_sufficiency);
    await page.locator('[data-action="save-variant"]').click();
    await expect.poll(() => page.locator('[data-variant-name="1"]').count()).toBe(1);
    const cell = (key: string, column: string) =>
      page.locator(`[data-table="variants"] td[data-compare="${key}"][data-column="${column}"]`);
    // (The table's KPIs come from the engine's fast path: equal to the page's up to rounding.)
    await expect
      .poll(async () => close(Number(await cell('self_sufficiency', '1').getAttribute('data-value')), withMorePv), {
        timeout: 10_000,
      })
      .toBe(true);
    for (const key of KEYS) {
      expect(close(Number(await cell(key, 'baseline').getAttribute('data-value')), plain[key]!), `baseline ${key}`).toBe(true);
      expect(close(Number(await cell(key, '0').getAttribute('data-value')), scenarioKpis[key]!), `variant A ${key}`).toBe(true);
    }
    // The scenario on screen is variant B: no separate column for it.
    expect(await page.locator('[data-table="variants"] th[data-column="current"]').count()).toBe(0);
    const linked = await decodeLink(new URL(page.url()).hash);
    expect(linked.ok && linked.value.variants.map((v) => v.name?.slice(0, 9))).toEqual(['Wariant A', 'Wariant B']);

    // Undo (Ctrl+Z) back to 2,000 kWp, redo (Ctrl+Shift+Z, Ctrl+Y) to 3,000; the buttons too.
    await page.locator('h2.cluster').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => metric(page, 'self_sufficiency')).toBe(scenarioKpis.self_sufficiency);
    expect(await pv.locator('[data-field="kwp"] input[type=number]').inputValue()).toBe('2000');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => metric(page, 'self_sufficiency')).toBe(withMorePv);
    await page.locator('[data-action="undo"]').click();
    await expect.poll(() => metric(page, 'self_sufficiency')).toBe(scenarioKpis.self_sufficiency);
    await page.locator('h2.cluster').click();
    await page.keyboard.press('Control+y');
    await expect.poll(() => metric(page, 'self_sufficiency')).toBe(withMorePv);
    // Viewing variant A makes it the scenario on screen.
    await page.locator('[data-table="variants"] th[data-column="0"] [data-action="view-variant"]').click();
    await expect.poll(() => metric(page, 'self_sufficiency')).toBe(scenarioKpis.self_sufficiency);

    // A refused edit: said next to the field, the scenario on screen unchanged.
    await pv.locator('[data-field="kwp"] input[type=number]').fill('-5');
    await pv.locator('[data-field="kwp"] input[type=number]').press('Tab');
    await pv.locator('[data-problem="kwp"]').waitFor();
    expect(await pv.locator('[data-problem="kwp"]').textContent()).toMatch(/większą od 0/);
    expect(await metric(page, 'self_sufficiency')).toBe(scenarioKpis.self_sufficiency);

    // A small sizing sweep (4 × 4), a cell adopted from the table (Enter) and from the heatmap.
    const sweep = page.locator('[data-panel="sweep"]');
    await sweep.locator('[data-field="pv-max"] input').fill('3000');
    await sweep.locator('[data-field="bat-max"] input').fill('1500');
    await sweep.locator('[data-field="pv-steps"] input').fill('4');
    await sweep.locator('[data-field="bat-steps"] input').fill('4');
    await sweep.locator('[data-action="run-sweep"]').click();
    await sweep.locator('[data-sweep-done]').waitFor({ timeout: 60_000 });
    await sweep.locator('[data-section="sweep-table"] summary').click();
    const target = sweep.locator('[data-cell="2,3"]');
    const expected = Number(await target.getAttribute('data-value'));
    await target.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => sweep.locator('[data-adopted]').getAttribute('data-adopted')).toBe('2,3');
    await expect.poll(() => metric(page, 'self_sufficiency')).not.toBe(scenarioKpis.self_sufficiency);
    expect(close(await metric(page, 'self_sufficiency'), expected)).toBe(true);
    const adopted = await decodeLink(new URL(page.url()).hash);
    expect(adopted.ok && adopted.value.current.add.find((a) => a.id === 'PV-sweep')).toMatchObject({ kwp: 2000 });
    expect(adopted.ok && adopted.value.current.battery).toMatchObject({ capacity_kwh: 1500, power_kw: 750 });
    // Arrow keys move along the table; the heatmap takes a click.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('1,3');
    const map = sweep.locator('[data-chart="sweep-self_sufficiency"] .nsewdrag').first();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.1, box.y + box.height * 0.1);
    await expect.poll(() => sweep.locator('[data-adopted]').getAttribute('data-adopted')).toBe('3,0');
    await page.screenshot({ path: screenshotPath('scenario-sweep'), fullPage: true });

    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    await context.close();
  });

  it('orders members for the priority key by keyboard, and shows the comparison under each key', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.locator('[data-metric="self_sufficiency"]').waitFor();
    await page.locator('.settings select').selectOption('priority');
    const order = page.locator('[data-editor="order"] li');
    await order.first().waitFor();
    const first = await order.nth(0).getAttribute('data-order');
    const second = await order.nth(1).getAttribute('data-order');
    await order.nth(0).locator('[data-move="down"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => order.nth(0).getAttribute('data-order')).toBe(second);
    // The focus stays on the moved member: Enter again moves it further.
    await page.keyboard.press('Enter');
    await expect.poll(() => order.nth(2).getAttribute('data-order')).toBe(first);
    await expect
      .poll(async () => {
        const r = await decodeLink(new URL(page.url()).hash);
        return r.ok ? r.value.current.order.slice(0, 3) : [];
      })
      .toEqual([second, await order.nth(1).getAttribute('data-order'), first]);

    await page.locator('[data-section="keys"] summary').click();
    const rows = page.locator('[data-table="keys"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(20);
    // Every member with a spread has one best and one worst key marked.
    expect(await page.locator('[data-table="keys"] td.best').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-table="keys"] td.worst').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('fits a phone with a scenario open', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const s = newScenario({
      add: [
        { type: 'pv', id: 'PV-1', kwp: 2000, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 },
        { type: 'consumer', id: 'LOAD-1', profile: 'H25', annual_kwh: 2500, count: 10 },
      ],
    });
    await page.goto(`${base}${await encodeLink({ current: s, variants: [{ ...s, name: 'Wariant A' }] })}`);
    await page.locator('[data-metric="baseline_self_sufficiency"]').waitFor();
    await page.locator('[data-panel="variants"] [data-table="variants"]').waitFor();
    await page.locator('[data-chart="year"][data-drawn="true"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('scenario-phone'), fullPage: true });
    await page.close();
  });

  it('says plainly what a link made on other files leaves out until they are loaded', async () => {
    const page = await browser.newPage();
    const s = newScenario({
      exclude: ['PL0037910000100001'],
      scale: { PL0037910000100002: 1.5 },
      add: [{ type: 'pv', id: 'PV-1', kwp: 500, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 }],
    });
    await page.goto(`${base}${await encodeLink({ current: s, variants: [], fingerprint: 'deadbeefdeadbeef' })}`);
    const notice = page.locator('[data-notice="link-settings-only"][data-link="other-data"]');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('PV 500 kWp');
    expect(text).toMatch(/wyłączeni członkowie: 1/);
    expect(text).toMatch(/zmienione zużycie: 1/);
    // What names no member applies: the PV is in, the member changes are not.
    await page.locator('[data-metric="baseline_self_sufficiency"]').waitFor();
    // The member table follows the painted KPIs.
    await expect.poll(() => page.locator('tr[data-member="PL0037910000100001"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.locator('tr[data-member="PV-1"]').count()).toBe(1);
    await page.close();
  });
});
