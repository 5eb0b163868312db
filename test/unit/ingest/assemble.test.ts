/** assembleCluster: one grid, coarsest resolution, same ids summed, gaps filled and reported. */
import { describe, expect, it } from 'vitest';
import { assembleCluster, type Member, type MeterSeries } from '../../../src/ingest/index';
import { expectedMembers, parseFixture, readingsFixture, relativeError } from './fixtures';

const expected = expectedMembers();
const H = 3_600_000;
const Q = 900_000;
const T0 = Date.UTC(2025, 0, 1);

function register(): Member[] {
  const p = parseFixture('members.csv');
  if (p.kind !== 'register') throw new Error('not a register');
  return p.members;
}

function memberTotals(data: { members: Member[]; intervals: number; imports: Float64Array; exports: Float64Array }) {
  return data.members.map((m, i) => {
    let imp = 0;
    let exp = 0;
    for (let k = i * data.intervals; k < (i + 1) * data.intervals; k++) {
      imp += data.imports[k]!;
      exp += data.exports[k]!;
    }
    return { id: m.id, imp, exp };
  });
}

const series = (id: string, stepMinutes: number, startUtcMs: number, imp: number[], exp?: number[]): MeterSeries => ({
  id,
  stepMinutes,
  startUtcMs,
  import: Float64Array.from(imp),
  export: Float64Array.from(exp ?? imp.map(() => 0)),
});

const member = (id: string, name: string): Member => ({
  id,
  name,
  type: 'household',
  tariff: 'G11',
  gmina: 'Osiek',
  pvKwp: 0,
  windKw: 0,
  biogasKw: 0,
});

describe('assembleCluster with the fixtures', () => {
  it('long file + register: 9 members at 15 minutes with the reference totals', () => {
    const { data, report } = assembleCluster(readingsFixture('long-utc-15min.csv').meters, register());
    expect(data.stepMinutes).toBe(15);
    expect(data.intervals).toBe(35040);
    expect(data.startUtcMs).toBe(Date.UTC(2024, 11, 31, 23));
    expect(data.members.map((m) => m.name)[0]).toBe('Urząd Miasta i Gminy');
    for (const t of memberTotals(data)) {
      expect(relativeError(t.imp, expected[t.id]!.import_kwh)).toBeLessThanOrEqual(1e-6);
      expect(relativeError(t.exp, expected[t.id]!.export_kwh)).toBeLessThanOrEqual(1e-6);
    }
    expect(report.registerWithoutData).toEqual([]);
    expect(report.dataWithoutRegister).toEqual([]);
    expect(
      report.members.every((m) => m.missingIntervals === 0 && m.partialIntervals === 0 && m.overlappingIntervals === 0),
    ).toBe(true);
  });

  it('Tauron (hourly) + Enea (hourly) + the 15-minute file for the rest: all summed to hours', () => {
    const tauron = readingsFixture('tauron-elicznik-PL0037910000001001.csv').meters;
    const enea = readingsFixture('enea-ebok-PL0037910000001004.csv').meters;
    const rest = readingsFixture('long-utc-15min.csv').meters.filter(
      (m) => m.id !== 'PL0037910000001001' && m.id !== 'PL0037910000001004',
    );
    const { data, report } = assembleCluster([...tauron, ...enea, ...rest], register());
    expect(data.stepMinutes).toBe(60);
    expect(data.intervals).toBe(8760);
    expect(report.aggregatedTo60).toHaveLength(7);
    for (const t of memberTotals(data)) {
      expect(relativeError(t.imp, expected[t.id]!.import_kwh), t.id).toBeLessThanOrEqual(1e-6);
      expect(relativeError(t.exp, expected[t.id]!.export_kwh), t.id).toBeLessThanOrEqual(1e-6);
    }
    // The daily-wide file gives the same hourly grid, hour by hour.
    const daily = assembleCluster(readingsFixture('osd-daily-wide-cp1250.csv').meters, register()).data;
    let worst = 0;
    for (let k = 0; k < data.imports.length; k++) worst = Math.max(worst, Math.abs(data.imports[k]! - daily.imports[k]!));
    expect(worst).toBeLessThan(1e-9);
  });

  it('counts a meter loaded twice once, and reports the overlap', () => {
    const long = readingsFixture('long-utc-15min.csv').meters;
    const tauron = readingsFixture('tauron-elicznik-PL0037910000001001.csv').meters;
    const once = assembleCluster([...long, ...tauron.map((s) => ({ ...s, id: 'OTHER' }))], register());
    const { data, report } = assembleCluster([...long, ...tauron], register(), {
      sources: [...long.map(() => 'long.csv'), ...tauron.map(() => 'tauron.csv')],
    });
    const r = report.members.find((m) => m.id === 'PL0037910000001001')!;
    expect(r.series).toBe(2);
    expect(r.overlappingIntervals).toBe(8760);
    // The same energy read twice is not doubled (it once was: every figure twice as large).
    const row = report.members.indexOf(r);
    const total = (d: typeof data, i: number) =>
      d.imports.subarray(i * d.intervals, (i + 1) * d.intervals).reduce((a, v) => a + v, 0);
    expect(total(data, row)).toBeCloseTo(total(once.data, row), 6);
    expect(report.overlaps).toEqual([
      { id: 'PL0037910000001001', kept: 'tauron.csv', replaced: 'long.csv', intervals: 8760, differing: 0 },
    ]);
    expect(report.messages.some((m) => m.includes('counted once'))).toBe(true);
  });

  it('keeps the later file where overlapping readings differ, and says so', () => {
    const a = series('A', 60, T0, [1, 2, 3]);
    const b = series('A', 60, T0 + H, [20, 30, 40]);
    const { data, report } = assembleCluster([a, b], [], { sources: ['old.csv', 'new.csv'] });
    expect(Array.from(data.imports)).toEqual([1, 20, 30, 40]);
    expect(report.overlaps).toEqual([{ id: 'A', kept: 'new.csv', replaced: 'old.csv', intervals: 2, differing: 2 }]);
  });

  it('keeps a register one file lacks from the file that has it', () => {
    const imports = series('A', 60, T0, [1, 2], [0, 0]);
    const exportsOnly = series('A', 60, T0, [0, 0], [5, 6]);
    const { data, report } = assembleCluster([imports, exportsOnly], []);
    expect(Array.from(data.imports)).toEqual([1, 2]);
    expect(Array.from(data.exports)).toEqual([5, 6]);
    expect(report.overlaps).toEqual([]);
  });

  it('starts the grid on the hour: 15-minute data from :15 are netted in clock hours', () => {
    const q = series('Q', 15, T0 + Q, [1, 1, 1, 1, 1, 1, 1]);
    const { data, report } = assembleCluster([q], [], { stepMinutes: 15 });
    expect(data.startUtcMs).toBe(T0);
    expect(Array.from(data.imports)).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
    expect(report.members[0]!.missingIntervals).toBe(1);
  });

  it('crops to a period, leaving out what lies outside', () => {
    const a = series('A', 60, T0, [1, 2, 3, 4]);
    const { data } = assembleCluster([a], [], { period: { fromUtcMs: T0 + H, toUtcMs: T0 + 3 * H } });
    expect(Array.from(data.imports)).toEqual([2, 3]);
    expect(data.startUtcMs).toBe(T0 + H);
  });

  it('leaves intervals nobody measured NaN when asked, for gap filling', () => {
    const a = series('A', 60, T0, [1, NaN, 3], [0, NaN, 0]);
    const { data } = assembleCluster([a], [], { missing: 'nan' });
    expect(Array.from(data.imports)).toEqual([1, NaN, 3]);
  });

  it('refuses more members × intervals than the engine can hold, before allocating', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => series(`M${i}`, 15, T0, [1]));
    const far = series('M0', 15, T0 + 365 * 24 * H - Q, [1]);
    expect(() => assembleCluster([...many, far], [])).toThrow(/10000 members × 35040 intervals .* at most 4\.0 GB/);
  });
});

describe('assembleCluster on small cases', () => {
  it('places series on a common start, fills gaps with 0 and reports them', () => {
    const a = series('A', 60, T0, [1, NaN, 3], [0, NaN, 0]);
    const b = series('B', 60, T0 + 2 * H, [5, 6]);
    const { data, report } = assembleCluster([a, b], [member('A', 'Anna'), member('C', 'Cezary')]);
    expect(data.intervals).toBe(4);
    expect(data.startUtcMs).toBe(T0);
    expect(Array.from(data.imports)).toEqual([1, 0, 3, 0, 0, 0, 5, 6]);
    expect(report.members.map((m) => [m.id, m.missingIntervals])).toEqual([
      ['A', 2],
      ['B', 2],
    ]);
    expect(report.members[0]!.gaps).toEqual([
      { startUtcMs: T0 + H, endUtcMs: T0 + 2 * H },
      { startUtcMs: T0 + 3 * H, endUtcMs: T0 + 4 * H },
    ]);
    expect(report.registerWithoutData).toEqual(['C']);
    expect(report.dataWithoutRegister).toEqual(['B']);
    expect(data.members[0]!.name).toBe('Anna');
    expect(data.members[1]).toEqual({
      id: 'B',
      name: 'B',
      type: 'other',
      tariff: '',
      gmina: '',
      pvKwp: 0,
      windKw: 0,
      biogasKw: 0,
      registered: false,
    });
  });

  it('sums quarter-hours to hours when any meter is hourly, and flags partial hours', () => {
    const q = series('Q', 15, T0 + Q, [1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 1, 0, 0, 0]);
    const h = series('H', 60, T0, [10, 20]);
    const { data, report } = assembleCluster([q, h], []);
    expect(data.stepMinutes).toBe(60);
    expect(Array.from(data.imports.subarray(0, 2))).toEqual([6, 22]);
    expect(Array.from(data.exports.subarray(0, 2))).toEqual([0, 1]);
    expect(report.aggregatedTo60).toEqual(['Q']);
    expect(report.members[0]!.partialIntervals).toBe(1);
  });

  it('sums series of the same meter, matching ids without spaces and case', () => {
    const jan = series('PL 0037910000001001', 15, T0, [1, 1]);
    const feb = series('pl0037910000001001', 15, T0 + 2 * Q, [2, 2]);
    const { data, report } = assembleCluster([jan, feb], [member('PL0037910000001001', 'Urząd')]);
    expect(data.members).toHaveLength(1);
    expect(data.members[0]!.name).toBe('Urząd');
    expect(Array.from(data.imports)).toEqual([1, 1, 2, 2]);
    expect(report.members[0]!.series).toBe(2);
    expect(report.members[0]!.overlappingIntervals).toBe(0);
  });

  it('refuses nothing to assemble and unknown resolutions', () => {
    expect(() => assembleCluster([], [])).toThrow(/no meter data/);
    expect(() => assembleCluster([series('A', 30, T0, [1])], [])).toThrow(/30-minute/);
  });
});
