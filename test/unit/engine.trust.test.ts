/**
 * Engine paths that once gave plausible but wrong numbers without a word (issue 7): a partial
 * priority order, the discount ladder's share, a battery idled by a static key, and clusters too
 * large for 32-bit kernel memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine, KERNEL_MEMORY_BYTES } from '../../src/engine/balance';
import { referenceBalance } from '../../src/engine/reference';
import type { ClusterData } from '../../src/ingest/cluster-data';
import type { Kernels } from '../../src/engine/kernels';
import { loadKernelsForTest } from './kernel-loader';
import { member } from './members';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsForTest();
});

/** Three members, four hourly windows: a producer (c) and two consumers. */
function cluster(): ClusterData {
  // member-major: a, b, c
  const imports = Float64Array.of(4, 4, 0, 2, 6, 2, 3, 1, 0, 0, 0, 0);
  const exports = Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, 5, 3, 8, 1);
  return { members: [member('a'), member('b'), member('c', 10)], stepMinutes: 60, startUtcMs: 0, intervals: 4, imports, exports };
}

describe('priority with a partial order', () => {
  it('members not listed follow in data order, so S = min(ΣI, ΣE) in every window', () => {
    const engine = new BalanceEngine(kernels);
    const data = cluster();
    engine.load(data);
    // Listing only b: before the fix a got nothing and S fell short of min(ΣI, ΣE).
    const r = engine.compute({ windowMinutes: 60, key: 'priority', order: [1] });
    // ΣI per window 10, 6, 3, 3; ΣE 5, 3, 8, 1.
    const expected = [Math.min(10, 5), Math.min(6, 3), Math.min(3, 8), Math.min(3, 1)].reduce((x, y) => x + y);
    expect(r.kpis.shared_kwh).toBeCloseTo(expected, 12);
    const [a, b] = r.members;
    // b first: 5 of 5, then a 0; 2 of 3, a 1; 3 of 8, a 0 (it needs none); 1 of 1, a 0.
    expect(b.allocated_kwh).toBeCloseTo(5 + 2 + 3 + 1, 12);
    expect(a.allocated_kwh).toBeCloseTo(0 + 1 + 0 + 0, 12);
    expect(r.kpis).toEqual(referenceBalance(data, { windowMinutes: 60, key: 'priority', order: [1] }).kpis);
  });

  it('never carries a member allocation over from the previous compute', () => {
    const engine = new BalanceEngine(kernels);
    engine.load(cluster());
    engine.compute({ windowMinutes: 60, key: 'priority', order: [0, 1, 2] });
    const partial = engine.compute({ windowMinutes: 60, key: 'priority', order: [1] });
    const allocated = partial.members.reduce((x, m) => x + m.allocated_kwh, 0);
    expect(allocated).toBeCloseTo(partial.kpis.shared_kwh, 12);
  });

  it('feeds a community battery: listing one member no longer idles it', () => {
    const engine = new BalanceEngine(kernels);
    engine.load(cluster());
    const battery = { capacityKwh: 10, powerKw: 10, roundTrip: 1 };
    const partial = engine.compute({ windowMinutes: 60, key: 'priority', order: [1], battery });
    const full = engine.compute({ windowMinutes: 60, key: 'priority', battery });
    expect(partial.kpis.battery_discharged_kwh).toBeCloseTo(full.kpis.battery_discharged_kwh, 12);
    expect(partial.kpis.battery_discharged_kwh).toBeGreaterThan(0);
  });
});

describe('the share the discount ladder is measured on', () => {
  it('is shared energy before storage over consumption, not self-sufficiency with discharge', () => {
    const engine = new BalanceEngine(kernels);
    engine.load(cluster());
    const r = engine.compute({ windowMinutes: 60, key: 'dynamic', battery: { capacityKwh: 10, powerKw: 10, roundTrip: 1 } });
    const before = (5 + 3 + 3 + 1) / (10 + 6 + 3 + 3);
    expect(r.kpis.matched_share).toBeCloseTo(before, 12);
    expect(r.kpis.self_sufficiency).toBeGreaterThan(before);
    const none = engine.compute({ windowMinutes: 60, key: 'dynamic' });
    expect(none.kpis.matched_share).toBeCloseTo(none.kpis.self_sufficiency, 12);
  });
});

describe('a battery idled by a static key', () => {
  it('counts the windows where both unallocated surplus and unmet demand existed', () => {
    const engine = new BalanceEngine(kernels);
    const data = cluster();
    engine.load(data);
    const settings = {
      windowMinutes: 60,
      key: 'static' as const,
      shares: [0.5, 0, 0.5],
      battery: { capacityKwh: 10, powerKw: 10, roundTrip: 1 },
    };
    const r = engine.compute(settings);
    // Window 1: a gets min(4, 2.5) = 2.5, b gets 0: surplus 2.5 and deficit 7.5 at once.
    expect(r.kpis.battery_blocked_windows).toBeGreaterThan(0);
    expect(r.kpis.battery_blocked_windows).toBe(referenceBalance(data, settings).kpis.battery_blocked_windows);
    expect(engine.compute({ ...settings, key: 'dynamic' }).kpis.battery_blocked_windows).toBe(0);
  });
});

describe('memory beyond 4 GiB', () => {
  it('refuses a 10,000-member 15-minute year up front, naming members × intervals and the limit', () => {
    const engine = new BalanceEngine(kernels);
    const huge = {
      ...cluster(),
      members: Array.from({ length: 10_000 }, (_, i) => member(`m${i}`)),
      stepMinutes: 15,
      intervals: 35_040,
    };
    expect(() => engine.load(huge)).toThrow(/10000 members × 35040 intervals need 5\.2 GB .* at most 4\.0 GB/);
  });

  it('keeps what was loaded when a larger cluster is refused', () => {
    const engine = new BalanceEngine(kernels);
    engine.load(cluster());
    const huge = { ...cluster(), members: Array.from({ length: 20_000 }, (_, i) => member(`m${i}`)), intervals: 35_040 };
    expect(() => engine.load(huge)).toThrow(/at most/);
    expect(engine.compute({ windowMinutes: 60, key: 'dynamic' }).kpis.consumption_kwh).toBe(22);
  });

  it('leaves room for 32-bit addresses only', () => {
    expect(KERNEL_MEMORY_BYTES).toBeLessThan(2 ** 32);
  });
});

describe('the window follows the data', () => {
  it('uses the finest window hourly data allow when 15 or 30 minutes are asked', async () => {
    const { windowForData } = await import('../../src/engine/settings');
    expect(windowForData({ windowMinutes: 15, key: 'dynamic' }, 60).windowMinutes).toBe(60);
    expect(windowForData({ windowMinutes: 30, key: 'dynamic' }, 60).windowMinutes).toBe(60);
    expect(windowForData({ windowMinutes: 15, key: 'dynamic' }, 15).windowMinutes).toBe(15);
    expect(windowForData({ windowMinutes: 30, key: 'dynamic' }, 15).windowMinutes).toBe(30);
  });
});

describe('peak-shaving dispatch', () => {
  it('discharges only the deficit above the grid-import limit, keeping charge for the peaks', () => {
    const engine = new BalanceEngine(kernels);
    // One consumer, one producer: a sunny first hour charges, then deficits of 2, 6, 2 kWh.
    const data: ClusterData = {
      members: [member('a'), member('p', 5)],
      stepMinutes: 60,
      startUtcMs: 0,
      intervals: 4,
      imports: Float64Array.of(0, 2, 6, 2, 0, 0, 0, 0),
      exports: Float64Array.of(0, 0, 0, 0, 8, 0, 0, 0),
    };
    engine.load(data);
    const battery = { capacityKwh: 8, powerKw: 8, roundTrip: 1 };
    const selfUse = engine.compute({ windowMinutes: 60, key: 'dynamic', battery });
    const shaving = engine.compute({ windowMinutes: 60, key: 'dynamic', battery: { ...battery, importLimitKw: 3 } });
    // Self-consumption empties 2 kWh in hour 2 and 6 in hour 3: peak 0. With a 3 kW limit it
    // keeps its charge until the 6 kWh hour: discharges 3 there, peak import 3 kW.
    expect(Array.from(selfUse.windows.discharge)).toEqual([0, 2, 6, 0]);
    expect(Array.from(shaving.windows.discharge)).toEqual([0, 0, 3, 0]);
    expect(shaving.kpis.peak_grid_import_kw).toBe(3);
    expect(shaving.kpis).toEqual(
      referenceBalance(data, { windowMinutes: 60, key: 'dynamic', battery: { ...battery, importLimitKw: 3 } }).kpis,
    );
  });
});

describe('per-window member numbers (for bills)', () => {
  it("property: each member's windows add up to its totals, under every key, with and without a battery", async () => {
    const fc = (await import('fast-check')).default;
    const engine = new BalanceEngine(kernels);
    const data = cluster();
    engine.load(data);
    fc.assert(
      fc.property(
        fc.constantFrom('dynamic' as const, 'static' as const, 'hybrid' as const, 'priority' as const),
        fc.boolean(),
        (key, withBattery) => {
          const settings = {
            windowMinutes: 60,
            key,
            shares: [0.5, 0.3, 0.2],
            order: [1],
            battery: withBattery ? { capacityKwh: 10, powerKw: 10, roundTrip: 0.9 } : null,
          };
          let sums: number[][] = [];
          const r = engine.compute(settings, undefined, (v) => {
            sums = Array.from({ length: v.rows }, (_, i) =>
              [v.imports(i), v.exports(i), v.allocated(i)].map((a) => a.reduce((x, y) => x + y, 0)),
            );
            for (let i = 0; i < v.rows; i++) {
              const a = v.allocated(i);
              const imp = v.imports(i);
              for (let w = 0; w < v.windows; w++) expect(a[w]).toBeLessThanOrEqual(imp[w]! + 1e-12);
            }
          });
          r.members.forEach((m, i) => {
            expect(sums[i]![0]).toBeCloseTo(m.import_kwh, 12);
            expect(sums[i]![1]).toBeCloseTo(m.export_kwh, 12);
            expect(sums[i]![2]).toBeCloseTo(m.allocated_kwh, 12);
          });
        },
      ),
    );
  });
});
