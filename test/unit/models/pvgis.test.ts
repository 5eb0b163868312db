/** PVGIS readers on the real samples (test/fixtures/pvgis) and on broken copies of them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  azimuthFromPvgis,
  azimuthToPvgis,
  pvgisProfileOnGrid,
  readPvgisSeriescalc,
  readPvgisTmy,
} from '../../../src/models/pvgis';
import { weatherRow } from '../../../src/models/weather';
import { fixtureText, sum } from './helpers';

const JSON_NAME = 'seriescalc-pv-10kWp-45N-8E-excerpt.json';
const CSV_NAME = 'seriescalc-pv-10kWp-45N-8E-excerpt.csv';
const RADIATION_NAME = 'seriescalc-radiation-45N-8E-30deg-2016-excerpt.csv';
const TMY_NAME = 'tmy-45N-8E.csv';
const jsonText = fixtureText(`pvgis/${JSON_NAME}`);
const csvText = fixtureText(`pvgis/${CSV_NAME}`);
const tmyText = fixtureText(`pvgis/${TMY_NAME}`);

/** The text with line `n` (1-based) replaced. */
function withLine(text: string, n: number, replace: (line: string) => string): string {
  const lines = text.split(/\r?\n/);
  lines[n - 1] = replace(lines[n - 1]);
  return lines.join('\n');
}

describe('azimuth conventions', () => {
  it('PVGIS 0 = south, −90 = east, 90 = west ↔ ours 180, 90, 270', () => {
    expect(azimuthFromPvgis(0)).toBe(180);
    expect(azimuthFromPvgis(-90)).toBe(90);
    expect(azimuthFromPvgis(90)).toBe(270);
    expect(azimuthFromPvgis(180)).toBe(0);
    expect(azimuthToPvgis(180)).toBe(0);
    expect(azimuthToPvgis(90)).toBe(-90);
    expect(azimuthToPvgis(270)).toBe(90);
    expect(azimuthToPvgis(0)).toBe(180);
  });

  it('round-trips any angle', () => {
    fc.assert(
      fc.property(fc.double({ min: -179.999, max: 180, noNaN: true }), (aspect) => {
        expect(azimuthToPvgis(azimuthFromPvgis(aspect))).toBeCloseTo(aspect, 9);
      }),
    );
  });
});

describe('seriescalc (hourly PV output)', () => {
  it('reads the real JSON sample: 10 kWp, ten hours from 2013-01-01 00:10 UTC, P in W', () => {
    const s = readPvgisSeriescalc(jsonText, JSON_NAME);
    expect(s.kwp).toBe(10);
    expect(s.lat).toBe(45);
    expect(s.lon).toBe(8);
    expect(s.lossesPct).toBe(5);
    expect(s.hourUtcMs.length).toBe(10);
    expect(s.hourUtcMs[0]).toBe(Date.UTC(2013, 0, 1, 0));
    expect(s.hourUtcMs[9]).toBe(Date.UTC(2013, 0, 1, 9));
    expect([...s.powerW.slice(7)]).toEqual([0, 1187.2, 3950.1]);
  });

  it('reads the CSV layout of the same rows (header block, CRLF, footer) to the same series', () => {
    const csv = readPvgisSeriescalc(csvText, CSV_NAME);
    const json = readPvgisSeriescalc(jsonText, JSON_NAME);
    expect(csv.kwp).toBe(10);
    expect(csv.lat).toBe(45);
    expect(csv.lon).toBe(8);
    expect(csv.lossesPct).toBe(5);
    expect(csv.hourUtcMs).toEqual(json.hourUtcMs);
    expect(csv.powerW).toEqual(json.powerW);
  });

  it('reads slope and azimuth from the header, converting PVGIS aspect to ours', () => {
    const text = csvText.replace('\r\n\r\n\r\n', '\r\n\r\nSlope: 35 deg. \r\nAzimuth: -90 deg. \r\n');
    const s = readPvgisSeriescalc(text, CSV_NAME);
    expect(s.tilt).toBe(35);
    expect(s.azimuth).toBe(90);
  });

  it('places a profile on a quarter-hour grid: each hour split into four equal quarters, scaled by kWp asked / simulated', () => {
    const s = readPvgisSeriescalc(jsonText, JSON_NAME);
    const grid = { startUtcMs: Date.UTC(2013, 0, 1, 7), stepMinutes: 15, intervals: 12 };
    const p = pvgisProfileOnGrid(s, 5, grid);
    // 07:00–08:00 nothing, 08:00–09:00 1187.2 W for 10 kWp → 593.6 W for 5 kWp → 0.1484 kWh a quarter.
    expect([...p.slice(0, 4)]).toEqual([0, 0, 0, 0]);
    for (const v of p.slice(4, 8)) expect(v).toBeCloseTo(0.1484, 12);
    for (const v of p.slice(8, 12)) expect(v).toBeCloseTo(((3950.1 / 2) * 0.25) / 1000, 12);
    // On an hourly grid the same energy.
    expect(sum(pvgisProfileOnGrid(s, 5, { startUtcMs: grid.startUtcMs, stepMinutes: 60, intervals: 3 }))).toBeCloseTo(sum(p), 12);
  });

  it('maps another year by UTC month, day and hour', () => {
    const s = readPvgisSeriescalc(jsonText, JSON_NAME);
    const p2025 = pvgisProfileOnGrid(s, 10, { startUtcMs: Date.UTC(2025, 0, 1, 8), stepMinutes: 60, intervals: 2 });
    expect([...p2025]).toEqual([1.1872, 3.9501]);
  });

  it('prefers the grid year when the file has it and falls back from 29 February to the 28th', () => {
    const rows = (year: number, month: string, day: string, p: number) =>
      Array.from({ length: 24 }, (_, h) => `${year}${month}${day}:${String(h).padStart(2, '0')}10,${p},0,0,0,0,0`);
    const text = [
      'Nominal power of the PV system (c-Si) (kWp):\t1.0',
      'time,P,G(i),H_sun,T2m,WS10m,Int',
      ...rows(2019, '02', '28', 100),
      ...rows(2020, '02', '28', 200),
      ...rows(2020, '02', '29', 300),
      '',
    ].join('\n');
    const s = readPvgisSeriescalc(text, 'two-years.csv');
    const day = (y: number, m: number, d: number) => ({ startUtcMs: Date.UTC(y, m - 1, d), stepMinutes: 60, intervals: 1 });
    expect(pvgisProfileOnGrid(s, 1, day(2019, 2, 28))[0]).toBeCloseTo(0.1, 12);
    expect(pvgisProfileOnGrid(s, 1, day(2020, 2, 29))[0]).toBeCloseTo(0.3, 12);
    // 2024-02-29: the latest file year with that date is 2020.
    expect(pvgisProfileOnGrid(s, 1, day(2024, 2, 29))[0]).toBeCloseTo(0.3, 12);
    // 2025-02-28: the latest year with 28 February is 2020.
    expect(pvgisProfileOnGrid(s, 1, day(2025, 2, 28))[0]).toBeCloseTo(0.2, 12);
  });

  it('says which hour is missing when the file does not cover the grid', () => {
    const s = readPvgisSeriescalc(jsonText, JSON_NAME);
    expect(() => pvgisProfileOnGrid(s, 10, { startUtcMs: Date.UTC(2025, 5, 1), stepMinutes: 60, intervals: 1 })).toThrow(
      /no value for 06-01T00:00 UTC \(the file covers 2013-01-01T00:00 to 2013-01-01T09:00 UTC\)/,
    );
  });

  it('the radiation-only sample is refused with the reason', () => {
    expect(() => readPvgisSeriescalc(fixtureText(`pvgis/${RADIATION_NAME}`), RADIATION_NAME)).toThrow(
      `${RADIATION_NAME} line 9: no "P" column (columns: time, Gb(i), Gd(i), Gr(i), H_sun, T2m, WS10m, Int): this file has radiation only`,
    );
  });

  it('names line and column of a bad number, a bad time, a wrong column count', () => {
    // Line 19 is 20130101:0910 (header block of 9 lines, then the rows).
    const badP = withLine(csvText, 19, (l) => l.replace('3950.1', 'abc'));
    expect(() => readPvgisSeriescalc(badP, CSV_NAME)).toThrow(`${CSV_NAME} line 19, column 2: "abc" is not a number`);
    const badTime = withLine(csvText, 12, (l) => l.replace('20130101:0210', '20130132:0210'));
    expect(() => readPvgisSeriescalc(badTime, CSV_NAME)).toThrow(
      `${CSV_NAME} line 12, column 1: "20130132:0210" is not a PVGIS time`,
    );
    const short = withLine(csvText, 13, (l) => l.split(',').slice(0, 4).join(','));
    expect(() => readPvgisSeriescalc(short, CSV_NAME)).toThrow(`${CSV_NAME} line 13: 4 columns where the header has 7`);
    const negative = withLine(csvText, 18, (l) => l.replace('1187.2', '-1187.2'));
    expect(() => readPvgisSeriescalc(negative, CSV_NAME)).toThrow(`${CSV_NAME} line 18, column 2: "-1187.2" is negative`);
    const empty = withLine(csvText, 18, (l) => l.replace('1187.2', ''));
    expect(() => readPvgisSeriescalc(empty, CSV_NAME)).toThrow(`${CSV_NAME} line 18, column 2: "" is not a number`);
    const backwards = withLine(csvText, 11, () => '20130101:0010,0.0,0.0,0.0,-1.06,1.45,0.0');
    expect(() => readPvgisSeriescalc(backwards, CSV_NAME)).toThrow(
      `${CSV_NAME} line 11, column 1: "20130101:0010" is not after the row before it`,
    );
  });

  it('needs the simulated kWp: from the file or from the caller', () => {
    const noKwp = csvText.replace(/Nominal power[^\r\n]*\r\n/, '');
    expect(() => readPvgisSeriescalc(noKwp, CSV_NAME)).toThrow(/does not say the simulated peak power/);
    expect(readPvgisSeriescalc(noKwp, CSV_NAME, { kwp: 4 }).kwp).toBe(4);
  });

  it('tells a TMY, a non-PVGIS file and broken JSON apart', () => {
    expect(() => readPvgisSeriescalc(tmyText, TMY_NAME)).toThrow(/PVGIS TMY file \(weather\)/);
    expect(() => readPvgisSeriescalc('a,b\n1,2\n', 'other.csv')).toThrow(/no PVGIS data header/);
    expect(() => readPvgisSeriescalc('{"outputs": ', 'cut.json')).toThrow(/cut.json: not valid JSON/);
    const badJson = jsonText.replace('"P": 1187.2', '"P": "1187.2"');
    expect(() => readPvgisSeriescalc(badJson, JSON_NAME)).toThrow(
      `${JSON_NAME} outputs.hourly[8].P: "1187.2" is not a power ≥ 0`,
    );
  });
});

describe('TMY (weather year)', () => {
  const tmy = readPvgisTmy(tmyText, TMY_NAME);

  it('reads the real sample: 8,760 hours keyed by month, day and hour', () => {
    expect(tmy.ghi.length).toBe(8760);
    // First row: 20180101:0000, T2m 2.04, WS10m 0.75.
    expect(tmy.airC[weatherRow(1, 1, 0)]).toBe(2.04);
    expect(tmy.wind10[weatherRow(1, 1, 0)]).toBe(0.75);
    // 20180101:0900: G(h) 149, Gb(n) 125.3, Gd(h) 117.
    expect(tmy.ghi[weatherRow(1, 1, 9)]).toBe(149);
    expect(tmy.dni[weatherRow(1, 1, 9)]).toBe(125.3);
    expect(tmy.dhi[weatherRow(1, 1, 9)]).toBe(117);
    // Last row: 20161231:2300, T2m 2.1.
    expect(tmy.airC[weatherRow(12, 31, 23)]).toBe(2.1);
    expect(sum(tmy.ghi) / 1000).toBeCloseTo(1435.861, 3);
    expect(weatherRow(2, 29, 5)).toBe(weatherRow(2, 28, 5));
  });

  it('reads a site download with its header block (site, month/year table) and footer the same way', () => {
    const header = [
      'Latitude (decimal degrees): 45.000',
      'Longitude (decimal degrees): 8.000',
      'Elevation (m): 250.0',
      'month,year',
      ...[2018, 2007, 2009, 2013, 2008, 2006, 2011, 2010, 2020, 2006, 2007, 2016].map((y, i) => `${i + 1},${y}`),
    ];
    const footer = [
      '',
      'T2m: 2-m air temperature (degree Celsius)',
      'G(h): Global irradiance on the horizontal plane (W/m2)',
      '',
      'PVGIS (c) European Union, 2001-2021',
    ];
    const download = readPvgisTmy([...header, tmyText.trimEnd(), ...footer].join('\r\n'), 'download.csv');
    expect(download.ghi).toEqual(tmy.ghi);
    expect(download.wind10).toEqual(tmy.wind10);
    expect(download.lat).toBe(45);
    expect(download.lon).toBe(8);
    expect(download.monthsSelected?.[1]).toEqual({ month: 2, year: 2007 });
  });

  it('names line and column of broken cells', () => {
    expect(() =>
      readPvgisTmy(
        withLine(tmyText, 12, (l) => l.replace(/^([^,]*),[^,]*/, '$1,abc')),
        TMY_NAME,
      ),
    ).toThrow(`${TMY_NAME} line 12, column 2: "abc" is not a number`);
    expect(() =>
      readPvgisTmy(
        withLine(tmyText, 30, (l) => l.replace(',1.17,', ',1,17,')),
        TMY_NAME,
      ),
    ).toThrow(`${TMY_NAME} line 30: 11 columns where the header has 10`);
    expect(() =>
      readPvgisTmy(
        withLine(tmyText, 5, (l) => l.replace('20180101:0300', '2018-01-01 03:00')),
        TMY_NAME,
      ),
    ).toThrow(`${TMY_NAME} line 5, column 1: "2018-01-01 03:00" is not a PVGIS time (YYYYMMDD:HHMM, UTC)`);
    expect(() =>
      readPvgisTmy(
        withLine(tmyText, 9, (l) => l.replace(/,[^,]*,[^,]*,[^,]*$/, ',-1.5,212.0,99580.0')),
        TMY_NAME,
      ),
    ).toThrow(`${TMY_NAME} line 9, column 8: "-1.5" is negative`);
  });

  it('refuses a repeated or a missing hour, and a file without the needed columns', () => {
    const repeated = withLine(tmyText, 3, (l) => l.replace('20180101:0100', '20180101:0000'));
    expect(() => readPvgisTmy(repeated, TMY_NAME)).toThrow(
      `${TMY_NAME} line 3, column 1: "20180101:0000" is the same hour of the year as line 2`,
    );
    const missing = tmyText
      .split('\n')
      .filter((_, i) => i !== 100)
      .join('\n');
    expect(() => readPvgisTmy(missing, TMY_NAME)).toThrow(
      `${TMY_NAME}: 1 of the year's 8,760 hours are missing, the first 01-05 03:00 UTC`,
    );
    const noWind = tmyText.replace('WS10m', 'WS2m');
    expect(() => readPvgisTmy(noWind, TMY_NAME)).toThrow(`${TMY_NAME} line 1: no "WS10m" column`);
    expect(() => readPvgisTmy(csvText, CSV_NAME)).toThrow(/hourly series \(seriescalc\), not a TMY/);
  });
});
