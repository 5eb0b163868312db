/**
 * What the investments return (CLUSTERS.md §5.2): NPV, simple payback and LCOE of a scenario's
 * added assets, with capex, opex per year and lifetime per asset (defaults from §5.1's capex
 * ranges), a discount rate ρ and a horizon H (default 20 years):
 *
 *   NPV     = −capex + Σ_{y=1..H} (b − opex) / (1 + ρ)^y
 *   payback = capex / (b − opex)          (none when b − opex ≤ 0)
 *   LCOE    = (capex + Σ_y opex/(1 + ρ)^y) / Σ_y energy/(1 + ρ)^y
 *
 * b is the annual benefit: the members' net cost (Σ K_i − Bat, added producers included with
 * their revenue) of the baseline less that of the scenario, per year.
 */
import type { Provenance } from './tariffs';

export interface AssetCosts {
  capex_pln: number;
  opex_pln_per_year: number;
  lifetime_years: number;
}

/** Default horizon, years (issue 9). */
export const DEFAULT_HORIZON_YEARS = 20;
/** Default discount rate (typical real rate for public-sector energy projects; editable). */
export const DEFAULT_DISCOUNT_RATE = 0.06;

interface CostRule {
  /** Capex per kW (generators, kWp for PV) or per kWh (batteries), PLN. */
  capexPerUnit: number;
  /** Opex per year as a share of capex. */
  opexShare: number;
  lifetimeYears: number;
  unit: 'kW' | 'kWp' | 'kWh';
  capex: Provenance;
  opex: Provenance;
  lifetime: Provenance;
}

const MARKET_2025 = (what: string): Provenance => ({
  source: `market reports 2025 (${what}), midpoint`,
  date: '2025',
  status: 'published',
});
const TYPICAL = (what: string): Provenance => ({
  source: `typical value (${what}), check your offers`,
  date: '2025',
  status: 'typical',
});

/** Cost defaults by asset type. */
export const ASSET_COST_RULES: Readonly<Record<'pv' | 'wind' | 'biogas' | 'battery', Readonly<CostRule>>> = Object.freeze({
  pv: {
    capexPerUnit: 3000,
    opexShare: 0.015,
    lifetimeYears: 25,
    unit: 'kWp',
    capex: MARKET_2025('PV ground 2.4–3.6 mln PLN/MW'),
    opex: TYPICAL('PV O&M about 1.5 % of capex a year'),
    lifetime: TYPICAL('PV 25 years'),
  },
  wind: {
    capexPerUnit: 5500,
    opexShare: 0.025,
    lifetimeYears: 25,
    unit: 'kW',
    capex: MARKET_2025('onshore wind 4–7 mln PLN/MW'),
    opex: TYPICAL('wind O&M about 2.5 % of capex a year'),
    lifetime: TYPICAL('wind 25 years'),
  },
  biogas: {
    capexPerUnit: 18000,
    opexShare: 0.05,
    lifetimeYears: 20,
    unit: 'kW',
    capex: TYPICAL('biogas CHP about 18 mln PLN/MW electric; §5.1 gives no range'),
    opex: TYPICAL('biogas O&M about 5 % of capex a year, feedstock not included'),
    lifetime: TYPICAL('biogas CHP 20 years'),
  },
  battery: {
    capexPerUnit: 2450,
    opexShare: 0.01,
    lifetimeYears: 15,
    unit: 'kWh',
    capex: MARKET_2025('batteries 1,000–3,900 PLN/kWh'),
    opex: TYPICAL('battery O&M about 1 % of capex a year'),
    lifetime: TYPICAL('battery 15 years'),
  },
});

/** An added asset as the scenario describes it (its size field by type). */
export type SizedAsset =
  | { type: 'pv'; kwp: number }
  | { type: 'wind' | 'biogas'; kw: number }
  | { type: 'battery'; capacity_kwh: number }
  | { type: string };

/**
 * Default capex, opex and lifetime of an asset from its size; undefined for kinds without a
 * default (a loaded profile, a consumer): their costs must be given.
 */
export function defaultAssetCosts(asset: SizedAsset): AssetCosts | undefined {
  let size: number | undefined;
  let rule: CostRule | undefined;
  if (asset.type === 'pv' && 'kwp' in asset) [rule, size] = [ASSET_COST_RULES.pv, asset.kwp];
  else if ((asset.type === 'wind' || asset.type === 'biogas') && 'kw' in asset)
    [rule, size] = [ASSET_COST_RULES[asset.type], asset.kw];
  else if (asset.type === 'battery' && 'capacity_kwh' in asset) [rule, size] = [ASSET_COST_RULES.battery, asset.capacity_kwh];
  if (!rule || size === undefined) return undefined;
  const capex = rule.capexPerUnit * size;
  return { capex_pln: capex, opex_pln_per_year: capex * rule.opexShare, lifetime_years: rule.lifetimeYears };
}

/** Σ_{y=1..years} 1/(1 + ρ)^y. */
export function annuityFactor(rate: number, years: number): number {
  let f = 0;
  let disc = 1;
  for (let y = 1; y <= years; y++) {
    disc /= 1 + rate;
    f += disc;
  }
  return f;
}

/** NPV = −capex + Σ_{y=1..H} (b − opex)/(1 + ρ)^y. */
export function npv(capex: number, opexPerYear: number, benefitPerYear: number, rate: number, horizonYears: number): number {
  return -capex + (benefitPerYear - opexPerYear) * annuityFactor(rate, horizonYears);
}

/** capex / (b − opex) in years, or null when the asset never pays back (b − opex ≤ 0). */
export function simplePayback(capex: number, opexPerYear: number, benefitPerYear: number): number | null {
  const net = benefitPerYear - opexPerYear;
  return net > 0 ? capex / net : null;
}

/** LCOE, PLN/kWh: (capex + Σ opex/(1 + ρ)^y) / Σ energy/(1 + ρ)^y over `years`; null without energy. */
export function lcoe(capex: number, opexPerYear: number, energyKwhPerYear: number, rate: number, years: number): number | null {
  const f = annuityFactor(rate, years);
  const energy = energyKwhPerYear * f;
  return energy > 0 ? (capex + opexPerYear * f) / energy : null;
}

/** The annual benefit b from the net costs (Σ K_i − Bat) of the baseline and the scenario over a period. */
export function annualBenefit(baselineNetCost: number, scenarioNetCost: number, periodHours: number): number {
  return periodHours > 0 ? ((baselineNetCost - scenarioNetCost) * 8760) / periodHours : 0;
}

/** Σ K_i − Bat of a set of bills: what the members pay in total, net of the battery's account. */
export function netCost(bills: { members: { cost_after_pln: number }[]; cluster: { battery_account_pln: number } }): number {
  return bills.members.reduce((a, m) => a + m.cost_after_pln, 0) - bills.cluster.battery_account_pln;
}

export interface InvestmentResult {
  capex_pln: number;
  opex_pln_per_year: number;
  benefit_pln_per_year: number;
  npv_pln: number;
  /** Simple payback, years; null when it never pays back. */
  payback_years: number | null;
  /** Ids of assets whose lifetime is shorter than the horizon (NPV counts no replacement for them). */
  shorter_than_horizon: string[];
}

/** NPV and payback of the scenario's assets together against its annual benefit. */
export function evaluateInvestment(
  assets: readonly (AssetCosts & { id: string })[],
  benefitPerYear: number,
  rate: number = DEFAULT_DISCOUNT_RATE,
  horizonYears: number = DEFAULT_HORIZON_YEARS,
): InvestmentResult {
  const capex = assets.reduce((a, x) => a + x.capex_pln, 0);
  const opex = assets.reduce((a, x) => a + x.opex_pln_per_year, 0);
  return {
    capex_pln: capex,
    opex_pln_per_year: opex,
    benefit_pln_per_year: benefitPerYear,
    npv_pln: npv(capex, opex, benefitPerYear, rate, horizonYears),
    payback_years: simplePayback(capex, opex, benefitPerYear),
    shorter_than_horizon: assets.filter((x) => x.lifetime_years < horizonYears).map((x) => x.id),
  };
}
