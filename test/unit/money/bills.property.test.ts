/**
 * Bills on clusters balanced by the real engine (BalanceEngine with the compiled kernels, its
 * per-window view): the fast bills equal the plain reference, the internal payments balance
 * (Σ A·p − Σ P·p = battery account), the savings do not depend on the internal price, and a
 * higher internal price never lowers producers' income. Plus the speed of a year of quarter-hours.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../../src/engine/balance';
import type { Kernels } from '../../../src/engine/kernels';
import type { BalanceSettings } from '../../../src/engine/types';
import type { ClusterData } from '../../../src/ingest/cluster-data';
import { computeBills, flowsFromEngine, referenceBills, type BillSettings } from '../../../src/money/bills';
import { TARIFF_GROUPS } from '../../../src/money/tariffs';
import { loadKernelsForTest } from '../kernel-loader';
import { member } from '../members';
import { defaults, local } from './helpers';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsForTest();
});

const energy = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true }));

const clusterArb = fc
  .record({
    members: fc.integer({ min: 2, max: 6 }),
    windows: fc.integer({ min: 6, max: 60 }),
    // Start days around the spring DST change, May holidays and an ordinary week.
    start: fc.constantFrom(local(2025, 3, 29), local(2025, 4, 30, 5), local(2025, 10, 25, 20), local(2025, 1, 13)),
    key: fc.constantFrom('dynamic' as const, 'static' as const, 'hybrid' as const, 'priority' as const),
    battery: fc.option(
      fc.record({
        capacityKwh: fc.double({ min: 1, max: 80, noNaN: true }),
        powerKw: fc.double({ min: 1, max: 40, noNaN: true }),
        roundTrip: fc.double({ min: 0.5, max: 1, noNaN: true }),
      }),
      { nil: null },
    ),
  })
  .chain((c) =>
    fc.record({
      ...Object.fromEntries(Object.entries(c).map(([k, x]) => [k, fc.constant(x)])),
      imports: fc.array(energy, { minLength: c.members * c.windows, maxLength: c.members * c.windows }),
      exports: fc.array(energy, { minLength: c.members * c.windows, maxLength: c.members * c.windows }),
      renewable: fc.array(fc.boolean(), { minLength: c.members, maxLength: c.members }),
      groups: fc.array(fc.constantFrom(...TARIFF_GROUPS), { minLength: c.members, maxLength: c.members }),
      exportPrice: fc.array(fc.double({ min: -0.1, max: 0.8, noNaN: true }), { minLength: c.windows, maxLength: c.windows }),
      p: fc.double({ min: 0, max: 1, noNaN: true }),
      dp: fc.double({ min: 0, max: 1, noNaN: true }),
      X: fc.boolean(),
      d: fc.constantFrom(0, 0.05, 0.1, 0.15, 0.2),
    }),
  ) as fc.Arbitrary<{
  members: number;
  windows: number;
  start: number;
  key: BalanceSettings['key'];
  battery: BalanceSettings['battery'];
  imports: number[];
  exports: number[];
  renewable: boolean[];
  groups: string[];
  exportPrice: number[];
  p: number;
  dp: number;
  X: boolean;
  d: number;
}>;

type Case = typeof clusterArb extends fc.Arbitrary<infer T> ? T : never;

/** Balances a case on the engine and hands its per-window view to `use` (valid only inside). */
function withEngine<T>(c: Case, use: (view: Parameters<NonNullable<Parameters<BalanceEngine['compute']>[2]>>[0]) => T): T {
  const data: ClusterData = {
    members: Array.from({ length: c.members }, (_, i) => member(`M${i}`, c.renewable[i] ? 10 : 0)),
    stepMinutes: 60,
    startUtcMs: c.start,
    intervals: c.windows,
    imports: Float64Array.from(c.imports),
    exports: Float64Array.from(c.exports),
  };
  const engine = new BalanceEngine(kernels);
  engine.load(data);
  let out: T | undefined;
  const shares = Array.from({ length: c.members }, () => 1 / c.members);
  engine.compute({ windowMinutes: 60, key: c.key, shares, battery: c.battery }, undefined, (view) => {
    out = use(view);
  });
  return out as T;
}

function settingsOf(c: Case, p = c.p): BillSettings {
  return {
    tariffs: defaults(),
    groups: c.groups,
    internalPrice: p,
    exportPrice: Float64Array.from(c.exportPrice),
    resCondition: c.X,
    discount: c.d,
  };
}

const near = (x: number, y: number, scale = 1) => Math.abs(x - y) <= 1e-9 * Math.max(1, scale, Math.abs(x), Math.abs(y));

describe('bills on the engine per-window view', () => {
  it('property: fast = plain reference; Σ A·p − Σ P·p = battery account; Σ A = S + discharged, Σ P = S + charged', () => {
    fc.assert(
      fc.property(clusterArb, (c) =>
        withEngine(c, (view) => {
          const flows = flowsFromEngine(view);
          // Window by window: ΣA = S + discharge, ΣP = S + charge (when anything was exported).
          const sumA = new Float64Array(view.windows);
          const sumP = new Float64Array(view.windows);
          for (let i = 0; i < view.rows; i++) {
            const a = flows.allocated(i);
            const p = flows.sharedExport(i);
            for (let w = 0; w < view.windows; w++) {
              sumA[w] += a[w];
              sumP[w] += p[w];
            }
          }
          for (let w = 0; w < view.windows; w++) {
            const s = view.sharedBeforeStorage[w];
            expect(near(sumA[w], s + view.discharge[w], view.consumption[w])).toBe(true);
            if (view.generation[w] > 0) expect(near(sumP[w], s + view.charge[w], view.generation[w])).toBe(true);
          }

          const s = settingsOf(c);
          const fast = computeBills(flows, s);
          const plain = referenceBills(flows, s);
          const scale = fast.members.reduce((a, m) => a + Math.abs(m.cost_before_pln), 0);
          fast.members.forEach((m, i) => {
            expect(near(m.cost_before_pln, plain.members[i].cost_before_pln, scale)).toBe(true);
            expect(near(m.cost_after_pln, plain.members[i].cost_after_pln, scale)).toBe(true);
            expect(near(m.fee_exemption_pln, plain.members[i].fee_exemption_pln, scale)).toBe(true);
            expect(near(m.discount_pln, plain.members[i].discount_pln, scale)).toBe(true);
          });
          const k = fast.cluster;
          expect(near(k.savings_pln, plain.cluster.savings_pln, scale)).toBe(true);
          expect(near(k.internal_payments_pln - k.producer_income_pln, k.battery_account_pln, k.internal_payments_pln)).toBe(
            true,
          );
          expect(near(k.battery_account_pln, c.p * (flows.discharged - flows.charged), k.internal_payments_pln)).toBe(true);
        }),
      ),
      { numRuns: 60 },
    );
  });

  it('property: a higher internal price never lowers producers income; it only moves money, savings stay', () => {
    fc.assert(
      fc.property(clusterArb, (c) =>
        withEngine(c, (view) => {
          const flows = flowsFromEngine(view);
          const low = computeBills(flows, settingsOf(c, c.p));
          const high = computeBills(flows, settingsOf(c, c.p + c.dp));
          const scale = low.members.reduce((a, m) => a + Math.abs(m.cost_before_pln), 0);
          const total = (x: ArrayLike<number>) => {
            let t = 0;
            for (let k = 0; k < x.length; k++) t += x[k];
            return t;
          };
          low.members.forEach((m, i) => {
            const h = high.members[i];
            // Income for export counted as shared grows with p; nothing else of a producer depends on p.
            expect(h.internal_received_pln).toBeGreaterThanOrEqual(m.internal_received_pln - 1e-12);
            // K_i changes by Δp · (ΣA − ΣP): a member that only produces (ΣA = 0) never pays more.
            const sumA = total(flows.allocated(i));
            const sumP = total(flows.sharedExport(i));
            expect(near(h.cost_after_pln - m.cost_after_pln, c.dp * (sumA - sumP), scale)).toBe(true);
            if (sumA === 0) expect(h.cost_after_pln).toBeLessThanOrEqual(m.cost_after_pln + 1e-9 * scale);
            expect(h.cost_before_pln).toBe(m.cost_before_pln);
          });
          expect(near(high.cluster.savings_pln, low.cluster.savings_pln, scale)).toBe(true);
        }),
      ),
      { numRuns: 40 },
    );
  });

  it('with no battery P totals are the engine members shared_export_kwh', () => {
    const c: Case = fc.sample(clusterArb, { numRuns: 1, seed: 7 })[0];
    c.battery = null;
    const data: ClusterData = {
      members: Array.from({ length: c.members }, (_, i) => member(`M${i}`)),
      stepMinutes: 60,
      startUtcMs: c.start,
      intervals: c.windows,
      imports: Float64Array.from(c.imports),
      exports: Float64Array.from(c.exports),
    };
    const engine = new BalanceEngine(kernels);
    engine.load(data);
    let totals: number[] = [];
    const r = engine.compute({ windowMinutes: 60, key: 'dynamic' }, undefined, (view) => {
      const flows = flowsFromEngine(view);
      totals = view.memberIds.map((_, i) => Array.from(flows.sharedExport(i)).reduce((a, x) => a + x, 0));
    });
    r.members.forEach((m, i) => expect(totals[i]).toBeCloseTo(m.shared_export_kwh, 9));
  });
});
