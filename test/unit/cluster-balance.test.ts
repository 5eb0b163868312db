/**
 * The cluster-level fast path (cluster sums only) against the full engine: the same KPIs for
 * every key but the static one, with overlays and a battery; and the sizing sweep's cells against
 * full balances of the scenarios they stand for.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../src/engine/balance';
import { ClusterBalance } from '../../src/engine/cluster-balance';
import type { Kernels } from '../../src/engine/kernels';
import { ScenarioEngine } from '../../src/engine/scenario-compute';
import { cellScenario, sweep } from '../../src/engine/sweep';
import type { Kpis } from '../../src/engine/types';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { newScenario, type Scenario } from '../../src/scenario/model';
import { loadKernelsForTest } from './kernel-loader';
import { member } from './members';

let kernels: Kernels[];
beforeAll(async () => {
  kernels = [await loadKernelsForTest(), await loadKernelsForTest()];
});

/** Four members over four June days at 15 minutes; member P is a PV producer, Q exports too. */
function cluster(): ClusterData {
  const n = 4 * 96;
  const m = 4;
  const imports = new Float64Array(m * n);
  const exports = new Float64Array(m * n);
  for (let t = 0; t < n; t++) {
    const h = (t % 96) / 4;
    imports[t] = 0.5 + (h > 17 && h < 22 ? 1.5 : 0);
    imports[n + t] = 0.3 + 0.1 * Math.sin(t);
    exports[2 * n + t] = Math.max(0, 2 * Math.sin((Math.PI * (h - 6)) / 12));
    imports[3 * n + t] = h < 6 ? 0.4 : 0;
    exports[3 * n + t] = h > 11 && h < 13 ? 0.7 : 0;
  }
  return {
    members: [member('A'), member('B'), member('P', 10), member('Q')],
    stepMinutes: 15,
    startUtcMs: Date.UTC(2025, 5, 1) - 2 * 3_600_000,
    intervals: n,
    imports,
    exports,
  };
}

function close(a: Kpis, b: Kpis): void {
  for (const [key, v] of Object.entries(b)) expect(a[key as keyof Kpis], key).toBeCloseTo(v as number, 7);
}

describe('the cluster-level fast path', () => {
  it("property: gives the full engine's KPIs for dynamic, hybrid and priority keys, with overlays and a battery", () => {
    const base = new BalanceEngine(kernels[0]!);
    base.load(cluster());
    const engine = new ScenarioEngine(base, new ClusterBalance(kernels[1]!));
    const arb = fc.record({
      key: fc.constantFrom('dynamic' as const, 'hybrid' as const, 'priority' as const),
      window: fc.constantFrom(15 as const, 30 as const, 60 as const),
      battery: fc.option(
        fc.record({
          kwh: fc.double({ min: 1, max: 50, noNaN: true }),
          limit: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
        }),
        { nil: null },
      ),
      pv: fc.double({ min: 0, max: 30, noNaN: true }),
      exclude: fc.subarray(['B', 'Q'], { maxLength: 1 }),
      scale: fc.double({ min: 0.5, max: 2, noNaN: true }),
      behind: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const s: Scenario = newScenario({
          key: a.key,
          window_minutes: a.window,
          exclude: a.exclude,
          scale: { A: a.scale },
          order: ['P', 'A'].filter((x) => !a.exclude.includes(x)),
          battery: a.battery
            ? {
                capacity_kwh: a.battery.kwh,
                power_kw: a.battery.kwh / 2,
                round_trip: 0.9,
                ...(a.battery.limit === undefined
                  ? { dispatch: 'self-consumption' as const }
                  : { dispatch: 'peak-shaving' as const, import_limit_kw: a.battery.limit }),
              }
            : null,
          add: [
            ...(a.pv > 0
              ? [{ type: 'pv' as const, id: 'PV', kwp: a.pv, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 }]
              : []),
            ...(a.behind
              ? [{ type: 'biogas' as const, id: 'CHP', kw: 0.4, availability: 0.9, mode: 'flat' as const, member: 'A' }]
              : []),
            { type: 'consumer' as const, id: 'DOM', profile: 'H25' as const, annual_kwh: 2000, count: 2 },
          ],
        });
        const quick = engine.quickKpis(s, 1)!;
        const full = engine.compute(s, 1);
        close(quick.scenario, full.scenario.kpis);
        close(quick.baseline, full.baseline.kpis);
      }),
      { numRuns: 80 },
    );
  });

  it("declines a static key and members' own batteries (their numbers need member rows)", () => {
    const base = new BalanceEngine(kernels[0]!);
    base.load(cluster());
    const engine = new ScenarioEngine(base, new ClusterBalance(kernels[1]!));
    expect(engine.quickKpis(newScenario({ key: 'static' }), 1)).toBeNull();
    expect(
      engine.quickKpis(newScenario({ behind_meter: { A: { capacity_kwh: 5, power_kw: 2, round_trip: 0.9 } } }), 1),
    ).toBeNull();
  });
});

describe('the sizing sweep', () => {
  it('gives in each cell the KPIs of the scenario the cell stands for', async () => {
    const base = new BalanceEngine(kernels[0]!);
    base.load(cluster());
    const cluster2 = new ClusterBalance(kernels[1]!);
    const engine = new ScenarioEngine(base, cluster2);
    const s = newScenario({ window_minutes: 60 });
    const spec = {
      pvKwp: [0, 40] as [number, number],
      batteryKwh: [0, 30] as [number, number],
      steps: [4, 3] as [number, number],
    };
    const seen: number[] = [];
    const r = await sweep(engine, cluster2, s, spec, 1, (done) => seen.push(done));
    expect(r.fast).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(r.pvKwp).toEqual([0, 40 / 3, 80 / 3, 40]);
    expect(r.batteryKwh).toEqual([0, 15, 30]);
    for (const [i, kwp] of r.pvKwp.entries()) {
      for (const [j, kwh] of r.batteryKwh.entries()) {
        const full = engine.compute(cellScenario(s, spec, kwp, kwh), 1).scenario.kpis;
        expect(r.self_sufficiency[i * 3 + j]).toBeCloseTo(full.self_sufficiency, 9);
        expect(r.grid_export_kwh[i * 3 + j]).toBeCloseTo(full.grid_export_kwh, 6);
      }
    }
    // More PV never lowers self-sufficiency; a bigger battery never lowers it either.
    for (let i = 1; i < 4; i++)
      expect(r.self_sufficiency[i * 3]).toBeGreaterThanOrEqual(r.self_sufficiency[(i - 1) * 3]! - 1e-12);
  });

  it('computes a static key cell by cell with full balances, and stops when cancelled', async () => {
    const base = new BalanceEngine(kernels[0]!);
    base.load(cluster());
    const cluster2 = new ClusterBalance(kernels[1]!);
    const engine = new ScenarioEngine(base, cluster2);
    const s = newScenario({ key: 'static' });
    const spec = {
      pvKwp: [0, 20] as [number, number],
      batteryKwh: [0, 10] as [number, number],
      steps: [2, 2] as [number, number],
    };
    const r = await sweep(engine, cluster2, s, spec, 1);
    expect(r.fast).toBe(false);
    const full = engine.compute(cellScenario(s, spec, 20, 10), 1).scenario.kpis;
    expect(r.self_sufficiency[3]).toBeCloseTo(full.self_sufficiency, 12);
    await expect(sweep(engine, cluster2, s, spec, 1, undefined, () => true)).rejects.toThrow('cancelled');
  });

  it('gives each cell the NPV of the swept PV when asked (the bills of the scenario the cell stands for)', async () => {
    const base = new BalanceEngine(kernels[0]!);
    base.load(cluster());
    const cluster2 = new ClusterBalance(kernels[1]!);
    const engine = new ScenarioEngine(base, cluster2);
    const s = newScenario();
    const spec = {
      pvKwp: [0, 40] as [number, number],
      batteryKwh: [0, 20] as [number, number],
      steps: [2, 2] as [number, number],
      npv: true,
    };
    const money = { year: 2025 };
    const r = await sweep(engine, cluster2, s, spec, 1, undefined, undefined, money);
    expect(r.npv_pln).toHaveLength(4);
    // No PV: nothing invested, no NPV; 40 kWp: the NPV of its bills against the baseline.
    expect(r.npv_pln![0]).toBeNaN();
    const full = engine.compute(cellScenario(s, spec, 40, 20), 1, undefined, money).money!.scenario.npv_pln!;
    expect(r.npv_pln![3]).toBeCloseTo(full, 6);
  });
});
