/**
 * The money panel's helpers (src/views/money): a member's bill explained from what a result
 * carries agrees with the bills themselves (internal payments, fixed charges, the parts adding up
 * to the gain), the internal flows balance, one kWh from the grid against one from the cluster,
 * price edits that keep only what differs from the defaults and are refused with their field,
 * zone wording, and a Polish wording for every default's source.
 */
import { describe, expect, it } from 'vitest';
import { computeBills } from '../../src/money/bills';
import type { MoneySummary } from '../../src/money/cluster-money';
import { ASSET_COST_RULES } from '../../src/money/investment';
import { EXPORT_PRICE_SOURCES, MONEY_DEFAULTS, MONEY_SOURCES } from '../../src/money/schema';
import { DEFAULT_TARIFFS, DEFAULT_TARIFF_SOURCES, type Tariff } from '../../src/money/tariffs';
import { newScenario } from '../../src/scenario/model';
import type { MemberResult } from '../../src/engine/types';
import {
  billView,
  editPrices,
  fixedCharges,
  getPath,
  internalFlows,
  monthsIn,
  pathParts,
  pricesOf,
  resetTariff,
  setTariffValue,
  withMoney,
  zonePrices,
} from '../../src/views/money/money-view';
import { Footnotes, hasPolish, sourceText } from '../../src/views/money/sources';
import { hoursText, monthsText, zoneName, zoneWhen, zoneWhenShown } from '../../src/views/money/zones';
import { flows, local, settings } from './money/helpers';

const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

/**
 * 48 hourly windows across a month's end (31 Jan – 1 Feb 2025): a household, a school with PV and
 * a PV farm, the shared energy they take equal to the shared export (no battery).
 */
function cluster() {
  const n = 48;
  const wave = (k: number, f: (h: number) => number) => Array.from({ length: n }, (_, w) => f((w + k) % 24));
  const members = [
    { id: 'HOME', I: wave(0, (h) => (h >= 17 && h < 22 ? 1.2 : 0.3)), A: wave(0, (h) => (h >= 10 && h < 14 ? 0.2 : 0)) },
    {
      id: 'SCHOOL',
      I: wave(0, (h) => (h >= 7 && h < 16 ? 20 : 2)),
      E: wave(0, (h) => (h === 12 ? 3 : 0)),
      A: wave(0, (h) => (h >= 9 && h < 15 ? 8 : 0)),
      P: wave(0, (h) => (h === 12 ? 1.5 : 0)),
    },
    {
      id: 'FARM',
      I: wave(0, (h) => (h < 5 ? 0.1 : 0)),
      E: wave(0, (h) => (h >= 9 && h < 15 ? 60 : 0)),
      // What the others take in each window, less the school's own shared export: Σ A = Σ P.
      P: wave(0, (h) => (h >= 9 && h < 15 ? 8 + (h >= 10 && h < 14 ? 0.2 : 0) - (h === 12 ? 1.5 : 0) : 0)),
    },
  ];
  const f = flows(local(2025, 1, 31), 60, members, { m: new Array<number>(n).fill(1) });
  const groups = ['G11', 'C12a', 'B21'];
  const s = settings(f, groups, {
    internalPrice: 0.45,
    resCondition: true,
    discount: 0.05,
    exportPrice: new Float64Array(n).fill(0.3),
  });
  const bills = computeBills(f, s);
  const money: MoneySummary = {
    ...bills.cluster,
    npv_pln: null,
    payback_years: null,
    co2_avoided_t: 0,
    internal_price_pln_per_kwh: 0.45,
    discount_rate_applied: 0.05,
    res_condition_met: true,
    members: bills.members.map((m) => ({
      id: m.id,
      group: m.group,
      cost_before_pln: m.cost_before_pln,
      cost_after_pln: m.cost_after_pln,
      gain_pln: m.gain_pln,
      internal_paid_pln: m.internal_paid_pln,
      internal_received_pln: m.internal_received_pln,
      fee_exemption_pln: m.fee_exemption_pln,
      discount_pln: m.discount_pln,
      fixed_pln: m.fixed_pln,
    })),
    net_cost_pln: 0,
    period_hours: n,
  };
  const results: MemberResult[] = members.map((m) => ({
    id: m.id,
    import_kwh: sum(m.I),
    export_kwh: sum(m.E ?? []),
    allocated_kwh: sum(m.A ?? []),
    shared_export_kwh: sum(m.P ?? []),
  }));
  return { n, bills, money, results, start: local(2025, 1, 31) };
}

describe('a member’s bill from the result', () => {
  it('has the bills’ internal payments and fixed charges, and its parts add up to the gain', () => {
    const { n, bills, money, results, start } = cluster();
    const period = { months: monthsIn(start, 60, n), hours: n };
    expect(period.months).toBe(2);
    for (const [i, r] of results.entries()) {
      const b = bills.members[i]!;
      const v = billView(money, r, DEFAULT_TARIFFS[b.group as 'G11'], period, false)!;
      expect(v.before).toBe(b.cost_before_pln);
      expect(v.after).toBe(b.cost_after_pln);
      expect(v.paid).toBeCloseTo(b.internal_paid_pln, 9);
      expect(v.received!).toBeCloseTo(b.internal_received_pln, 9);
      expect(v.fixed + v.capacityMonthly).toBeCloseTo(b.fixed_pln, 9);
      expect(v.gridValue! - v.paid + v.received!).toBeCloseTo(v.gain, 9);
      expect(v.winner).toBe(b.cost_after_pln < b.cost_before_pln);
    }
  });

  it('leaves what a community battery makes unknown here out', () => {
    const { money, results } = cluster();
    const v = billView(money, results[1]!, DEFAULT_TARIFFS.C12a, { months: 2, hours: 48 }, true)!;
    expect(v.received).toBeNull();
    expect(v.gridValue).toBeNull();
    expect(v.paid).toBeCloseTo(0.45 * results[1]!.allocated_kwh, 12);
  });

  it('finds the member by PPE whatever its spacing and case; none for a member without a bill', () => {
    const { money, results } = cluster();
    expect(billView(money, { ...results[0]!, id: ' home ' }, DEFAULT_TARIFFS.G11, { months: 2, hours: 48 }, false)?.id).toBe(
      'HOME',
    );
    expect(billView(money, { ...results[0]!, id: 'OTHER' }, DEFAULT_TARIFFS.G11, { months: 2, hours: 48 }, false)).toBeNull();
  });

  it('charges a household the capacity tier of its annualised import', () => {
    // 48 hours of 0.2 kWh/h is 1,752 kWh a year: the 1,200–2,800 tier, 17.18 a month.
    const c = fixedCharges(DEFAULT_TARIFFS.G11, 9.6, 2, 48);
    expect(c.fixed).toBeCloseTo(2 * (7.38 + 0.76), 12);
    expect(c.capacity).toBeCloseTo(2 * 17.18, 12);
    expect(fixedCharges(DEFAULT_TARIFFS.C11, 1e6, 3, 2000).capacity).toBe(0);
  });
});

describe('internal flows at the price p', () => {
  it('consumers pay p × shared energy; producers get that less the battery account; gains split by net position', () => {
    const { money, results, bills } = cluster();
    const f = internalFlows(money, results);
    expect(f.paid).toBeCloseTo(bills.cluster.internal_payments_pln, 9);
    expect(f.received).toBeCloseTo(bills.cluster.producer_income_pln, 9);
    expect(f.producers.count).toBe(1);
    expect(f.consumers.count).toBe(2);
    expect(f.producers.gain + f.consumers.gain).toBeCloseTo(bills.cluster.savings_pln - bills.cluster.battery_account_pln, 9);
  });
});

describe('one kWh from the grid and from the cluster', () => {
  it('differs by e − p, the discount on n + q and, when X is met, o + c', () => {
    const t = DEFAULT_TARIFFS.C12a as Tariff;
    for (const [d, x] of [
      [0, false],
      [0.1, true],
    ] as const) {
      for (const [i, z] of zonePrices(t, 0.4, d, x).entries()) {
        const zone = t.zones[i]!;
        const nq = zone.network + t.quality;
        expect(z.grid - z.cluster).toBeCloseTo(zone.energy - 0.4 + d * nq + (x ? t.oze + t.cogeneration : 0), 12);
      }
    }
  });
});

describe('price edits', () => {
  const s = newScenario();

  it('keep only what differs from the defaults', () => {
    const r = editPrices(s, (p) => (p.internal_price = 0.55));
    expect(r.ok && r.scenario.money).toEqual({ internal_price: 0.55 });
    const back = r.ok ? editPrices(r.scenario, (p) => (p.internal_price = MONEY_DEFAULTS.internal_price)) : r;
    expect(back.ok && 'money' in back.scenario).toBe(false);
  });

  it('put one changed tariff group into the scenario, whole, and take it out again', () => {
    const r = setTariffValue(s, 'C12a', 'zones[2].network', 0.11);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.scenario.money!.tariffs!)).toEqual(['C12a']);
    expect(r.scenario.money!.tariffs!.C12a!.zones[2]!.network).toBe(0.11);
    expect(r.scenario.money!.tariffs!.C12a!.zones[0]).toEqual(DEFAULT_TARIFFS.C12a.zones[0]);
    expect(pricesOf(r.scenario.money).tariffs.C12a!.zones[2]!.network).toBe(0.11);
    const tiers = setTariffValue(r.scenario, 'G11', 'capacity.monthly_tiers[3][1]', 30);
    expect(tiers.ok && tiers.scenario.money!.tariffs!.G11!.capacity).toEqual({
      monthly_tiers: [
        [500, 4.29],
        [1200, 10.31],
        [2800, 17.18],
        [null, 30],
      ],
    });
    const reset = resetTariff(r.scenario, 'C12a');
    expect(reset.ok && reset.scenario.money).toBeUndefined();
  });

  it('are refused with the field named', () => {
    const r = setTariffValue(s, 'G11', 'zones[0].network', -1);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.path).toBe('money.tariffs.G11.zones[0].network');
    const m = editPrices(s, (p) => (p.horizon_years = 2.5));
    expect(!m.ok && m.problems[0]!.path).toBe('money.horizon_years');
    expect(() => setTariffValue(s, 'G11', 'zones[7].energy', 1)).toThrow(/no field/);
  });

  it('read and write fields by the schema’s paths', () => {
    expect(pathParts('capacity.monthly_tiers[2][1]')).toEqual(['capacity', 'monthly_tiers', 2, 1]);
    expect(getPath(DEFAULT_TARIFFS.G11, 'zones[0].network')).toBe(0.2464);
    expect(getPath(DEFAULT_TARIFFS.G11, 'capacity.monthly_tiers[0][1]')).toBe(4.29);
    expect(getPath(DEFAULT_TARIFFS.G11, 'nothing.here')).toBeUndefined();
  });

  it('withMoney takes a whole price set and drops it when it is the defaults', () => {
    const r = withMoney({ ...s, money: { discount_rate: 0.08 } }, structuredClone(MONEY_DEFAULTS));
    expect(r.ok && 'money' in r.scenario).toBe(false);
  });
});

describe('zones in words', () => {
  it('hours, months and days', () => {
    expect(hoursText([[0, 24]], 'pl')).toBe('cała doba');
    expect(
      hoursText(
        [
          [6, 13],
          [15, 22],
        ],
        'en',
      ),
    ).toBe('6–13, 15–22');
    expect(monthsText([4, 5, 6, 7, 8, 9], 'pl')).toBe('kwi–wrz');
    expect(monthsText([1, 2, 3, 10, 11, 12], 'en')).toBe('Jan–Mar, Oct–Dec');
    expect(monthsText([5], 'pl')).toBe('maj');
    expect(zoneWhen({ hours: [[0, 24]], days: 'free' }, 'pl')).toBe('cała doba · soboty, niedziele i święta');
    expect(zoneName('off-peak', 'pl')).toBe('pozaszczytowa');
    expect(zoneName('my zone', 'pl')).toBe('my zone');
    expect(zoneWhenShown({ name: 'all day', hours: [[0, 24]] }, 'en')).toBe('');
    expect(zoneWhenShown({ name: 'all day', hours: [[0, 24]] }, 'pl')).toBe('cała doba');
  });
});

describe('sources of the defaults', () => {
  it('every default’s source has a Polish wording', () => {
    const all = [
      ...Object.values(DEFAULT_TARIFF_SOURCES).flatMap((g) => Object.values(g)),
      ...Object.values(MONEY_SOURCES),
      ...EXPORT_PRICE_SOURCES,
      ...Object.values(ASSET_COST_RULES).flatMap((r) => [r.capex, r.opex, r.lifetime]),
    ];
    const missing = [...new Set(all.map((p) => p.source))].filter((x) => !hasPolish(x));
    expect(missing).toEqual([]);
  });

  it('English leaves the project’s own notes out; footnotes number each source once', () => {
    const p = EXPORT_PRICE_SOURCES[0]!;
    expect(sourceText(p, 'en')).not.toMatch(/CLUSTERS/);
    expect(sourceText(p, 'pl')).toBe('RCEm PSE według gramwzielone.pl');
    const notes = new Footnotes();
    expect(EXPORT_PRICE_SOURCES.map((x) => notes.number(x))).toEqual([1, 1, 2, 3, 4, 1, 4, 5, 5, 5, 1, 6]);
    expect(notes.list.length).toBe(6);
  });
});
