/**
 * The WebAssembly engine against the plain TypeScript reference on random clusters, and the
 * conservation laws of CLUSTERS.md §4.7 on both.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { BalanceEngine } from '../../src/engine/balance';
import type { Kernels } from '../../src/engine/kernels';
import { referenceBalance } from '../../src/engine/reference';
import type { AllocationKey, BalanceResult, BalanceSettings } from '../../src/engine/types';
import { loadKernelsForTest } from './kernel-loader';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsForTest();
});

const energy = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  // Meters resolve Wh; subnormal energies would only test floating-point underflow.
  { weight: 5, arbitrary: fc.double({ min: 1e-6, max: 500, noNaN: true }) },
);

/** Random clusters: 1–7 members, 1–40 intervals, zeros, all-import and all-export windows. */
const clusterArb = fc
  .record({ members: fc.integer({ min: 1, max: 7 }), intervals: fc.integer({ min: 1, max: 40 }), step: fc.constantFrom(15, 60) })
  .chain(({ members, intervals, step }) =>
    fc.record({
      members: fc.constant(members),
      intervals: fc.constant(intervals),
      step: fc.constant(step),
      imports: fc.array(energy, { minLength: members * intervals, maxLength: members * intervals }),
      exports: fc.array(energy, { minLength: members * intervals, maxLength: members * intervals }),
      silence: fc.constantFrom('none', 'no-import', 'no-export'),
      renewable: fc.array(fc.boolean(), { minLength: members, maxLength: members }),
    }),
  )
  .map(({ members, intervals, step, imports, exports, silence, renewable }): ClusterData => ({
    members: Array.from({ length: members }, (_, i) => ({
      id: `PL${String(i).padStart(16, '0')}`,
      name: `m${i}`,
      type: 'other',
      tariff: 'G11',
      gmina: '',
      pvKwp: renewable[i] ? 10 : 0,
      windKw: 0,
      biogasKw: 0,
    })),
    stepMinutes: step,
    startUtcMs: Date.UTC(2024, 11, 31, 23),
    intervals,
    imports: Float64Array.from(imports, (v) => (silence === 'no-import' ? 0 : v)),
    exports: Float64Array.from(exports, (v) => (silence === 'no-export' ? 0 : v)),
    // Renewable members meter their generation in some cases: gross KPIs then exist.
    ...(renewable.some(Boolean) && intervals % 2 === 0
      ? {
          grossMetered: renewable,
          grossGeneration: Float64Array.from(exports, (v, k) => (renewable[Math.floor(k / intervals)] ? v + imports[k] / 2 : 0)),
        }
      : {}),
  }));

const batteryArb = fc.record(
  {
    capacityKwh: fc.double({ min: 1, max: 2000, noNaN: true }),
    powerKw: fc.double({ min: 1, max: 1000, noNaN: true }),
    roundTrip: fc.double({ min: 0.5, max: 1, noNaN: true }),
    // Peak shaving: only the deficit above this grid import is discharged.
    importLimitKw: fc.double({ min: 0, max: 50, noNaN: true }),
  },
  { requiredKeys: ['capacityKwh', 'powerKw', 'roundTrip'] },
);

function settingsArb(data: ClusterData): fc.Arbitrary<BalanceSettings> {
  const m = data.members.length;
  const windows = [15, 30, 60].filter((w) => w >= data.stepMinutes && w % data.stepMinutes === 0);
  return fc.record({
    windowMinutes: fc.constantFrom(...windows),
    key: fc.constantFrom<AllocationKey>('dynamic', 'static', 'hybrid', 'priority'),
    shares: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: m, maxLength: m }).map((raw) => {
      const t = raw.reduce((a, b) => a + b, 0);
      return raw.map((x) => x / t);
    }),
    // Partial orders too: members not listed follow in data order (§4.3 shares min(ΣI, ΣE)).
    order: fc.shuffledSubarray([...Array(m).keys()], { minLength: 0, maxLength: m }),
    battery: fc.option(batteryArb, { nil: null }),
    behindMeter: fc
      .uniqueArray(fc.integer({ min: 0, max: m - 1 }), { maxLength: Math.min(m, 3) })
      .chain((owners) => fc.tuple(...owners.map((member) => batteryArb.map((battery) => ({ member, battery }))))),
  });
}

const caseArb = clusterArb.chain((data) => settingsArb(data).map((settings) => ({ data, settings })));

function close(actual: number, expected: number, what: string): void {
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

function sameResult(a: BalanceResult, b: BalanceResult): void {
  expect(Object.keys(a.kpis).sort()).toEqual(Object.keys(b.kpis).sort());
  for (const key of Object.keys(b.kpis) as (keyof typeof b.kpis)[]) close(a.kpis[key] ?? NaN, b.kpis[key] ?? NaN, key);
  b.members.forEach((mb, i) => {
    const ma = a.members[i];
    expect(ma.id).toBe(mb.id);
    close(ma.import_kwh, mb.import_kwh, `${mb.id} import`);
    close(ma.export_kwh, mb.export_kwh, `${mb.id} export`);
    close(ma.allocated_kwh, mb.allocated_kwh, `${mb.id} allocated`);
    close(ma.shared_export_kwh, mb.shared_export_kwh, `${mb.id} shared export`);
  });
  for (const series of [
    'consumption',
    'generation',
    'shared',
    'gridImport',
    'gridExport',
    'charge',
    'discharge',
    'soc',
  ] as const) {
    expect(a.windows[series].length).toBe(b.windows[series].length);
    a.windows[series].forEach((v, w) => close(v, b.windows[series][w], `${series}[${w}]`));
  }
}

/** §4.7, checked per window where the result has windows and over the period for members. */
function conserves(r: BalanceResult, settings: BalanceSettings): void {
  const tol = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
  const w = r.windows;
  for (let t = 0; t < w.shared.length; t++) {
    expect(w.gridImport[t] + w.shared[t]).toBeCloseTo(w.consumption[t], 6);
    expect(w.gridExport[t] + w.shared[t] + w.charge[t]).toBeCloseTo(w.generation[t] + w.discharge[t], 6);
    expect(w.shared[t]).toBeLessThanOrEqual(w.consumption[t] + tol(w.consumption[t]));
    if (!settings.battery)
      expect(w.shared[t]).toBeLessThanOrEqual(Math.min(w.consumption[t], w.generation[t]) + tol(w.consumption[t]));
    // Every key but the static one shares the whole balance min(ΣI, ΣE) (§4.3), whatever the order.
    if (!settings.battery && settings.key !== 'static')
      expect(w.shared[t]).toBeCloseTo(Math.min(w.consumption[t], w.generation[t]), 6);
    expect(w.gridImport[t]).toBeGreaterThanOrEqual(-tol(w.consumption[t]));
    expect(w.gridExport[t]).toBeGreaterThanOrEqual(-tol(w.generation[t]));
  }
  const allocated = r.members.reduce((a, m) => a + m.allocated_kwh, 0);
  close(allocated, r.kpis.shared_kwh, 'Σ A_i = S');
  for (const m of r.members) {
    expect(m.allocated_kwh).toBeGreaterThanOrEqual(0);
    expect(m.allocated_kwh).toBeLessThanOrEqual(m.import_kwh + tol(m.import_kwh));
  }
  if (settings.battery) {
    const cap = settings.battery.capacityKwh;
    for (const level of w.soc) {
      expect(level).toBeGreaterThanOrEqual(-tol(cap));
      expect(level).toBeLessThanOrEqual(cap + tol(cap));
    }
    expect(r.kpis.battery_losses_kwh).toBeGreaterThanOrEqual(-tol(r.kpis.battery_charged_kwh));
  }
}

describe('balance engine (wasm) vs reference', () => {
  it('agrees within 1e-9 on random clusters, every key, with and without storage', () => {
    const engine = new BalanceEngine(kernels);
    fc.assert(
      fc.property(caseArb, ({ data, settings }) => {
        engine.load(data);
        sameResult(engine.compute(settings), referenceBalance(data, settings));
      }),
      { numRuns: 600 },
    );
  });

  it('holds the conservation laws of §4.7', () => {
    const engine = new BalanceEngine(kernels);
    fc.assert(
      fc.property(caseArb, ({ data, settings }) => {
        engine.load(data);
        conserves(engine.compute(settings), settings);
        conserves(referenceBalance(data, settings), settings);
      }),
      { numRuns: 500 },
    );
  });

  it('reuses loaded data across settings and survives memory growth', () => {
    const engine = new BalanceEngine(kernels);
    const small: ClusterData = {
      members: [{ id: 'a', name: 'a', type: 'other', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0 }],
      stepMinutes: 15,
      startUtcMs: 0,
      intervals: 4,
      imports: Float64Array.of(1, 2, 3, 4),
      exports: Float64Array.of(0, 0, 0, 0),
    };
    engine.load(small);
    const first = engine.compute({ windowMinutes: 60, key: 'dynamic' });
    expect(first.kpis.consumption_kwh).toBe(10);
    // A large compute grows memory (detaching old views); the small data must still be right.
    const m = 50,
      n = 35040;
    engine.load({
      ...small,
      members: Array.from({ length: m }, () => small.members[0]),
      intervals: n,
      imports: new Float64Array(m * n).fill(0.25),
      exports: new Float64Array(m * n),
    });
    expect(engine.compute({ windowMinutes: 60, key: 'dynamic' }).kpis.consumption_kwh).toBeCloseTo(m * n * 0.25, 6);
    engine.load(small);
    expect(engine.compute({ windowMinutes: 15, key: 'dynamic' }).kpis.consumption_kwh).toBe(10);
  });
});
