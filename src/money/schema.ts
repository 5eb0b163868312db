/**
 * The scenario's `money` object (snake_case, the CLI's scenario file and the page's link alike),
 * validated with valibot: every problem names its field (`money.tariffs.G12.zones[1].hours[0]`)
 * and says in plain English what is wrong; a tariff must put every hour of every month and day
 * type in a zone. `effectivePrices` fills in the defaults (tariff groups given replace the
 * default group, others keep it); `compactMoney` keeps only what differs from them, for links.
 *
 *   {
 *     "internal_price": 0.45,
 *     "tariffs": { "G12": { "zones": [{ "name": "day", "energy": 0.6, "network": 0.2841,
 *                                       "hours": [[6, 13], [15, 22]] },
 *                                     { "name": "night", "energy": 0.4, "network": 0.0558,
 *                                       "hours": [[13, 15], [22, 6]] }],
 *                           "quality": 0.0332, "oze": 0.0073, "cogeneration": 0.003,
 *                           "fixed_monthly": 8.14,
 *                           "capacity": { "monthly_tiers": [[500, 4.29], [1200, 10.31], [2800, 17.18], [null, 24.05]] } } },
 *     "export_price": { "monthly": [0.48, 0.442, …] },          // or { "file": "rce-2025.csv" }
 *     "emission_factor_t_per_mwh": 0.597,
 *     "discount_rate": 0.06,
 *     "horizon_years": 20
 *   }
 *
 * Added assets carry `capex_pln`, `opex_pln_per_year`, `lifetime_years` on their own `add[i]`
 * item: `assetCostEntries` are those fields for the scenario schema to include.
 */
import * as v from 'valibot';
import { uncoveredHours } from './calendar';
import { DEFAULT_EMISSION_FACTOR_T_PER_MWH, EMISSION_FACTOR_SOURCE } from './co2';
import { DEFAULT_MONTHLY_EXPORT_PRICES, RCEM_2025 } from './export-price';
import { DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON_YEARS, type AssetCosts } from './investment';
import { DAY_TYPES, DEFAULT_TARIFFS, normalizeGroup, type DayType, type Provenance, type Tariff, type Tariffs } from './tariffs';

export type ExportPrice = { monthly: number[] } | { file: string };

/** The `money` object as given (every field optional). */
export interface Money {
  /** p, PLN/kWh. */
  internal_price?: number;
  /** Groups given replace the default group of that name. */
  tariffs?: Tariffs;
  export_price?: ExportPrice;
  emission_factor_t_per_mwh?: number;
  discount_rate?: number;
  horizon_years?: number;
}

/** The prices in force: the defaults overridden by what a scenario gives. */
export interface EffectivePrices {
  internal_price: number;
  tariffs: Tariffs;
  export_price: ExportPrice;
  emission_factor_t_per_mwh: number;
  discount_rate: number;
  horizon_years: number;
}

/** One thing wrong: the field (`money.tariffs.G12.zones[1].hours`) and what is wrong with it. */
export interface MoneyProblem {
  path: string;
  message: string;
}

export type MoneyResult = { ok: true; money: Money } | { ok: false; problems: MoneyProblem[] };

/** Default internal price, PLN/kWh: between the export price and the energy price. */
export const DEFAULT_INTERNAL_PRICE = 0.4;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const x of Object.values(o)) deepFreeze(x);
    Object.freeze(o);
  }
  return o;
}

export const MONEY_DEFAULTS: Readonly<EffectivePrices> = deepFreeze({
  internal_price: DEFAULT_INTERNAL_PRICE,
  tariffs: structuredClone(DEFAULT_TARIFFS) as Tariffs,
  export_price: { monthly: [...DEFAULT_MONTHLY_EXPORT_PRICES] },
  emission_factor_t_per_mwh: DEFAULT_EMISSION_FACTOR_T_PER_MWH,
  discount_rate: DEFAULT_DISCOUNT_RATE,
  horizon_years: DEFAULT_HORIZON_YEARS,
});

/** Where the scalar defaults come from (tariffs: DEFAULT_TARIFF_SOURCES; monthly prices: RCEM_2025). */
export const MONEY_SOURCES: Readonly<Record<Exclude<keyof EffectivePrices, 'tariffs' | 'export_price'>, Provenance>> = deepFreeze(
  {
    internal_price: {
      source:
        'typical: between the export price (RCEm 2025 about 0.32 PLN/kWh on average) and the energy price (about 0.50); set in the cluster agreement',
      date: '2026',
      status: 'typical' as const,
    },
    emission_factor_t_per_mwh: EMISSION_FACTOR_SOURCE,
    discount_rate: {
      source: 'typical real discount rate for public-sector energy projects',
      date: '2026',
      status: 'typical' as const,
    },
    horizon_years: { source: 'issue 9 default horizon', date: '2026', status: 'typical' as const },
  },
);

/** Provenance of each default monthly export price, January first. */
export const EXPORT_PRICE_SOURCES: readonly Provenance[] = RCEM_2025;

// ---------------------------------------------------------------------------------------------
// Building blocks with plain-English messages (as the scenario schema words them).

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
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function num(rule: string, ok: (x: number) => boolean, hint = (x: number): string => (void x, '')) {
  const message = (issue: v.BaseIssue<unknown>) => {
    const x = issue.input;
    return `must be ${rule}, not ${show(x)}${typeof x === 'number' ? hint(x) : ''}`;
  };
  return v.pipe(
    v.number(message),
    v.check((x: number) => Number.isFinite(x) && ok(x), message),
    v.transform((x: number) => x + 0),
  );
}

/** A price per kWh; a value that looks like PLN/MWh is pointed out. */
const perKwh = (lo: number, hi: number) =>
  num(
    `a price in PLN/kWh from ${fmt(lo)} to ${fmt(hi)}`,
    (x) => x >= lo && x <= hi,
    (x) => (x > hi && x / 1000 <= hi ? ` (PLN/MWh? write ${fmt(x)} PLN/MWh as ${fmt(x / 1000)})` : ''),
  );
const between = (lo: number, hi: number, unit = '') =>
  num(`a number from ${fmt(lo)} to ${fmt(hi)}${unit}`, (x) => x >= lo && x <= hi);
const whole = (lo: number, hi: number) =>
  num(`a whole number from ${fmt(lo)} to ${fmt(hi)}`, (x) => Number.isInteger(x) && x >= lo && x <= hi);

function obj<const E extends v.ObjectEntries>(entries: E, what: string) {
  const known = Object.keys(entries);
  return v.objectWithRest(
    entries,
    v.never(() => `(${what} has ${known.join(', ')})`),
    (issue) => (issue.expected === 'Object' ? `must be an object, not ${show(issue.input)}` : 'is required'),
  );
}

function noList<T extends v.GenericSchema>(schema: T, what = 'an object') {
  const refuse = v.custom<never>(() => false, `must be ${what}, not a list`);
  return v.lazy((input) => (Array.isArray(input) ? refuse : schema));
}

const listOf = <T extends v.GenericSchema>(item: T, what = 'a list') =>
  v.array(item, (i) => `must be ${what}, not ${show(i.input)}`);

/** `[from, to]` whole local hours, `to` exclusive; from > to wraps past midnight. */
const hourRange = v.pipe(
  v.strictTuple(
    [whole(0, 23), whole(0, 24)],
    (i) =>
      `must be [from, to] in whole hours (e.g. [22, 6] or [0, 24]), not ${Array.isArray(i.input) ? JSON.stringify(i.input) : show(i.input)}`,
  ),
  v.check(
    ([from, to]) => from !== to && !(from === 0 && to === 0),
    (i) => `must not be empty: from and to are equal in ${JSON.stringify(i.input)} (all day is [0, 24])`,
  ),
);

const MAX_PRICE = 10;
const MAX_FIXED = 10_000_000;

const zone = obj(
  {
    name: v.pipe(
      v.string((i) => `must be text, not ${show(i.input)}`),
      v.check((s: string) => s.trim().length > 0 && s.length <= 40, 'must be 1 to 40 characters'),
    ),
    energy: perKwh(-MAX_PRICE, MAX_PRICE),
    network: perKwh(0, MAX_PRICE),
    hours: v.pipe(
      listOf(hourRange, 'a list of [from, to] hour ranges'),
      v.check((xs) => xs.length > 0, 'must list at least one [from, to] range'),
    ),
    months: v.optional(
      v.pipe(
        listOf(whole(1, 12), 'a list of months 1–12'),
        v.check((xs) => xs.length > 0, 'must list at least one month (leave it out for every month)'),
        v.check((xs) => new Set(xs).size === xs.length, 'lists a month twice'),
      ),
    ),
    days: v.optional(v.picklist(DAY_TYPES, (i) => `must be "workdays" or "free", not ${show(i.input)}`)),
  },
  'a zone',
);

const tiers = v.pipe(
  listOf(
    v.strictTuple(
      [
        v.nullable(num('a number of kWh a year ≥ 0, or null for no upper bound', (x) => x >= 0)),
        num('an amount in PLN a month ≥ 0', (x) => x >= 0 && x <= MAX_FIXED),
      ],
      (i) => `must be [max_annual_kwh or null, PLN per month], not ${show(i.input)}`,
    ),
    'a list of [max_annual_kwh or null, PLN per month] tiers',
  ),
  v.check((xs) => xs.length > 0, 'must list at least one tier'),
  v.check(
    (xs) => xs.every(([max], k) => (max === null) === (k === xs.length - 1)),
    'the last tier, and only the last, must have null as its max (no upper bound)',
  ),
  v.check(
    (xs) => xs.every(([max], k) => k === 0 || max === null || (xs[k - 1][0] !== null && max > (xs[k - 1][0] as number))),
    'tiers must go up: each max above the one before',
  ),
);

const monthlyTiers = obj({ monthly_tiers: tiers }, 'a monthly-tier capacity fee');
const perKwhCapacity = obj(
  {
    per_kwh: perKwh(0, MAX_PRICE),
    hours: hourRange,
    k: between(0, 1, ' (K1 0.17, K2 0.5, K3 0.83, K4 1)'),
  },
  'a per-kWh capacity fee',
);

const capacity = v.lazy((input) => {
  if (isPlainObject(input) && 'monthly_tiers' in input) return monthlyTiers;
  if (isPlainObject(input) && ('per_kwh' in input || 'k' in input || 'hours' in input)) return perKwhCapacity;
  return v.custom<never>(
    () => false,
    (i) => `must be {monthly_tiers: [[max_kwh or null, PLN/month], …]} or {per_kwh, hours: [from, to], k}, not ${show(i.input)}`,
  );
});

const tariff = noList(
  obj(
    {
      zones: v.pipe(
        listOf(noList(zone), 'a list of zones'),
        v.check((xs) => xs.length > 0 && xs.length <= 100, 'must list 1 to 100 zones'),
      ),
      quality: perKwh(0, MAX_PRICE),
      oze: perKwh(0, MAX_PRICE),
      cogeneration: perKwh(0, MAX_PRICE),
      fixed_monthly: num(`an amount in PLN a month from 0 to ${fmt(MAX_FIXED)}`, (x) => x >= 0 && x <= MAX_FIXED),
      capacity,
    },
    'a tariff',
  ),
);

const GROUP = /^[A-Za-z]\d{1,2}[A-Za-z]{0,3}$/;
const tariffs = v.lazy((input) =>
  isPlainObject(input)
    ? v.record(
        v.pipe(
          v.string(),
          v.check(
            (s: string) => GROUP.test(s.trim()),
            (i) => `${show(i.input)} is not a tariff group name (like G11, C12a, B23)`,
          ),
        ),
        tariff,
      )
    : v.custom<never>(
        () => false,
        (i) => `must be an object {group: tariff}, not ${show(i.input)}`,
      ),
);

const exportPrice = v.lazy((input) => {
  if (isPlainObject(input) && 'monthly' in input) {
    return obj(
      {
        monthly: v.pipe(
          listOf(perKwh(-1, 5), 'a list of 12 prices in PLN/kWh, January first'),
          v.check(
            (xs) => xs.length === 12,
            (i) => `must hold 12 prices (January to December), not ${(i.input as unknown[]).length}`,
          ),
        ),
      },
      'monthly export prices',
    );
  }
  if (isPlainObject(input) && 'file' in input) {
    return obj(
      {
        file: v.pipe(
          v.string((i) => `must be the name of an RCE file, not ${show(i.input)}`),
          v.check((s: string) => s.trim().length > 0 && s.length <= 255, 'must be the name of an RCE file'),
        ),
      },
      'an RCE file',
    );
  }
  return v.custom<never>(
    () => false,
    (i) => `must be {monthly: [12 prices, PLN/kWh]} or {file: "<PSE RCE CSV>"}, not ${show(i.input)}`,
  );
});

const moneySchema = noList(
  obj(
    {
      internal_price: v.optional(perKwh(0, MAX_PRICE)),
      tariffs: v.optional(tariffs),
      export_price: v.optional(exportPrice),
      emission_factor_t_per_mwh: v.optional(between(0, 2, ' t/MWh')),
      discount_rate: v.optional(between(-0.5, 1, ' (6 % is 0.06)')),
      horizon_years: v.optional(whole(1, 100)),
    },
    'money',
  ),
);

/** Fields of an added asset's costs, for the scenario schema's `add[i]` items (and the community battery). */
export const assetCostEntries = {
  capex_pln: v.optional(num('an amount in PLN ≥ 0', (x) => x >= 0 && x <= 1e12)),
  opex_pln_per_year: v.optional(num('an amount in PLN a year ≥ 0', (x) => x >= 0 && x <= 1e11)),
  lifetime_years: v.optional(whole(1, 100)),
};

/** The costs an asset item gives (any subset). */
export type GivenAssetCosts = Partial<AssetCosts>;

// ---------------------------------------------------------------------------------------------
// Parsing.

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

function problemsOf(issues: readonly v.BaseIssue<unknown>[], prefix: string): MoneyProblem[] {
  const seen = new Set<string>();
  const out: MoneyProblem[] = [];
  for (const issue of issues) {
    let p: MoneyProblem;
    if (issue.type === 'never') {
      const field = String(issue.path?.[issue.path.length - 1]?.key ?? '');
      p = { path: pathOf(issue, prefix), message: `unknown field ${JSON.stringify(field)} ${issue.message}` };
    } else p = { path: pathOf(issue, prefix), message: issue.message };
    const key = `${p.path}\n${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "13:00–15:00 (every month, working days), 0:00–6:00 (Oct–Mar, free days)". */
function describeGaps(gaps: { month: number; days: DayType; hour: number }[]): string {
  const byHour = new Map<number, { months: Set<number>; days: Set<DayType> }>();
  for (const g of gaps) {
    const e = byHour.get(g.hour) ?? { months: new Set(), days: new Set() };
    e.months.add(g.month);
    e.days.add(g.days);
    byHour.set(g.hour, e);
  }
  const label = (e: { months: Set<number>; days: Set<DayType> }) => {
    const ms = [...e.months].sort((a, b) => a - b);
    const months = ms.length === 12 ? 'every month' : ms.map((m) => MONTHS[m - 1]).join(', ');
    const days = e.days.size === 2 ? 'every day' : e.days.has('workdays') ? 'working days' : 'weekends and holidays';
    return `${months}, ${days}`;
  };
  const ranges: string[] = [];
  const hours = [...byHour.keys()].sort((a, b) => a - b);
  for (let k = 0; k < hours.length;) {
    const l = label(byHour.get(hours[k])!);
    let j = k;
    while (j + 1 < hours.length && hours[j + 1] === hours[j] + 1 && label(byHour.get(hours[j + 1])!) === l) j++;
    ranges.push(`${hours[k]}:00–${hours[j] + 1}:00 (${l})`);
    k = j + 1;
  }
  const shown = ranges.slice(0, 3).join('; ');
  return ranges.length > 3 ? `${shown} and ${ranges.length - 3} more` : shown;
}

/**
 * Validates a scenario's `money` object; problems are prefixed with `prefix` (`money`). Returns
 * it as given (group names in canonical spelling, e.g. `c12A` → `C12a`), without defaults.
 */
export function parseMoney(input: unknown, prefix = 'money'): MoneyResult {
  const r = v.safeParse(moneySchema, input);
  if (!r.success) {
    const problems = problemsOf(r.issues, prefix);
    if (problems.length === 1 && problems[0].path === prefix && !isPlainObject(input)) {
      return { ok: false, problems: [{ path: prefix, message: `must be an object, not ${show(input)}` }] };
    }
    return { ok: false, problems };
  }
  const money = r.output as Money;
  const problems: MoneyProblem[] = [];
  if (money.tariffs) {
    const canonical: Tariffs = {};
    const from = new Map<string, string>();
    for (const [key, t] of Object.entries(money.tariffs)) {
      const group = normalizeGroup(key);
      const at = `${prefix}.tariffs${/^[A-Za-z0-9_]+$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
      const clash = from.get(group);
      if (clash !== undefined) {
        problems.push({ path: at, message: `is the same group as ${JSON.stringify(clash)} (${group}); give it once` });
        continue;
      }
      from.set(group, key);
      const gaps = uncoveredHours(t);
      if (gaps.length > 0) {
        problems.push({ path: `${at}.zones`, message: `every hour must be in a zone; in none: ${describeGaps(gaps)}` });
      }
      canonical[group] = t;
    }
    money.tariffs = canonical;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, money };
}

/** The prices in force: the defaults with what `money` gives put over them (groups replace groups). */
export function effectivePrices(money?: Money): EffectivePrices {
  const d = structuredClone(MONEY_DEFAULTS) as EffectivePrices;
  if (!money) return d;
  return {
    internal_price: money.internal_price ?? d.internal_price,
    tariffs: { ...d.tariffs, ...structuredClone(money.tariffs ?? {}) },
    export_price: money.export_price ? structuredClone(money.export_price) : d.export_price,
    emission_factor_t_per_mwh: money.emission_factor_t_per_mwh ?? d.emission_factor_t_per_mwh,
    discount_rate: money.discount_rate ?? d.discount_rate,
    horizon_years: money.horizon_years ?? d.horizon_years,
  };
}

/** JSON equality of two plain values (key order ignored). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}

/**
 * Only what differs from the defaults (whole tariff groups), for short links; undefined when
 * nothing does. effectivePrices(compactMoney(x)) equals effectivePrices(x).
 */
export function compactMoney(money: Money | EffectivePrices | undefined): Money | undefined {
  if (!money) return undefined;
  const d = MONEY_DEFAULTS;
  const out: Money = {};
  const scalars = ['internal_price', 'emission_factor_t_per_mwh', 'discount_rate', 'horizon_years'] as const;
  for (const k of scalars) if (money[k] !== undefined && money[k] !== d[k]) out[k] = money[k];
  if (money.export_price && !same(money.export_price, d.export_price)) out.export_price = structuredClone(money.export_price);
  if (money.tariffs) {
    const changed: Tariffs = {};
    for (const [g, t] of Object.entries(money.tariffs)) {
      const base = (d.tariffs as Tariffs)[g];
      if (!base || !same(t, base)) changed[g] = structuredClone(t) as Tariff;
    }
    if (Object.keys(changed).length > 0) out.tariffs = changed;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
