/** Registration and support checks (CLUSTERS.md §2). */
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/ingest/cluster-data';
import type { Kpis } from '../../src/engine/types';
import {
  checkRules,
  defaultRuleParams,
  discountRung,
  placeKey,
  resThreshold,
  scenarioStorage,
  type RuleCheck,
  type RuleId,
} from '../../src/scenario/rules';

let seq = 0;
const member = (type: string, gmina: string, extra: Partial<Member> = {}): Member => ({
  id: `${type}-${gmina}-${++seq}`,
  name: '',
  type,
  tariff: '',
  gmina,
  pvKwp: 0,
  windKw: 0,
  biogasKw: 0,
  ...extra,
});
const kpis = (k: Partial<Kpis>): Kpis =>
  ({
    consumption_kwh: 100,
    generation_kwh: 50,
    self_sufficiency: 0.5,
    matched_share: 0.5,
    res_generation_share: 0.4,
    ...k,
  }) as Kpis;

const byId = (checks: RuleCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c])) as Record<RuleId, RuleCheck>;
const check = (
  id: RuleId,
  members: Member[],
  k: Partial<Kpis> = {},
  ...rest: [Parameters<typeof checkRules>[2]?, Parameters<typeof checkRules>[3]?]
) => byId(checkRules(kpis(k), members, rest[0] ?? 2026, rest[1]))[id];

/** A GSRN: 17 digits and their GS1 check digit. */
function gsrn(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ((17 - i) % 2 === 1 ? 3 : 1);
  return first17 + String((10 - (sum % 10)) % 10);
}

describe('area: one powiat or at most five gminy', () => {
  it('8 gminy all in one powiat pass as one powiat', () => {
    const gminy = ['Staszów', 'Połaniec', 'Osiek', 'Rytwiany', 'Łubnice', 'Bogoria', 'Oleśnica', 'Szydłów'];
    const c = check(
      'area',
      gminy.map((g) => member('jst', g, { powiat: 'staszowski' })),
    );
    expect(c).toMatchObject({ status: 'pass', pass: true, form: 'powiat', powiat: 'staszowski', gminy: 8, powiaty: 1 });
  });

  it('4 neighbouring gminy in two powiats pass as at most 5 gminy', () => {
    const c = check('area', [
      member('jst', 'Staszów', { powiat: 'staszowski' }),
      member('jst', 'Szydłów', { powiat: 'staszowski' }),
      member('jst', 'Tuczępy', { powiat: 'buski' }),
      member('jst', 'Pacanów', { powiat: 'buski' }),
    ]);
    expect(c).toMatchObject({ status: 'pass', form: 'gminy', gminy: 4, powiaty: 2, threshold: 5 });
  });

  it('the real Świętokrzyski Klaster Energii (March 2023): Tuczępy lies in powiat buski, so the gminy form is met', () => {
    const members = [
      member('jst', 'Staszów', { name: 'Gmina Staszów', powiat: 'staszowski' }),
      member('producer', 'Połaniec', { name: 'Enea Elektrownia Połaniec', powiat: 'staszowski' }),
      member('municipal', 'Staszów', { name: 'ZEC', powiat: 'staszowski' }),
      member('municipal', 'Tuczępy', { name: 'ZGOK Rzędów', powiat: 'buski' }),
      member('municipal', 'Staszów', { name: 'PGKiM', powiat: 'staszowski' }),
      member('business', '', { name: 'Domat Consulting' }),
      member('jst', 'Tuczępy', { name: 'Gmina Tuczępy', powiat: 'buski' }),
      member('jst', 'Szydłów', { name: 'Gmina Szydłów', powiat: 'staszowski' }),
    ];
    const c = check('area', members);
    expect(c).toMatchObject({ status: 'pass', form: 'gminy', gminy: 4, powiaty: 2, withoutPlace: 1 });
    expect(check('jst-member', members)).toMatchObject({ status: 'pass', kinds: { jst: 3, municipal: 3, parent: 0 } });
  });

  it('6 gminy in two powiats fail both forms', () => {
    const c = check(
      'area',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((g, i) => member('business', g, { powiat: i < 3 ? 'buski' : 'staszowski' })),
    );
    expect(c).toMatchObject({ status: 'fail', pass: false, gminy: 6, powiaty: 2 });
    expect(c.form).toBeUndefined();
  });

  it('6 gminy without a powiat column: unknown (they may be one powiat), not a failure', () => {
    const c = check(
      'area',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((g) => member('business', g)),
    );
    expect(c).toMatchObject({ status: 'unknown', reason: 'no-powiat', value: 6, gminy: 6, powiaty: 0 });
  });

  it('five gminy pass, six do not (the boundary), with the powiat form undecided', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((g) => member('jst', g));
    expect(check('area', five)).toMatchObject({ status: 'pass', form: 'gminy', gminy: 5 });
    expect(check('area', [...five, member('jst', 'f')]).status).toBe('unknown');
  });

  it('a powiat for some members only: the powiat form is undecided, the gminy form decides', () => {
    const members = [member('jst', 'a', { powiat: 'buski' }), member('jst', 'b')];
    expect(check('area', members)).toMatchObject({ status: 'pass', form: 'gminy' });
  });

  it('a register giving neither gmina nor powiat: unknown', () => {
    expect(check('area', [member('jst', ''), member('business', '')])).toMatchObject({ status: 'unknown', reason: 'no-place' });
  });

  it('names compare loosely: "Gmina Staszów" = "Staszów", "powiat buski" = "Buski"; gmina miejska and wiejska stay apart', () => {
    expect(placeKey('Gmina  Staszów', 'gmina')).toBe(placeKey('staszów', 'gmina'));
    expect(placeKey('Powiat buski', 'powiat')).toBe(placeKey('Buski', 'powiat'));
    expect(placeKey('Gmina Miejska Ciechanów', 'gmina')).not.toBe(placeKey('Gmina Wiejska Ciechanów', 'gmina'));
    const c = check('area', [
      member('jst', 'Gmina Staszów', { powiat: 'powiat staszowski' }),
      member('jst', 'Staszów', { powiat: 'Staszowski' }),
    ]);
    expect(c).toMatchObject({ status: 'pass', form: 'powiat', gminy: 1, powiaty: 1 });
  });
});

describe('a JST member (art. 2 pkt 15a)', () => {
  it.each([
    ['jst', { jst: 1, municipal: 0, parent: 0 }],
    ['municipal', { jst: 0, municipal: 1, parent: 0 }],
    ['parent', { jst: 0, municipal: 0, parent: 1 }],
  ])('a %s member qualifies', (type, kinds) => {
    const c = check('jst-member', [member(type, 'Staszów'), member('business', 'Staszów')]);
    expect(c).toMatchObject({ status: 'pass', value: 1, kinds, source: 'oze-art2-15a', toBeVerified: false });
  });

  it('a cluster of businesses and households does not', () => {
    const c = check('jst-member', [member('business', 'Staszów'), member('household', 'Osiek')]);
    expect(c).toMatchObject({ status: 'fail', pass: false, value: 0 });
  });
});

describe('one DSO: a warning when mixed', () => {
  it('one operator passes', () => {
    const c = check('one-dso', [member('jst', 'a', { dso: 'Enea Operator' }), member('jst', 'b', { dso: 'Enea Operator' })]);
    expect(c).toMatchObject({
      status: 'pass',
      dsos: ['Enea Operator'],
      withoutDso: 0,
      toBeVerified: true,
      source: 'summaries-2023',
    });
  });

  it('mixed operators are a warning, not a failure', () => {
    const c = check('one-dso', [
      member('jst', 'a', { dso: 'Enea Operator' }),
      member('jst', 'b', { dso: 'PGE Dystrybucja' }),
      member('jst', 'c'),
    ]);
    expect(c).toMatchObject({ status: 'warn', pass: false, value: 2, dsos: ['Enea Operator', 'PGE Dystrybucja'], withoutDso: 1 });
  });

  it('unknown when no member has a known DSO', () => {
    expect(check('one-dso', [member('jst', 'a'), member('jst', 'b')])).toMatchObject({ status: 'unknown', reason: 'no-dso' });
  });

  it('meters without a register entry still name their DSO through a GS1 PPE', () => {
    const tauron = { ...member('other', ''), id: gsrn('59032240000000001'), registered: false };
    const enea = { ...member('other', ''), id: gsrn('59031060000000001'), registered: false };
    expect(check('one-dso', [tauron])).toMatchObject({ status: 'pass', dsos: ['Tauron Dystrybucja'] });
    expect(check('one-dso', [tauron, enea])).toMatchObject({ status: 'warn', dsos: ['Enea Operator', 'Tauron Dystrybucja'] });
  });
});

describe('renewable share of generation: 30 %, 50 % from 2027', () => {
  const jst = [member('jst', 'S')];

  it('the threshold by year', () => {
    expect(resThreshold(2024)).toBe(0.3);
    expect(resThreshold(2025)).toBe(0.3);
    expect(resThreshold(2026)).toBe(0.3);
    expect(resThreshold(2027)).toBe(0.5);
    expect(resThreshold(2035)).toBe(0.5);
    expect(resThreshold(2028, { '2026': 0.3, '2027': 0.5, '2028': 0.6 })).toBe(0.6);
  });

  it.each([
    [2026, 0.3, 'pass'],
    [2026, 0.2999, 'fail'],
    [2027, 0.3, 'fail'],
    [2027, 0.4999, 'fail'],
    [2027, 0.5, 'pass'],
  ])('in %i a share of %f: %s', (year, share, status) => {
    const c = check('res-share', jst, { res_generation_share: share }, year);
    expect(c).toMatchObject({ status, value: share, year, source: 'oze-art38a', toBeVerified: true });
    expect(c.threshold).toBe(year >= 2027 ? 0.5 : 0.3);
  });

  it('the year and the table are parameters', () => {
    const params = { ...defaultRuleParams(2027), res_threshold_by_year: { '2026': 0.3, '2027': 0.4 } };
    expect(check('res-share', jst, { res_generation_share: 0.45 }, params).status).toBe('pass');
  });

  it('unknown, not 0 %, without generation in the data', () => {
    expect(check('res-share', jst, { generation_kwh: 0, res_generation_share: 0 })).toMatchObject({
      status: 'unknown',
      reason: 'no-generation',
    });
  });
});

describe('discount ladder (2022 draft) on the matched share before storage', () => {
  it.each([
    [0.5, 0],
    [0.6, 0],
    [0.6000001, 0.05],
    [0.7, 0.05],
    [0.7000001, 0.1],
    [0.8, 0.1],
    [0.8000001, 0.15],
    [0.9, 0.15],
    [0.9000001, 0.2],
    [1, 0.2],
  ])('matched share %f gives a %f discount', (share, discount) => {
    const c = check('discount-tier', [], { matched_share: share });
    expect(c.tier).toBe(discount);
    expect(c.pass).toBe(discount > 0);
    // Below the first rung: no discount, never "not met".
    expect(c.status).toBe(discount > 0 ? 'pass' : 'none');
    expect(c).toMatchObject({ threshold: 0.6, source: 'draft-2022', toBeVerified: true, draft: true });
  });

  it('measures the discount on the matched share before storage, not self-sufficiency with discharge', () => {
    const c = check('discount-tier', [], { self_sufficiency: 0.95, matched_share: 0.55 });
    expect(c.value).toBe(0.55);
    expect(c.tier).toBe(0);
  });

  it('the ladder is a parameter, in any order', () => {
    const ladder = [
      { above: 0.5, discount: 0.1 },
      { above: 0.4, discount: 0.02 },
    ];
    const c = check('discount-tier', [], { matched_share: 0.45 }, { year: 2026, ladder });
    expect(c).toMatchObject({ status: 'pass', tier: 0.02, threshold: 0.4 });
    expect(discountRung(0.55, ladder)).toEqual({ above: 0.5, discount: 0.1 });
    expect(discountRung(0.4, ladder)).toBeUndefined();
  });
});

describe('draft thresholds', () => {
  const producer = (kw: number) => member('producer', 'S', { pvKwp: kw / 2, windKw: kw / 4, biogasKw: kw / 4 });

  it('total capacity from the register: at most 100 MW', () => {
    expect(check('max-capacity', [producer(100_000)])).toMatchObject({
      status: 'pass',
      value: 100,
      threshold: 100,
      toBeVerified: true,
    });
    expect(check('max-capacity', [producer(100_001)])).toMatchObject({ status: 'fail', value: 100.001 });
    expect(check('max-capacity', [producer(60_000)], {}, { year: 2026, max_capacity_mw: 50 }).status).toBe('fail');
  });

  it('generation covers at least 40 % of demand', () => {
    expect(check('capacity-coverage', [], { generation_kwh: 40, consumption_kwh: 100 })).toMatchObject({
      status: 'pass',
      value: 0.4,
    });
    expect(check('capacity-coverage', [], { generation_kwh: 39, consumption_kwh: 100 }).status).toBe('fail');
    expect(check('capacity-coverage', [], { consumption_kwh: 0 })).toMatchObject({ status: 'unknown', reason: 'no-consumption' });
  });

  it("storage at least 2 % of installed capacity, from the scenario's batteries", () => {
    const members = [producer(1000)];
    expect(check('min-storage', members)).toMatchObject({ status: 'unknown', reason: 'no-storage' });
    expect(check('min-storage', members, {}, 2026, { power_kw: 20 })).toMatchObject({
      status: 'pass',
      value: 0.02,
      storageKw: 20,
      installedKw: 1000,
    });
    expect(check('min-storage', members, {}, 2026, { power_kw: 19 }).status).toBe('fail');
    expect(check('min-storage', [member('jst', 'S')], {}, 2026, { power_kw: 19 })).toMatchObject({
      status: 'unknown',
      reason: 'no-capacity',
    });
  });

  it("a scenario's storage: its community battery and members' own batteries", () => {
    expect(scenarioStorage({ battery: null, behind_meter: {} })).toBeUndefined();
    expect(
      scenarioStorage({
        battery: { power_kw: 250, capacity_kwh: 500 },
        behind_meter: { PL1: { power_kw: 5, capacity_kwh: 10 } },
      }),
    ).toEqual({ power_kw: 255, capacity_kwh: 510 });
  });
});

describe('without a member register', () => {
  it('says "unknown" instead of failing, never 0 %', () => {
    const unregistered = [
      { ...member('other', ''), registered: false },
      { ...member('other', ''), registered: false },
    ];
    const checks = byId(checkRules(kpis({ res_generation_share: 0 }), unregistered, 2026, { power_kw: 100 }));
    for (const id of ['jst-member', 'area', 'res-share', 'max-capacity', 'min-storage'] as const) {
      expect(checks[id], id).toMatchObject({ status: 'unknown', reason: 'no-register', pass: false });
    }
    expect(checks['res-share'].value).toBe(0);
    expect(checks['one-dso']).toMatchObject({ status: 'unknown', reason: 'no-dso' });
    // What the meters alone say is still said.
    expect(checks['discount-tier'].status).toBe('none');
    expect(checks['capacity-coverage'].status).toBe('pass');
  });
});

describe('every check', () => {
  it('names its source and whether it is to be verified', () => {
    const checks = checkRules(kpis({}), [member('jst', 'S')], 2026);
    expect(checks.map((c) => [c.id, c.source, c.toBeVerified])).toEqual([
      ['jst-member', 'oze-art2-15a', false],
      ['area', 'oze-art2-15a', false],
      ['one-dso', 'summaries-2023', true],
      ['res-share', 'oze-art38a', true],
      ['discount-tier', 'draft-2022', true],
      ['capacity-coverage', 'draft-2022', true],
      ['max-capacity', 'draft-2022', true],
      ['min-storage', 'draft-2022', true],
    ]);
  });

  it('a year alone, or parameters with fields left undefined, take the defaults', () => {
    const a = checkRules(kpis({}), [member('jst', 'S')], 2027);
    const b = checkRules(kpis({}), [member('jst', 'S')], { year: 2027, ladder: undefined });
    expect(b).toEqual(a);
  });
});
