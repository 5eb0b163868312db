/**
 * The money panel's arithmetic, as plain functions over what a result carries (no page state):
 * the internal payments the price p moves, each member's bill explained per kWh, the fixed
 * charges, and edits of the scenario's `money` object that keep only what differs from the
 * defaults (compactMoney) and are validated (parseMoney) before they are sent.
 *
 * Everything here is exact from the result (CLUSTERS.md §5.2): Σ_i A_i is the shared energy, so
 * consumers pay p·ΣA; producers are paid p·ΣP = p·ΣA − Bat; without a community battery a
 * member's P_i is its export counted as shared (`shared_export_kwh`).
 */
import type { MemberResult } from '../../engine/types';
import { annualised, tierAmount } from '../../money/bills';
import { calendarFor } from '../../money/calendar';
import type { MoneySummary } from '../../money/cluster-money';
import {
  compactMoney,
  effectivePrices,
  parseMoney,
  type EffectivePrices,
  type Money,
  type MoneyProblem,
} from '../../money/schema';
import { isMonthlyTiers, type Tariff } from '../../money/tariffs';
import { meterKey } from '../../ingest/names';
import type { Scenario } from '../../scenario/model';

/** The money panel's screen keys (issue 9), each with `data-metric` and the `baseline_` twin. */
export const MONEY_KEYS = [
  'savings_pln',
  'fee_exemption_pln',
  'discount_pln',
  'npv_pln',
  'payback_years',
  'co2_avoided_t',
] as const;
export type MoneyKey = (typeof MONEY_KEYS)[number];

/** A summary's value of a key (null where there is none: the baseline's NPV, a payback that never comes). */
export function moneyValue(m: MoneySummary, key: MoneyKey): number | null {
  return m[key];
}

/** `data-value` of a number: the raw number, '' for none. */
export function rawValue(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : String(x);
}

/** A member's money row by PPE (spaces and case do not matter), or undefined. */
export function moneyByMember(m: MoneySummary | null | undefined): Map<string, MoneySummary['members'][number]> {
  return new Map((m?.members ?? []).map((x) => [meterKey(x.id), x]));
}

/** Who pays whom at the internal price p. */
export interface InternalFlows {
  price: number;
  /** Σ A·p: what members pay for the shared energy they get. */
  paid: number;
  /** Σ P·p = paid − Bat: what producers are paid for energy the cluster used. */
  received: number;
  battery: number;
  /** Members that export more than they import, and their summed gain B − K. */
  producers: { count: number; gain: number };
  /** The others (net consumers). */
  consumers: { count: number; gain: number };
}

export function internalFlows(money: MoneySummary, members: readonly MemberResult[]): InternalFlows {
  const p = money.internal_price_pln_per_kwh;
  const shared = members.reduce((a, m) => a + m.allocated_kwh, 0);
  const paid = p * shared;
  const byId = moneyByMember(money);
  const producers = { count: 0, gain: 0 };
  const consumers = { count: 0, gain: 0 };
  for (const r of members) {
    const side = r.export_kwh > r.import_kwh ? producers : consumers;
    side.count++;
    side.gain += byId.get(meterKey(r.id))?.gain_pln ?? 0;
  }
  return { price: p, paid, received: paid - money.battery_account_pln, battery: money.battery_account_pln, producers, consumers };
}

/** Calendar months the period touches (the fixed charges are paid for each). */
export function monthsIn(startUtcMs: number, stepMinutes: number, intervals: number): number {
  return calendarFor(startUtcMs, stepMinutes, intervals).monthKeys.length;
}

/**
 * months·(F + H): the fixed network charge and, for households, the capacity fee by the tier of
 * the annualised import. The same with and without the cluster.
 */
export function fixedCharges(
  tariff: Tariff,
  importKwh: number,
  months: number,
  hours: number,
): { fixed: number; capacity: number } {
  const tier = isMonthlyTiers(tariff.capacity) ? tierAmount(tariff.capacity, annualised(importKwh, hours, 60)) : 0;
  return { fixed: months * tariff.fixed_monthly, capacity: months * tier };
}

/** One member's bill as the detail shows it: every number exact from the result. */
export interface BillView {
  id: string;
  group: string;
  before: number;
  after: number;
  gain: number;
  /** K < B. */
  winner: boolean;
  importKwh: number;
  exportKwh: number;
  /** A: shared energy it gets. */
  sharedInKwh: number;
  /** P: its export the cluster used; null when a community battery makes it unknown here. */
  sharedOutKwh: number | null;
  /** p·A. */
  paid: number;
  /** p·P (null as sharedOutKwh). */
  received: number | null;
  /** Value of the shared energy at grid prices, net of export sales forgone: gain + p·A − p·P. */
  gridValue: number | null;
  fixed: number;
  capacityMonthly: number;
}

export function billView(
  money: MoneySummary,
  member: MemberResult,
  tariff: Tariff | undefined,
  period: { months: number; hours: number },
  battery: boolean,
): BillView | null {
  const m = moneyByMember(money).get(meterKey(member.id));
  if (!m) return null;
  const p = money.internal_price_pln_per_kwh;
  const out = battery ? null : member.shared_export_kwh;
  const paid = p * member.allocated_kwh;
  const received = out === null ? null : p * out;
  const charges = tariff ? fixedCharges(tariff, member.import_kwh, period.months, period.hours) : { fixed: 0, capacity: 0 };
  return {
    id: m.id,
    group: m.group,
    before: m.cost_before_pln,
    after: m.cost_after_pln,
    gain: m.gain_pln,
    winner: m.cost_after_pln < m.cost_before_pln,
    importKwh: member.import_kwh,
    exportKwh: member.export_kwh,
    sharedInKwh: member.allocated_kwh,
    sharedOutKwh: out,
    paid,
    received,
    gridValue: received === null ? null : m.gain_pln + paid - received,
    fixed: charges.fixed,
    capacityMonthly: charges.capacity,
  };
}

/** What one kWh costs in a zone: from the grid, and as shared energy (CLUSTERS.md §5.2). */
export interface ZonePrice {
  name: string;
  hours: [number, number][];
  months?: number[];
  days?: 'workdays' | 'free';
  /** e + n + q + o + c (the capacity fee k comes on top in its hours, the same both ways). */
  grid: number;
  /** p + (n + q)(1 − d) + (o + c)(1 − X), for shared energy that is all renewable (m = 1). */
  cluster: number;
  energy: number;
  network: number;
}

export function zonePrices(tariff: Tariff, p: number, d: number, resMet: boolean): ZonePrice[] {
  const nq = (n: number) => n + tariff.quality;
  const oc = tariff.oze + tariff.cogeneration;
  return tariff.zones.map((z) => ({
    name: z.name,
    hours: z.hours,
    months: z.months,
    days: z.days,
    grid: z.energy + nq(z.network) + oc,
    cluster: p + nq(z.network) * (1 - d) + oc * (resMet ? 0 : 1),
    energy: z.energy,
    network: z.network,
  }));
}

// ---------------------------------------------------------------------------------------------
// Editing the scenario's money.

export type MoneyEdit = { ok: true; scenario: Scenario } | { ok: false; problems: MoneyProblem[] };

/**
 * The scenario with `money` in place of its prices: only what differs from the defaults is kept
 * (none at all: the field goes), validated first. Problems name the field (`money.tariffs.G11…`).
 */
export function withMoney(s: Scenario, money: Money | EffectivePrices | undefined): MoneyEdit {
  const compact = compactMoney(money);
  const next = JSON.parse(JSON.stringify(s)) as Scenario;
  if (compact === undefined) {
    delete next.money;
    return { ok: true, scenario: next };
  }
  const r = parseMoney(JSON.parse(JSON.stringify(compact)), 'money');
  if (!r.ok) return r;
  next.money = r.money;
  return { ok: true, scenario: next };
}

/**
 * The prices in force for a scenario's `money` (a plain copy first: the page's state is a proxy,
 * which effectivePrices' structuredClone cannot copy).
 */
export function pricesOf(money: Money | undefined): EffectivePrices {
  return effectivePrices(money === undefined ? undefined : (JSON.parse(JSON.stringify(money)) as Money));
}

/** The prices in force with one change made by `change` (a fresh copy it may mutate). */
export function editPrices(s: Scenario, change: (prices: EffectivePrices) => void): MoneyEdit {
  const prices = pricesOf(s.money);
  change(prices);
  return withMoney(s, prices);
}

/**
 * Sets one value of a tariff group by its field path as the schema names it (`zones[1].energy`,
 * `fixed_monthly`, `capacity.per_kwh`, `capacity.monthly_tiers[2][1]`).
 */
export function setTariffValue(s: Scenario, group: string, path: string, value: number): MoneyEdit {
  return editPrices(s, (prices) => {
    const tariff = prices.tariffs[group];
    if (!tariff) throw new Error(`no tariff group ${group}`);
    setPath(tariff as unknown as Record<string, unknown>, path, value);
  });
}

/** The tariff group as the defaults have it again. */
export function resetTariff(s: Scenario, group: string): MoneyEdit {
  if (!s.money?.tariffs?.[group]) return { ok: true, scenario: s };
  const money = JSON.parse(JSON.stringify(s.money)) as Money;
  delete money.tariffs![group];
  return withMoney(s, money);
}

/** `a.b[2][1]` → ['a', 'b', 2, 1]. */
export function pathParts(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

export function getPath(o: unknown, path: string): unknown {
  let x: unknown = o;
  for (const k of pathParts(path)) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const parts = pathParts(path);
  let x: Record<string | number, unknown> = o;
  for (const k of parts.slice(0, -1)) {
    const next = x[k];
    if (next === null || typeof next !== 'object') throw new Error(`no field ${path}`);
    x = next as Record<string | number, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last === undefined || !(last in x)) throw new Error(`no field ${path}`);
  x[last] = value;
}

/** Whether a tariff group differs from its default (the scenario gives it). */
export function tariffEdited(s: Scenario, group: string): boolean {
  return s.money?.tariffs?.[group] !== undefined;
}

/** The problems of one field (and those under it). */
export function problemsFor(problems: readonly MoneyProblem[], path: string): MoneyProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/** Round away float noise of a value typed in another unit (PLN/MWh → PLN/kWh). */
export function clean(x: number, digits = 9): number {
  return Number(x.toFixed(digits));
}
