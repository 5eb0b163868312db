/** The scenario's `money` object: problems name their field; defaults filled in; links keep only changes. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  MONEY_DEFAULTS,
  MONEY_SOURCES,
  assetCostEntries,
  compactMoney,
  effectivePrices,
  parseMoney,
  type Money,
  type MoneyProblem,
} from '../../../src/money/schema';
import { DEFAULT_TARIFFS, type Tariff } from '../../../src/money/tariffs';

function problems(input: unknown): MoneyProblem[] {
  const r = parseMoney(input);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return r.problems;
}

function ok(input: unknown): Money {
  const r = parseMoney(input);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.money;
}

const g12 = (): Tariff => structuredClone(DEFAULT_TARIFFS.G12) as Tariff;

describe('parseMoney', () => {
  it('the issue example is accepted as given', () => {
    const money = {
      internal_price: 0.45,
      tariffs: { G12: g12(), C11: structuredClone(DEFAULT_TARIFFS.C11) },
      export_price: { monthly: [0.48, 0.442, 0.183, 0.163, 0.217, 0.136, 0.285, 0.31, 0.33, 0.36, 0.383, 0.466] },
      emission_factor_t_per_mwh: 0.597,
      discount_rate: 0.06,
      horizon_years: 20,
    };
    expect(ok(money)).toEqual(money);
    expect(ok({ export_price: { file: 'rce-2025.csv' } })).toEqual({ export_price: { file: 'rce-2025.csv' } });
    expect(ok({})).toEqual({});
  });

  it('a bad hour range names money.tariffs.G12.zones[1].hours', () => {
    const t = g12();
    t.zones[1].hours = [
      [13, 15],
      [22, 25],
    ];
    expect(problems({ tariffs: { G12: t } })).toEqual([
      { path: 'money.tariffs.G12.zones[1].hours[1][1]', message: 'must be a whole number from 0 to 24, not 25' },
    ]);
    t.zones[1].hours = [
      [13, 15],
      [6, 6],
    ];
    expect(problems({ tariffs: { G12: t } })[0].path).toBe('money.tariffs.G12.zones[1].hours[1]');
    t.zones[1].hours = [];
    expect(problems({ tariffs: { G12: t } })).toEqual([
      { path: 'money.tariffs.G12.zones[1].hours', message: 'must list at least one [from, to] range' },
    ]);
  });

  it('every hour must be covered: the gap is named with its months and day types', () => {
    const t = g12();
    t.zones[1].hours = [[22, 6]]; // 13–15 lost
    expect(problems({ tariffs: { G12: t } })).toEqual([
      { path: 'money.tariffs.G12.zones', message: 'every hour must be in a zone; in none: 13:00–15:00 (every month, every day)' },
    ]);
    const w = structuredClone(DEFAULT_TARIFFS.G12w) as Tariff;
    w.zones = w.zones.slice(1); // weekends' all-day night zone removed: still covered by the others
    expect(parseMoney({ tariffs: { G12w: w } }).ok).toBe(true);
    w.zones = [{ name: 'winter', energy: 0.5, network: 0.2, hours: [[0, 24]], months: [1, 2, 3, 10, 11, 12] }];
    expect(problems({ tariffs: { G12w: w } })[0].message).toBe(
      'every hour must be in a zone; in none: 0:00–24:00 (Apr, May, Jun, Jul, Aug, Sep, every day)',
    );
  });

  it('a price that looks like PLN/MWh is pointed out; unknown fields and groups are named', () => {
    expect(problems({ internal_price: 450 })).toEqual([
      {
        path: 'money.internal_price',
        message: 'must be a price in PLN/kWh from 0 to 10, not 450 (PLN/MWh? write 450 PLN/MWh as 0.45)',
      },
    ]);
    expect(problems({ interest: 0.05 })[0]).toMatchObject({
      path: 'money.interest',
      message: expect.stringMatching(/^unknown field "interest"/),
    });
    const t = g12() as unknown as Record<string, unknown>;
    t.vat = 0.23;
    expect(problems({ tariffs: { G12: t } })[0].path).toBe('money.tariffs.G12.vat');
    expect(problems({ tariffs: { 'taryfa G12': g12() } })[0].message).toMatch(/not a tariff group name/);
    expect(problems({ tariffs: { G12: g12(), g12: g12() } })).toEqual([
      { path: 'money.tariffs.g12', message: 'is the same group as "G12" (G12); give it once' },
    ]);
  });

  it('capacity, tiers, export prices, rates', () => {
    const t = g12();
    t.capacity = {
      monthly_tiers: [
        [500, 4.29],
        [400, 10],
        [null, 20],
      ],
    };
    expect(problems({ tariffs: { G12: t } })).toEqual([
      { path: 'money.tariffs.G12.capacity.monthly_tiers', message: 'tiers must go up: each max above the one before' },
    ]);
    t.capacity = { monthly_tiers: [[500, 4.29]] };
    expect(problems({ tariffs: { G12: t } })[0].message).toMatch(/last tier, and only the last, must have null/);
    (t as unknown as Record<string, unknown>).capacity = { rate: 1 };
    expect(problems({ tariffs: { G12: t } })[0]).toMatchObject({
      path: 'money.tariffs.G12.capacity',
      message: expect.stringMatching(/^must be \{monthly_tiers/),
    });
    t.capacity = { per_kwh: 0.2194, hours: [7, 22], k: 1.5 };
    expect(problems({ tariffs: { G12: t } })[0].path).toBe('money.tariffs.G12.capacity.k');
    expect(problems({ export_price: { monthly: [0.4] } })).toEqual([
      { path: 'money.export_price.monthly', message: 'must hold 12 prices (January to December), not 1' },
    ]);
    expect(problems({ export_price: 0.4 })[0].message).toMatch(/^must be \{monthly/);
    expect(problems({ horizon_years: 2.5 })[0]).toEqual({
      path: 'money.horizon_years',
      message: 'must be a whole number from 1 to 100, not 2.5',
    });
    expect(problems({ discount_rate: 6 })[0].message).toMatch(/6 % is 0.06/);
    expect(problems([])).toEqual([{ path: 'money', message: 'must be an object, not a list' }]);
  });

  it('group names come out in canonical spelling', () => {
    expect(Object.keys(ok({ tariffs: { c12A: structuredClone(DEFAULT_TARIFFS.C12a) } }).tariffs!)).toEqual(['C12a']);
  });

  it('asset cost fields for the add items', () => {
    const item = v.object({ id: v.string(), ...assetCostEntries });
    expect(v.safeParse(item, { id: 'PV', capex_pln: 3e6, opex_pln_per_year: 45_000, lifetime_years: 25 }).success).toBe(true);
    expect(v.safeParse(item, { id: 'PV', lifetime_years: 0 }).success).toBe(false);
  });
});

describe('effectivePrices and compactMoney', () => {
  it('defaults, and groups given replace whole groups', () => {
    const e = effectivePrices();
    expect(e).toEqual(MONEY_DEFAULTS);
    expect(e.internal_price).toBe(0.4);
    expect(e.horizon_years).toBe(20);
    expect(MONEY_SOURCES.emission_factor_t_per_mwh.source).toMatch(/KOBiZE/);
    const t = g12();
    t.zones = [{ name: 'flat', energy: 0.6, network: 0.2, hours: [[0, 24]] }];
    const given = effectivePrices({ tariffs: { G12: t }, internal_price: 0.5 });
    expect(given.tariffs.G12).toEqual(t);
    expect(given.tariffs.G11).toEqual(DEFAULT_TARIFFS.G11);
    expect(given.internal_price).toBe(0.5);
    // A copy: editing it leaves the defaults alone.
    given.tariffs.G11.quality = 1;
    expect(DEFAULT_TARIFFS.G11.quality).toBe(0.0332);
  });

  it('compactMoney keeps only what differs, and round-trips through effectivePrices', () => {
    expect(compactMoney(effectivePrices())).toBeUndefined();
    expect(compactMoney({ internal_price: 0.4, tariffs: { G11: structuredClone(DEFAULT_TARIFFS.G11) } })).toBeUndefined();
    const t = g12();
    t.quality = 0.04;
    const money: Money = {
      internal_price: 0.45,
      tariffs: { G11: structuredClone(DEFAULT_TARIFFS.G11), G12: t },
      horizon_years: 20,
    };
    const compact = compactMoney(effectivePrices(money))!;
    expect(compact).toEqual({ internal_price: 0.45, tariffs: { G12: t } });
    expect(effectivePrices(compact)).toEqual(effectivePrices(money));
    expect(JSON.stringify(compact).length).toBeLessThan(600);
  });
});
