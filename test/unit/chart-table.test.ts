/**
 * The charts' text alternatives (src/views/charts/chart-table.ts) and their palette
 * (src/views/charts/palette.ts): a year's days summed by local month (a day is counted in its
 * Warsaw month, not its UTC one), a duration curve read between its points, a heatmap's matrix
 * with gaps, numbers in each language; and colours that keep their contrast.
 */
import { describe, expect, it } from 'vitest';
import type { DailySeries } from '../../src/engine/protocol';
import { cell, curveAt, curveTable, matrixTable, monthlySums, yearTable } from '../../src/views/charts/chart-table';
import { colorAt, contrast, DIVERGING, OKABE_ITO, parseColor, SEQUENTIAL, SERIES, textOn } from '../../src/views/charts/palette';

/** Local (Warsaw) midnights: 30 and 31 January, 1 February 2025 (UTC+1). */
const DAYS = [Date.UTC(2025, 0, 29, 23), Date.UTC(2025, 0, 30, 23), Date.UTC(2025, 0, 31, 23)];

function daily(consumption: number[], generation: number[], shared: number[]): DailySeries {
  const z = new Float64Array(DAYS.length);
  return {
    dayStartUtcMs: Float64Array.from(DAYS),
    consumption: Float64Array.from(consumption),
    generation: Float64Array.from(generation),
    shared: Float64Array.from(shared),
    gridImport: z,
    gridExport: z,
  } as unknown as DailySeries;
}

const WORDS = {
  caption: 'Monthly sums',
  corner: 'Month',
  consumption: 'Consumption',
  generation: 'Generation',
  shared: 'Shared',
  baselineOf: (s: string) => `${s} (baseline)`,
  filled: 'Filled days',
};

describe('year chart as a table', () => {
  it('sums days by their local month: 1 February 00:00 Warsaw is 31 January in UTC', () => {
    const sums = monthlySums(Float64Array.from(DAYS), Float64Array.from([10, 20, 5]));
    expect([...sums]).toEqual([
      ['2025-01', 30],
      ['2025-02', 5],
    ]);
  });

  it('one row per month, the series and the baseline as columns, numbers in the language', () => {
    const t = yearTable(
      daily([1000, 2000, 1500.4], [10, 20, 30], [5, 6, 7]),
      daily([1, 1, 1], [2, 2, 2], [3, 3, 3]),
      [DAYS[2]!],
      WORDS,
      'pl',
    );
    expect(t.columns).toEqual([
      'Consumption [kWh]',
      'Generation [kWh]',
      'Shared [kWh]',
      'Consumption (baseline) [kWh]',
      'Generation (baseline) [kWh]',
      'Shared (baseline) [kWh]',
      'Filled days',
    ]);
    expect(t.rows.map((r) => r.label)).toEqual(['styczeń 2025', 'luty 2025']);
    expect(t.rows[0]!.cells.map((c) => c.value)).toEqual([3000, 30, 11, 2, 4, 6, 0]);
    expect(t.rows[1]!.cells.map((c) => c.value)).toEqual([1500.4, 30, 7, 1, 2, 3, 1]);
    // Polish: a non-breaking space groups thousands (from five digits), no decimals.
    expect(t.rows[1]!.cells[0]!.text).toBe('1500');
    expect(yearTable(daily([12345, 0, 0], [0, 0, 0], [0, 0, 0]), null, [], WORDS, 'pl').rows[0]!.cells[0]!.text).toBe(
      '12\u00a0345',
    );
    expect(yearTable(daily([12345, 0, 0], [0, 0, 0], [0, 0, 0]), null, [], WORDS, 'en').rows[0]!.cells[0]!.text).toBe('12,345');
  });

  it('without a baseline or filled days, only the three series', () => {
    const t = yearTable(daily([1, 2, 3], [1, 2, 3], [1, 2, 3]), null, [], WORDS, 'en');
    expect(t.columns).toHaveLength(3);
    expect(t.rows[0]!.label).toBe('January 2025');
  });
});

describe('duration curve as a table', () => {
  const curve = { timeShare: Float64Array.from([0, 0.5, 1]), kw: Float64Array.from([100, 0, -50]) };

  it('reads the curve between its points', () => {
    expect(curveAt(curve, 0)).toBe(100);
    expect(curveAt(curve, 0.25)).toBe(50);
    expect(curveAt(curve, 0.75)).toBe(-25);
    expect(curveAt(curve, 1)).toBe(-50);
    expect(curveAt({ timeShare: new Float64Array(), kw: new Float64Array() }, 0.5)).toBeNull();
  });

  it('rows at shares of time from the peak to the lowest, the baseline beside', () => {
    const t = curveTable(
      curve,
      { timeShare: curve.timeShare, kw: Float64Array.from([200, 0, 0]) },
      {
        caption: 'c',
        corner: 'share of time',
        value: 'scenario [kW]',
        baseline: 'baseline [kW]',
      },
      'pl',
    );
    expect(t.rows[0]!.label).toBe('0\u00a0%');
    expect(t.rows[0]!.cells.map((c) => c.value)).toEqual([100, 200]);
    const half = t.rows.find((r) => r.label === '50\u00a0%')!;
    expect(half.cells.map((c) => c.value)).toEqual([0, 0]);
    expect(t.rows.at(-1)!.cells[0]!.text).toBe('-50');
  });
});

describe('heatmap as a matrix', () => {
  it('one row per y, one column per x, a dash where there are no data', () => {
    const t = matrixTable(
      ['Jan', 'Feb'],
      ['0', '1'],
      [
        [12.34, null],
        [Number.NaN, 5],
      ],
      { caption: 'c', corner: 'k' },
      'en',
      1,
    );
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['12.3', '–'],
      ['–', '5.0'],
    ]);
    expect(t.rows[0]!.cells[0]!.value).toBe(12.34);
    expect(t.rows[1]!.cells[0]!.value).toBeNull();
  });

  it('a cell in Polish takes the decimal comma', () => {
    expect(cell(1234.56, 'pl', 1).text).toBe('1234,6');
  });
});

describe('palette', () => {
  it('reads both colour notations', () => {
    expect(parseColor('#0072B2')).toEqual([0, 114, 178]);
    expect(parseColor('rgb(255,233,69)')).toEqual([255, 233, 69]);
    expect(() => parseColor('teal')).toThrow(/teal/);
  });

  it('WCAG contrast: black on white is 21:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  it('every line colour keeps 3:1 against the white chart', () => {
    for (const [name, s] of Object.entries(SERIES)) expect(contrast(s.color, '#ffffff'), name).toBeGreaterThanOrEqual(3);
  });

  it('the series hues are Okabe–Ito hues', () => {
    const hues = new Set<string>(Object.values(OKABE_ITO));
    for (const s of Object.values(SERIES)) expect(hues.has(s.color)).toBe(true);
  });

  it('text on any colour of either scale keeps 4.5:1', () => {
    for (const scale of [SEQUENTIAL, DIVERGING])
      for (let i = 0; i <= 100; i++) {
        const bg = colorAt(scale, i / 100);
        expect(contrast(textOn(bg), bg), `${bg}`).toBeGreaterThanOrEqual(4.5);
      }
  });

  it('a scale at its ends and between two stops', () => {
    expect(colorAt(SEQUENTIAL, 0)).toBe('rgb(0,32,76)');
    expect(colorAt(SEQUENTIAL, 1)).toBe('rgb(255,233,69)');
    expect(colorAt(SEQUENTIAL, 7)).toBe('rgb(255,233,69)');
    expect(colorAt(DIVERGING, 0.5)).toBe('rgb(247,247,247)');
    // Half way from #e66101 to #fdb863.
    expect(colorAt(DIVERGING, 0.125)).toBe('rgb(242,141,50)');
  });

  it('cividis gets lighter all the way (a sequential scale reads one way)', () => {
    const l = Array.from({ length: 21 }, (_, i) => contrast(colorAt(SEQUENTIAL, i / 20), '#000000'));
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeGreaterThan(l[i - 1]!);
  });
});
