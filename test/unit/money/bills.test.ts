/**
 * Bills (CLUSTERS.md §5.2) on hand-computed cases with the default 2026 tariffs:
 *   G11   π = 0.50016 + 0.2464 + 0.0332 + 0.0073 + 0.003 = 0.79006 PLN/kWh, F = 8.14
 *   G12   π_day = 0.50016 + 0.2841 + 0.0436 = 0.82776, π_night = 0.50016 + 0.0558 + 0.0436 = 0.59946
 *   C11   π = 0.50016 + 0.257 + 0.0436 = 0.80066, + 0.2194·K in capacity hours on working days, F = 100
 * (0.0436 = q + o + c), households' capacity tiers 4.29 / 10.31 / 17.18 / 24.05 PLN a month.
 */
import { describe, expect, it } from 'vitest';
import { annualised, computeBills, referenceBills, tierAmount, type Bills } from '../../../src/money/bills';
import { DEFAULT_TARIFFS, type MonthlyTiersCapacity } from '../../../src/money/tariffs';
import { defaults, flows, local, settings } from './helpers';

const close = (x: number, y: number) => expect(x).toBeCloseTo(y, 9);

/** computeBills, checked against the plain reference on the way. */
function bills(...args: Parameters<typeof computeBills>): Bills {
  const fast = computeBills(...args);
  const plain = referenceBills(...args);
  fast.members.forEach((m, i) => {
    for (const k of ['cost_before_pln', 'cost_after_pln', 'fee_exemption_pln', 'discount_pln', 'fixed_pln'] as const) {
      expect(m[k]).toBeCloseTo(plain.members[i][k], 9);
    }
  });
  expect(fast.cluster.months).toBe(plain.cluster.months);
  return fast;
}

/** The energy part of B: B − months·(F + H). */
const energyBefore = (b: Bills, i = 0) => b.members[i].cost_before_pln - b.members[i].fixed_pln;

describe('G11: one household a day', () => {
  // Wed 15 Jan 2025, 24 hourly windows, I = 0.5 kWh each (12 kWh), A = 0.2 each (4.8 kWh),
  // p = 0.4, d = 5 %, X = 1, m = 1 in every window.
  const f = flows(local(2025, 1, 15), 60, [{ id: 'dom', I: new Array(24).fill(0.5), A: new Array(24).fill(0.2) }], {
    m: new Array(24).fill(1),
  });
  const b = bills(f, settings(f, ['G11'], { discount: 0.05, resCondition: true }));
  const [m] = b.members;

  it('B = 12 × 0.79006 + (8.14 + 24.05) = 41.67072 (12 kWh a day is above 2,800 kWh a year)', () => {
    close(m.fixed_pln, 8.14 + 24.05);
    close(m.cost_before_pln, 12 * 0.79006 + 32.19);
    close(m.cost_before_pln, 41.67072);
  });

  it('K = 7.2 × 0.79006 + 4.8 × (0.4 + 0.2796 × 0.95 + 0.0103 × 0) + 32.19 = 41.073408', () => {
    close(m.cost_after_pln, 7.2 * 0.79006 + 4.8 * (0.4 + 0.2796 * 0.95) + 32.19);
    close(m.cost_after_pln, 41.073408);
    close(m.gain_pln, 0.597312);
    expect(m.winner).toBe(true);
  });

  it('fee exemption 4.8 × 0.0103 = 0.04944, discount 4.8 × 0.2796 × 0.05 = 0.067104, paid 4.8 × 0.4', () => {
    close(m.fee_exemption_pln, 0.04944);
    close(m.discount_pln, 0.067104);
    close(m.internal_paid_pln, 1.92);
    close(b.cluster.savings_pln, 0.597312);
  });
});

describe('G12 across its zone edges', () => {
  it('12:30, 12:45 are day and 13:00, 13:15 night: 2 × 0.82776 + 2 × 0.59946 = 2.85444', () => {
    const f = flows(local(2025, 1, 15, 12, 30), 15, [{ id: 'dom', I: [1, 1, 1, 1] }]);
    const b = bills(f, settings(f, ['G12']));
    close(energyBefore(b), 2.85444);
  });

  it('21:45 is day, 22:00 night; 5:45 night, 6:00 day', () => {
    const evening = flows(local(2025, 1, 15, 21, 45), 15, [{ id: 'dom', I: [1, 2] }]);
    close(energyBefore(bills(evening, settings(evening, ['G12']))), 0.82776 + 2 * 0.59946);
    const morning = flows(local(2025, 1, 16, 5, 45), 15, [{ id: 'dom', I: [1, 2] }]);
    close(energyBefore(bills(morning, settings(morning, ['G12']))), 0.59946 + 2 * 0.82776);
  });
});

describe('DST days by local time', () => {
  it('30 Mar 2025 has 23 hourly windows: 14 day (6–13, 15–22) and 9 night (0, 1, 3–5, 13, 14, 22, 23)', () => {
    const f = flows(local(2025, 3, 30), 60, [{ id: 'dom', I: new Array(23).fill(1) }]);
    close(energyBefore(bills(f, settings(f, ['G12']))), 14 * 0.82776 + 9 * 0.59946); // 16.98378
    close(14 * 0.82776 + 9 * 0.59946, 16.98378);
  });

  it('26 Oct 2025 has 25: hour 2 twice, so 11 night windows: 14 × 0.82776 + 11 × 0.59946 = 18.1827', () => {
    const f = flows(local(2025, 10, 26), 60, [{ id: 'dom', I: new Array(25).fill(1) }]);
    close(energyBefore(bills(f, settings(f, ['G12']))), 18.1827);
  });

  it('on G12w the Sunday 30 Mar 2025 is night all day: 23 × 0.59946', () => {
    const f = flows(local(2025, 3, 30), 60, [{ id: 'dom', I: new Array(23).fill(1) }]);
    close(energyBefore(bills(f, settings(f, ['G12w']))), 23 * 0.59946);
  });
});

describe('C11: the capacity fee on working days within 7–22', () => {
  /** One kWh at each listed local [day, hour] of a grid of hourly windows from `from` (local midnight). */
  function at(from: [number, number, number], days: number, hits: [number, number][]) {
    const start = local(...from);
    const I = new Array(days * 24).fill(0);
    const n = Math.round((local(from[0], from[1], from[2] + days) - start) / 3_600_000);
    I.length = n;
    I.fill(0);
    for (const [d, h] of hits) I[Math.round((local(from[0], from[1], from[2] + d, h) - start) / 3_600_000)] = 1;
    return flows(start, 60, [{ id: 'firma', I }]);
  }

  it('10:00 on Wed 30 Apr and Fri 2 May pay it, 10:00 on 1 May (a holiday) does not: 2 × 1.02006 + 0.80066', () => {
    const f = at([2025, 4, 30], 3, [
      [0, 10],
      [1, 10],
      [2, 10],
    ]);
    const b = bills(f, settings(f, ['C11']));
    close(energyBefore(b), 2 * 1.02006 + 0.80066); // 2.84078
    // April and May: two calendar months of the fixed charge.
    expect(b.cluster.months).toBe(2);
    close(b.members[0].fixed_pln, 200);
  });

  it("the member's K scales it: K = 0.5 gives 2 × (0.80066 + 0.1097) + 0.80066", () => {
    const f = at([2025, 4, 30], 3, [
      [0, 10],
      [1, 10],
      [2, 10],
    ]);
    close(energyBefore(bills(f, settings(f, ['C11'], { k: [0.5] }))), 2 * (0.80066 + 0.1097) + 0.80066);
  });

  it('Easter Monday 21 Apr 2025 is free; on Tuesday 7:00 and 21:00 pay it, 6:00 and 22:00 do not', () => {
    const f = at([2025, 4, 21], 2, [
      [0, 7],
      [0, 21],
      [1, 6],
      [1, 7],
      [1, 21],
      [1, 22],
    ]);
    close(energyBefore(bills(f, settings(f, ['C11']))), 6 * 0.80066 + 2 * 0.2194); // 5.24276
  });
});

describe('a consumer and a producer with a battery charging', () => {
  // Tue 10 Jun 2025, 12:00 and 13:00. Consumer (G11): I 3, 3; A 2, 1. Producer (C11): E 5, 1.
  // S = 2, 1; the battery charges 1 kWh of the first window's surplus: P = (S + ch)·E/ΣE = 3, 1.
  // r = 0.3, p = 0.4, X = 1, m = 1, 0.5, d = 10 %.
  const f = flows(
    local(2025, 6, 10, 12),
    60,
    [
      { id: 'szkola', I: [3, 3], A: [2, 1] },
      { id: 'pv', I: [0, 0], E: [5, 1], P: [3, 1] },
    ],
    { m: [1, 0.5], charged: 1, discharged: 0 },
  );
  const b = bills(f, settings(f, ['G11', 'C11'], { exportPrice: Float64Array.of(0.3, 0.3), resCondition: true, discount: 0.1 }));
  const [consumer, producer] = b.members;

  it('consumer: B = 6 × 0.79006 + 32.19 = 36.93036; K = 36.52025', () => {
    close(consumer.cost_before_pln, 36.93036);
    // (3 − 2)π + 2(p + 0.2796·0.9) + (3 − 1)π + 1(p + 0.2796·0.9 + 0.0103·0.5) + 32.19
    close(consumer.cost_after_pln, 0.79006 + 2 * 0.65164 + 2 * 0.79006 + 0.65679 + 32.19);
    close(consumer.cost_after_pln, 36.52025);
  });

  it('producer: B = −6 × 0.3 + 100 = 98.2; K = −(5 − 3)·0.3 − 3·0.4 − 1·0.4 + 100 = 97.8', () => {
    close(producer.cost_before_pln, 98.2);
    close(producer.cost_after_pln, 97.8);
    close(producer.internal_received_pln, 1.6);
  });

  it('cluster: Bat = 0.4 × (0 − 1); payments 1.2 − income 1.6 = Bat; savings = 0.41011 + 0.4 − 0.4', () => {
    close(b.cluster.battery_account_pln, -0.4);
    close(b.cluster.internal_payments_pln - b.cluster.producer_income_pln, b.cluster.battery_account_pln);
    close(b.cluster.savings_pln, 0.41011);
    close(b.cluster.fee_exemption_pln, 2 * 0.0103 + 0.5 * 0.0103);
    close(b.cluster.discount_pln, 3 * 0.2796 * 0.1);
    expect(b.cluster.winners).toBe(2);
  });
});

describe('households capacity tiers', () => {
  const tiers = DEFAULT_TARIFFS.G11.capacity as MonthlyTiersCapacity;
  it('a tier covers consumption up to and including its max', () => {
    expect(tierAmount(tiers, 0)).toBe(4.29);
    expect(tierAmount(tiers, 500)).toBe(4.29);
    expect(tierAmount(tiers, 500.01)).toBe(10.31);
    expect(tierAmount(tiers, 1200)).toBe(10.31);
    expect(tierAmount(tiers, 2800)).toBe(17.18);
    expect(tierAmount(tiers, 2800.01)).toBe(24.05);
  });

  it('consumption is annualised to 8,760 hours', () => {
    expect(annualised(100, 24 * 7, 60)).toBeCloseTo(100 * 52.142857, 4);
    expect(annualised(2000, 35040, 15)).toBe(2000);
  });
});

describe('refusals', () => {
  it('a member without a tariff is named', () => {
    const f = flows(local(2025, 1, 1), 60, [{ id: 'X1', I: [1] }]);
    expect(() => computeBills(f, settings(f, ['C23']))).toThrow(/X1.*C23/);
    const t = defaults();
    expect(() => computeBills(f, { ...settings(f, ['C11']), tariffs: t, groups: [] })).toThrow(/0 tariff groups for 1/);
  });
});
