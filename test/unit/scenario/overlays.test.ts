/** Scenario overlays (CLUSTERS.md §4.8) against their plain definitions, through the engine. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../../src/engine/balance';
import type { Kernels } from '../../../src/engine/kernels';
import { referenceBalance } from '../../../src/engine/reference';
import type { ClusterData } from '../../../src/ingest/cluster-data';
import { newScenario, type Scenario } from '../../../src/scenario/model';
import { addedSeries, applyOverlays, engineOverlay, scenarioSettings } from '../../../src/scenario/overlays';
import { loadKernelsForTest } from '../kernel-loader';
import { member } from '../members';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsForTest();
});

const H = 3_600_000;
/** Three members over two June days, hourly: two consumers and a PV producer. */
function cluster(): ClusterData {
  const n = 48;
  const imports = new Float64Array(3 * n);
  const exports = new Float64Array(3 * n);
  for (let t = 0; t < n; t++) {
    imports[t] = 2 + (t % 24 > 17 ? 3 : 0);
    imports[n + t] = 1;
    exports[2 * n + t] = Math.max(0, 6 * Math.sin((Math.PI * ((t % 24) - 6)) / 12));
  }
  return {
    members: [member('A'), member('B'), member('P', 10)],
    stepMinutes: 60,
    startUtcMs: Date.UTC(2025, 5, 1) - 2 * H,
    intervals: n,
    imports,
    exports,
  };
}
const grid = (d: ClusterData) => ({ startUtcMs: d.startUtcMs, stepMinutes: d.stepMinutes, intervals: d.intervals });
function overlaid(s: Scenario, d = cluster()): ClusterData {
  return applyOverlays(d, s, addedSeries(s, grid(d)));
}
const sum = (a: Float64Array) => a.reduce((x, v) => x + v, 0);

describe('scenario overlays', () => {
  it('no overlay gives the baseline exactly (the same data, the same KPIs)', () => {
    const d = cluster();
    const s = newScenario({
      key: 'hybrid',
      battery: { capacity_kwh: 20, power_kw: 10, round_trip: 0.9, dispatch: 'self-consumption' },
    });
    const o = overlaid(s, d);
    expect(o).toBe(d);
    const e = new BalanceEngine(kernels);
    e.load(d);
    expect(e.compute(scenarioSettings(s, o)).kpis).toEqual(e.compute(scenarioSettings(s, d)).kpis);
  });

  it('drops an excluded member from every sum', () => {
    const o = overlaid(newScenario({ exclude: ['B'] }));
    expect(o.members.map((m) => m.id)).toEqual(['A', 'P']);
    expect(sum(o.imports)).toBe(sum(cluster().imports.subarray(0, 48)));
  });

  it("scales a member's import, not its export", () => {
    const o = overlaid(newScenario({ scale: { a: 1.5 } }));
    expect(o.imports[0]).toBe(3);
    expect(sum(o.exports)).toBe(sum(cluster().exports));
  });

  it('adds a PV producer: I = 0, E = its series, counted as renewable', () => {
    const s = newScenario({
      add: [{ type: 'pv', id: 'PV1', kwp: 100, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 }],
    });
    const d = cluster();
    const added = addedSeries(s, grid(d));
    const o = applyOverlays(d, s, added);
    expect(o.members.at(-1)).toMatchObject({ id: 'PV1', pvKwp: 100, type: 'producer' });
    const row = o.members.length - 1;
    expect(Array.from(o.exports.subarray(row * 48, (row + 1) * 48))).toEqual(Array.from(added[0]!.values));
    expect(sum(o.imports.subarray(row * 48, (row + 1) * 48))).toBe(0);
    expect(sum(added[0]!.values)).toBeGreaterThan(0);
  });

  it("places a generator behind a member's meter: I' = max(0, I − g), E' = E + max(0, g − I)", () => {
    const s = newScenario({ add: [{ type: 'biogas', id: 'CHP', kw: 3, availability: 1, mode: 'flat', member: 'A' }] });
    const d = cluster();
    const added = addedSeries(s, grid(d));
    const g = added[0]!.values;
    const o = applyOverlays(d, s, added);
    expect(o.members.map((m) => m.id)).toEqual(['A', 'B', 'P']);
    for (let t = 0; t < 48; t++) {
      expect(o.imports[t]).toBeCloseTo(Math.max(0, d.imports[t]! - g[t]!), 12);
      expect(o.exports[t]).toBeCloseTo(d.exports[t]! + Math.max(0, g[t]! - d.imports[t]!), 12);
    }
  });

  it('adds N consumers from a standard profile, ids <id>-1 … <id>-N', () => {
    const s = newScenario({ add: [{ type: 'consumer', id: 'DOM', profile: 'H25', annual_kwh: 3000, count: 3 }] });
    const o = overlaid(s);
    expect(o.members.slice(3).map((m) => [m.id, m.type])).toEqual([
      ['DOM-1', 'household'],
      ['DOM-2', 'household'],
      ['DOM-3', 'household'],
    ]);
  });

  it('names the field when a member is not in the data', () => {
    expect(() => overlaid(newScenario({ scale: { NOPE: 2 } }))).toThrow(/scale\.NOPE: no member NOPE/);
  });

  it('property: more PV never lowers shared energy under the dynamic key', () => {
    const d = cluster();
    const e = new BalanceEngine(kernels);
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (kwp, extra) => {
        const shared = (k: number) => {
          const s = newScenario({
            add: [{ type: 'pv', id: 'PV', kwp: k, tilt: 30, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 }],
          });
          const o = overlaid(s, d);
          e.load(o);
          const r = e.compute(scenarioSettings(s, o));
          const ref = referenceBalance(o, scenarioSettings(s, o)).kpis;
          for (const [key, v] of Object.entries(ref)) expect(r.kpis[key as keyof typeof ref]).toBeCloseTo(v as number, 6);
          return r.kpis.shared_kwh;
        };
        expect(shared(kwp + extra)).toBeGreaterThanOrEqual(shared(kwp) - 1e-9);
      }),
      { numRuns: 25 },
    );
  });

  it('property: the engine applies overlays row by row exactly as the materialised reference', () => {
    const d = cluster();
    const e = new BalanceEngine(kernels);
    e.load(d);
    const item = fc.oneof(
      fc.record({ type: fc.constant('pv' as const), kwp: fc.double({ min: 1, max: 50, noNaN: true }), behind: fc.boolean() }),
      fc.record({
        type: fc.constant('biogas' as const),
        kwp: fc.double({ min: 0.5, max: 5, noNaN: true }),
        behind: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('consumer' as const),
        kwp: fc.double({ min: 100, max: 5000, noNaN: true }),
        behind: fc.constant(false),
      }),
    );
    const arb = fc.record({
      exclude: fc.subarray(['A', 'B', 'P'], { maxLength: 1 }),
      // 0 or a real factor: denormal factors make ratios of near-zero sums that mean nothing.
      scale: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true })), { nil: undefined }),
      add: fc.array(item, { maxLength: 3 }),
      key: fc.constantFrom('dynamic' as const, 'static' as const, 'hybrid' as const, 'priority' as const),
      window: fc.constantFrom(60 as const),
      battery: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const keptForBehind = ['A', 'B', 'P'].find((id) => !a.exclude.includes(id))!;
        const s = newScenario({
          key: a.key,
          exclude: a.exclude,
          scale: a.scale === undefined || a.exclude.includes('A') ? {} : { A: a.scale },
          battery: a.battery ? { capacity_kwh: 30, power_kw: 10, round_trip: 0.9, dispatch: 'self-consumption' } : null,
          add: a.add.map((x, k) =>
            x.type === 'pv'
              ? {
                  type: 'pv',
                  id: `G${k}`,
                  kwp: x.kwp,
                  tilt: 35,
                  azimuth: 180,
                  lat: 50.56,
                  lon: 21.17,
                  losses: 0.14,
                  ...(x.behind ? { member: keptForBehind } : {}),
                }
              : x.type === 'biogas'
                ? {
                    type: 'biogas',
                    id: `G${k}`,
                    kw: x.kwp,
                    availability: 0.9,
                    mode: 'flat',
                    ...(x.behind ? { member: keptForBehind } : {}),
                  }
                : { type: 'consumer', id: `C${k}`, profile: 'G25', annual_kwh: x.kwp, count: 2 },
          ),
        });
        const added = addedSeries(s, grid(d));
        const reference = applyOverlays(d, s, added);
        const { overlay, members } = engineOverlay(d, s, added);
        expect(members.map((m) => m.id)).toEqual(reference.members.map((m) => m.id));
        expect(members).toEqual(reference.members);
        const settings = scenarioSettings(s, reference);
        const got = e.compute(settings, overlay);
        const want = referenceBalance(reference, settings);
        for (const [key, v] of Object.entries(want.kpis))
          expect(got.kpis[key as keyof typeof want.kpis], key).toBeCloseTo(v as number, 6);
        got.members.forEach((m, i) => {
          expect(m.id).toBe(want.members[i]!.id);
          expect(m.allocated_kwh).toBeCloseTo(want.members[i]!.allocated_kwh, 6);
          expect(m.import_kwh).toBeCloseTo(want.members[i]!.import_kwh, 6);
        });
      }),
      { numRuns: 60 },
    );
  });
});
