import type { ClusterData, Member } from '../ingest/cluster-data';
import type { BalanceSettings, Battery } from './types';

/** Checks settings against the data they apply to; returns the problem in words, or null. */
export function settingsProblem(s: BalanceSettings, members: number, stepMinutes: number): string | null {
  if (![15, 30, 60].includes(s.windowMinutes)) return `netting window must be 15, 30 or 60 minutes, not ${s.windowMinutes}`;
  if (s.windowMinutes < stepMinutes || s.windowMinutes % stepMinutes !== 0) {
    return `a ${s.windowMinutes}-minute window cannot be made from ${stepMinutes}-minute data`;
  }
  if (s.shares) {
    if (s.shares.length !== members) return `${s.shares.length} shares given for ${members} members`;
    if (s.shares.some((x) => !Number.isFinite(x) || x < 0)) return 'shares must be non-negative numbers';
    const total = s.shares.reduce((a, b) => a + b, 0);
    // Less than 1 leaves part of the supply unallocated (to the grid), as a static key may.
    if (total > 1 + 1e-6) return `shares must sum to at most 1 (100 %), they sum to ${total}`;
  }
  if (s.order) {
    const seen = new Set(s.order);
    if (seen.size !== s.order.length || s.order.some((i) => !Number.isInteger(i) || i < 0 || i >= members)) {
      return 'priority order must list member indices at most once each';
    }
  }
  if (s.battery) {
    const problem = batteryProblem(s.battery);
    if (problem) return problem;
  }
  const owners = new Set<number>();
  for (const b of s.behindMeter ?? []) {
    if (!Number.isInteger(b.member) || b.member < 0 || b.member >= members)
      return `no member ${b.member} for a behind-the-meter battery`;
    if (owners.has(b.member)) return `member ${b.member} has two behind-the-meter batteries`;
    owners.add(b.member);
    const problem = batteryProblem(b.battery);
    if (problem) return `behind-the-meter battery of member ${b.member}: ${problem}`;
  }
  return null;
}

function batteryProblem(b: Battery): string | null {
  const { socMin, socMax } = batteryBounds(b);
  if (!(b.capacityKwh > 0)) return 'battery capacity must be above 0 kWh';
  if (!(b.powerKw > 0) || (b.dischargePowerKw !== undefined && !(b.dischargePowerKw > 0)))
    return 'battery power must be above 0 kW';
  if (!(b.roundTrip > 0 && b.roundTrip <= 1)) return 'round-trip efficiency must be in (0, 1]';
  if (b.importLimitKw !== undefined && !(b.importLimitKw >= 0 && Number.isFinite(b.importLimitKw)))
    return 'the peak-shaving grid-import limit must be a number of kW ≥ 0';
  if (!(socMin >= 0 && socMin < socMax && socMax <= b.capacityKwh))
    return 'state-of-charge limits must satisfy 0 ≤ min < max ≤ capacity';
  return null;
}

/** The state-of-charge band a battery works in, kWh. */
export function batteryBounds(b: Battery): { socMin: number; socMax: number } {
  return { socMin: b.socMinKwh ?? 0, socMax: b.socMaxKwh ?? b.capacityKwh };
}

/**
 * The settings with the finest netting window the data allow: never finer than the data's
 * resolution (a 15-minute window cannot be made from hourly data).
 */
export function windowForData(s: BalanceSettings, stepMinutes: number): BalanceSettings {
  if (s.windowMinutes >= stepMinutes && s.windowMinutes % stepMinutes === 0) return s;
  const fitting = [15, 30, 60].find((w) => w >= s.windowMinutes && w >= stepMinutes && w % stepMinutes === 0) ?? 60;
  return { ...s, windowMinutes: fitting };
}

/** Equal shares, the default static key. */
export function equalShares(members: number): number[] {
  return Array.from({ length: members }, () => 1 / members);
}

/** Members in data order, the default priority. */
export function dataOrder(members: number): number[] {
  return Array.from({ length: members }, (_, i) => i);
}

/**
 * A priority order that names every member: the listed ones first, as given, then the members not
 * listed in data (register) order. Priority must always share min(ΣI, ΣE) (CLUSTERS.md §4.3); an
 * order naming only some members would otherwise leave the rest without shared energy.
 */
export function completeOrder(order: readonly number[] | undefined, members: number): number[] {
  if (!order) return dataOrder(members);
  const listed = new Set(order);
  return [...order, ...dataOrder(members).filter((i) => !listed.has(i))];
}

/** Members a partial priority order leaves out (they follow the listed ones in data order). */
export function unlistedInOrder(order: readonly number[] | undefined, members: number): number[] {
  if (!order) return [];
  const listed = new Set(order);
  return dataOrder(members).filter((i) => !listed.has(i));
}

/** A member counts as a renewable source when its register lists PV, wind or biogas capacity. */
export function isRenewable(m: Member): boolean {
  return m.pvKwp > 0 || m.windKw > 0 || m.biogasKw > 0;
}

/**
 * The cluster's gross consumption, when gross generation is metered for some member (§4 step 1):
 * c = I + g − E for those members, I for the rest (their own use of what they generate unknown).
 */
export function grossConsumption(data: ClusterData): number | undefined {
  const rows = grossByRow(data);
  return rows ? rows.reduce((a, v) => a + v, 0) : undefined;
}

/** Each member's gross consumption (see grossConsumption), or undefined without metered generation. */
export function grossByRow(data: ClusterData): Float64Array | undefined {
  const g = data.grossGeneration;
  if (!g || !data.grossMetered?.some(Boolean)) return undefined;
  const n = data.intervals;
  const out = new Float64Array(data.members.length);
  for (let i = 0; i < data.members.length; i++) {
    const metered = data.grossMetered[i];
    let total = 0;
    for (let t = i * n; t < (i + 1) * n; t++) {
      total += data.imports[t];
      if (metered) total += g[t] - data.exports[t];
    }
    out[i] = total;
  }
  return out;
}
