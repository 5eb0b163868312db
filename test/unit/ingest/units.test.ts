/**
 * Units: energy (kWh, Wh, MWh) converted to kWh, average power (kW, MW, `moc`, `power`) times the
 * interval's length, kWh assumed and said so; and the grid's resolution on request (hours split
 * into quarter-hours, reported as derived).
 */
import { describe, expect, it } from 'vitest';
import { ParseError, assembleCluster, parseFile, type MeterSeries, type ParsedReadings } from '../../../src/ingest/index';
import { unitOf } from '../../../src/ingest/names';
import { utf8 } from './fixtures';

const Q = 900_000;
const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

function readings(name: string, text: string): ParsedReadings {
  const p = parseFile(name, utf8(text));
  if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
  return p;
}

/** A long file of one meter: `timestamp_utc,<column>` with values every `stepMs`. */
function oneColumn(column: string, values: string[], stepMs = Q): string {
  return [`timestamp_utc;${column}`, ...values.map((v, i) => `${new Date(T0 + i * stepMs).toISOString()};${v}`)].join('\n');
}

describe('units in headers', () => {
  it('names energy and power units, energy first (kWh/kvar stays kWh)', () => {
    expect(unitOf(['Wartość[kWh/kvar]'])).toEqual({ unit: 'kWh', written: true });
    expect(unitOf(['energia [MWh]'])).toEqual({ unit: 'MWh', written: true });
    expect(unitOf(['import_wh'])).toEqual({ unit: 'Wh', written: true });
    expect(unitOf(['Moc czynna [kW]'])).toEqual({ unit: 'kW', written: true });
    expect(unitOf(['power_MW'])).toEqual({ unit: 'MW', written: true });
    expect(unitOf(['moc pobrana'])).toEqual({ unit: 'kW', written: false });
    expect(unitOf(['import', 'eksport'])).toBeUndefined();
  });

  it.each([
    ['import_kwh', '1,5', 1.5],
    ['import_wh', '1500', 1.5],
    ['import_mwh', '0,0015', 1.5],
  ])('%s: energy converted to kWh', (column, value, kwh) => {
    const p = readings('x.csv', oneColumn(column, [value, value]));
    expect(p.detection.unitAssumed).toBe(false);
    expect(Array.from(p.meters[0]!.import)).toEqual([kwh, kwh]);
  });

  it('kW over quarter-hours: energy is a quarter of the power', () => {
    const p = readings('x.csv', oneColumn('pobor_kw', ['4', '2']));
    expect(p.detection).toMatchObject({ unit: 'kW', unitAssumed: false, stepMinutes: 15 });
    expect(p.detection.description).toContain('average power');
    expect(Array.from(p.meters[0]!.import)).toEqual([1, 0.5]);
  });

  it('MW over hours: energy is the power times 1000', () => {
    const p = readings('x.csv', oneColumn('import_MW', ['0,0025', '0,001'], H));
    expect(p.detection).toMatchObject({ unit: 'MW', stepMinutes: 60 });
    expect(Array.from(p.meters[0]!.import)).toEqual([2.5, 1]);
  });

  it('a bare "moc" (power) means kW, said to be assumed', () => {
    const p = readings('x.csv', oneColumn('moc', ['8', '4']));
    expect(p.detection).toMatchObject({ unit: 'kW', unitAssumed: true });
    expect(Array.from(p.meters[0]!.import)).toEqual([2, 1]);
  });

  it('no unit: kWh, assumed', () => {
    const p = readings('x.csv', oneColumn('import', ['1', '2']));
    expect(p.detection).toMatchObject({ unit: 'kWh', unitAssumed: true });
  });

  it('a unit elsewhere in the header counts only when written, not from a power word', () => {
    const text = [
      'timestamp_utc;import;moc_umowna',
      `${new Date(T0).toISOString()};1;40`,
      `${new Date(T0 + Q).toISOString()};2;40`,
    ].join('\n');
    const p = readings('x.csv', text);
    expect(p.detection).toMatchObject({ unit: 'kWh', unitAssumed: true });
    expect(Array.from(p.meters[0]!.import)).toEqual([1, 2]);
  });

  it('power in a wide net file', () => {
    const text = ['czas;PL0037910000001001 [kW]', `${new Date(T0).toISOString()};-4`, `${new Date(T0 + Q).toISOString()};8`].join(
      '\n',
    );
    const p = readings('x.csv', text);
    expect(Array.from(p.meters[0]!.import)).toEqual([0, 2]);
    expect(Array.from(p.meters[0]!.export)).toEqual([1, 0]);
  });

  it('a value beyond any meter is out of range, with its place', () => {
    try {
      parseFile('x.csv', utf8(oneColumn('import_mwh', ['1', '2000000'])));
      throw new Error('read');
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect(e).toMatchObject({ line: 3, column: 2 });
      expect((e as ParseError).reason).toMatch(/^"2000000" is out of range/);
    }
  });
});

describe('assembleCluster at a resolution on request', () => {
  const series = (id: string, stepMinutes: number, imp: number[]): MeterSeries => ({
    id,
    stepMinutes,
    startUtcMs: T0,
    import: Float64Array.from(imp),
    export: new Float64Array(imp.length),
  });

  it('splits hours into four equal quarters and reports them as derived', () => {
    const h = series('H', 60, [4, 8]);
    const q = series('Q', 15, [1, 2, 3, 4, 5, 6, 7, 8]);
    const { data, report } = assembleCluster([h, q], [], { stepMinutes: 15 });
    expect(data.stepMinutes).toBe(15);
    expect(data.intervals).toBe(8);
    expect(Array.from(data.imports.subarray(0, 8))).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(data.imports.subarray(8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.derived).toEqual(['H']);
    expect(report.aggregatedTo60).toEqual([]);
    expect(
      report.members.every((m) => m.missingIntervals === 0 && m.partialIntervals === 0 && m.overlappingIntervals === 0),
    ).toBe(true);
    expect(report.messages.some((m) => m.includes('derived'))).toBe(true);
  });

  it('keeps the default: hourly when anything is hourly, nothing derived', () => {
    const { data, report } = assembleCluster([series('H', 60, [4, 8]), series('Q', 15, [1, 2, 3, 4])], []);
    expect(data.stepMinutes).toBe(60);
    expect(report.derived).toEqual([]);
    expect(report.aggregatedTo60).toEqual(['Q']);
  });

  it('sums quarter-hours to hours on request even when nothing is hourly', () => {
    const { data, report } = assembleCluster([series('Q', 15, [1, 2, 3, 4])], [], { stepMinutes: 60 });
    expect(data.stepMinutes).toBe(60);
    expect(Array.from(data.imports)).toEqual([10]);
    expect(report.aggregatedTo60).toEqual(['Q']);
  });

  it('refuses other resolutions', () => {
    expect(() => assembleCluster([series('Q', 15, [1])], [], { stepMinutes: 30 as 15 })).toThrow(/30-minute/);
  });
});
