/** The scenario's `rules` object: validation with the field named, effective parameters, what is kept. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, defaultRuleParams } from '../../src/scenario/rules';
import { effectiveRuleParams, parseRules, rulesObject, rulesProblems } from '../../src/scenario/rules-schema';
import { formatProblem } from '../../src/scenario/schema';

const problems = (input: unknown) => {
  const r = parseRules(input);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('parseRules', () => {
  it('accepts an empty object and every field', () => {
    expect(parseRules({})).toEqual({ ok: true, rules: {} });
    const all = {
      year: 2027,
      res_threshold_by_year: { '2026': 0.3, '2027': 0.5, '2030': 0.6 },
      ladder: [
        { above: 0.6, discount: 0.05 },
        { above: 0.75, discount: 0.1 },
      ],
      capacity_coverage: 0.4,
      max_capacity_mw: 150,
      min_storage_share: 0.05,
    };
    expect(parseRules(all)).toEqual({ ok: true, rules: all });
  });

  it('names the field of every problem', () => {
    expect(
      problems({
        year: 2027.5,
        res_threshold_by_year: { '2026': 30, '20x7': 0.5 },
        ladder: [{ above: 1.2, discount: 0.05 }, { above: 0.7 }, 'x', { above: 0.8, discount: 0.1, extra: 1 }],
        capacity_coverage: '40%',
        max_capacity_mw: 0,
        min_storage_share: -0.01,
        storage: 0.02,
      }),
    ).toEqual([
      'rules.year: must be a whole year from 2000 to 2100, not 2027.5',
      'rules.res_threshold_by_year["2026"]: must be a share from 0 to 1, not 30',
      'rules.res_threshold_by_year["20x7"]: must be a year from 2000 to 2100, not "20x7"',
      'rules.ladder[0].above: must be a share from 0 to below 1, not 1.2',
      'rules.ladder[1].discount: is required',
      'rules.ladder[2]: must be an object {above, discount}, not "x"',
      'rules.ladder[3].extra: unknown field "extra" (a rung has above, discount)',
      'rules.capacity_coverage: must be a share from 0 to 1, not "40%"',
      'rules.max_capacity_mw: must be a finite number > 0 and at most 100,000, not 0',
      'rules.min_storage_share: must be a share from 0 to 1, not -0.01',
      'rules.storage: unknown field "storage" (rules has year, res_threshold_by_year, ladder, capacity_coverage, max_capacity_mw, min_storage_share)',
    ]);
  });

  it('refuses lists where objects belong and objects where lists belong, and empty or repeated entries', () => {
    expect(problems([])).toEqual(['rules: must be an object, not a list']);
    expect(problems({ res_threshold_by_year: [0.3] })).toEqual([
      'rules.res_threshold_by_year: must be an object {year: share}, not a list',
    ]);
    expect(problems({ res_threshold_by_year: {} })).toEqual(['rules.res_threshold_by_year: must name at least one year']);
    expect(problems({ ladder: { above: 0.6 } })).toEqual(['rules.ladder: must be a list of {above, discount}, not an object']);
    expect(problems({ ladder: [[0.6, 0.05]] })).toEqual(['rules.ladder[0]: must be an object {above, discount}, not a list']);
    expect(
      problems({
        ladder: [
          { above: 0.6, discount: 0.05 },
          { above: 0.6, discount: 0.1 },
        ],
      }),
    ).toEqual(['rules.ladder[1].above: 0.6 is already the threshold of ladder[0]']);
    expect(problems({ ladder: Array.from({ length: 21 }, (_, i) => ({ above: i / 100, discount: 0 })) })).toEqual([
      'rules.ladder: must have at most 20 rungs',
    ]);
  });

  it('NaN and Infinity are not numbers it accepts', () => {
    expect(problems({ capacity_coverage: Number.NaN })).toEqual([
      'rules.capacity_coverage: must be a share from 0 to 1, not NaN',
    ]);
    expect(problems({ max_capacity_mw: Number.POSITIVE_INFINITY })[0]).toMatch(/^rules\.max_capacity_mw: must be/);
  });

  it('rulesProblems: none for an absent object; another prefix', () => {
    expect(rulesProblems(undefined)).toEqual([]);
    expect(rulesProblems({ year: 1999 }, 'variants[1].rules').map(formatProblem)).toEqual([
      'variants[1].rules.year: must be a whole year from 2000 to 2100, not 1999',
    ]);
  });
});

describe('effectiveRuleParams', () => {
  it('the defaults of CLUSTERS.md §2, with the data year', () => {
    expect(effectiveRuleParams(undefined, 2025)).toEqual({
      year: 2025,
      res_threshold_by_year: { '2026': 0.3, '2027': 0.5 },
      ladder: [
        { above: 0.6, discount: 0.05 },
        { above: 0.7, discount: 0.1 },
        { above: 0.8, discount: 0.15 },
        { above: 0.9, discount: 0.2 },
      ],
      capacity_coverage: 0.4,
      max_capacity_mw: 100,
      min_storage_share: 0.02,
    });
  });

  it("the scenario's valid fields override; a wrong one keeps its default (a hand-edited link still opens)", () => {
    const p = effectiveRuleParams(
      {
        year: 2027,
        capacity_coverage: 0.5,
        ladder: 'none',
        max_capacity_mw: -1,
        unknown_field: true,
      },
      2025,
    );
    expect(p).toEqual({ ...defaultRuleParams(2027), capacity_coverage: 0.5 });
    expect(effectiveRuleParams([1, 2], 2025)).toEqual(defaultRuleParams(2025));
    const repeated = [
      { above: 0.6, discount: 0.05 },
      { above: 0.6, discount: 0.1 },
    ];
    expect(effectiveRuleParams({ ladder: repeated }, 2025).ladder).toEqual(defaultRuleParams(2025).ladder);
  });

  it('hands out copies: editing them leaves the defaults alone', () => {
    const p = effectiveRuleParams(undefined, 2026);
    p.ladder[0]!.discount = 0.5;
    p.res_threshold_by_year['2026'] = 0.9;
    expect(DEFAULT_THRESHOLDS.ladder[0]!.discount).toBe(0.05);
    expect(effectiveRuleParams(undefined, 2026).res_threshold_by_year['2026']).toBe(0.3);
  });
});

describe('rulesObject: what the scenario keeps', () => {
  it('nothing when nothing differs from the defaults', () => {
    expect(rulesObject(defaultRuleParams(2025), 2025)).toBeUndefined();
  });

  it('only what differs; the year only when not the data year; the ladder in rising order', () => {
    const p = {
      ...defaultRuleParams(2027),
      capacity_coverage: 0.5,
      ladder: [
        { above: 0.9, discount: 0.25 },
        { above: 0.6, discount: 0.05 },
      ],
    };
    expect(rulesObject(p, 2025)).toEqual({
      year: 2027,
      capacity_coverage: 0.5,
      ladder: [
        { above: 0.6, discount: 0.05 },
        { above: 0.9, discount: 0.25 },
      ],
    });
  });

  it('round-trips through parseRules and effectiveRuleParams', () => {
    const p = {
      ...defaultRuleParams(2030),
      res_threshold_by_year: { '2027': 0.5, '2026': 0.35 },
      min_storage_share: 0.03,
      max_capacity_mw: 80,
    };
    const kept = rulesObject(p, 2025)!;
    expect(parseRules(kept).ok).toBe(true);
    const back = effectiveRuleParams(JSON.parse(JSON.stringify(kept)), 2025);
    expect(back).toEqual({ ...p, res_threshold_by_year: { '2026': 0.35, '2027': 0.5 } });
  });
});
