/** Tariffs as data (§5.1) and the window calendar they are looked up on (§5.2). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NO_ZONE,
  capacityWindows,
  uncoveredHours,
  windowCalendar,
  zoneAt,
  zoneIndices,
  zoneTable,
} from '../../../src/money/calendar';
import {
  DEFAULT_TARIFFS,
  DEFAULT_TARIFF_SOURCES,
  TARIFF_GROUPS,
  memberGroup,
  normalizeGroup,
  tariffSource,
  type Tariff,
} from '../../../src/money/tariffs';
import { local } from './helpers';

/** Every leaf path of a plain value, as the schema names fields (`zones[1].network`). */
function leafPaths(x: unknown, path = ''): string[] {
  if (Array.isArray(x) && x.every((y) => typeof y === 'number' || y === null || Array.isArray(y))) return [path];
  if (Array.isArray(x)) return x.flatMap((y, i) => leafPaths(y, `${path}[${i}]`));
  if (typeof x === 'object' && x !== null) return Object.entries(x).flatMap(([k, y]) => leafPaths(y, path ? `${path}.${k}` : k));
  return [path];
}

describe('default tariffs', () => {
  it('every group a member may have, each hour of each month and day type in a zone', () => {
    expect(Object.keys(DEFAULT_TARIFFS).sort()).toEqual([...TARIFF_GROUPS].sort());
    for (const g of TARIFF_GROUPS) expect(uncoveredHours(DEFAULT_TARIFFS[g]), g).toEqual([]);
  });

  it('every default value has a source and a date the page can show beside it', () => {
    for (const g of TARIFF_GROUPS) {
      const paths = leafPaths(DEFAULT_TARIFFS[g]);
      expect(Object.keys(DEFAULT_TARIFF_SOURCES[g]).sort()).toEqual(paths.sort());
      for (const p of paths) {
        const s = tariffSource(g, p)!;
        expect(s.source.length, `${g} ${p}`).toBeGreaterThan(10);
        expect(s.date).toMatch(/^20\d\d/);
      }
    }
  });

  it('§5.1 values, published; what §5.1 does not give is marked typical', () => {
    const g11 = DEFAULT_TARIFFS.G11;
    expect(g11.zones[0].network).toBe(0.2464);
    expect(g11.zones[0].energy).toBe(0.50016); // 0.49516 + excise 0.005
    expect(g11.fixed_monthly).toBeCloseTo(8.14, 12);
    expect([g11.quality, g11.oze, g11.cogeneration]).toEqual([0.0332, 0.0073, 0.003]);
    expect(g11.capacity).toEqual({
      monthly_tiers: [
        [500, 4.29],
        [1200, 10.31],
        [2800, 17.18],
        [null, 24.05],
      ],
    });
    expect(DEFAULT_TARIFFS.C11.capacity).toEqual({ per_kwh: 0.2194, hours: [7, 22], k: 1 });
    expect(DEFAULT_TARIFFS.C11.zones[0].network).toBe(0.257);
    expect(DEFAULT_TARIFFS.G12.zones.map((z) => [z.name, z.network, z.hours])).toEqual([
      [
        'day',
        0.2841,
        [
          [6, 13],
          [15, 22],
        ],
      ],
      [
        'night',
        0.0558,
        [
          [13, 15],
          [22, 6],
        ],
      ],
    ]);
    expect(tariffSource('G11', 'zones[0].network')).toEqual({
      source: 'URE decision of 17 Dec 2025 (Tauron Dystrybucja tariff)',
      date: '2026',
      status: 'published',
    });
    expect(tariffSource('G12', 'zones[0].hours')?.status).toBe('published');
    expect(tariffSource('C12a', 'zones[2].network')?.status).toBe('typical');
    expect(tariffSource('B23', 'zones[1].hours')?.source).toMatch(/check your DSO/);
  });

  it('are frozen', () => {
    expect(Object.isFrozen(DEFAULT_TARIFFS.G12.zones[0].hours)).toBe(true);
  });
});

describe('member groups', () => {
  it('the register spelling is normalised; none → household G11, anything else C11', () => {
    expect(normalizeGroup(' c12A ')).toBe('C12a');
    expect(normalizeGroup('g12W')).toBe('G12w');
    const t = structuredClone(DEFAULT_TARIFFS) as Record<string, Tariff>;
    expect(memberGroup({ type: 'jst', tariff: 'c22A' }, t)).toEqual({ group: 'C22a', assumed: false });
    expect(memberGroup({ type: 'household', tariff: '' }, t)).toEqual({ group: 'G11', assumed: true });
    expect(memberGroup({ type: 'business', tariff: '' }, t)).toEqual({ group: 'C11', assumed: true });
    expect(memberGroup({ type: 'household', tariff: 'G13' }, t)).toEqual({ group: 'G11', assumed: true, unknown: 'G13' });
  });
});

describe('window calendar', () => {
  it('30 Mar 2025 (23 h) and 26 Oct 2025 (25 h) by the wall clock', () => {
    const spring = windowCalendar(local(2025, 3, 30), 60, 23);
    expect([...spring.hour]).toEqual([0, 1, ...Array.from({ length: 21 }, (_, k) => k + 3)]);
    expect(spring.working.every((x) => x === 0)).toBe(true); // a Sunday
    const autumn = windowCalendar(local(2025, 10, 26), 60, 25);
    expect([...autumn.hour]).toEqual([0, 1, 2, 2, ...Array.from({ length: 21 }, (_, k) => k + 3)]);
    expect(windowCalendar(local(2025, 10, 27), 60, 1).hour[0]).toBe(0);
  });

  it('working days: Mon–Fri except Polish public holidays (1 and 3 May, Easter Monday, 24 Dec from 2025)', () => {
    const day = (y: number, m: number, d: number) => windowCalendar(local(y, m, d, 12), 60, 1).working[0];
    expect(day(2025, 4, 30)).toBe(1); // Wednesday
    expect(day(2025, 5, 1)).toBe(0); // Thursday, Labour Day
    expect(day(2025, 5, 2)).toBe(1); // Friday
    expect(day(2025, 5, 3)).toBe(0); // Saturday and Constitution Day
    expect(day(2025, 4, 21)).toBe(0); // Easter Monday
    expect(day(2025, 4, 22)).toBe(1);
    expect(day(2025, 6, 19)).toBe(0); // Corpus Christi
    expect(day(2025, 12, 24)).toBe(0); // Christmas Eve, a holiday from 2025
    expect(day(2024, 12, 24)).toBe(1);
  });

  it('months present and the month of each window (the first hour of a month by local time)', () => {
    const c = windowCalendar(local(2025, 1, 31, 22), 60, 4); // 22:00, 23:00 on 31 Jan; 0:00, 1:00 on 1 Feb
    expect([...c.month]).toEqual([1, 1, 2, 2]);
    expect(c.monthKeys).toEqual([2025 * 12, 2025 * 12 + 1]);
    expect([...c.monthIndex]).toEqual([0, 0, 1, 1]);
    expect(windowCalendar(local(2025, 1, 1), 15, 35_040).monthKeys).toHaveLength(12);
  });

  it('property: the zone table and the per-window indices agree with zoneAt', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TARIFF_GROUPS),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(15, 30, 60),
        (g, day, minutes) => {
          const t = DEFAULT_TARIFFS[g];
          const c = windowCalendar(local(2025, 1, 1) + day * 86_400_000, minutes, 200);
          const z = zoneIndices(c, t);
          for (let w = 0; w < c.count; w++) expect(z[w]).toBe(zoneAt(t, c.hour[w], c.month[w], c.working[w] === 1));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('an hour in no zone is NO_ZONE in the table and refused per window', () => {
    const t: Tariff = {
      ...structuredClone(DEFAULT_TARIFFS.G11),
      zones: [{ name: 'day', energy: 1, network: 0, hours: [[6, 22]] }],
    };
    expect(zoneTable(t)[3]).toBe(NO_ZONE);
    expect(() => zoneIndices(windowCalendar(local(2025, 1, 1), 60, 24), t)).toThrow(/local hour 0 of month 1/);
  });

  it('capacity hours: working days, [from, to)', () => {
    const c = windowCalendar(local(2025, 5, 2), 60, 24); // Friday
    expect([...capacityWindows(c, { hours: [7, 22] })]).toEqual(Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 22 ? 1 : 0)));
    expect([...capacityWindows(windowCalendar(local(2025, 5, 1), 60, 24), { hours: [7, 22] })].every((x) => x === 0)).toBe(true);
  });
});
