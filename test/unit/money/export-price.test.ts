/** Export prices: the monthly RCEm defaults and PSE's RCE CSV export → r per netting window. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { windowCalendar } from '../../../src/money/calendar';
import {
  DEFAULT_MONTHLY_EXPORT_PRICES,
  RCEM_2025,
  RceParseError,
  monthlyExportPrices,
  parseRceCsv,
  rceExportPrices,
} from '../../../src/money/export-price';
import { local } from './helpers';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/money/${name}`, import.meta.url), 'utf8');
const HOUR = 3_600_000;

function refusal(text: string): RceParseError {
  try {
    parseRceCsv(text, 'rce.csv');
  } catch (e) {
    if (e instanceof RceParseError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('monthly RCEm 2025', () => {
  it('§5.1 values as given, every month with a source; the unpublished ones marked estimated', () => {
    expect(RCEM_2025.map((x) => x.plnPerMwh)).toEqual([
      480.01, 442.02, 182.96, 163.19, 216.97, 136.3, 284.83, 309.34, 333.86, 358.37, 382.88, 466.08,
    ]);
    expect(RCEM_2025.filter((x) => x.status === 'estimated').map((x) => x.month)).toEqual([8, 9, 10]);
    for (const x of RCEM_2025) expect(x.source.length).toBeGreaterThan(10);
    expect(DEFAULT_MONTHLY_EXPORT_PRICES[0]).toBeCloseTo(0.48001, 12);
  });

  it('r_w by the local month of each window', () => {
    const c = windowCalendar(local(2025, 1, 31, 23), 60, 2);
    expect([...monthlyExportPrices(c, DEFAULT_MONTHLY_EXPORT_PRICES)]).toEqual([0.48001, 0.44202]);
    expect(() => monthlyExportPrices(c, [0.4])).toThrow(/12 monthly prices/);
  });
});

describe("PSE's RCE CSV", () => {
  it('15-minute export of the autumn DST day: 100 quarter-hours, 02:00–03:00 twice, a negative price kept', () => {
    const s = parseRceCsv(fixture('rce-15min-2025-10-26.csv'));
    expect(s.minutes).toBe(15);
    expect(s.startUtcMs).toHaveLength(100);
    expect(s.startUtcMs[0]).toBe(local(2025, 10, 26)); // 2025-10-25T22:00Z
    for (let k = 1; k < 100; k++) expect(s.startUtcMs[k] - s.startUtcMs[k - 1]).toBe(15 * 60_000);
    expect(s.plnPerMwh[1]).toBe(301.25);
    expect(s.plnPerMwh[50]).toBe(-12.5);
    expect([s.from, s.to]).toEqual(['2025-10-26', '2025-10-26']);
  });

  it('→ hourly windows: the mean of four quarter-hours, the repeated hour each its own', () => {
    const s = parseRceCsv(fixture('rce-15min-2025-10-26.csv'));
    const { prices, missing } = rceExportPrices(s, windowCalendar(local(2025, 10, 26), 60, 25));
    expect(missing).toBe(0);
    expect(prices[0]).toBeCloseTo(301.625 / 1000, 12);
    expect(prices[2]).toBeCloseTo(309.625 / 1000, 12); // 02:00 summer time
    expect(prices[3]).toBeCloseTo(313.625 / 1000, 12); // 02:00 winter time
  });

  it('the older hourly layout (Data;Godzina;RCE) over the spring DST day: hour 3 absent, 71 contiguous hours', () => {
    const s = parseRceCsv(fixture('rce-hourly-2025-03-29_31.csv'));
    expect(s.minutes).toBe(60);
    expect(s.startUtcMs).toHaveLength(71);
    for (let k = 0; k < 71; k++) expect(s.startUtcMs[k]).toBe(local(2025, 3, 29) + k * HOUR);
    // Hour 4 of 30 March ends at 04:00 CEST: it starts at 03:00 CEST.
    expect(s.plnPerMwh[24 + 2]).toBe(404.5);
    expect(s.startUtcMs[24 + 2]).toBe(local(2025, 3, 30, 3));
  });

  it('→ 15-minute windows: an hourly price applies to each quarter; windows beyond it take the monthly price', () => {
    const s = parseRceCsv(fixture('rce-hourly-2025-03-29_31.csv'));
    const cal = windowCalendar(local(2025, 3, 31, 23), 15, 8);
    const { prices, missing } = rceExportPrices(s, cal);
    expect([...prices.subarray(0, 4)]).toEqual([0.424, 0.424, 0.424, 0.424]);
    expect(missing).toBe(4);
    expect(prices[4]).toBe(DEFAULT_MONTHLY_EXPORT_PRICES[3]); // April
  });

  it('by header, not position: Doba handlowa, comma separator, decimal point, PLN/kWh, quoted', () => {
    const s = parseRceCsv(
      '"Data publikacji","RCE [zł/kWh]","Doba handlowa","OREB [Jednostka czasu od-do]"\n"x","0.41","2025-06-02","12:00 - 13:00"\n',
    );
    expect(s.minutes).toBe(60);
    expect([...s.plnPerMwh]).toEqual([410]);
    expect(s.startUtcMs[0]).toBe(local(2025, 6, 2, 12));
  });

  it('hours counted 1–25 on the autumn day, and "2A" for the repeated hour', () => {
    const elapsed = ['Data;Godzina;RCE', ...Array.from({ length: 25 }, (_, k) => `2025-10-26;${k + 1};${k}`)].join('\n');
    const a = parseRceCsv(elapsed);
    for (let k = 0; k < 25; k++) expect(a.startUtcMs[k]).toBe(local(2025, 10, 26) + k * HOUR);
    // "1" 00:00, "2" 01:00, "3" 02:00 summer time, "2A" 02:00 again (winter time), "4" 03:00.
    const marked = ['Data;Godzina;RCE', ...['1', '2', '3', '2A', '4'].map((h, k) => `20251026;${h};${k}`)].join('\n');
    const b = parseRceCsv(marked);
    expect([...b.startUtcMs]).toEqual([0, 1, 2, 3, 4].map((k) => local(2025, 10, 26) + k * HOUR));
    expect([...b.plnPerMwh]).toEqual([0, 1, 2, 3, 4]);
  });

  it('refusals name line and column', () => {
    const head = 'Doba;OREB [Jednostka czasu od-do];RCE [zł/MWh]\n';
    let e = refusal(`${head}2025-01-01;00:00 - 01:00;400,00\n2025-01-01;01:00 - 02:00;abc\n`);
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.message).toBe('rce.csv line 3, column 3: "abc" is not a price (a number, PLN/MWh)');
    e = refusal(`${head}2025-13-01;00:00 - 01:00;400\n`);
    expect([e.line, e.column, e.reason]).toEqual([2, 1, '"2025-13-01" is not a date (YYYY-MM-DD)']);
    e = refusal(`${head}2025-01-01;00:00 - 00:20;400\n`);
    expect([e.line, e.column]).toEqual([2, 2]);
    expect(e.reason).toMatch(/20 minutes/);
    e = refusal(`${head}2025-01-01;00:00 - 01:00;400\n2025-01-01;00:00 - 01:00;401\n`);
    expect([e.line, e.reason]).toEqual([3, 'the same period as line 2']);
    e = refusal(`${head}2025-03-30;02:15 - 02:30;400\n`);
    expect(e.reason).toMatch(/does not exist/);
    e = refusal('Data;Godzina;RCE\n2025-06-01;2A;400\n');
    expect(e.reason).toMatch(/repeated hour/);
    e = refusal('czas;cena energii czynnej\n1;2\n');
    expect([e.line, e.column]).toEqual([1, undefined]);
    expect(e.reason).toMatch(/not a PSE RCE export/);
    e = refusal(`${head}2025-01-01;00:00 - 01:00\n`);
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(refusal('').reason).toBe('the file is empty');
  });
});
