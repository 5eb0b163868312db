/**
 * Issue 10, "Report" and "Exports", in Chromium on the built site: the printable report of the demo
 * (its PDF has a sane page count, its headline numbers equal the page's), the members CSV in Polish
 * (`;`, decimal comma, BOM, a member named `=HYPERLINK("x")` neutralised), and the XLSX workbook
 * read back in Node with the same library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import * as XLSX from '@e965/xlsx';
import { describe, expect, inject, it } from 'vitest';
import { OUTPUT, screenshotPath, watch, sharedBrowser } from './browser';
import { FORMATS, drop, fixture } from './page-files';

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function downloaded(page: Page, action: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-action="${action}"]`).click()]);
  return { name: (d as Download).suggestedFilename(), bytes: await readDownload(d as Download) };
}

async function readDownload(d: Download): Promise<Buffer> {
  const stream = await d.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('the report and the exports', () => {
  const browser = sharedBrowser();
  const base = inject('baseUrl');

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await page.goto(base);
    await page.locator('[data-metric="shared_kwh"]').first().waitFor();
    return page;
  }

  it('prints the demo as a report whose numbers are the page’s', async () => {
    const page = await open();
    const w = await watch(page, base.replace(/\/$/, ''));
    // The charts are drawn before the report takes their images.
    await page.locator('[data-chart="year"][data-drawn="true"] .main-svg').first().waitFor({ timeout: 60_000 });
    const main = await page.$$eval('[data-metric]', (els) =>
      els
        .filter((e) => !e.closest('[data-report]'))
        .map((e) => [e.getAttribute('data-metric'), e.getAttribute('data-value')] as const),
    );
    const pageValues = new Map(main);
    await page.locator('[data-action="report"]').click();
    const report = page.locator('[data-report]');
    await report.waitFor();
    expect(await page.locator('[data-report] img[data-report-chart]').count()).toBeGreaterThanOrEqual(1);
    const inReport = await page.$$eval('[data-report] [data-metric]', (els) =>
      els.map((e) => [e.getAttribute('data-metric'), e.getAttribute('data-value')] as const),
    );
    expect(inReport.length).toBeGreaterThanOrEqual(10);
    let compared = 0;
    for (const [key, value] of inReport) {
      if (!key || !pageValues.has(key)) continue;
      expect(value, key).toBe(pageValues.get(key));
      compared++;
    }
    // Every energy KPI of the page is in the report.
    for (const key of ['self_sufficiency', 'self_consumption', 'consumption_kwh', 'shared_kwh', 'grid_import_kwh']) {
      expect(
        inReport.some(([k]) => k === key),
        key,
      ).toBe(true);
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    await expect.poll(() => report.textContent()).toMatch(/Raport klastra energii[\s\S]*Wymogi rejestracji/);

    await page.screenshot({ path: screenshotPath('report'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'report.pdf'), pdf);
    const pages = pdfPages(pdf);
    console.log(`report: ${pages} pages, ${pdf.length} bytes`);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(30);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: screenshotPath('report-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Closing the report brings the page back as it was.
    await page.locator('[data-action="close-report"]').click();
    await expect.poll(() => page.locator('[data-report]').count()).toBe(0);
    expect(await page.locator('[data-metric="shared_kwh"]').isVisible()).toBe(true);

    // Every chart as PNG and SVG (Plotly's own export).
    await page.locator('[data-action="export-menu"]').click();
    for (const format of ['png', 'svg'] as const) {
      const [d] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`[data-action="export-chart-${format}"][data-chart-name="year"]`).click(),
      ]);
      expect(d.suggestedFilename()).toBe(`klaster-year.${format}`);
      const bytes = await readDownload(d);
      if (format === 'png') expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      else expect(bytes.toString('utf8')).toMatch(/<svg[\s\S]*<\/svg>/);
    }
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    await page.close();
  });

  it('downloads the members as a Polish CSV with a formula-like name neutralised, and an XLSX workbook', async () => {
    const page = await open();
    const register = fixture(FORMATS, 'members.csv').toString('utf8').replace('Urząd Miasta i Gminy', '"=HYPERLINK(""x"")"');
    await drop(page, [
      { name: 'long-utc-15min.csv', bytes: fixture(FORMATS, 'long-utc-15min.csv') },
      { name: 'members.csv', bytes: Buffer.from(register, 'utf8') },
    ]);
    await expect.poll(() => page.locator('[data-file]').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => page.locator('tr[data-member]').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);

    await page.locator('[data-action="export-menu"]').click();
    const csv = await downloaded(page, 'export-members');
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^id;name;type;tariff;import_kwh;export_kwh;allocated_kwh;coverage/);
    const row = lines.find((l) => l.startsWith('PL0037910000001001;'));
    expect(row).toBeDefined();
    // The name is text that cannot start a formula, quoted because it holds quotes.
    expect(row).toContain(`;"'=HYPERLINK(""x"")";`);
    // Numbers with a decimal comma, never a decimal point.
    const importKwh = row!.split(';')[4]!;
    expect(importKwh).toMatch(/^\d+(,\d+)?$/);
    expect(text).not.toMatch(/;\d+\.\d+(;|\r?$)/m);

    const book = await downloaded(page, 'export-xlsx');
    expect(book.name).toMatch(/\.xlsx$/);
    const wb = XLSX.read(book.bytes, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['summary', 'members', 'intervals', 'assumptions']);
    const members = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.members!);
    const first = members.find((m) => m.id === 'PL0037910000001001');
    expect(first?.name).toBe(`'=HYPERLINK("x")`);
    expect(typeof first?.import_kwh).toBe('number');
    expect(Math.abs(Number(first?.import_kwh) - Number(importKwh.replace(',', '.')))).toBeLessThan(1e-6);
    // No cell of the workbook is a formula.
    for (const name of wb.SheetNames) {
      const sheet = wb.Sheets[name]!;
      for (const [ref, cell] of Object.entries(sheet))
        if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f, `${name}!${ref}`).toBeUndefined();
    }
    const summary = XLSX.utils.sheet_to_json<{ metric: string; value: unknown }>(wb.Sheets.summary!);
    const shared = summary.find((r) => r.metric === 'shared_kwh')?.value;
    const onPage = Number(await page.locator('[data-metric="shared_kwh"]').first().getAttribute('data-value'));
    expect(shared).toBeCloseTo(onPage, 6);

    const intervals = await downloaded(page, 'export-intervals');
    expect(intervals.bytes.toString('utf8')).toMatch(/^\uFEFFstart_local;start_utc;length;consumption_kwh/);
    const scenario = await downloaded(page, 'export-scenario');
    expect(JSON.parse(scenario.bytes.toString('utf8')).version).toBe(2);
    await page.close();
  });
});
