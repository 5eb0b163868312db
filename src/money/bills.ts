/**
 * Members' bills with and without the cluster, CLUSTERS.md §5.2 exactly, per netting window:
 *
 *   π_iw = e + n + q + o + c + k_w                    (zone of w in i's tariff)
 *   B_i  = Σ_w [ I·π − E·r_w ] + months·(F + H_i)
 *   K_i  = Σ_w [ (I − A)·π + A·(p + (n + q)(1 − d) + (o + c)(1 − X·m_w) + k_w)
 *               − (E − P)·r_w − P·p ] + months·(F + H_i)
 *   Bat  = p·(Σ discharged − Σ charged)
 *   savings = Σ_i (B_i − K_i) + Bat;  fee_exemption = ΣΣ A(o + c)X·m_w;  discount = ΣΣ A(n + q)d
 *
 * `computeBills` is the fast version: per member one pass over the windows that only gathers
 * sums (ΣI·π, ΣA·(e + d(n + q)), ΣA·m, ΣP·r, …), K_i then follows from B_i algebraically; each
 * window's zone and capacity-hour status come as one index precomputed once per (grid, tariff). `referenceBills` is the same written plainly,
 * window by window, with its own local-time arithmetic (Intl), to test the fast one against.
 */
import { daysFromCivil } from '../ingest/time';
import { isPolishHoliday } from '../models/holidays';
import { calendarFor, capacityWindows, zoneAt, zoneIndices, type WindowCalendar } from './calendar';
import { isMonthlyTiers, type MonthlyTiersCapacity, type PerKwhCapacity, type Tariff, type Tariffs } from './tariffs';

/** Per-window flows of each member, energies in kWh per window (the §5.2 inputs). */
export interface BillFlows {
  startUtcMs: number;
  /** Netting window, minutes. */
  minutes: number;
  windows: number;
  ids: readonly string[];
  /** I: member i's import per window. */
  imports(i: number): ArrayLike<number>;
  /** E: member i's export per window. */
  exports(i: number): ArrayLike<number>;
  /** A: shared energy allocated to member i, its share of battery discharge included. */
  allocated(i: number): ArrayLike<number>;
  /** P: member i's export counted as shared = (S_w + charged_w)·E_iw / ΣE_w, S before storage. */
  sharedExport(i: number): ArrayLike<number>;
  /** m_w: the renewable fraction of shared energy (matched RES ÷ S before storage; 0 if S = 0). */
  renewableFraction: ArrayLike<number>;
  /** Community battery: total charged and discharged over the period, kWh. */
  charged: number;
  discharged: number;
}

/** The prices and support parameters of a bill. */
export interface BillSettings {
  /** Tariffs by group (effectivePrices(money).tariffs). */
  tariffs: Tariffs;
  /** Each member's tariff group, in the order of `BillFlows.ids` (see memberGroup). */
  groups: readonly string[];
  /** Each member's capacity coefficient K (undefined: the tariff's `capacity.k`). */
  k?: ArrayLike<number | undefined>;
  /** p: the internal cluster price, PLN/kWh. */
  internalPrice: number;
  /** r_w: the export price per window, PLN/kWh. */
  exportPrice: ArrayLike<number>;
  /** X: the cluster meets the renewable-share condition for the year. */
  resCondition: boolean;
  /** d: the distribution-fee discount (0..1) from the ladder. */
  discount: number;
}

export interface MemberBill {
  id: string;
  group: string;
  /** B_i, PLN net. */
  cost_before_pln: number;
  /** K_i, PLN net. */
  cost_after_pln: number;
  /** B_i − K_i. */
  gain_pln: number;
  /** K_i < B_i. */
  winner: boolean;
  /** Σ A·p: what the member pays for shared energy. */
  internal_paid_pln: number;
  /** Σ P·p: what the member is paid for its export counted as shared. */
  internal_received_pln: number;
  /** Σ A(o + c)X·m_w. */
  fee_exemption_pln: number;
  /** Σ A(n + q)d. */
  discount_pln: number;
  /** months·(F + H_i), the same with and without the cluster. */
  fixed_pln: number;
}

export interface ClusterBill {
  /** Σ_i (B_i − K_i) + Bat. */
  savings_pln: number;
  fee_exemption_pln: number;
  discount_pln: number;
  /** Bat = p·(Σ discharged − Σ charged). */
  battery_account_pln: number;
  /** Σ_i Σ_w A·p: what consumers pay for shared energy (to producers and the battery). */
  internal_payments_pln: number;
  /** Σ_i Σ_w P·p: what producers are paid for shared energy. Payments − this = Bat. */
  producer_income_pln: number;
  cost_before_pln: number;
  cost_after_pln: number;
  /** Calendar months present in the period. */
  months: number;
  winners: number;
  losers: number;
}

export interface Bills {
  members: MemberBill[];
  cluster: ClusterBill;
}

/** Hours in the year the households' capacity tiers are stated for. */
export const HOURS_PER_YEAR = 8760;

/** A member's annual consumption: its import over the period scaled to 8,760 hours. */
export function annualised(importKwh: number, windows: number, minutes: number): number {
  const hours = (windows * minutes) / 60;
  return hours > 0 ? (importKwh * HOURS_PER_YEAR) / hours : 0;
}

/** H_i: the monthly capacity amount of the first tier whose max the annual consumption does not exceed. */
export function tierAmount(capacity: MonthlyTiersCapacity, annualKwh: number): number {
  for (const [max, amount] of capacity.monthly_tiers) if (max === null || annualKwh <= max) return amount;
  return capacity.monthly_tiers.length ? capacity.monthly_tiers[capacity.monthly_tiers.length - 1][1] : 0;
}

function tariffOf(settings: BillSettings, i: number, id: string): Tariff {
  const group = settings.groups[i];
  const tariff = group === undefined ? undefined : settings.tariffs[group];
  if (!tariff) throw new Error(`member ${id}: no tariff for group ${JSON.stringify(group)}`);
  return tariff;
}

function kOf(settings: BillSettings, i: number, capacity: PerKwhCapacity): number {
  const k = settings.k?.[i];
  return k === undefined ? capacity.k : k;
}

function checkLengths(flows: BillFlows, settings: BillSettings): void {
  if (settings.groups.length !== flows.ids.length) {
    throw new Error(`${settings.groups.length} tariff groups for ${flows.ids.length} members`);
  }
  if (settings.exportPrice.length !== flows.windows || flows.renewableFraction.length !== flows.windows) {
    throw new Error(`export prices and renewable fractions must have one value per window (${flows.windows})`);
  }
}

function summarise(members: MemberBill[], flows: BillFlows, settings: BillSettings, months: number): Bills {
  const p = settings.internalPrice;
  const battery = p * (flows.discharged - flows.charged);
  const sum = (f: (m: MemberBill) => number) => members.reduce((a, m) => a + f(m), 0);
  const before = sum((m) => m.cost_before_pln);
  const after = sum((m) => m.cost_after_pln);
  return {
    members,
    cluster: {
      savings_pln: before - after + battery,
      fee_exemption_pln: sum((m) => m.fee_exemption_pln),
      discount_pln: sum((m) => m.discount_pln),
      battery_account_pln: battery,
      internal_payments_pln: sum((m) => m.internal_paid_pln),
      producer_income_pln: sum((m) => m.internal_received_pln),
      cost_before_pln: before,
      cost_after_pln: after,
      months,
      winners: members.filter((m) => m.winner).length,
      losers: members.filter((m) => m.cost_after_pln > m.cost_before_pln).length,
    },
  };
}

const indexCache = new WeakMap<WindowCalendar, WeakMap<Tariff, Uint8Array>>();

/**
 * Each window's zone and capacity-hour status under a tariff as one index, zone + zones × cap
 * (cap 1 in the capacity fee's hours on working days): computed once per (grid, tariff).
 */
function windowIndex(cal: WindowCalendar, tariff: Tariff): Uint8Array {
  let byTariff = indexCache.get(cal);
  if (!byTariff) {
    byTariff = new WeakMap();
    indexCache.set(cal, byTariff);
  }
  let idx = byTariff.get(tariff);
  if (!idx) {
    const zone = zoneIndices(cal, tariff);
    const nz = tariff.zones.length;
    if (2 * nz > 255) throw new Error(`a tariff may have at most 127 zones, not ${nz}`);
    idx = Uint8Array.from(zone);
    if (!isMonthlyTiers(tariff.capacity)) {
      const cap = capacityWindows(cal, tariff.capacity);
      for (let w = 0; w < idx.length; w++) idx[w] += nz * cap[w];
    }
    byTariff.set(tariff, idx);
  }
  return idx;
}

/** The bills of every member and the cluster (fast: one gathering pass per member). */
export function computeBills(flows: BillFlows, settings: BillSettings): Bills {
  checkLengths(flows, settings);
  const n = flows.windows;
  const cal = calendarFor(flows.startUtcMs, flows.minutes, n);
  const months = cal.monthKeys.length;
  const p = settings.internalPrice;
  const d = settings.discount;
  const X = settings.resCondition ? 1 : 0;
  const r = settings.exportPrice;
  const m = flows.renewableFraction;
  const members: MemberBill[] = [];

  for (let i = 0; i < flows.ids.length; i++) {
    const id = flows.ids[i];
    const tariff = tariffOf(settings, i, id);
    const idx = windowIndex(cal, tariff);
    const nz = tariff.zones.length;
    const oc = tariff.oze + tariff.cogeneration;
    const cap = tariff.capacity;
    const kRate = isMonthlyTiers(cap) ? 0 : cap.per_kwh * kOf(settings, i, cap);
    // Per index j = zone + nz × cap: π, e + d(n + q) and n + q. K_i follows from B_i because
    // A·π − A(n + q)(1 − d) − A·k − A(o + c) = A(e + d(n + q)).
    const piJ = new Float64Array(2 * nz);
    const gJ = new Float64Array(2 * nz);
    const nqJ = new Float64Array(2 * nz);
    for (let z = 0; z < nz; z++) {
      const { energy, network } = tariff.zones[z];
      const nq = network + tariff.quality;
      for (let c = 0; c <= 1; c++) {
        const j = z + nz * c;
        piJ[j] = energy + nq + oc + c * kRate;
        gJ[j] = energy + d * nq;
        nqJ[j] = nq;
      }
    }

    const I = flows.imports(i);
    const E = flows.exports(i);
    const A = flows.allocated(i);
    const P = flows.sharedExport(i);
    let before = 0; // Σ I·π − E·r
    let sumI = 0;
    let sumA = 0;
    let sumP = 0;
    let sumAg = 0; // Σ A·(e + d(n + q))
    let sumAnq = 0; // Σ A·(n + q)
    let sumAm = 0; // Σ A·m
    let sumPr = 0; // Σ P·r
    for (let w = 0; w < n; w++) {
      const j = idx[w];
      const Iw = I[w];
      const Aw = A[w];
      const Pw = P[w];
      const rw = r[w];
      before += Iw * piJ[j] - E[w] * rw;
      sumI += Iw;
      sumA += Aw;
      sumP += Pw;
      sumAg += Aw * gJ[j];
      sumAnq += Aw * nqJ[j];
      sumAm += Aw * m[w];
      sumPr += Pw * rw;
    }
    const H = isMonthlyTiers(cap) ? tierAmount(cap, annualised(sumI, n, flows.minutes)) : 0;
    const fixed = months * (tariff.fixed_monthly + H);
    const after = before - sumAg + p * sumA - oc * X * sumAm + sumPr - p * sumP + fixed;
    before += fixed;
    members.push({
      id,
      group: settings.groups[i],
      cost_before_pln: before,
      cost_after_pln: after,
      gain_pln: before - after,
      winner: after < before,
      internal_paid_pln: p * sumA,
      internal_received_pln: p * sumP,
      fee_exemption_pln: oc * X * sumAm,
      discount_pln: d * sumAnq,
      fixed_pln: fixed,
    });
  }
  return summarise(members, flows, settings, months);
}

// ---------------------------------------------------------------------------------------------
// The plain reference.

const warsawParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
});

/** Local year, month, hour and working-day status of an instant, from Intl (independent of calendar.ts). */
function localOf(utcMs: number): { year: number; month: number; hour: number; working: boolean } {
  const parts = Object.fromEntries(warsawParts.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const weekend = parts.weekday === 'Sat' || parts.weekday === 'Sun';
  return { year, month, hour: Number(parts.hour), working: !weekend && !isPolishHoliday(daysFromCivil(year, month, day)) };
}

/** The bills written plainly from §5.2, window by window (slow: for tests). */
export function referenceBills(flows: BillFlows, settings: BillSettings): Bills {
  checkLengths(flows, settings);
  const p = settings.internalPrice;
  const d = settings.discount;
  const X = settings.resCondition ? 1 : 0;
  const local = Array.from({ length: flows.windows }, (_, w) => localOf(flows.startUtcMs + w * flows.minutes * 60_000));
  const months = new Set(local.map((l) => `${l.year}-${l.month}`)).size;

  const members = flows.ids.map((id, i): MemberBill => {
    const tariff = tariffOf(settings, i, id);
    const { quality: q, oze: o, cogeneration: c } = tariff;
    const I = flows.imports(i);
    const E = flows.exports(i);
    const A = flows.allocated(i);
    const P = flows.sharedExport(i);
    let B = 0;
    let K = 0;
    let paid = 0;
    let received = 0;
    let exemption = 0;
    let discount = 0;
    let imported = 0;
    for (let w = 0; w < flows.windows; w++) {
      const l = local[w];
      const zone = tariff.zones[zoneAt(tariff, l.hour, l.month, l.working)];
      if (!zone) throw new Error(`member ${id}: hour ${l.hour} of month ${l.month} is in no zone`);
      const { energy: e, network: n } = zone;
      let k = 0;
      const cap = tariff.capacity;
      if (!isMonthlyTiers(cap)) {
        const [from, to] = cap.hours;
        const inside = from < to ? l.hour >= from && l.hour < to : l.hour >= from || l.hour < to;
        if (inside && l.working) k = cap.per_kwh * kOf(settings, i, cap);
      }
      const pi = e + n + q + o + c + k;
      const r = settings.exportPrice[w];
      const mw = flows.renewableFraction[w];
      B += I[w] * pi - E[w] * r;
      K += (I[w] - A[w]) * pi + A[w] * (p + (n + q) * (1 - d) + (o + c) * (1 - X * mw) + k) - (E[w] - P[w]) * r - P[w] * p;
      paid += A[w] * p;
      received += P[w] * p;
      exemption += A[w] * (o + c) * X * mw;
      discount += A[w] * (n + q) * d;
      imported += I[w];
    }
    let H = 0;
    if (isMonthlyTiers(tariff.capacity)) {
      const hours = (flows.windows * flows.minutes) / 60;
      const annual = hours > 0 ? (imported * 8760) / hours : 0;
      const tier = tariff.capacity.monthly_tiers.find(([max]) => max === null || annual <= max);
      H = (tier ?? tariff.capacity.monthly_tiers[tariff.capacity.monthly_tiers.length - 1])?.[1] ?? 0;
    }
    const fixed = months * (tariff.fixed_monthly + H);
    B += fixed;
    K += fixed;
    return {
      id,
      group: settings.groups[i],
      cost_before_pln: B,
      cost_after_pln: K,
      gain_pln: B - K,
      winner: K < B,
      internal_paid_pln: paid,
      internal_received_pln: received,
      fee_exemption_pln: exemption,
      discount_pln: discount,
      fixed_pln: fixed,
    };
  });
  return summarise(members, flows, settings, months);
}

// ---------------------------------------------------------------------------------------------
// Inputs.

/**
 * The engine's per-window view of a compute (src/engine/balance.ts `WindowView`, passed to
 * `BalanceEngine.compute`'s `perWindow` callback): a WindowView is one of these.
 */
export interface EngineWindows {
  rows: number;
  windows: number;
  startUtcMs: number;
  minutes: number;
  memberIds: string[];
  imports(row: number): Float64Array;
  exports(row: number): Float64Array;
  allocated(row: number): Float64Array;
  /** ΣE per window. */
  generation: Float64Array;
  /** S per window before storage. */
  sharedBeforeStorage: Float64Array;
  /** Export of renewable members per window. */
  renewableExport: Float64Array;
  charge: Float64Array;
  discharge: Float64Array;
}

/**
 * BillFlows over the engine's per-window view, without copying the member rows: P and m are
 * derived (§5.2: P = (S + charged)·E/ΣE; m = renewable export ÷ ΣE, the matched RES share of S, 0
 * when S = 0). Use it inside the `perWindow` callback (the view's arrays live only there); each
 * `sharedExport(i)` reuses one buffer, so read it before asking for the next member's.
 */
export function flowsFromEngine(view: EngineWindows): BillFlows {
  const n = view.windows;
  const m = new Float64Array(n);
  const toShare = new Float64Array(n); // (S + charged) / ΣE
  let charged = 0;
  let discharged = 0;
  for (let w = 0; w < n; w++) {
    const g = view.generation[w];
    const s = view.sharedBeforeStorage[w];
    if (g > 0) {
      toShare[w] = (s + view.charge[w]) / g;
      m[w] = s > 0 ? Math.min(1, view.renewableExport[w] / g) : 0;
    }
    charged += view.charge[w];
    discharged += view.discharge[w];
  }
  const scratch = new Float64Array(n);
  return {
    startUtcMs: view.startUtcMs,
    minutes: view.minutes,
    windows: n,
    ids: view.memberIds,
    imports: (i) => view.imports(i),
    exports: (i) => view.exports(i),
    allocated: (i) => view.allocated(i),
    sharedExport: (i) => {
      const e = view.exports(i);
      for (let w = 0; w < n; w++) scratch[w] = e[w] * toShare[w];
      return scratch;
    },
    renewableFraction: m,
    charged,
    discharged,
  };
}

/** Member-major arrays (member i's windows at [i·windows, (i + 1)·windows)), as plain inputs. */
export interface BillArrays {
  startUtcMs: number;
  minutes: number;
  ids: readonly string[];
  imports: Float64Array;
  exports: Float64Array;
  allocated: Float64Array;
  sharedExport: Float64Array;
  renewableFraction: Float64Array;
  charged: number;
  discharged: number;
}

export function flowsFromArrays(a: BillArrays): BillFlows {
  const n = a.renewableFraction.length;
  for (const name of ['imports', 'exports', 'allocated', 'sharedExport'] as const) {
    if (a[name].length !== a.ids.length * n)
      throw new Error(`${name} must hold ${a.ids.length} × ${n} values, not ${a[name].length}`);
  }
  const row = (x: Float64Array) => (i: number) => x.subarray(i * n, (i + 1) * n);
  return {
    startUtcMs: a.startUtcMs,
    minutes: a.minutes,
    windows: n,
    ids: a.ids,
    imports: row(a.imports),
    exports: row(a.exports),
    allocated: row(a.allocated),
    sharedExport: row(a.sharedExport),
    renewableFraction: a.renewableFraction,
    charged: a.charged,
    discharged: a.discharged,
  };
}
