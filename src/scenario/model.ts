/**
 * The scenario model, version 2: everything a user can change about a cluster's balance, small
 * enough to live in a link (it carries settings, never meter data). Its JSON form, with these
 * snake_case keys, is also the CLI's scenario file and what the page keeps in the browser; one
 * schema (schema.ts) validates all three. Overlays follow CLUSTERS.md §4.8, batteries §4.6.
 *
 * A Scenario as the schema returns it is complete: every field that has a default is present
 * (parseScenario fills them in), so code that reads a scenario never needs to know the defaults.
 * Fields without a default (`name`, `seed`, battery SoC limits, `member`, …) are absent when
 * not given. Members are named by PPE as in the loaded data (matched ignoring spaces and case).
 */
import type { AllocationKey } from '../engine/types';
import type { Money } from '../money/schema';

/** The version this code writes; version 1 (the first page's links) is read and upgraded. */
export const SCENARIO_VERSION = 2;

/** Netting windows the statute and the engine support, minutes. */
export const WINDOW_MINUTES = [15, 30, 60] as const;
export type WindowMinutes = (typeof WINDOW_MINUTES)[number];

export const ALLOCATION_KEYS = ['dynamic', 'static', 'hybrid', 'priority'] as const satisfies readonly AllocationKey[];

/**
 * How the community battery discharges (§4.6): `self-consumption` covers the whole residual
 * deficit; `peak-shaving` only the part above `import_limit_kw`, keeping charge for the peaks.
 */
export const DISPATCH_MODES = ['self-consumption', 'peak-shaving'] as const;
export type Dispatch = (typeof DISPATCH_MODES)[number];

export const ADDED_TYPES = ['pv', 'wind', 'biogas', 'profile', 'consumer'] as const;
export type AddedType = (typeof ADDED_TYPES)[number];

/** Biogas/CHP output: flat at rated kW × availability, or heat-led (more in winter). */
export const BIOGAS_MODES = ['flat', 'heat-led'] as const;
export type BiogasMode = (typeof BIOGAS_MODES)[number];

/** Standard load profiles a new consumer can follow (BDEW 2025 and the classic 1996 set). */
export const STANDARD_PROFILES = ['H25', 'G25', 'L25', 'H0', 'G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'L0', 'L1', 'L2'] as const;
export type StandardProfile = (typeof STANDARD_PROFILES)[number];

/** Most saved variants beside the current scenario. */
export const MAX_VARIANTS = 4;

/** The community battery (§4.6). */
export interface CommunityBattery {
  capacity_kwh: number;
  /** Charge and discharge power limit, kW. */
  power_kw: number;
  /** Round-trip efficiency, (0, 1]. */
  round_trip: number;
  /** Lowest state of charge, kWh; absent = 0. */
  soc_min_kwh?: number;
  /** Highest state of charge, kWh; absent = the capacity. */
  soc_max_kwh?: number;
  dispatch: Dispatch;
  /** Grid-import limit for peak shaving, kW; required when dispatch is `peak-shaving`. */
  import_limit_kw?: number;
  /** Investment (issue 9): absent = the defaults for its kind (money/investment.ts). */
  capex_pln?: number;
  opex_pln_per_year?: number;
  lifetime_years?: number;
}

/** A member's own battery behind its meter. */
export interface MemberBattery {
  capacity_kwh: number;
  power_kw: number;
  round_trip: number;
}

/** Generators: a new producer, or placed behind an existing member's meter. */
interface GeneratorBase {
  /** The id of the added member (or of the series, when behind a meter); unique among `add`. */
  id: string;
  /** The PPE to place it behind; absent = a new producer with its own id. */
  member?: string;
  /** Investment (issue 9): absent = the defaults for its kind (money/investment.ts). */
  capex_pln?: number;
  opex_pln_per_year?: number;
  lifetime_years?: number;
}

export interface AddedPv extends GeneratorBase {
  type: 'pv';
  /** Peak DC power, kWp. */
  kwp: number;
  /** Degrees from horizontal, 0..90. */
  tilt: number;
  /** Degrees from north, clockwise: 180 = south (PVGIS counts from south; we do not). */
  azimuth: number;
  lat: number;
  lon: number;
  /** System losses, [0, 1). */
  losses: number;
}

export interface AddedWind extends GeneratorBase {
  type: 'wind';
  /** Rated power, kW. */
  kw: number;
  hub_height_m: number;
}

export interface AddedBiogas extends GeneratorBase {
  type: 'biogas';
  kw: number;
  /** Share of the time it runs, [0, 1]. */
  availability: number;
  mode: BiogasMode;
}

/** Any loaded profile as a generator: `file` names a loaded file (a meter or PVGIS file). */
export interface AddedProfile extends GeneratorBase {
  type: 'profile';
  file: string;
  /** Factor on the file's series. */
  scale: number;
}

/** New consumers following a standard profile, scaled to `annual_kwh` each. */
export interface AddedConsumer {
  type: 'consumer';
  id: string;
  profile: StandardProfile;
  annual_kwh: number;
  /** How many such members: ids `<id>-1` … `<id>-N` when more than one (addedMemberIds). */
  count: number;
}

export type AddedGenerator = AddedPv | AddedWind | AddedBiogas | AddedProfile;
export type Added = AddedGenerator | AddedConsumer;

export interface Scenario {
  version: 2;
  /** What the user calls it, e.g. "Wariant A: PV 2 MW". */
  name?: string;
  /** Seed of the synthetic weather, for reproducible PV and wind series. */
  seed?: number;
  window_minutes: WindowMinutes;
  key: AllocationKey;
  /** Static and hybrid keys: share per PPE, 0..1, adding up to at most 1. */
  shares: Record<string, number>;
  /** Priority key: PPEs, first served first (members not named follow in data order). */
  order: string[];
  battery: CommunityBattery | null;
  behind_meter: Record<string, MemberBattery>;
  /** PPEs dropped from every sum. */
  exclude: string[];
  /** Factor on a member's consumption (import), ≥ 0. */
  scale: Record<string, number>;
  add: Added[];
  /** Prices, tariffs, investment parameters (money/schema.ts: Money); kept as given. */
  money?: Money;
  /** Reserved for rule parameters (a later issue); kept through parse and encode as given. */
  rules?: Record<string, unknown>;
}

/** What the page and the link hold: the scenario being edited and up to four saved variants. */
export interface Variants {
  current: Scenario;
  variants: Scenario[];
  /** dataFingerprint of the files the scenario was made on; absent on the demo. */
  fingerprint?: string;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * The scenario with nothing changed: hourly window and the dynamic key (the statute settles
 * hourly, CLUSTERS.md §2), no battery, no overlay. Frozen: use newScenario() for one to edit.
 */
export const defaultScenario: Scenario = deepFreeze({
  version: 2,
  window_minutes: 60,
  key: 'dynamic',
  shares: {},
  order: [],
  battery: null,
  behind_meter: {},
  exclude: [],
  scale: {},
  add: [],
});

/** A fresh, mutable default scenario with the given fields replaced. */
export function newScenario(fields: Partial<Omit<Scenario, 'version'>> = {}): Scenario {
  return { ...structuredClone(defaultScenario), ...fields };
}

/** The battery fields that have a default. */
export const batteryDefaults = deepFreeze({ dispatch: 'self-consumption' as Dispatch });

/**
 * Defaults of the added items' optional fields, per type. PV defaults to the cluster's location
 * (Staszów, 50.56 N 21.17 E), south-facing at 35°, 14 % losses (CLUSTERS.md §8).
 */
export const addedDefaults = deepFreeze({
  pv: { tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 },
  wind: { hub_height_m: 100 },
  biogas: { availability: 0.9, mode: 'flat' as BiogasMode },
  profile: { scale: 1 },
  consumer: { count: 1 },
});

export function isGenerator(item: Added): item is AddedGenerator {
  return item.type !== 'consumer';
}

/**
 * The member ids an added item creates: its id, or `<id>-1` … `<id>-N` for a consumer with
 * count N > 1 (CLUSTERS.md §4.8). A generator behind a member's meter creates no member, but its
 * id still names its series (e.g. a column of added.csv).
 */
export function addedMemberIds(item: Added): string[] {
  if (item.type === 'consumer' && item.count > 1) {
    return Array.from({ length: item.count }, (_, i) => `${item.id}-${i + 1}`);
  }
  return [item.id];
}
