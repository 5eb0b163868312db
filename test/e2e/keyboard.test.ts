/**
 * Keyboard only (issue 10, "Accessible and calm"), in Chromium on the built site: every Tab stop
 * shows a focus ring and none has a positive tabindex; the language switch, the scenario panel
 * (a PV farm added and sized), the export menu, a file's correction form and the report are
 * reached with Tab and worked with Enter, Space, arrows and Escape, focus coming back to what
 * opened them; the report keeps Tab inside itself; every Plotly chart has a data-table toggle,
 * whose numbers are the chart's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { watch, sharedBrowser } from './browser';
import { FORMATS, drop, fixture, metric } from './page-files';

const TAURON = 'tauron-elicznik-PL0037910000001001.csv';

/** What has the focus: its tag, its data-action and its text (for a readable failure). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const action = el.dataset.action ? `[${el.dataset.action}]` : '';
    return `${el.tagName.toLowerCase()}${action} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  });
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`; at most `max` times. */
async function tabTo(page: Page, selector: string, max = 400, back = false): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`${selector} not reached with ${max} × Tab (focus on ${await focused(page)})`);
}

/** Whether the focused element matches `selector`. */
function isFocused(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/** "1 234,5" or "1,234.5" (and a minus sign) as a number. */
function parseLocal(text: string, lang: 'pl' | 'en'): number {
  const plain = text.replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
  return Number(lang === 'pl' ? plain.replace(',', '.') : plain.replace(/,/g, ''));
}

describe('keyboard only', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function open(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    await page.locator('[data-panel="scenario"]').waitFor();
    await page.locator('[data-chart="duration"][data-drawn="true"]').waitFor();
    return page;
  }

  it('every Tab stop shows a focus ring (≥ 3:1 against what it is drawn on), clear of the status bar; no positive tabindex', async () => {
    const page = await open();
    const w = await watch(page, base.replace(/\/$/, ''));
    // The sections that fold open, and the charts' tables, so that their controls are stops too.
    for (const b of await page.locator('[data-action="chart-table"]').all()) await b.click();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.locator('body').click({ position: { x: 1, y: 1 } });

    expect(await page.$$eval('[tabindex]', (els) => els.filter((e) => (e as HTMLElement).tabIndex > 0).length)).toBe(0);

    await page.evaluate(() => {
      (window as unknown as { __stops: Set<Element> }).__stops = new Set();
    });
    const missing: string[] = [];
    let count = 0;
    for (let i = 0; i < 1500; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const seen = (window as unknown as { __stops: Set<Element> }).__stops;
        if (seen.has(el)) return { again: true, ring: true, what: '' };
        seen.add(el);
        // A control drawn by its label (a hidden radio or file input): the label shows the ring.
        const box = el.getBoundingClientRect();
        const drawn =
          getComputedStyle(el).opacity === '0' || box.width <= 1 || box.height <= 1 ? (el.closest('label') ?? el) : el;
        const cs = getComputedStyle(drawn);
        // Not hidden under the fixed status bar at the bottom of the window.
        const bar = document.querySelector('footer.status')?.getBoundingClientRect();
        const under = bar !== undefined && box.bottom > bar.top + 1;
        const what = `${under ? 'under the status bar: ' : ''}${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`;
        if (under) return { again: false, ring: false, what };
        // A two-tone ring (outline and shadow) shows on any background.
        if (cs.boxShadow !== 'none' && cs.outlineStyle !== 'none') return { again: false, ring: true, what };
        if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) < 1)
          return { again: false, ring: cs.boxShadow !== 'none', what };
        // One outline: ≥ 3:1 against what it is drawn on (inside: the element's own background).
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => ((v = v / 255), v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        let behind: Element | null = parseFloat(cs.outlineOffset) < 0 ? drawn : drawn.parentElement;
        let bg = 'rgb(255, 255, 255)';
        for (; behind; behind = behind.parentElement) {
          const c = getComputedStyle(behind).backgroundColor;
          if (rgb(c).length === 3 || (rgb(c).length === 4 && rgb(c)[3]! > 0.5)) {
            bg = c;
            break;
          }
        }
        const [hi, lo] = [lum(cs.outlineColor), lum(bg)].sort((a, b) => b - a) as [number, number];
        const ratio = (hi + 0.05) / (lo + 0.05);
        return { again: false, ring: ratio >= 3, what: `${what} ring ${cs.outlineColor} on ${bg}: ${ratio.toFixed(2)}` };
      });
      if (!s) continue;
      if (s.again) break;
      count++;
      if (!s.ring) missing.push(s.what);
    }
    expect(count).toBeGreaterThan(50);
    expect(missing).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await page.close();
  });

  it('the skip link and the language switch', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    expect(await isFocused(page, 'a.skip')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#results')).toBe(true);

    // Back up to the header's language button.
    for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'English'; i++)
      await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('header') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('English');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The same button, now "Polski", still has the focus; Space switches back.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Polski');
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await page.close();
  });

  it('adds a PV farm in the scenario panel and sizes it with the keyboard', async () => {
    const page = await open();
    const before = await metric(page, 'self_sufficiency');
    await tabTo(page, '[data-action="add-pv"]');
    await page.keyboard.press('Enter');
    const pv = page.locator('[data-item="PV-1"]');
    await pv.waitFor();
    await expect.poll(() => metric(page, 'self_sufficiency')).not.toBe(before);
    const withPv = await metric(page, 'self_sufficiency');

    // The size: typed in its field …
    await tabTo(page, '[data-item="PV-1"] [data-field="kwp"] input[type=number]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2000');
    await page.keyboard.press('Tab');
    expect(await pv.locator('[data-field="kwp"] input[type=number]').inputValue()).toBe('2000');
    await expect.poll(() => metric(page, 'self_sufficiency')).toBeGreaterThan(withPv);
    const at2000 = await metric(page, 'self_sufficiency');

    // … and moved with the arrow keys on its slider.
    await tabTo(page, '[data-item="PV-1"] [data-field="kwp"] input[type=range]', 10, true);
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => Number(await pv.locator('[data-field="kwp"] input[type=number]').inputValue()))
      .toBeGreaterThan(2000);
    await expect.poll(() => metric(page, 'self_sufficiency')).toBeGreaterThan(at2000);

    // A section of the panel opens with Enter on its summary.
    const members = page.locator('[data-panel="scenario"] details[data-section="members"]');
    expect(await members.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await tabTo(page, '[data-panel="scenario"] details[data-section="members"] > summary', 60);
    await page.keyboard.press('Enter');
    expect(await members.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.close();
  });

  it('Escape closes the export menu and the report, and the focus comes back', async () => {
    const page = await open();
    const menu = page.locator('details:has(> summary[data-action="export-menu"])');
    await tabTo(page, '[data-action="export-menu"]');
    await page.keyboard.press('Enter');
    expect(await menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '[data-action="export-members"]')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await isFocused(page, '[data-action="export-menu"]')).toBe(true);

    // The report: a modal view. Focus goes in, Tab stays in, Escape closes it and returns.
    await tabTo(page, '[data-action="report"]', 5);
    await page.keyboard.press('Enter');
    await page.locator('[data-report]').waitFor();
    const host = page.locator('#klaster-report');
    expect(await host.getAttribute('role')).toBe('dialog');
    expect(await host.getAttribute('aria-modal')).toBe('true');
    await expect.poll(() => isFocused(page, '[data-action="print"]')).toBe(true);
    const stops = await page.evaluate(
      () =>
        [...document.querySelectorAll('#klaster-report a[href], #klaster-report button')].filter(
          (e) => (e as HTMLElement).getClientRects().length > 0,
        ).length,
    );
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#klaster-report')), await focused(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-report]').count()).toBe(0);
    expect(await isFocused(page, '[data-action="report"]')).toBe(true);
    await page.close();
  });

  it("Escape closes a file's correction form, the focus back on its summary", async () => {
    const page = await open();
    await drop(page, [{ name: TAURON, bytes: fixture(FORMATS, TAURON) }]);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBe(1);
    // The data report opens with Space on its summary; then the file's correction form.
    await tabTo(page, '.files details > summary');
    await page.keyboard.press('Space');
    const fix = page.locator('details.fix').first();
    await tabTo(page, 'details.fix > summary', 20);
    await page.keyboard.press('Enter');
    expect(await fix.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(page, 'details.fix select')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await fix.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await isFocused(page, 'details.fix > summary')).toBe(true);
    await page.close();
  });

  it("every Plotly chart has a table toggle; the tables' numbers are the charts'", async () => {
    const page = await open();
    // The sweep's heatmaps too (a small grid).
    const sweep = page.locator('[data-panel="sweep"]');
    await sweep.locator('[data-field="pv-steps"] input').fill('3');
    await sweep.locator('[data-field="bat-steps"] input').fill('3');
    await sweep.locator('[data-action="run-sweep"]').click();
    await sweep.locator('[data-sweep-done]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('[data-chart^="sweep-"][data-drawn="true"]').count()).toBe(3);

    const charts = await page.$$eval('.js-plotly-plot', (els) =>
      els.map((el) => {
        const toggle = el.closest('figure')?.querySelector('[data-action="chart-table"]');
        return {
          name: el.getAttribute('data-chart'),
          toggle: !!toggle,
          expanded: toggle?.getAttribute('aria-expanded'),
          label: el.getAttribute('aria-label') ?? '',
        };
      }),
    );
    expect(charts.length).toBe(6);
    for (const c of charts) {
      expect(c, `${c.name}`).toMatchObject({ toggle: true, expanded: 'false' });
      expect(c.label).toMatch(/^Wykres: .+tabeli/);
    }

    // The duration curve's table, opened with the keyboard: its peak is the curve's first point.
    const toggle = '[data-action="chart-table"][data-chart-name="duration"]';
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
    expect(await page.locator(toggle).getAttribute('aria-expanded')).toBe('true');
    const table = page.locator('table[data-chart-table="duration"]');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toMatch(/przekraczany/);
    expect(await table.locator('thead th[scope="col"]').count()).toBe(2);
    const peakChart = await page.$eval(
      '[data-chart="duration"]',
      (el) => (el as unknown as { data: { y: number[] }[] }).data[0]!.y[0]!,
    );
    const peakCell = table.locator('tbody tr').first().locator('td').first();
    expect(await table.locator('tbody tr').first().locator('th[scope="row"]').textContent()).toBe('0\u00a0%');
    expect(Number(await peakCell.getAttribute('data-value'))).toBeCloseTo(peakChart, 6);
    expect(parseLocal((await peakCell.textContent()) ?? '', 'pl')).toBe(Math.round(peakChart));

    // The year's table: January's consumption is the sum of the chart's January days.
    await tabTo(page, '[data-action="chart-table"][data-chart-name="year"]', 40, true);
    await page.keyboard.press('Space');
    const year = page.locator('table[data-chart-table="year"]');
    await year.waitFor();
    const january = await page.$eval('[data-chart="year"]', (el) => {
      const trace = (el as unknown as { data: { name: string; x: string[]; y: number[] }[] }).data.find(
        (t) => t.name === 'Zużycie',
      )!;
      return trace.x.reduce((a, x, i) => (x.startsWith('2025-01') ? a + trace.y[i]! : a), 0);
    });
    const first = year.locator('tbody tr').first();
    expect(await first.locator('th').textContent()).toBe('styczeń 2025');
    expect(Number(await first.locator('td').first().getAttribute('data-value'))).toBeCloseTo(january, 3);
    expect(parseLocal((await first.locator('td').first().textContent()) ?? '', 'pl')).toBe(Math.round(january));

    // Enter again hides it.
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-action="chart-table"][data-chart-name="year"]').getAttribute('aria-expanded')).toBe('false');
    expect(await year.isVisible()).toBe(false);
    await page.close();
  });
});
