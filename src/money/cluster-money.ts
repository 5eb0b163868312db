/**
 * A balance's money (CLUSTERS.md §5.2): every member's bill with and without the cluster, the
 * cluster's savings, fee exemption, discount and battery account, and CO₂ avoided — worked out
 * per window from the engine's WindowView (inside its callback: the view lives only there). The
 * support parameters d and X come from the rule parameters in force, so the bills and the rules
 * panel agree. A scenario's investment (NPV, payback) compares its net cost with the baseline's.
 */
import type { Member } from '../ingest/cluster-data';
import type { Kpis } from '../engine/types';
import type { Added, Scenario } from '../scenario/model';
import type { RuleParams } from '../scenario/rules';
import { computeBills, flowsFromEngine, type Bills, type EngineWindows } from './bills';
import { calendarFor } from './calendar';
import { co2AvoidedT } from './co2';
import { monthlyExportPrices } from './export-price';
import { defaultAssetCosts, evaluateInvestment, lcoe, netCost, type AssetCosts, type InvestmentResult } from './investment';
import { effectivePrices, type EffectivePrices } from './schema';
import { supportOf } from './support';
import { memberGroup } from './tariffs';

/** The `money` object of the CLI's JSON and the page's numbers (issue 9's keys). */
export interface MoneySummary {
  savings_pln: number;
  fee_exemption_pln: number;
  discount_pln: number;
  battery_account_pln: number;
  /** The scenario's investment against the baseline; null for the baseline itself. */
  npv_pln: number | null;
  payback_years: number | null;
  co2_avoided_t: number;
  internal_price_pln_per_kwh: number;
  /** d and X as applied. */
  discount_rate_applied: number;
  res_condition_met: boolean;
  members: {
    id: string;
    group: string;
    cost_before_pln: number;
    cost_after_pln: number;
    gain_pln: number;
    /** What the member pays the cluster (p·A) and is paid by it (p·P), and its share of the support. */
    internal_paid_pln: number;
    internal_received_pln: number;
    fee_exemption_pln: number;
    discount_pln: number;
    fixed_pln: number;
  }[];
  /** Σ K_i − Bat: what the members pay in total (for the investment's benefit). */
  net_cost_pln: number;
  /** Hours the period covers (the benefit is annualised over them). */
  period_hours: number;
  investment?: InvestmentResult;
  /** Levelised cost of each added generator's energy, PLN/kWh (null: no energy), §5.2. */
  lcoe?: { id: string; lcoe_pln_per_kwh: number | null }[];
}

/**
 * The money of one balance, from its per-window view. `members` are the balanced rows (the
 * scenario's, added ones included) in the view's order; their register gives the tariff group.
 */
export function moneyOf(
  view: EngineWindows,
  members: readonly Member[],
  kpis: Kpis,
  prices: EffectivePrices,
  rules: Pick<RuleParams, 'year' | 'ladder' | 'res_threshold_by_year'>,
  exportPrice?: Float64Array,
): MoneySummary {
  const flows = flowsFromEngine(view);
  const cal = calendarFor(view.startUtcMs, view.minutes, view.windows);
  const r = exportPrice ?? monthlyExportPrices(cal, monthlyOf(prices));
  const support = supportOf(kpis, rules);
  const bills: Bills = computeBills(flows, {
    tariffs: prices.tariffs,
    groups: members.map((m) => memberGroup(m, prices.tariffs).group),
    internalPrice: prices.internal_price,
    exportPrice: r,
    resCondition: support.resCondition === 1,
    discount: support.discount,
  });
  const c = bills.cluster;
  return {
    savings_pln: c.savings_pln,
    fee_exemption_pln: c.fee_exemption_pln,
    discount_pln: c.discount_pln,
    battery_account_pln: c.battery_account_pln,
    npv_pln: null,
    payback_years: null,
    co2_avoided_t: co2AvoidedT(view.sharedBeforeStorage, flows.renewableFraction, prices.emission_factor_t_per_mwh),
    internal_price_pln_per_kwh: prices.internal_price,
    discount_rate_applied: support.discount,
    res_condition_met: support.resCondition === 1,
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
    net_cost_pln: netCost(bills),
    period_hours: (view.windows * view.minutes) / 60,
  };
}

/** The scenario's money with its investment: capex of what it adds, benefit against the baseline. */
export function withInvestment(
  scenario: MoneySummary,
  baseline: MoneySummary,
  s: Scenario,
  prices: EffectivePrices,
  energyKwh: ReadonlyMap<string, number> = new Map(),
): MoneySummary {
  const assets = investedAssets(s);
  const benefit = ((baseline.net_cost_pln - scenario.net_cost_pln) * 8760) / Math.max(1, scenario.period_hours);
  const investment = evaluateInvestment(assets, benefit, prices.discount_rate, prices.horizon_years);
  // LCOE over each asset's own lifetime, its energy annualised from the period.
  const perYear = 8760 / Math.max(1, scenario.period_hours);
  const levelised = assets.map((a) => ({
    id: a.id,
    lcoe_pln_per_kwh: lcoe(
      a.capex_pln,
      a.opex_pln_per_year,
      (energyKwh.get(a.id) ?? 0) * perYear,
      prices.discount_rate,
      a.lifetime_years,
    ),
  }));
  return { ...scenario, npv_pln: investment.npv_pln, payback_years: investment.payback_years, investment, lcoe: levelised };
}

/**
 * The scenario's added generators with their costs (given, or the defaults for their kind). The
 * community battery is a setting the baseline shares (the baseline is the scenario without its
 * overlays), so its return shows between two variants, not here.
 */
export function investedAssets(s: Scenario): (AssetCosts & { id: string })[] {
  const out: (AssetCosts & { id: string })[] = [];
  const costed = (id: string, given: Partial<AssetCosts>, sized: Parameters<typeof defaultAssetCosts>[0]) => {
    const d = defaultAssetCosts(sized);
    const capex = given.capex_pln ?? d?.capex_pln;
    if (capex === undefined) return;
    out.push({
      id,
      capex_pln: capex,
      opex_pln_per_year: given.opex_pln_per_year ?? d?.opex_pln_per_year ?? 0,
      lifetime_years: given.lifetime_years ?? d?.lifetime_years ?? 20,
    });
  };
  for (const a of s.add) {
    if (a.type === 'consumer') continue;
    costed(a.id, a as Partial<AssetCosts>, sizeOf(a));
  }
  return out;
}

function sizeOf(a: Exclude<Added, { type: 'consumer' }>): Parameters<typeof defaultAssetCosts>[0] {
  if (a.type === 'pv') return { type: 'pv', kwp: a.kwp };
  if (a.type === 'wind' || a.type === 'biogas') return { type: a.type, kw: a.kw };
  return { type: a.type };
}

function monthlyOf(prices: EffectivePrices): number[] {
  if ('monthly' in prices.export_price) return prices.export_price.monthly;
  throw new Error('an export price file must be read first (money.export_price.file)');
}

export { effectivePrices };
