/**
 * Validation of scenarios wherever they come from (a link, a CLI file, the page's own storage):
 * one valibot schema per version, then the rules that span fields. Every problem names the field
 * (`add[2].kwp`, `battery.round_trip`, `shares.PL001`) and says in plain English what is wrong;
 * nothing here throws on bad input. Version 1 (`{version: 1, windowMinutes, key, battery}`) is
 * read and upgraded.
 */
import * as v from 'valibot';
import { meterKey } from '../ingest/names';
import { rulesProblems } from './rules-schema';
import { assetCostEntries, parseMoney } from '../money/schema';
import {
  ADDED_TYPES,
  ALLOCATION_KEYS,
  BIOGAS_MODES,
  DISPATCH_MODES,
  MAX_VARIANTS,
  SCENARIO_VERSION,
  STANDARD_PROFILES,
  WINDOW_MINUTES,
  addedDefaults,
  addedMemberIds,
  batteryDefaults,
  defaultScenario,
  type Added,
  type Scenario,
  type Variants,
} from './model';

/** One thing wrong with a scenario: the field (empty for the whole) and what is wrong with it. */
export interface Problem {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };
export type VariantsResult = { ok: true; value: Variants } | { ok: false; problems: Problem[] };

/** Where a scenario came from, for the wording of "made by a newer Klaster". */
export type ScenarioSource = 'link' | 'file' | 'scenario';

/** `add[2].kwp: must be a finite number > 0, not -3`, or the message alone for the whole. */
export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

// ---------------------------------------------------------------------------------------------
// Building blocks with plain-English messages.

/** A value as a message quotes it. */
function show(x: unknown): string {
  if (x === undefined) return 'missing';
  if (x === null) return 'null';
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });
const list = (xs: readonly (string | number)[]) => xs.join(', ');

/** A finite number passing `ok`; every failure says `must be <rule>, not <value>`. -0 becomes 0. */
function num(rule: string, ok: (x: number) => boolean) {
  const message = (issue: v.BaseIssue<unknown>) => `must be ${rule}, not ${show(issue.input)}`;
  return v.pipe(
    v.number(message),
    v.check((x: number) => Number.isFinite(x) && ok(x), message),
    v.transform((x: number) => x + 0),
  );
}

const positive = (cap: number) => num(`a finite number > 0 and at most ${fmt(cap)}`, (x) => x > 0 && x <= cap);
const between = (lo: number, hi: number) => num(`a finite number from ${fmt(lo)} to ${fmt(hi)}`, (x) => x >= lo && x <= hi);
const whole = (lo: number, hi: number) =>
  num(`a whole number from ${fmt(lo)} to ${fmt(hi)}`, (x) => Number.isInteger(x) && x >= lo && x <= hi);

/** One of a fixed list; the message lists them. */
function oneOf<const T extends readonly (string | number)[]>(options: T, what: string) {
  return v.picklist(options, (issue) =>
    issue.input === undefined ? `is required (${list(options)})` : `unknown ${what} ${show(issue.input)} (${list(options)})`,
  );
}

const windowMinutes = v.picklist(WINDOW_MINUTES, (i) => `must be 15, 30 or 60 (minutes), not ${show(i.input)}`);

/** Caps: sane upper bounds that catch a unit slip (W for kW, Wh for kWh) without limiting use. */
const MAX_KW = 1_000_000;
const MAX_KWH_STORED = 10_000_000;
const MAX_ANNUAL_KWH = 1_000_000_000;
const MAX_SCALE = 1_000;
const MAX_PROFILE_SCALE = 1_000_000;
const MAX_COUNT = 10_000;
const MAX_SEED = 4_294_967_295;

const round_trip = num('a finite number > 0 and at most 1', (x) => x > 0 && x <= 1);

const ppe = v.pipe(
  v.string((i) => `must be a PPE (text), not ${show(i.input)}`),
  v.check((s: string) => s.trim().length > 0 && s.length <= 64, 'must be a PPE of 1 to 64 characters'),
);

const ID_RULE = 'must be 1 to 64 characters without commas, quotes, line breaks or spaces at either end';
const addedId = v.pipe(
  v.string((i) => `${ID_RULE}, not ${show(i.input)}`),
  v.check((s: string) => s.length >= 1 && s.length <= 64 && s === s.trim() && !/[,"\r\n\t]/.test(s), ID_RULE),
);

/** An object with the given fields; any other field is reported by name. */
function obj<const E extends v.ObjectEntries>(entries: E, what: string) {
  const known = Object.keys(entries);
  return v.objectWithRest(
    entries,
    // The field's name is added from the issue's path (problemsOf): the message cannot see it.
    v.never(() => `(${what} has ${list(known)})`),
    (issue) => (issue.expected === 'Object' ? `must be an object, not ${show(issue.input)}` : 'is required'),
  );
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The schema, except that a list is refused (valibot's objects accept arrays). */
function noList<T extends v.GenericSchema>(schema: T, what = 'an object') {
  const refuse = v.custom<never>(() => false, `must be ${what}, not a list`);
  return v.lazy((input) => (Array.isArray(input) ? refuse : schema));
}

/** {PPE: value}; a list or anything else is refused. */
function byMember<T extends v.GenericSchema>(value: T) {
  const notObject = v.custom<never>(
    () => false,
    (i) => `must be an object {PPE: value}, not ${show(i.input)}`,
  );
  const record = v.record(ppe, value);
  return v.lazy((input) => (isPlainObject(input) ? record : notObject));
}

/** Reserved fields: any JSON object, kept exactly as given. */
const opaque = v.custom<Record<string, unknown>>(isPlainObject, (i) => `must be an object, not ${show(i.input)}`);

const listOf = <T extends v.GenericSchema>(item: T) => v.array(item, (i) => `must be a list, not ${show(i.input)}`);

// ---------------------------------------------------------------------------------------------
// Version 2.

const communityBattery = noList(
  obj(
    {
      capacity_kwh: positive(MAX_KWH_STORED),
      power_kw: positive(MAX_KW),
      round_trip,
      soc_min_kwh: v.optional(between(0, MAX_KWH_STORED)),
      soc_max_kwh: v.optional(positive(MAX_KWH_STORED)),
      dispatch: v.optional(oneOf(DISPATCH_MODES, 'dispatch'), batteryDefaults.dispatch),
      import_limit_kw: v.optional(between(0, MAX_KW)),
      ...assetCostEntries,
    },
    'battery',
  ),
);

const memberBattery = noList(
  obj({ capacity_kwh: positive(MAX_KWH_STORED), power_kw: positive(MAX_KW), round_trip }, 'a battery'),
);

const member = v.optional(ppe);
const d = addedDefaults;

const pv = obj(
  {
    type: v.literal('pv'),
    id: addedId,
    kwp: positive(MAX_KW),
    tilt: v.optional(between(0, 90), d.pv.tilt),
    azimuth: v.optional(between(0, 360), d.pv.azimuth),
    lat: v.optional(between(-90, 90), d.pv.lat),
    lon: v.optional(between(-180, 180), d.pv.lon),
    losses: v.optional(
      num('a finite number from 0 to below 1', (x) => x >= 0 && x < 1),
      d.pv.losses,
    ),
    member,
    ...assetCostEntries,
  },
  'a pv item',
);

const wind = obj(
  {
    type: v.literal('wind'),
    id: addedId,
    kw: positive(MAX_KW),
    hub_height_m: v.optional(
      num('a finite number > 0 and at most 300', (x) => x > 0 && x <= 300),
      d.wind.hub_height_m,
    ),
    member,
    ...assetCostEntries,
  },
  'a wind item',
);

const biogas = obj(
  {
    type: v.literal('biogas'),
    id: addedId,
    kw: positive(MAX_KW),
    availability: v.optional(between(0, 1), d.biogas.availability),
    mode: v.optional(oneOf(BIOGAS_MODES, 'mode'), d.biogas.mode),
    member,
    ...assetCostEntries,
  },
  'a biogas item',
);

const profile = obj(
  {
    type: v.literal('profile'),
    id: addedId,
    file: v.pipe(
      v.string((i) => `must be the name of a loaded file, not ${show(i.input)}`),
      v.check((s: string) => s.trim().length > 0 && s.length <= 255, 'must be the name of a loaded file'),
    ),
    scale: v.optional(positive(MAX_PROFILE_SCALE), d.profile.scale),
    member,
    ...assetCostEntries,
  },
  'a profile item',
);

const consumer = obj(
  {
    type: v.literal('consumer'),
    id: addedId,
    profile: oneOf(STANDARD_PROFILES, 'profile'),
    annual_kwh: positive(MAX_ANNUAL_KWH),
    count: v.optional(whole(1, MAX_COUNT), d.consumer.count),
  },
  'a consumer item',
);

const addedItem = v.variant('type', [pv, wind, biogas, profile, consumer], (issue) => {
  if (issue.expected === 'Object') return `must be an object {type, id, …}, not ${show(issue.input)}`;
  if (issue.input === undefined) return `is required (${list(ADDED_TYPES)})`;
  return `unknown type ${show(issue.input)} (${list(ADDED_TYPES)})`;
});

const scenarioV2 = obj(
  {
    version: v.literal(2),
    name: v.optional(
      v.pipe(
        v.string((i) => `must be text, not ${show(i.input)}`),
        v.check((s: string) => s.length <= 100, 'must be at most 100 characters'),
      ),
    ),
    seed: v.optional(whole(0, MAX_SEED)),
    window_minutes: v.optional(windowMinutes, defaultScenario.window_minutes),
    key: v.optional(oneOf(ALLOCATION_KEYS, 'key'), defaultScenario.key),
    shares: v.optional(byMember(between(0, 1)), () => ({})),
    order: v.optional(listOf(ppe), () => []),
    battery: v.optional(v.nullable(communityBattery), null),
    behind_meter: v.optional(byMember(memberBattery), () => ({})),
    exclude: v.optional(listOf(ppe), () => []),
    scale: v.optional(byMember(between(0, MAX_SCALE)), () => ({})),
    add: v.optional(listOf(noList(addedItem, 'an object {type, id, …}')), () => []),
    money: v.optional(opaque),
    rules: v.optional(opaque),
  },
  'a scenario',
);

// ---------------------------------------------------------------------------------------------
// Version 1: the first page's `{version: 1, windowMinutes, key, battery}`.

const scenarioV1 = obj(
  {
    version: v.literal(1),
    windowMinutes: v.optional(windowMinutes, 60),
    key: v.optional(oneOf(ALLOCATION_KEYS, 'key'), 'dynamic'),
    battery: v.optional(
      v.nullable(
        noList(obj({ capacityKwh: positive(MAX_KWH_STORED), powerKw: positive(MAX_KW), roundTrip: round_trip }, 'battery')),
      ),
      null,
    ),
  },
  'a version 1 scenario',
);

function upgradeV1(s: v.InferOutput<typeof scenarioV1>): Scenario {
  return {
    ...structuredClone(defaultScenario),
    window_minutes: s.windowMinutes,
    key: s.key,
    battery: s.battery
      ? {
          capacity_kwh: s.battery.capacityKwh,
          power_kw: s.battery.powerKw,
          round_trip: s.battery.roundTrip,
          dispatch: batteryDefaults.dispatch,
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing.

/** `add[2].kwp`, `shares.PL001`, `shares["PL 001"]`. */
function pathOf(issue: v.BaseIssue<unknown>, prefix: string): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z0-9_]+$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(String(key))}]`;
  }
  return path;
}

function problemsOf(issues: readonly v.BaseIssue<unknown>[], prefix = ''): Problem[] {
  return issues.map((issue) => {
    if (issue.type !== 'never') return { path: pathOf(issue, prefix), message: issue.message };
    const field = String(issue.path?.[issue.path.length - 1]?.key ?? '');
    return { path: pathOf(issue, prefix), message: `unknown field ${JSON.stringify(field)} ${issue.message}` };
  });
}

const join = (prefix: string, path: string) => (prefix && path ? `${prefix}.${path}` : prefix || path);
const prefixed = (problems: Problem[], prefix: string): Problem[] =>
  problems.map((p) => ({ path: p.path.startsWith('[') ? prefix + p.path : join(prefix, p.path), message: p.message }));

/**
 * Validates a scenario (any version this code reads) and returns it complete: every field with a
 * default filled in, version 1 upgraded to 2. `source` only words the message for a version from
 * a newer Klaster.
 */
export function parseScenario(input: unknown, source: ScenarioSource = 'scenario'): ParseResult {
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: '', message: `a scenario must be a JSON object, not ${show(input)}` }] };
  }
  const version = input.version;
  if (version === 1) {
    const r = v.safeParse(scenarioV1, input);
    return r.success ? { ok: true, scenario: upgradeV1(r.output) } : { ok: false, problems: problemsOf(r.issues) };
  }
  if (version !== SCENARIO_VERSION) {
    const message =
      version === undefined
        ? `is required (${SCENARIO_VERSION} for this Klaster)`
        : typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_VERSION
          ? `unknown version ${version}: this ${source} was made by a newer Klaster`
          : `unknown version ${show(version)} (this Klaster reads versions 1 and ${SCENARIO_VERSION})`;
    return { ok: false, problems: [{ path: 'version', message }] };
  }
  const r = v.safeParse(scenarioV2, input);
  const problems = [...(r.success ? [] : problemsOf(r.issues)), ...crossFieldProblems(input)];
  if (problems.length > 0 || !r.success) return { ok: false, problems };
  const scenario: Scenario = r.output;
  return { ok: true, scenario };
}

/** A finite number, or undefined for anything else (the field's own rule reports it). */
const finite = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/**
 * The rules that span fields. They read the raw input defensively, so that they are reported
 * together with the fields' own problems; a value the field rules refuse is skipped here.
 */
function crossFieldProblems(s: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  // Rule parameters and prices have their own schemas; their problems are the scenario's.
  if (s.rules !== undefined) problems.push(...rulesProblems(s.rules));
  if (s.money !== undefined) {
    const money = parseMoney(s.money, 'money');
    if (!money.ok) problems.push(...money.problems);
  }

  const b = s.battery;
  if (isPlainObject(b)) {
    const cap = finite(b.capacity_kwh);
    const min = finite(b.soc_min_kwh);
    const max = finite(b.soc_max_kwh);
    if (cap !== undefined && cap > 0 && max !== undefined && max > cap) {
      add('battery.soc_max_kwh', `must be at most capacity_kwh (${fmt(cap)}), not ${fmt(max)}`);
    } else if (min !== undefined && min >= 0) {
      const top = max ?? cap;
      if (top !== undefined && top > 0 && min >= top) {
        add(
          'battery.soc_min_kwh',
          `must be below ${max === undefined ? 'capacity_kwh' : 'soc_max_kwh'} (${fmt(top)}), not ${fmt(min)}`,
        );
      }
    }
    if (b.dispatch === 'peak-shaving' && b.import_limit_kw === undefined) {
      add('battery.import_limit_kw', 'is required with dispatch "peak-shaving" (the grid import, kW, above which it discharges)');
    }
  }

  const shares = s.shares;
  if (isPlainObject(shares)) {
    const values = Object.values(shares);
    if (values.every((x) => finite(x) !== undefined && (x as number) >= 0 && (x as number) <= 1)) {
      const total = (values as number[]).reduce((a, x) => a + x, 0);
      if (total > 1 + 1e-9) add('shares', `add up to ${fmt(total)}; they must add up to at most 1 (write 25 % as 0.25)`);
    }
  }

  for (const field of ['order', 'exclude'] as const) {
    const xs = s[field];
    if (!Array.isArray(xs)) continue;
    const seen = new Map<string, number>();
    xs.forEach((x, i) => {
      if (typeof x !== 'string') return;
      const first = seen.get(meterKey(x));
      if (first === undefined) seen.set(meterKey(x), i);
      else add(`${field}[${i}]`, `${show(x)} is listed twice (also ${field}[${first}])`);
    });
  }

  const items = s.add;
  if (Array.isArray(items)) {
    const excluded = new Set(Array.isArray(s.exclude) ? s.exclude.filter((x) => typeof x === 'string').map(meterKey) : []);
    const owner = new Map<string, number>();
    items.forEach((item, i) => {
      if (!isPlainObject(item) || typeof item.id !== 'string') return;
      const count = item.type === 'consumer' && finite(item.count) !== undefined ? (item.count as number) : 1;
      const ids =
        Number.isInteger(count) && count >= 1 && count <= MAX_COUNT
          ? addedMemberIds({ type: 'consumer', id: item.id, count } as Added)
          : [item.id];
      const clash = ids.map((id) => owner.get(meterKey(id))).find((j) => j !== undefined);
      if (clash !== undefined) {
        const which =
          ids.length > 1 ? `its members ${show(ids[0])} … ${show(ids[ids.length - 1])} clash` : `${show(item.id)} clashes`;
        add(`add[${i}].id`, `${which} with add[${clash}]; every added item needs its own id`);
      } else {
        for (const id of ids) owner.set(meterKey(id), i);
      }
      if (typeof item.member === 'string' && excluded.has(meterKey(item.member))) {
        add(`add[${i}].member`, `${show(item.member)} is excluded; a generator cannot sit behind an excluded member's meter`);
      }
    });
  }
  return problems;
}

const variantsShape = noList(
  obj(
    {
      current: v.unknown(),
      variants: v.optional(
        v.pipe(
          listOf(v.unknown()),
          v.check(
            (xs: unknown[]) => xs.length <= MAX_VARIANTS,
            (i) => `must hold at most ${MAX_VARIANTS} variants, not ${(i.input as unknown[]).length}`,
          ),
        ),
        () => [],
      ),
      fingerprint: v.optional(
        v.pipe(
          v.string((i) => `must be a data fingerprint (hex), not ${show(i.input)}`),
          v.regex(/^[0-9a-f]{8,64}$/, (i) => `must be a data fingerprint (hex), not ${show(i.input)}`),
        ),
      ),
    },
    'the link',
  ),
);

/** Validates the page's and the link's container: the current scenario and up to four variants. */
export function parseVariants(input: unknown, source: ScenarioSource = 'scenario'): VariantsResult {
  const r = v.safeParse(variantsShape, input);
  if (!r.success) {
    const problems = problemsOf(r.issues);
    const bare = problems.length === 1 && problems[0].path === '';
    return {
      ok: false,
      problems: bare ? [{ path: '', message: `must be a JSON object {current, variants}, not ${show(input)}` }] : problems,
    };
  }
  const problems: Problem[] = [];
  const current = parseScenario(r.output.current, source);
  if (!current.ok) problems.push(...prefixed(current.problems, 'current'));
  const variants: Scenario[] = [];
  r.output.variants.forEach((x, i) => {
    const p = parseScenario(x, source);
    if (p.ok) variants.push(p.scenario);
    else problems.push(...prefixed(p.problems, `variants[${i}]`));
  });
  if (!current.ok || problems.length > 0) return { ok: false, problems };
  const value: Variants = { current: current.scenario, variants };
  if (r.output.fingerprint !== undefined) value.fingerprint = r.output.fingerprint;
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Members.

/** The index of the member a scenario names (matched ignoring spaces and case), or -1. */
export function memberIndex(ppes: readonly string[], ref: string): number {
  const key = meterKey(ref);
  return ppes.findIndex((id) => meterKey(id) === key);
}

/**
 * Every reference to a member that is not in the loaded data (shares, order, exclude, scale,
 * behind_meter, add[].member), e.g. `scale.PL001: no member PL001 in the loaded data`, and every
 * added id that is already a member's.
 */
export function memberProblems(scenario: Scenario, ppes: readonly string[]): Problem[] {
  const known = new Set(ppes.map(meterKey));
  const missing = (ppe: string) => `no member ${ppe} in the loaded data`;
  const problems: Problem[] = [];
  const keyPath = (field: string, key: string) =>
    /^[A-Za-z0-9_]+$/.test(key) ? `${field}.${key}` : `${field}[${JSON.stringify(key)}]`;
  for (const field of ['shares', 'scale', 'behind_meter'] as const) {
    for (const key of Object.keys(scenario[field])) {
      if (!known.has(meterKey(key))) problems.push({ path: keyPath(field, key), message: missing(key) });
    }
  }
  for (const field of ['order', 'exclude'] as const) {
    scenario[field].forEach((x, i) => {
      if (!known.has(meterKey(x))) problems.push({ path: `${field}[${i}]`, message: missing(x) });
    });
  }
  scenario.add.forEach((item, i) => {
    if (item.type !== 'consumer' && item.member !== undefined && !known.has(meterKey(item.member))) {
      problems.push({ path: `add[${i}].member`, message: missing(item.member) });
    }
    const taken = addedMemberIds(item).find((id) => known.has(meterKey(id)));
    if (taken !== undefined) {
      problems.push({ path: `add[${i}].id`, message: `${taken} is already a member in the loaded data; choose another id` });
    }
  });
  return problems;
}

/**
 * What of a scenario still makes sense without the data it was made on: everything that names
 * no member (window, key, community battery, new generators and consumers, name, seed, money,
 * rules); shares, order, behind-the-meter batteries, exclusions, scaling and generators behind a
 * member's meter are dropped.
 */
export function withoutMemberReferences(scenario: Scenario): Scenario {
  // A scenario is JSON by definition; a JSON copy also works on the page's reactive proxies,
  // which structuredClone refuses.
  const s = JSON.parse(JSON.stringify(scenario)) as Scenario;
  return {
    ...s,
    shares: {},
    order: [],
    behind_meter: {},
    exclude: [],
    scale: {},
    add: s.add.filter((item) => item.type === 'consumer' || item.member === undefined),
  };
}
