/**
 * The cluster's registration and support checks (CLUSTERS.md §2): each says pass, fail, a
 * warning, unknown or (for the discount ladder) "no discount", with the numbers behind it, its
 * legal source and whether §2 marks it "not confirmed" (`toBeVerified`). Every threshold is a
 * parameter (RuleParams, kept in the scenario's `rules` object: rules-schema.ts).
 */
import type { Member } from '../ingest/cluster-data';
import { dsoFromPpe } from '../ingest/register';
import type { Kpis } from '../engine/types';

export type RuleId =
  'jst-member' | 'area' | 'one-dso' | 'res-share' | 'discount-tier' | 'capacity-coverage' | 'max-capacity' | 'min-storage';

/**
 * pass / fail: met or not. warn: a condition the summaries add but the act's text was not
 * confirmed to hold (one DSO): shown, never a failure. unknown: the data cannot say (no member
 * register, no powiat, no storage…) — "0 gminy" or "0 % renewable" would be a false failure.
 * none: below the discount ladder's first rung, i.e. no discount, which is not a failure.
 */
export type RuleStatus = 'pass' | 'fail' | 'warn' | 'unknown' | 'none';

/** Where a rule comes from; the page words each (i18n `rules.source.<key>`). */
export type RuleSourceKey = 'oze-art2-15a' | 'oze-art38a' | 'summaries-2023' | 'draft-2022';

/** The sources, as cited in CLUSTERS.md §2. */
export const RULE_SOURCES: Record<RuleSourceKey, string> = {
  'oze-art2-15a': 'ustawa o OZE, art. 2 pkt 15a (Dz.U. 2023 poz. 1762)',
  'oze-art38a': 'ustawa o OZE, art. 38a ff. (consolidated text Dz.U. 2024 poz. 1361)',
  'summaries-2023': 'legal summaries of art. 2 pkt 15a (2023)',
  'draft-2022': '2022 draft amendment',
};

/** Why a check could not be made. */
export type UnknownReason =
  'no-register' | 'no-place' | 'no-powiat' | 'no-dso' | 'no-generation' | 'no-consumption' | 'no-capacity' | 'no-storage';

export interface RuleCheck {
  id: RuleId;
  status: RuleStatus;
  /** status === 'pass'. */
  pass: boolean;
  /** The measured value (a ratio 0..1, a count or MW) the check was made on; 0 when unknown. */
  value: number;
  /** The threshold it was compared with (same unit as value). */
  threshold: number;
  /** Discount reached on the ladder (0 when none). */
  tier?: number;
  /** From the 2022 draft (kept for older callers: source === 'draft-2022'). */
  draft?: boolean;
  /** §2 says "not confirmed" in the final text: shown "to be verified". */
  toBeVerified: boolean;
  source: RuleSourceKey;
  /** unknown: why. */
  reason?: UnknownReason;
  /** Area: the form met (or, when failed or unknown, absent). */
  form?: 'powiat' | 'gminy';
  /** Area: distinct gminy and powiaty among register members, and members giving neither. */
  gminy?: number;
  powiaty?: number;
  /** Area: the one powiat, when the powiat form is met. */
  powiat?: string;
  withoutPlace?: number;
  /** JST member: how many of each kind of qualifying member. */
  kinds?: { jst: number; municipal: number; parent: number };
  /** One DSO: the operators found, and members whose operator is unknown. */
  dsos?: string[];
  withoutDso?: number;
  /** Renewable share: the year it was checked for. */
  year?: number;
  /** Storage: the storage power and the installed generation it is set against (kW). */
  storageKw?: number;
  installedKw?: number;
}

/** One rung of the distribution-fee discount ladder: matched share above `above` → `discount`. */
export interface LadderRung {
  above: number;
  discount: number;
}

/** Every threshold the checks use; snake_case as in the scenario's `rules` object. */
export interface RuleParams {
  /** The year of the check (the renewable threshold depends on it). */
  year: number;
  /** Renewable share of generation required from each year on ({"2026": 0.3, "2027": 0.5}). */
  res_threshold_by_year: Record<string, number>;
  ladder: LadderRung[];
  /** Draft: generation covers at least this share of the members' demand. */
  capacity_coverage: number;
  /** Draft: total installed capacity at most this (MW). */
  max_capacity_mw: number;
  /** Draft: storage power at least this share of installed generation capacity. */
  min_storage_share: number;
}

/** The thresholds of CLUSTERS.md §2 (everything but the year, which the data give). */
export const DEFAULT_THRESHOLDS: Readonly<Omit<RuleParams, 'year'>> = Object.freeze({
  // 30 % (in force since 2024), 50 % from 1 Jan 2027. Not confirmed in the consolidated text.
  res_threshold_by_year: Object.freeze({ '2026': 0.3, '2027': 0.5 }) as Record<string, number>,
  // Shape from the 2022 draft; final thresholds not confirmed.
  ladder: Object.freeze([
    Object.freeze({ above: 0.6, discount: 0.05 }),
    Object.freeze({ above: 0.7, discount: 0.1 }),
    Object.freeze({ above: 0.8, discount: 0.15 }),
    Object.freeze({ above: 0.9, discount: 0.2 }),
  ]) as LadderRung[],
  capacity_coverage: 0.4,
  max_capacity_mw: 100,
  min_storage_share: 0.02,
});

/** The default parameters for a year (a fresh copy, free to edit). */
export function defaultRuleParams(year: number): RuleParams {
  return structuredClone({ ...DEFAULT_THRESHOLDS, year }) as RuleParams;
}

/** Distribution-fee discount ladder (2022 draft), highest rung first. */
export const DISCOUNT_LADDER: readonly LadderRung[] = [...DEFAULT_THRESHOLDS.ladder].reverse();

/**
 * The renewable share required in `year`: the value of the latest year in the table not after
 * it; before the table's first year, the first year's value (the condition exists since 2024).
 */
export function resThreshold(year: number, byYear: Record<string, number> = DEFAULT_THRESHOLDS.res_threshold_by_year): number {
  const years = Object.keys(byYear)
    .map(Number)
    .filter((y) => Number.isFinite(y))
    .sort((a, b) => a - b);
  if (years.length === 0) return 0;
  let at = years[0]!;
  for (const y of years) if (y <= year) at = y;
  return byYear[String(at)]!;
}

/** The rung a matched share reaches (strictly above its threshold), or undefined: no discount. */
export function discountRung(
  matchedShare: number,
  ladder: readonly LadderRung[] = DEFAULT_THRESHOLDS.ladder,
): LadderRung | undefined {
  let best: LadderRung | undefined;
  for (const r of ladder) {
    if (
      matchedShare > r.above &&
      (best === undefined || r.above > best.above || (r.above === best.above && r.discount > best.discount))
    ) {
      best = r;
    }
  }
  return best;
}

/** Whether any member comes from a member register (data-only meters are marked `registered: false`). */
export function hasRegister(members: readonly Member[]): boolean {
  return members.some((m) => m.registered !== false);
}

/** Storage the scenario brings (community battery and members' own batteries). */
export interface StorageInput {
  power_kw: number;
  capacity_kwh?: number;
}

/** The storage of a scenario: its community battery plus its behind-the-meter batteries; undefined when it has none. */
export function scenarioStorage(s: {
  battery: { power_kw: number; capacity_kwh: number } | null;
  behind_meter?: Record<string, { power_kw: number; capacity_kwh: number }>;
}): StorageInput | undefined {
  const all = [...(s.battery ? [s.battery] : []), ...Object.values(s.behind_meter ?? {})];
  if (all.length === 0) return undefined;
  return {
    power_kw: all.reduce((sum, b) => sum + b.power_kw, 0),
    capacity_kwh: all.reduce((sum, b) => sum + b.capacity_kwh, 0),
  };
}

/**
 * A gmina or powiat name compared loosely: case, spacing and a leading "gmina " / "powiat " do
 * not matter. "Gmina miejska X" and "gmina wiejska X" stay apart: they are two gminy (Ciechanów).
 */
export function placeKey(name: string, kind: 'gmina' | 'powiat'): string {
  let s = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (kind === 'gmina') s = s.replace(/^(gmina|gm\.) (?!miejska|wiejska)/, '').replace(/^(miasto i gmina|mig) /, '');
  else s = s.replace(/^(powiat|pow\.) /, '');
  return s;
}

/** The member's DSO: the register's, or from its PPE code. */
function dsoOf(m: Member): string | undefined {
  return m.dso ?? dsoFromPpe(m.id);
}

const sourceFields = (source: RuleSourceKey, toBeVerified: boolean) => ({
  source,
  toBeVerified,
  ...(source === 'draft-2022' ? { draft: true } : {}),
});

const unknown = (reason: UnknownReason) => ({ status: 'unknown' as const, pass: false, reason });
const judged = (pass: boolean) => ({ status: pass ? ('pass' as const) : ('fail' as const), pass });

/**
 * Area (art. 2 pkt 15a): one powiat, or at most `maxGminy` neighbouring gminy, set by the members'
 * connection points. Each form is met, failed or undecided from the register's gmina and powiat
 * cells; members giving neither are left out (and counted). Neighbourhood cannot be checked.
 */
function areaCheck(registered: readonly Member[], maxGminy = 5): RuleCheck {
  const base = { id: 'area' as const, threshold: maxGminy, ...sourceFields('oze-art2-15a', false) };
  if (registered.length === 0) return { ...base, ...unknown('no-register'), value: 0 };
  const placed = registered.filter((m) => m.gmina.trim() !== '' || (m.powiat ?? '').trim() !== '');
  const withoutPlace = registered.length - placed.length;
  const gminy = new Set(placed.map((m) => placeKey(m.gmina, 'gmina')).filter(Boolean));
  const powiatNames = new Map<string, string>();
  for (const m of placed) {
    const p = (m.powiat ?? '').trim();
    if (p !== '' && !powiatNames.has(placeKey(p, 'powiat'))) powiatNames.set(placeKey(p, 'powiat'), p);
  }
  const facts = { gminy: gminy.size, powiaty: powiatNames.size, withoutPlace, value: gminy.size };
  if (placed.length === 0) return { ...base, ...unknown('no-place'), ...facts };
  const allGmina = placed.every((m) => m.gmina.trim() !== '');
  const allPowiat = placed.every((m) => (m.powiat ?? '').trim() !== '');
  // Each form: true (met), false (failed) or undefined (the data cannot say).
  const powiatForm = powiatNames.size > 1 ? false : powiatNames.size === 1 && allPowiat ? true : undefined;
  const gminyForm = gminy.size > maxGminy ? false : allGmina ? true : undefined;
  if (powiatForm === true) {
    return { ...base, ...judged(true), ...facts, form: 'powiat', powiat: [...powiatNames.values()][0]! };
  }
  if (gminyForm === true) return { ...base, ...judged(true), ...facts, form: 'gminy' };
  if (powiatForm === false && gminyForm === false) return { ...base, ...judged(false), ...facts };
  return { ...base, ...unknown(powiatNames.size === 0 ? 'no-powiat' : 'no-place'), ...facts };
}

/**
 * The checks of CLUSTERS.md §2 on a balanced cluster. `members` are the cluster's (register
 * members, data-only meters marked `registered: false`, and a scenario's added members);
 * `storage` the scenario's batteries, if any. Parameters not given take their defaults (the year:
 * the current one).
 */
export function checkRules(
  kpis: Kpis,
  members: readonly Member[],
  params: Partial<RuleParams> | number = {},
  storage?: StorageInput,
): RuleCheck[] {
  const given: Partial<RuleParams> =
    typeof params === 'number' ? { year: params } : Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  const p: RuleParams = { ...defaultRuleParams(given.year ?? new Date().getUTCFullYear()), ...given };
  const registered = members.filter((m) => m.registered !== false);
  const known = registered.length > 0;

  // JST member (art. 2 pkt 15a lit. a–c): a JST, a municipal company, or a company holding > 50 % of one.
  const kinds = {
    jst: registered.filter((m) => m.type === 'jst').length,
    municipal: registered.filter((m) => m.type === 'municipal').length,
    parent: registered.filter((m) => m.type === 'parent').length,
  };
  const qualifying = kinds.jst + kinds.municipal + kinds.parent;
  const jst: RuleCheck = {
    id: 'jst-member',
    ...(known ? judged(qualifying > 0) : unknown('no-register')),
    value: qualifying,
    threshold: 1,
    kinds,
    ...sourceFields('oze-art2-15a', false),
  };

  // One DSO: the summaries add it; a mix is a warning. Every meter counts (its PPE may name its DSO).
  const dsoNames = new Map<string, string>();
  let withoutDso = 0;
  for (const m of members) {
    const d = dsoOf(m);
    if (d === undefined) withoutDso++;
    else if (!dsoNames.has(d.toLowerCase())) dsoNames.set(d.toLowerCase(), d);
  }
  const dsos = [...dsoNames.values()].sort();
  const oneDso: RuleCheck = {
    id: 'one-dso',
    ...(dsos.length === 0 ? unknown('no-dso') : dsos.length === 1 ? judged(true) : { status: 'warn' as const, pass: false }),
    value: dsos.length,
    threshold: 1,
    dsos,
    withoutDso,
    ...sourceFields('summaries-2023', true),
  };

  // Renewable share of generation: 30 %, 50 % from 2027 (not confirmed in the consolidated text).
  const resLimit = resThreshold(p.year, p.res_threshold_by_year);
  const res: RuleCheck = {
    id: 'res-share',
    ...(!known
      ? unknown('no-register')
      : kpis.generation_kwh > 0
        ? judged(kpis.res_generation_share >= resLimit)
        : unknown('no-generation')),
    value: known ? kpis.res_generation_share : 0,
    threshold: resLimit,
    year: p.year,
    ...sourceFields('oze-art38a', true),
  };

  // §2: the ladder is measured on the same-window matched share, shared energy before storage.
  const matched = kpis.matched_share;
  const rung = discountRung(matched, p.ladder);
  const firstRung = p.ladder.length > 0 ? Math.min(...p.ladder.map((r) => r.above)) : 1;
  const discount: RuleCheck = {
    id: 'discount-tier',
    status: rung ? 'pass' : 'none',
    pass: rung !== undefined,
    value: matched,
    threshold: firstRung,
    tier: rung?.discount ?? 0,
    ...sourceFields('draft-2022', true),
  };

  // Draft: generation able to cover the members' demand; measured as energy fed in ÷ consumption
  // (the draft speaks of capacity, so the measure itself is uncertain).
  const coverage: RuleCheck = {
    id: 'capacity-coverage',
    ...(kpis.consumption_kwh > 0
      ? judged(kpis.generation_kwh / kpis.consumption_kwh >= p.capacity_coverage)
      : unknown('no-consumption')),
    value: kpis.consumption_kwh > 0 ? kpis.generation_kwh / kpis.consumption_kwh : 0,
    threshold: p.capacity_coverage,
    ...sourceFields('draft-2022', true),
  };

  // Draft: total installed capacity from the register's kWp/kW columns (a scenario's additions included).
  const installedKw = registered.reduce((s, m) => s + m.pvKwp + m.windKw + m.biogasKw, 0);
  const maxCapacity: RuleCheck = {
    id: 'max-capacity',
    ...(known ? judged(installedKw / 1000 <= p.max_capacity_mw) : unknown('no-register')),
    value: installedKw / 1000,
    threshold: p.max_capacity_mw,
    installedKw,
    ...sourceFields('draft-2022', true),
  };

  // Draft: storage ≥ 2 % of installed capacity, read as storage power against generation power
  // (kW to kW; the draft's measure is not confirmed). The register lists no storage, so without
  // a battery in the scenario the answer is unknown, not "none".
  const storageKw = storage?.power_kw ?? 0;
  const minStorage: RuleCheck = {
    id: 'min-storage',
    ...(!known || installedKw <= 0
      ? unknown(known ? 'no-capacity' : 'no-register')
      : storage === undefined
        ? unknown('no-storage')
        : judged(storageKw / installedKw >= p.min_storage_share)),
    value: installedKw > 0 ? storageKw / installedKw : 0,
    threshold: p.min_storage_share,
    storageKw,
    installedKw,
    ...sourceFields('draft-2022', true),
  };

  return [jst, areaCheck(registered), oneDso, res, discount, coverage, maxCapacity, minStorage];
}
