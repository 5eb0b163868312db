/** NPV, payback, LCOE (§5.2) on hand examples; CO₂ avoided; the discount ladder and X at their boundaries. */
import { describe, expect, it } from 'vitest';
import { co2AvoidedT } from '../../../src/money/co2';
import {
  annualBenefit,
  annuityFactor,
  defaultAssetCosts,
  evaluateInvestment,
  lcoe,
  netCost,
  npv,
  simplePayback,
} from '../../../src/money/investment';
import { DEFAULT_DISCOUNT_LADDER, ladderDiscount, renewableConditionMet, renewableThreshold } from '../../../src/money/support';

describe('investment', () => {
  // capex 1,000, opex 100 a year, benefit 300 a year, ρ = 10 %, H = 3:
  // annuity 1/1.1 + 1/1.21 + 1/1.331 = 2.486852; NPV = −1,000 + 200 × 2.486852 = −502.6296.
  it('NPV = −capex + Σ (b − opex)/(1 + ρ)^y', () => {
    expect(annuityFactor(0.1, 3)).toBeCloseTo(2.48685199, 8);
    expect(npv(1000, 100, 300, 0.1, 3)).toBeCloseTo(-502.6296, 5);
    expect(npv(1000, 100, 300, 0, 20)).toBeCloseTo(3000, 9);
    // A 20-year horizon pays it back: 200 × 8.513564 − 1,000 = 702.7127.
    expect(npv(1000, 100, 300, 0.1, 20)).toBeCloseTo(702.7127, 4);
  });

  it('payback = capex / (b − opex), none when b − opex ≤ 0', () => {
    expect(simplePayback(1000, 100, 300)).toBe(5);
    expect(simplePayback(1000, 300, 300)).toBeNull();
    expect(simplePayback(1000, 400, 300)).toBeNull();
  });

  it('LCOE = (capex + Σ opex/(1 + ρ)^y) / Σ energy/(1 + ρ)^y', () => {
    // (1,000 + 100 × 2.486852) / (1,000 × 2.486852) = 1,248.6852 / 2,486.852 = 0.502115.
    expect(lcoe(1000, 100, 1000, 0.1, 3)).toBeCloseTo(0.5021148, 6);
    // 1 MWp of PV at 3 mln PLN, 45,000 a year, 1,029 MWh a year, 6 %, 25 years ≈ 0.2783 PLN/kWh.
    expect(lcoe(3e6, 45_000, 1_029_000, 0.06, 25)).toBeCloseTo(
      (3e6 + 45_000 * annuityFactor(0.06, 25)) / (1_029_000 * annuityFactor(0.06, 25)),
      12,
    );
    expect(lcoe(1000, 10, 0, 0.1, 3)).toBeNull();
  });

  it('defaults from §5.1 capex ranges (midpoints)', () => {
    expect(defaultAssetCosts({ type: 'pv', kwp: 1000 })).toEqual({
      capex_pln: 3_000_000,
      opex_pln_per_year: 45_000,
      lifetime_years: 25,
    });
    expect(defaultAssetCosts({ type: 'wind', kw: 2000 })?.capex_pln).toBe(11_000_000);
    expect(defaultAssetCosts({ type: 'battery', capacity_kwh: 100 })?.capex_pln).toBe(245_000);
    expect(defaultAssetCosts({ type: 'profile' })).toBeUndefined();
  });

  it('the scenario: benefit from net costs per year, NPV and payback of all assets', () => {
    const base = { members: [{ cost_after_pln: 1000 }, { cost_after_pln: 500 }], cluster: { battery_account_pln: 0 } };
    const scen = {
      members: [{ cost_after_pln: 800 }, { cost_after_pln: 400 }, { cost_after_pln: -100 }],
      cluster: { battery_account_pln: 20 },
    };
    expect(netCost(base)).toBe(1500);
    expect(netCost(scen)).toBe(1080);
    // Half a year of data: (1,500 − 1,080) × 2 = 840 a year.
    expect(annualBenefit(1500, 1080, 4380)).toBe(840);
    const r = evaluateInvestment(
      [
        { id: 'PV', capex_pln: 2000, opex_pln_per_year: 20, lifetime_years: 25 },
        { id: 'BESS', capex_pln: 1000, opex_pln_per_year: 20, lifetime_years: 15 },
      ],
      840,
      0.06,
      20,
    );
    expect(r.capex_pln).toBe(3000);
    expect(r.payback_years).toBeCloseTo(3000 / 800, 12);
    expect(r.npv_pln).toBeCloseTo(-3000 + 800 * annuityFactor(0.06, 20), 9);
    expect(r.shorter_than_horizon).toEqual(['BESS']);
  });
});

describe('CO₂ avoided', () => {
  it('Σ S·m / 1000 × factor: 1,000 kWh of renewable shared energy at 0.597 t/MWh = 0.597 t', () => {
    expect(co2AvoidedT([600, 400, 500], [1, 1, 0])).toBeCloseTo(0.597, 12);
    expect(co2AvoidedT([1000], [0.5], 0.743)).toBeCloseTo(0.3715, 12);
    expect(() => co2AvoidedT([1], [])).toThrow();
  });
});

describe('support parameters at their boundaries', () => {
  it('the ladder: strictly above 60 / 70 / 80 / 90 % earns 5 / 10 / 15 / 20 %', () => {
    expect(ladderDiscount(0.6)).toBe(0);
    expect(ladderDiscount(0.6000001)).toBe(0.05);
    expect(ladderDiscount(0.7)).toBe(0.05);
    expect(ladderDiscount(0.70001)).toBe(0.1);
    expect(ladderDiscount(0.8)).toBe(0.1);
    expect(ladderDiscount(0.9)).toBe(0.15);
    expect(ladderDiscount(0.95)).toBe(0.2);
    expect(ladderDiscount(1)).toBe(0.2);
    expect(ladderDiscount(0)).toBe(0);
    expect(ladderDiscount(0.75, [{ above: 0.5, discount: 0.3 }])).toBe(0.3);
    expect(DEFAULT_DISCOUNT_LADDER).toHaveLength(4);
  });

  it('X: at least 30 % renewable (50 % from 2027): the threshold itself passes', () => {
    expect(renewableThreshold(2026)).toBe(0.3);
    expect(renewableThreshold(2027)).toBe(0.5);
    expect(renewableConditionMet(0.3, renewableThreshold(2026))).toBe(true);
    expect(renewableConditionMet(0.2999999, renewableThreshold(2026))).toBe(false);
    expect(renewableConditionMet(0.4999, renewableThreshold(2027))).toBe(false);
    expect(renewableConditionMet(0.5, renewableThreshold(2027))).toBe(true);
  });
});
