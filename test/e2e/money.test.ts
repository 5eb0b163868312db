/**
 * Money in the built site (issue 9, "Done when"): the demo shows the cluster's savings and every
 * member's bill without and with the cluster, the same numbers as the CLI on the demo's data; a
 * member's bill (the school's) is two clicks away; the internal price moves money between members
 * without changing the savings; a 2 MWp PV farm gets its NPV and the baseline's savings beside the
 * scenario's; prices are edited with their sources beside them and only what differs goes into
 * the link; Polish and English; a phone's width.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { decodeLink } from '../../src/scenario/link';
import { runCli } from '../cli-run';
import { screenshotPath, watch, sharedBrowser } from './browser';
import { demoAsCsv } from './demo-csv';

const MONEY = ['savings_pln', 'fee_exemption_pln', 'discount_pln', 'npv_pln', 'payback_years', 'co2_avoided_t'] as const;
const SCHOOL = 'PL0037910000100003';
const SCHOOL_NAME = 'Szkoła Podstawowa nr 1 w Staszowie';

/** `data-value` of a key: a number, or null for ''. */
async function value(page: Page, key: string): Promise<number | null> {
  const raw = await page.locator(`[data-metric="${key}"]`).getAttribute('data-value');
  return raw === null || raw === '' ? null : Number(raw);
}

/** Within 1e-6 relative (absolute near 0). */
function near(a: number | null, b: number | null, what: string): void {
  if (a === null || b === null) {
    expect(a, what).toBe(b);
    return;
  }
  expect(Math.abs(a - b), `${what}: page ${a}, CLI ${b}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
}

/** Each member row's bill: PPE → [before, after]. */
async function bills(page: Page): Promise<Map<string, [number, number]>> {
  const rows = await page
    .locator('tr[data-member]')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-member')!,
        tr.querySelector('[data-metric="member_cost_before_pln"]')?.getAttribute('data-value') ?? '',
        tr.querySelector('[data-metric="member_cost_after_pln"]')?.getAttribute('data-value') ?? '',
      ]),
    );
  return new Map(rows.map(([id, b, a]) => [id!, [b === '' ? NaN : Number(b), a === '' ? NaN : Number(a)]]));
}

/** The CLI's `--json` on the demo's data, with a link's scenario when given. */
async function cli(csv: { data: string; members: string }, hash?: string) {
  const args = ['analyze', csv.data, '--members', csv.members, '--json'];
  if (hash) args.push('--scenario', hash);
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    money: Record<(typeof MONEY)[number], number | null> & {
      members: { id: string; cost_before_pln: number; cost_after_pln: number }[];
    };
    baseline: { money: Record<(typeof MONEY)[number], number | null> };
  };
}

/** Words of English sentences that no Polish text in the money panel holds. */
const ENGLISH =
  /\b(the|and|of|with|from|without|members?|savings|price|bill|cluster|energy|fee|fixed|peak|night|day|typical|estimated|check)\b/i;

describe('money: bills, savings, prices', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');
  const csv = demoAsCsv();

  it('shows the savings and every member’s bill as the CLI computes them; the school’s bill in two clicks', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const w = await watch(page, base.replace(/\/$/, ''));
    await page.goto(base);
    await page.locator('[data-metric="savings_pln"]').waitFor({ timeout: 30_000 });
    await page.locator('tr[data-member] [data-metric="member_cost_before_pln"]').first().waitFor();

    // Every money key, without a baseline (the demo has no overlays); no NPV without investment.
    const shown: Record<string, number | null> = {};
    for (const key of MONEY) shown[key] = await value(page, key);
    expect(shown.savings_pln).toBeGreaterThan(0);
    expect(shown.npv_pln).toBeNull();
    expect(await page.locator('[data-metric="baseline_savings_pln"]').count()).toBe(0);
    expect(await page.locator('[data-panel="money"] [data-status]').first().textContent()).toMatch(/warunek OZE/);

    // Every member row has its bill, and they are the CLI's.
    const rows = await bills(page);
    expect(rows.size).toBe(35);
    const out = await cli(csv);
    for (const key of MONEY) near(shown[key]!, out.money[key], key);
    expect(out.money.members.length).toBe(35);
    for (const m of out.money.members) {
      const row = rows.get(m.id);
      expect(row, m.id).toBeDefined();
      near(row![0], m.cost_before_pln, `${m.id} before`);
      near(row![1], m.cost_after_pln, `${m.id} after`);
    }

    // "What does the school pay with and without the cluster": pick it in the bill's list (two clicks).
    const pick = page.locator('[data-field="bill-member"]');
    await pick.selectOption({ label: SCHOOL_NAME });
    const bill = page.locator(`[data-bill="${SCHOOL}"]`);
    await bill.waitFor();
    const school = out.money.members.find((m) => m.id === SCHOOL)!;
    near(
      Number(await bill.locator('[data-bill-value="before"]').getAttribute('data-value')),
      school.cost_before_pln,
      'school before',
    );
    near(
      Number(await bill.locator('[data-bill-value="after"]').getAttribute('data-value')),
      school.cost_after_pln,
      'school after',
    );
    expect(await bill.textContent()).toContain(SCHOOL_NAME);
    // The parts add up: value at grid prices − paid + received = gain.
    const part = async (k: string) => Number(await bill.locator(`[data-bill-value="${k}"]`).getAttribute('data-value'));
    near((await part('grid-value')) - (await part('paid')) + (await part('received')), await part('gain'), 'parts');
    await page.locator('[data-panel="money"]').screenshot({ path: screenshotPath('money-pl') });

    // From the member table: filter, then the row's "rachunek" opens the same bill.
    await pick.selectOption({ index: 0 });
    await page.locator('section.members input[type=search]').fill('Szkoła Podstawowa nr 1');
    await page.locator(`tr[data-member="${SCHOOL}"] [data-action="open-bill"]`).click();
    await page.locator(`[data-bill="${SCHOOL}"]`).waitFor();
    expect(await pick.inputValue()).toBe(SCHOOL);
    // By keyboard: the list is focused after "rachunek", and the arrow keys choose another member.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('bill-member');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => pick.inputValue()).not.toBe(SCHOOL);

    // No English in the Polish money panel.
    const text = (await page.locator('[data-panel="money"]').textContent())!.replace(/PL\d{16}/g, ' ');
    expect(text.match(new RegExp(ENGLISH.source, 'gi')) ?? []).toEqual([]);

    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await page.close();
  });

  it('moves money with the internal price but keeps the savings; edits go into a short link; a 2 MWp PV gets its NPV', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const w = await watch(page, base.replace(/\/$/, ''));
    await page.goto(base);
    await page.locator('[data-metric="savings_pln"]').waitFor({ timeout: 30_000 });
    await page.locator('tr[data-member] [data-metric="member_cost_after_pln"]').first().waitFor();
    const savings = (await value(page, 'savings_pln'))!;
    const before = await bills(page);
    const consumers = Number(await page.locator('[data-flow="consumers"]').getAttribute('data-value'));

    // The internal price 0.40 → 0.60 zł/kWh, typed in its field.
    await page.locator('[data-section="prices"] summary').click();
    const p = page.locator('[data-section="internal-price"] [data-field="internal_price"] input[type=number]');
    await p.fill('0.6');
    await p.press('Enter');
    await expect.poll(async () => (await bills(page)).get(SCHOOL)![1], { timeout: 20_000 }).not.toBe(before.get(SCHOOL)![1]);
    near(await value(page, 'savings_pln'), savings, 'savings do not depend on p');
    const after = await bills(page);
    let moved = 0;
    for (const [id, [b, a]] of after) {
      expect(b, `${id}: the bill without the cluster does not depend on p`).toBeCloseTo(before.get(id)![0], 6);
      if (Math.abs(a - before.get(id)![1]) > 1e-6) moved++;
    }
    expect(moved).toBeGreaterThan(10);
    // Consumers gain less, producers more.
    await expect
      .poll(async () => Number(await page.locator('[data-flow="consumers"]').getAttribute('data-value')))
      .toBeLessThan(consumers);
    // Only what differs from the defaults is in the link.
    await expect
      .poll(async () => {
        const r = await decodeLink(new URL(page.url()).hash);
        return r.ok ? JSON.stringify(r.value.current.money ?? null) : '';
      })
      .toBe('{"internal_price":0.6}');

    // A tariff value: G11's energy price. Out of range is refused next to the field; in range
    // puts the whole group G11 (only it) into the scenario.
    const energy = page.locator('[data-field="tariff-G11-zones[0].energy"] input');
    await energy.fill('20');
    await energy.press('Enter');
    await page.locator('[data-problem="tariff-G11-zones[0].energy"]').waitFor();
    await energy.fill('0.62');
    await energy.press('Enter');
    await expect
      .poll(async () => {
        const r = await decodeLink(new URL(page.url()).hash);
        return r.ok ? Object.keys(r.value.current.money?.tariffs ?? {}).join(',') : '';
      })
      .toBe('G11');
    expect(await page.locator('[data-problem="tariff-G11-zones[0].energy"]').count()).toBe(0);
    await page.locator('[data-action="reset-G11"]').click();
    await expect
      .poll(async () => {
        const r = await decodeLink(new URL(page.url()).hash);
        return r.ok ? JSON.stringify(r.value.current.money ?? null) : '';
      })
      .toBe('{"internal_price":0.6}');
    // Each default's source is beside it: a footnote, and "szac." on the estimated months.
    expect(await page.locator('[data-section="export-price"] [data-estimated]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-section="tariffs"] ol.notes li').count()).toBeGreaterThanOrEqual(5);
    await page.locator('[data-panel="money"]').screenshot({ path: screenshotPath('money-prices-pl') });

    // A 2 MWp PV farm: the NPV, payback and capex; the baseline's money beside the scenario's.
    await page.locator('[data-action="add-pv"]').click();
    const pv = page.locator('[data-item="PV-1"]');
    await pv.locator('[data-field="kwp"] input[type=number]').fill('2000');
    await expect.poll(() => value(page, 'npv_pln'), { timeout: 20_000 }).not.toBeNull();
    await expect
      .poll(async () => Number(await page.locator('[data-money="capex_pln"]').getAttribute('data-value')), { timeout: 20_000 })
      .toBe(6_000_000);
    for (const key of MONEY) expect(await page.locator(`[data-metric="baseline_${key}"]`).count(), key).toBe(1);
    near(await value(page, 'baseline_savings_pln'), savings, 'baseline savings at p = 0.6 (no battery)');
    expect(await value(page, 'baseline_npv_pln')).toBeNull();
    // The same as the CLI with the page's link (the PV's output, its bills and NPV).
    const hash = new URL(page.url()).hash;
    const out = await cli(csv, hash);
    for (const key of MONEY) {
      near(await value(page, key), out.money[key], key);
      near(await value(page, `baseline_${key}`), out.baseline.money[key], `baseline_${key}`);
    }
    const rows = await bills(page);
    for (const m of out.money.members) {
      near(rows.get(m.id)![0], m.cost_before_pln, `${m.id} before`);
      near(rows.get(m.id)![1], m.cost_after_pln, `${m.id} after`);
    }
    // The variants table has the NPV of the scenario on screen.
    const npv = (await value(page, 'npv_pln'))!;
    await expect
      .poll(async () => page.locator('[data-compare="npv_pln"][data-column="current"]').getAttribute('data-value'))
      .toBe(String(npv));

    // The PV's own capex: the NPV follows; emptied, the default is back.
    await pv.locator('[data-section="investment"] summary').click();
    const capex = pv.locator('[data-field="capex_pln"] input');
    expect(await capex.getAttribute('placeholder')).toBe('6000000');
    await capex.fill('4000000');
    await capex.press('Enter');
    await expect.poll(() => value(page, 'npv_pln'), { timeout: 20_000 }).not.toBe(npv);
    // Opex stays the default for the PV's size, so the NPV rises by exactly the capex saved.
    near(await value(page, 'npv_pln'), npv + 2_000_000, 'npv with the given capex');
    await capex.fill('');
    await capex.press('Enter');
    await expect.poll(() => value(page, 'npv_pln'), { timeout: 20_000 }).not.toBe(npv + 2_000_000);
    near(await value(page, 'npv_pln'), npv, 'npv with the default capex');

    // In English: the same numbers, the English words.
    await page.locator('header.top button', { hasText: 'English' }).click();
    await expect.poll(() => page.locator('#money-title').textContent()).toMatch(/^Money/);
    expect(await page.locator('[data-section="prices"] summary').textContent()).toMatch(/Prices and tariffs/);
    expect((await page.locator('[data-metric="savings_pln"]').textContent())!.trim()).toMatch(/^[\d,]+\u00a0zł$/);
    await page.locator('[data-panel="money"]').screenshot({ path: screenshotPath('money-en') });

    expect(w.consoleErrors).toEqual([]);
    await page.close();
  });

  it('fits a phone (390 px) with the prices open', async () => {
    for (const lang of ['pl', 'en']) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await page.addInitScript((l) => localStorage.setItem('klaster.lang', l), lang);
      await page.goto(base);
      await page.locator('[data-metric="savings_pln"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-section="prices"] summary').click();
      await page.locator('[data-table="tariffs"]').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, lang).toBeLessThanOrEqual(390);
      const savings = await page.locator('[data-metric="savings_pln"]').boundingBox();
      expect(savings!.x + savings!.width).toBeLessThanOrEqual(390);
      await page.locator('[data-panel="money"]').screenshot({ path: screenshotPath(`money-phone-${lang}`) });
      await page.close();
    }
  });
});
