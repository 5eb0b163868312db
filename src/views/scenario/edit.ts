/**
 * The scenario panel's edits as plain functions: each takes a scenario and returns the next one
 * (never changing its input), so that the panel only validates and sends. Members are named by
 * PPE as in the loaded data, matched ignoring spaces and case (CLUSTERS.md §4.8).
 */
import { meterKey } from '../../ingest/names';
import {
  addedDefaults,
  addedMemberIds,
  type Added,
  type AddedType,
  type MemberBattery,
  type Scenario,
  type StandardProfile,
} from '../../scenario/model';
import { formatProblem, memberProblems, parseScenario, type Problem } from '../../scenario/schema';

/** A plain, mutable copy (works on Svelte's reactive proxies too: a scenario is JSON). */
export function copy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export type Checked = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * An edited scenario as the engine would take it: valid by the schema (defaults filled in) and
 * naming only members that are loaded (`ppes`). Problems name the field, as the schema does.
 */
export function checkScenario(next: Scenario, ppes: readonly string[]): Checked {
  const r = parseScenario(copy(next));
  if (!r.ok) return { ok: false, problems: r.problems };
  const problems = memberProblems(r.scenario, ppes);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: r.scenario };
}

/** Every id an added item or a loaded member already has, by meterKey. */
export function takenIds(s: Scenario, ppes: readonly string[]): Set<string> {
  const taken = new Set(ppes.map(meterKey));
  for (const item of s.add) {
    taken.add(meterKey(item.id));
    for (const id of addedMemberIds(item)) taken.add(meterKey(id));
  }
  return taken;
}

/** `<prefix>-1`, `<prefix>-2`, … : the first that neither it nor its `-k` members clash with `taken`. */
export function nextId(prefix: string, taken: ReadonlySet<string>, count = 1): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    const ids = count > 1 ? Array.from({ length: count }, (_, i) => `${id}-${i + 1}`) : [id];
    if (!taken.has(meterKey(id)) && ids.every((x) => !taken.has(meterKey(x)))) return id;
  }
}

/** The prefixes new items' ids get. */
export const ID_PREFIX: Record<AddedType, string> = {
  pv: 'PV',
  wind: 'WIND',
  biogas: 'CHP',
  profile: 'PROFILE',
  consumer: 'LOAD',
};

/** Sizes a new item starts with: a 1 MWp farm, a 2 MW turbine, a 500 kW CHP, ten households. */
export const NEW_ITEM = {
  pvKwp: 1000,
  windKw: 2000,
  biogasKw: 500,
  consumer: { profile: 'H25' as StandardProfile, annual_kwh: 2500, count: 10 },
};

/** A new item of `type` with the defaults (CLUSTERS.md §8: south 35°, Staszów, 14 % losses). */
export function newItem(type: AddedType, s: Scenario, ppes: readonly string[], file = ''): Added {
  const taken = takenIds(s, ppes);
  switch (type) {
    case 'pv':
      return { type, id: nextId(ID_PREFIX.pv, taken), kwp: NEW_ITEM.pvKwp, ...addedDefaults.pv };
    case 'wind':
      return { type, id: nextId(ID_PREFIX.wind, taken), kw: NEW_ITEM.windKw, ...addedDefaults.wind };
    case 'biogas':
      return { type, id: nextId(ID_PREFIX.biogas, taken), kw: NEW_ITEM.biogasKw, ...addedDefaults.biogas };
    case 'profile':
      return { type, id: nextId(ID_PREFIX.profile, taken), file, ...addedDefaults.profile };
    case 'consumer':
      return { type, id: nextId(ID_PREFIX.consumer, taken, NEW_ITEM.consumer.count), ...NEW_ITEM.consumer };
  }
}

export function addItem(s: Scenario, item: Added): Scenario {
  return { ...copy(s), add: [...copy(s.add), item] };
}

/** Item `index` with `patch` applied; a key set to undefined is removed (e.g. `member`). */
export function setItem(s: Scenario, index: number, patch: Record<string, unknown>): Scenario {
  const next = copy(s);
  const item = { ...next.add[index], ...patch } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete item[k];
  next.add[index] = item as unknown as Added;
  return next;
}

export function removeItem(s: Scenario, index: number): Scenario {
  const next = copy(s);
  next.add.splice(index, 1);
  return next;
}

const same = (a: string) => (b: string) => meterKey(a) === meterKey(b);

function withoutKey<T>(record: Record<string, T>, ppe: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !same(ppe)(k)));
}

/**
 * A member excluded (or back in). An excluded member's share, place in the order, scaling and
 * own battery are dropped with it: it is gone from every sum. Generators behind its meter stay
 * (the schema then says they must move first).
 */
export function setExcluded(s: Scenario, ppe: string, excluded: boolean): Scenario {
  const next = copy(s);
  next.exclude = next.exclude.filter((x) => !same(ppe)(x));
  if (!excluded) return next;
  next.exclude.push(ppe);
  next.shares = withoutKey(next.shares, ppe);
  next.order = next.order.filter((x) => !same(ppe)(x));
  next.scale = withoutKey(next.scale, ppe);
  next.behind_meter = withoutKey(next.behind_meter, ppe);
  return next;
}

/** A member's consumption scaled by `factor` (1 = as metered, which removes the entry). */
export function setScale(s: Scenario, ppe: string, factor: number): Scenario {
  const next = copy(s);
  next.scale = withoutKey(next.scale, ppe);
  if (factor !== 1) next.scale[ppe] = factor;
  return next;
}

/** A member's own battery behind its meter (null removes it). */
export function setMemberBattery(s: Scenario, ppe: string, battery: MemberBattery | null): Scenario {
  const next = copy(s);
  next.behind_meter = withoutKey(next.behind_meter, ppe);
  if (battery) next.behind_meter[ppe] = battery;
  return next;
}

/** A static share (fraction 0..1; null removes it). */
export function setShare(s: Scenario, ppe: string, share: number | null): Scenario {
  const next = copy(s);
  next.shares = withoutKey(next.shares, ppe);
  if (share !== null) next.shares[ppe] = share;
  return next;
}

/** The sum of the static shares. */
export function sharesTotal(s: Scenario): number {
  return Object.values(s.shares).reduce((a, x) => a + x, 0);
}

/** Equal shares of 1/N for `ppes`, rounded to 0.01 % so that they add up to at most 1. */
export function equalShares(ppes: readonly string[]): Record<string, number> {
  const each = Math.floor(1_000_000 / Math.max(1, ppes.length)) / 1_000_000;
  return Object.fromEntries(ppes.map((p) => [p, each]));
}

/**
 * The priority order as the engine applies it: the members the scenario names first (those still
 * in `ppes`), then the others in data order.
 */
export function effectiveOrder(order: readonly string[], ppes: readonly string[]): string[] {
  const named = order.map((o) => ppes.find(same(o))).filter((p): p is string => p !== undefined);
  const seen = new Set(named.map(meterKey));
  return [...new Set(named), ...ppes.filter((p) => !seen.has(meterKey(p)))];
}

/** The order with the entry at `from` moved to `to` (both clamped). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [x] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, x!);
  return out;
}

/** The problems of one field (`add[2].kwp`) or of the fields under it (`battery`). */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/** Round to two significant digits: 17 430 → 17 000, 4 648 → 4 600. */
export function nice(x: number): number {
  if (!(x > 0)) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / magnitude) * magnitude;
}

/**
 * Default ranges of the sizing sweep from the cluster's size: PV up to 1.5 × the mean load × 10
 * hours of sun (kWp), battery up to four hours of the mean load (kWh).
 */
export function sweepDefaults(consumptionKwh: number, hours: number): { pvKwp: [number, number]; batteryKwh: [number, number] } {
  const meanKw = hours > 0 ? consumptionKwh / hours : 0;
  return { pvKwp: [0, nice(1.5 * meanKw * 10) || 1000], batteryKwh: [0, nice(4 * meanKw) || 500] };
}

/** What a scenario changes, for a variant's name ("Wariant A: PV 2 MW, 10 × H25"). */
export type Change =
  | { kind: 'pv' | 'wind' | 'biogas'; kw: number }
  | { kind: 'profile'; file: string }
  | { kind: 'consumer'; profile: string; count: number }
  | { kind: 'battery'; kwh: number }
  | { kind: 'exclude' | 'scale' | 'behind-meter'; count: number };

export function changes(s: Scenario): Change[] {
  const out: Change[] = [];
  for (const item of s.add) {
    if (item.type === 'pv') out.push({ kind: 'pv', kw: item.kwp });
    else if (item.type === 'wind' || item.type === 'biogas') out.push({ kind: item.type, kw: item.kw });
    else if (item.type === 'profile') out.push({ kind: 'profile', file: item.file });
    else out.push({ kind: 'consumer', profile: item.profile, count: item.count });
  }
  if (s.battery) out.push({ kind: 'battery', kwh: s.battery.capacity_kwh });
  if (s.exclude.length > 0) out.push({ kind: 'exclude', count: s.exclude.length });
  const scaled = Object.keys(s.scale).length;
  if (scaled > 0) out.push({ kind: 'scale', count: scaled });
  const own = Object.keys(s.behind_meter).length;
  if (own > 0) out.push({ kind: 'behind-meter', count: own });
  return out;
}

/** The first free variant letter: A, B, C, D (…), given the names already used. */
export function variantLetter(names: readonly (string | undefined)[]): string {
  for (let i = 0; i < 26; i++) {
    const letter = String.fromCharCode(65 + i);
    if (!names.some((n) => n !== undefined && new RegExp(`\\b${letter}\\b(:|$)`).test(n))) return letter;
  }
  return String(names.length + 1);
}

/** What a link made on other data leaves out until those data are loaded (withoutMemberReferences). */
export function leftOut(
  s: Scenario,
): { field: 'shares' | 'order' | 'behind_meter' | 'exclude' | 'scale' | 'behind'; count: number }[] {
  const behind = s.add.filter((a) => a.type !== 'consumer' && a.member !== undefined).length;
  const counts = {
    exclude: s.exclude.length,
    scale: Object.keys(s.scale).length,
    behind,
    behind_meter: Object.keys(s.behind_meter).length,
    shares: Object.keys(s.shares).length,
    order: s.order.length,
  };
  return (Object.entries(counts) as [keyof typeof counts, number][])
    .filter(([, n]) => n > 0)
    .map(([field, count]) => ({ field, count }));
}

export { formatProblem };
