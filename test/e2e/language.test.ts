/**
 * The page speaks the user's language, plainly: no English on the Polish page where the numbers
 * and the data report are, Polish plurals and number formats, KPI cards that explain themselves
 * (autarky only with gross data, why the battery idles under a static key), a SQL console that
 * keeps the tables read-only and nothing outside the computer, and a phone layout whose KPI
 * titles fit their cards and whose text on the accent colour is readable.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watch, sharedBrowser } from './browser';
import { drop } from './page-files';

const FORMATS = new URL('../fixtures/formats/', import.meta.url);
const BAD = new URL('../fixtures/bad/', import.meta.url);

/** Words of English sentences and labels that no Polish text on the page holds. */
const ENGLISH =
  /\b(the|and|of|with|from|values?|files?|rows?|meters?|members?|intervals?|import|export|share|window|coverage|gaps?|line|column|summed|filled|layout|encoding|decimal|register|generation|consumption|battery|self|discharged|notes?|remove|correct|read)\b/i;

/** The English words in a text, each with a little of what surrounds it. */
function englishIn(text: string): string[] {
  const found: string[] = [];
  const all = new RegExp(ENGLISH.source, 'gi');
  for (let m = all.exec(text); m; m = all.exec(text)) found.push(text.slice(Math.max(0, m.index - 30), m.index + 30));
  return found;
}

const file = (dir: URL, name: string) => ({ name, bytes: readFileSync(new URL(name, dir)) });
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

/** What the page says in an area, without the file names, meter ids and file previews it quotes. */
async function words(page: Page, selector: string, names: string[] = []): Promise<string> {
  // The preview tables quote the files themselves (their headers may well be English).
  let text = plain(
    await page
      .locator(selector)
      .first()
      .evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.preview').forEach((p) => p.remove());
        return copy.textContent;
      }),
  );
  for (const n of names) text = text.split(n).join(' ');
  return text.replace(/PL\d{16}/g, ' ');
}

/** WCAG contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the page in the user’s language', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');
  const origin = base.replace(/\/$/, '');

  async function open(lang: 'pl' | 'en', options: { width?: number; hash?: string } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1366, height: 900 }, acceptDownloads: true });
    await page.addInitScript((l) => localStorage.setItem('klaster.lang', l), lang);
    await page.goto(base + (options.hash ?? ''));
    await page.locator('[data-metric="shared_kwh"]').waitFor();
    return page;
  }

  it('Polish page: KPIs, rules and the data report hold no English; plurals and numbers are Polish', async () => {
    const page = await open('pl');
    const w = await watch(page, origin);
    const kpis = await words(page, 'section.kpis');
    expect(englishIn(kpis)).toEqual([]);
    expect(kpis).toMatch(/\d+,\d %/); // 54,3 % — a decimal comma and a space before %
    expect(englishIn(await words(page, 'section.rules'))).toEqual([]);
    // The demo has no gross consumption: no autarky card.
    expect(await page.locator('[data-metric="autarky"]').count()).toBe(0);

    const names = [
      'tauron-elicznik-PL0037910000001001.csv',
      'enea-ebok-PL0037910000001004.csv',
      'members-cp1250.csv',
      'negative-import.csv',
      'mixed-encodings-tauron-PL0037910000001001.csv',
    ];
    await drop(page, [
      file(FORMATS, names[0]),
      file(FORMATS, names[1]),
      file(FORMATS, names[2]),
      file(BAD, names[3]),
      file(BAD, names[4]),
    ]);
    await expect.poll(() => page.locator('[data-file]').count(), { timeout: 60_000 }).toBe(5);
    const summary = page.locator('section.files summary[data-summary]');
    await expect.poll(async () => plain(await summary.textContent())).toMatch(/5 plików · \d+ członk/);
    // Folded after loading, so the KPIs are in view.
    expect(await page.locator('section.files > details').getAttribute('open')).toBeNull();
    const kpiBox = await page.locator('section.kpis').boundingBox();
    expect(kpiBox!.y).toBeLessThan(900);
    // Everything the report says, in Polish: chips, layout names, warnings, the assembly log.
    const report = await words(page, 'section.files', names);
    expect(englishIn(report)).toEqual([]);
    expect(report).toContain('eksport Tauron eLicznik');
    expect(report).toMatch(/zastąpiono zerem 1 ujemną wartość/);
    expect(report).toMatch(/3 wiersze w UTF-8 i 2 w windows-1250/);
    expect(englishIn(await words(page, 'section.kpis'))).toEqual([]);
    await summary.click();
    await page.screenshot({ path: screenshotPath('language-pl-files'), fullPage: true });
    // The correction form names its choices: no code values.
    const options = plain(await page.locator('section.files form.correct').first().textContent());
    expect(options).not.toMatch(/wide-net|local-interval-end|import-export|daily-wide/);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await page.close();
  });

  it('English page: English names and captions, 62.5%-style percentages', async () => {
    const page = await open('en');
    const kpis = plain(await page.locator('section.kpis').textContent());
    expect(kpis).toContain("Members' consumption");
    expect(kpis).toContain('Grid import after sharing');
    expect(kpis).toContain('stored energy does not count');
    expect(kpis).toMatch(/\d+\.\d%/);
    expect(kpis).not.toMatch(/\d %|zużyci|członk/i);
    await page.close();
  });

  it('every KPI card says what it means, the matched-RES card that it counts the same window only', async () => {
    const page = await open('pl');
    const cards = page.locator('section.kpis article');
    const n = await cards.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) {
      const hint = cards.nth(i).locator('.hint');
      expect((await hint.textContent())!.length, `card ${i}`).toBeGreaterThan(20);
      // Reachable: the value is described by its caption.
      const id = await hint.getAttribute('id');
      expect(await cards.nth(i).locator('[data-metric]').getAttribute('aria-describedby')).toBe(id);
    }
    const matched = plain(await page.locator('[data-card="matched_res_share"]').textContent());
    expect(matched).toMatch(/tym samym oknie/);
    expect(matched).toMatch(/magazynu się nie liczy/);
    // Members' consumption and grid import, generation fed in and export: four different names.
    const titles = await Promise.all(
      ['consumption_kwh', 'grid_import_kwh', 'generation_kwh', 'grid_export_kwh'].map((k) =>
        page.locator(`[data-card="${k}"] h3`).textContent(),
      ),
    );
    expect(new Set(titles).size).toBe(4);
    await page.close();
  });

  it('a static key with a battery says why the battery barely discharges', async () => {
    const page = await open('pl', { hash: '#v=1&w=60&k=static&b=500,250,0.9' });
    const note = page.locator('[data-note="battery-blocked"]');
    await note.waitFor({ timeout: 20_000 });
    expect(plain(await note.textContent())).toMatch(
      /kluczem statycznym magazyn stoi.*w \d[\d ]* okn.*klucz dynamiczny lub hybrydowy/,
    );
    await page.close();
  });

  it('gross consumption and generation show an autarky card with its ratio and caption', async () => {
    const page = await open('pl');
    const rows = ['2025-06-01 10:00;1,5;0,5', '2025-06-01 11:00;1;2,5', '2025-06-01 12:00;0,4;0,4', '2025-06-01 13:00;2;0'];
    await drop(page, [
      { name: 'PL0037910000009001.csv', bytes: Buffer.from(['timestamp;consumption_kwh;pv_kwh', ...rows].join('\n')) },
    ]);
    const card = page.locator('[data-metric="autarky"]');
    await card.waitFor({ timeout: 60_000 });
    // One member: nothing to share, grid import = Σ max(0, c − g) = 3 of gross consumption 4.9.
    expect(Number(await card.getAttribute('data-value'))).toBeCloseTo((4.9 - 3) / 4.9, 9);
    expect(plain(await page.locator('[data-card="autarky"] .hint').textContent())).toMatch(/zużycia brutto/);
    await page.close();
  });

  it('SQL console: read-only tables, nothing outside the computer, Polish CSV', async () => {
    const page = await open('pl');
    const w = await watch(page, origin);
    await page.locator('[data-status="duckdb"][data-state="ready"]').waitFor({ timeout: 60_000 });
    const sql = page.locator('details.sql');
    await sql.locator('summary').click();
    const box = sql.locator('textarea');
    const run = sql.getByRole('button', { name: 'Uruchom' });
    const error = sql.locator('[data-sql-error]');

    for (const [statement, kind] of [
      ['DROP TABLE readings', 'read-only'],
      ['DELETE FROM readings', 'read-only'],
      ['INSERT INTO members SELECT * FROM members', 'read-only'],
      ['SET enable_external_access = true', 'read-only'],
      ['SELECT 1; DROP TABLE readings', 'several'],
      ["SELECT * FROM read_csv('https://example.com/x.csv')", 'outside'],
    ] as const) {
      await box.fill(statement);
      await run.click();
      await expect.poll(() => error.getAttribute('data-sql-error'), { timeout: 10_000 }).toBe(kind);
      expect(await error.count()).toBe(1);
    }
    expect(plain(await error.textContent())).toMatch(/^Brak dostępu poza Twój komputer/);
    await box.fill('DROP TABLE readings');
    await run.click();
    await expect.poll(async () => plain(await error.textContent())).toMatch(/tylko do odczytu: DROP nie jest dozwolone/);

    // The tables are all there; times are local, numbers Polish.
    await box.fill('SELECT count(*) AS n, min(ts) AS first FROM readings');
    await run.click();
    const cells = sql.locator('table[data-sql-result] tbody td');
    await expect.poll(() => cells.count(), { timeout: 10_000 }).toBe(2);
    expect(plain(await cells.nth(0).textContent())).toMatch(/^\d{1,3}( \d{3})+$/);
    expect(plain(await cells.nth(1).textContent())).toBe('1 sty 2025, 00:00');
    // A syntax error is said once.
    await box.fill('SELEC 1');
    await run.click();
    await expect.poll(async () => plain(await error.textContent())).toMatch(/błąd składni/);
    expect((plain(await error.textContent()).match(/LINE 1/g) ?? []).length).toBe(1);
    expect(await error.textContent()).not.toContain('EXPLAIN');

    await box.fill("SELECT name, pv_kwp + 0.5 AS kwp FROM members WHERE name LIKE 'Farma%' ORDER BY name");
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      sql.getByRole('button', { name: 'Pobierz CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('name;kwp');
    expect(lines[1]).toMatch(/^Farma [^;]+;\d+,5$/);
    expect(w.foreignRequests).toEqual([]);
    await page.close();
  });

  it('phone: KPI titles fit their cards without breaking words, the member table says swipe, accent text readable', async () => {
    for (const lang of ['pl', 'en'] as const) {
      const page = await open(lang, { width: 390 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const titles = await page.locator('section.kpis h3').evaluateAll((els) =>
        els.map((h) => {
          const card = h.closest('article')!.getBoundingClientRect();
          const box = h.getBoundingClientRect();
          const style = getComputedStyle(h);
          return {
            text: h.textContent,
            fits: h.scrollWidth <= h.clientWidth + 1 && box.right <= card.right + 0.5,
            breaksWords: style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all' || style.hyphens === 'auto',
          };
        }),
      );
      expect(titles.length).toBeGreaterThanOrEqual(10);
      for (const t of titles) {
        expect(t.fits, `${lang}: ${t.text}`).toBe(true);
        expect(t.breaksWords, `${lang}: ${t.text}`).toBe(false);
      }
      // Values fit their cards too.
      const values = await page
        .locator('section.kpis [data-metric]')
        .evaluateAll((els) =>
          els.map((v) => v.getBoundingClientRect().right <= v.closest('article')!.getBoundingClientRect().right + 0.5),
        );
      expect(values.every(Boolean)).toBe(true);
      // The member table: the name and the first numbers show, and a hint says there is more.
      await page.locator('tr[data-member]').first().waitFor();
      expect(plain(await page.locator('[data-swipe]').textContent())).toBe(lang === 'pl' ? 'przesuń →' : 'swipe →');
      const importCell = await page.locator('tr[data-member] [data-metric="member_import_kwh"]').first().boundingBox();
      expect(importCell!.x + importCell!.width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: screenshotPath(`language-phone-${lang}`), fullPage: false });
      // White text on the accent colour: buttons and the chosen window.
      const pairs = await page
        .locator('button.action, .button.primary, .segmented label.on')
        .evaluateAll((els) => els.map((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]));
      expect(pairs.length).toBeGreaterThanOrEqual(2);
      for (const [fg, bg] of pairs) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      await page.close();
    }
  });

  it('charts in Polish: month names, a full date in the tooltip, a trimmed Polish toolbar', async () => {
    const page = await open('pl');
    const year = page.locator('[data-chart="year"][data-drawn="true"]');
    await year.waitFor({ timeout: 30_000 });
    const ticks = await year.locator('.xtick text').allTextContents();
    expect(ticks).toContain('sty');
    expect(ticks).not.toContain('Jan');
    const drag = year.locator('.nsewdrag').first();
    const b = (await drag.boundingBox())!;
    await drag.hover({ position: { x: b.width * 0.45, y: b.height / 2 } });
    await expect
      .poll(async () => plain(await year.locator('.hoverlayer').textContent()), { timeout: 5_000 })
      .toMatch(/\d{1,2} (sty|lut|mar|kwi|maj|cze|lip|sie|wrz|paź|lis|gru) 2025/);
    const buttons = await year.locator('.modebar-btn').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')));
    expect(buttons).toEqual(['Powiększ zaznaczenie', 'Przesuwaj', 'Cały wykres', 'Zapisz jako PNG']);
    expect(plain(await page.locator('figure:has([data-chart="duration"]) .caption').textContent())).toMatch(/nad zerem/);
    await page.close();
  });
});
