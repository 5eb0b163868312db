/** The one period a cluster is analysed over (issue 7 item 3). */
import { describe, expect, it } from 'vitest';
import type { MeterSeries } from '../../../src/ingest/cluster-data';
import {
  defaultPeriod,
  formatPeriod,
  localDates,
  periodGroups,
  periodOfLocalDates,
  seriesPeriod,
} from '../../../src/ingest/period';
import { warsawMidnightUtc } from '../../../src/ingest/time';
import { daysFromCivil } from '../../../src/ingest/time';

const H = 3_600_000;
const midnight = (y: number, m: number, d: number) => warsawMidnightUtc(daysFromCivil(y, m, d));

/** An hourly series of one meter from local midnight of `from` to local midnight of `to`. */
function year(id: string, from: [number, number, number], to: [number, number, number]): MeterSeries {
  const start = midnight(...from);
  const n = Math.round((midnight(...to) - start) / H);
  return { id, stepMinutes: 60, startUtcMs: start, import: new Float64Array(n).fill(1), export: new Float64Array(n) };
}

describe('the analysed period', () => {
  it('shows a 2024 file as 2024-01-01 – 2024-12-31 in local dates, not its UTC start', () => {
    const p = seriesPeriod(year('A', [2024, 1, 1], [2025, 1, 1]))!;
    expect(new Date(p.fromUtcMs).toISOString()).toBe('2023-12-31T23:00:00.000Z');
    expect(localDates(p)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(formatPeriod(p)).toBe('2024-01-01 – 2024-12-31');
  });

  it('picks the year most members cover: Tauron 2024 for one member, 2025 for eight', () => {
    const series = [
      year('T', [2024, 1, 1], [2025, 1, 1]),
      ...Array.from({ length: 8 }, (_, i) => year(`M${i}`, [2025, 1, 1], [2026, 1, 1])),
    ];
    expect(defaultPeriod(series)).toEqual({ fromUtcMs: midnight(2025, 1, 1), toUtcMs: midnight(2026, 1, 1) });
  });

  it('keeps two members of two adjacent years apart (never one two-year timeline)', () => {
    const series = [year('A', [2024, 1, 1], [2025, 1, 1]), year('B', [2025, 1, 1], [2026, 1, 1])];
    const p = defaultPeriod(series)!;
    expect(p.toUtcMs - p.fromUtcMs).toBeLessThanOrEqual(366 * 24 * H);
  });

  it('keeps the whole year when one member joins in March', () => {
    const series = [
      ...Array.from({ length: 9 }, (_, i) => year(`M${i}`, [2025, 1, 1], [2026, 1, 1])),
      year('LATE', [2025, 3, 1], [2026, 1, 1]),
    ];
    expect(defaultPeriod(series)).toEqual({ fromUtcMs: midnight(2025, 1, 1), toUtcMs: midnight(2026, 1, 1) });
  });

  it('joins one meter split over two files, and ignores internal gaps', () => {
    const a = year('A', [2025, 1, 1], [2025, 7, 1]);
    a.import[100] = NaN;
    a.export[100] = NaN;
    const b = year('A', [2025, 7, 1], [2026, 1, 1]);
    expect(defaultPeriod([a, b])).toEqual({ fromUtcMs: midnight(2025, 1, 1), toUtcMs: midnight(2026, 1, 1) });
  });

  it('groups files whose periods chain together; disjoint periods make two groups', () => {
    const files = [
      { name: 'a', period: seriesPeriod(year('A', [2024, 1, 1], [2025, 1, 1])) },
      { name: 'b', period: seriesPeriod(year('B', [2025, 1, 1], [2026, 1, 1])) },
      { name: 'c', period: seriesPeriod(year('C', [2025, 6, 1], [2025, 7, 1])) },
    ];
    expect(periodGroups(files).map((g) => g.map((f) => f.name))).toEqual([['a'], ['b', 'c']]);
  });

  it('reads local dates, both inclusive', () => {
    expect(periodOfLocalDates('2025-01-01', '2025-12-31')).toEqual({
      fromUtcMs: midnight(2025, 1, 1),
      toUtcMs: midnight(2026, 1, 1),
    });
    expect(periodOfLocalDates('2025-02-30', '2025-12-31')).toBeNull();
    expect(periodOfLocalDates('2025-12-31', '2025-01-01')).toBeNull();
    expect(periodOfLocalDates('yesterday', '2025-01-01')).toBeNull();
  });
});
