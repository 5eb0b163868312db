/**
 * The scenario's `rules` object: the thresholds of the registration and support checks
 * (rules.ts RuleParams), snake_case, every field optional:
 *
 * ```json
 * { "year": 2027, "res_threshold_by_year": { "2026": 0.3, "2027": 0.5 },
 *   "ladder": [{ "above": 0.6, "discount": 0.05 }], "capacity_coverage": 0.4,
 *   "max_capacity_mw": 100, "min_storage_share": 0.02 }
 * ```
 *
 * parseRules reports every problem with its field (`rules.ladder[1].above: must be …, not 1.2`);
 * effectiveRuleParams never fails: a field that is wrong keeps its default, so an old or
 * hand-edited link still opens. rulesObject writes back only what differs from the defaults.
 */
import * as v from 'valibot';
import { DEFAULT_THRESHOLDS, defaultRuleParams, type LadderRung, type RuleParams } from './rules';

/**
 * One thing wrong: the field and what is wrong with it. The same shape as schema.ts's Problem,
 * declared here so that schema.ts can import this module without an import cycle.
 */
export interface Problem {
  path: string;
  message: string;
}

export type RulesResult = { ok: true; rules: Partial<RuleParams> } | { ok: false; problems: Problem[] };

/** The earliest and latest year a check or a threshold may name. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Largest total capacity accepted (MW): catches kW typed for MW. */
export const MAX_CAPACITY_MW = 100_000;
export const MAX_RUNGS = 20;

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A value as a message quotes it. */
function show(x: unknown): string {
  if (x === undefined) return 'missing';
  if (x === null) return 'null';
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** A finite number passing `ok`; a failure says `must be <rule>, not <value>`. */
function num(rule: string, ok: (x: number) => boolean) {
  const message = (issue: v.BaseIssue<unknown>) => `must be ${rule}, not ${show(issue.input)}`;
  return v.pipe(
    v.number(message),
    v.check((x: number) => Number.isFinite(x) && ok(x), message),
    v.transform((x: number) => x + 0),
  );
}

const share = num('a share from 0 to 1', (x) => x >= 0 && x <= 1);
const year = num(`a whole year from ${MIN_YEAR} to ${MAX_YEAR}`, (x) => Number.isInteger(x) && x >= MIN_YEAR && x <= MAX_YEAR);

const yearKey = v.pipe(
  v.string(),
  v.check(
    (k: string) => /^\d{4}$/.test(k) && Number(k) >= MIN_YEAR && Number(k) <= MAX_YEAR,
    (i) => `must be a year from ${MIN_YEAR} to ${MAX_YEAR}, not ${show(i.input)}`,
  ),
);

const resByYear = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, (i) => `must be an object {year: share}, not ${show(i.input)}`),
  v.record(yearKey, share),
  v.check((o: Record<string, number>) => Object.keys(o).length > 0, 'must name at least one year'),
);

const rung = v.objectWithRest(
  {
    above: num('a share from 0 to below 1', (x) => x >= 0 && x < 1),
    discount: share,
  },
  v.never(() => '(a rung has above, discount)'),
  (issue) => (issue.expected === 'Object' ? `must be an object {above, discount}, not ${show(issue.input)}` : 'is required'),
);

const ladder = v.pipe(
  v.array(
    v.lazy((input) =>
      Array.isArray(input) ? v.custom<never>(() => false, 'must be an object {above, discount}, not a list') : rung,
    ),
    (i) => `must be a list of {above, discount}, not ${show(i.input)}`,
  ),
  v.maxLength(MAX_RUNGS, `must have at most ${MAX_RUNGS} rungs`),
);

/** Each field's schema, also used alone by effectiveRuleParams. */
const FIELDS = {
  year,
  res_threshold_by_year: resByYear,
  ladder,
  capacity_coverage: share,
  max_capacity_mw: num(
    `a finite number > 0 and at most ${MAX_CAPACITY_MW.toLocaleString('en-US')}`,
    (x) => x > 0 && x <= MAX_CAPACITY_MW,
  ),
  min_storage_share: share,
};
const FIELD_NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

const rulesSchema = v.objectWithRest(
  Object.fromEntries(FIELD_NAMES.map((k) => [k, v.optional(FIELDS[k])])) as {
    [K in keyof typeof FIELDS]: v.OptionalSchema<(typeof FIELDS)[K], undefined>;
  },
  v.never(() => `(rules has ${FIELD_NAMES.join(', ')})`),
  (issue) => (issue.expected === 'Object' ? `must be an object, not ${show(issue.input)}` : 'is required'),
);

/** `rules.ladder[1].above`, `rules.res_threshold_by_year["20x6"]`. */
function pathOf(issue: v.BaseIssue<unknown>, prefix: string): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(String(key))}]`;
  }
  return path;
}

function problemsOf(issues: readonly v.BaseIssue<unknown>[], prefix: string): Problem[] {
  return issues.map((issue) => {
    if (issue.type !== 'never') return { path: pathOf(issue, prefix), message: issue.message };
    const field = String(issue.path?.[issue.path.length - 1]?.key ?? '');
    return { path: pathOf(issue, prefix), message: `unknown field ${JSON.stringify(field)} ${issue.message}` };
  });
}

/** Rungs with the same threshold: which discount applies would be a guess. */
function duplicateRungs(input: unknown, prefix: string): Problem[] {
  if (!Array.isArray(input)) return [];
  const seen = new Map<number, number>();
  const problems: Problem[] = [];
  input.forEach((r: unknown, i) => {
    if (!isPlainObject(r) || typeof r.above !== 'number') return;
    const first = seen.get(r.above);
    if (first === undefined) seen.set(r.above, i);
    else
      problems.push({ path: `${prefix}.ladder[${i}].above`, message: `${r.above} is already the threshold of ladder[${first}]` });
  });
  return problems;
}

/** Validates a scenario's `rules` object; problems name the field under `prefix`. */
export function parseRules(input: unknown, prefix = 'rules'): RulesResult {
  if (!isPlainObject(input)) return { ok: false, problems: [{ path: prefix, message: `must be an object, not ${show(input)}` }] };
  const r = v.safeParse(rulesSchema, input);
  const problems = [...(r.success ? [] : problemsOf(r.issues, prefix)), ...duplicateRungs(input.ladder, prefix)];
  if (problems.length > 0 || !r.success) return { ok: false, problems };
  const rules = Object.fromEntries(Object.entries(r.output).filter(([, x]) => x !== undefined)) as Partial<RuleParams>;
  return { ok: true, rules };
}

/** The problems of a `rules` object (none when absent). */
export function rulesProblems(input: unknown, prefix = 'rules'): Problem[] {
  if (input === undefined) return [];
  const r = parseRules(input, prefix);
  return r.ok ? [] : r.problems;
}

/**
 * The thresholds in force: the defaults (CLUSTERS.md §2), with every valid field of the scenario's
 * `rules` over them. A field that is wrong is ignored (its default stays; parseRules says why).
 * `year`: the year of the check when `rules` names none (the data's year).
 */
export function effectiveRuleParams(rules?: unknown, year: number = new Date().getUTCFullYear()): RuleParams {
  const params = defaultRuleParams(year);
  if (!isPlainObject(rules)) return params;
  for (const k of FIELD_NAMES) {
    if (rules[k] === undefined) continue;
    const r = v.safeParse(FIELDS[k], rules[k]);
    if (!r.success) continue;
    if (k === 'ladder' && duplicateRungs(rules[k], '').length > 0) continue;
    (params as unknown as Record<string, unknown>)[k] = r.output;
  }
  return params;
}

const sortLadder = (ladder: readonly LadderRung[]) =>
  [...ladder].map((r) => ({ above: r.above, discount: r.discount })).sort((a, b) => a.above - b.above);

/**
 * What the scenario's `rules` keeps for `params`: only the fields that differ from the defaults
 * (the year only when it is not `dataYear`), the ladder in rising order; undefined when nothing
 * differs, so that a scenario without changed thresholds carries no `rules` at all.
 */
export function rulesObject(params: RuleParams, dataYear?: number): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (params.year !== dataYear) out.year = params.year;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const byYear = Object.fromEntries(Object.entries(params.res_threshold_by_year).sort(([a], [b]) => Number(a) - Number(b)));
  if (!same(byYear, DEFAULT_THRESHOLDS.res_threshold_by_year)) out.res_threshold_by_year = byYear;
  const ladderNow = sortLadder(params.ladder);
  if (!same(ladderNow, sortLadder(DEFAULT_THRESHOLDS.ladder))) out.ladder = ladderNow;
  for (const k of ['capacity_coverage', 'max_capacity_mw', 'min_storage_share'] as const) {
    if (params[k] !== DEFAULT_THRESHOLDS[k]) out[k] = params[k];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
