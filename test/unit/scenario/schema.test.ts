/** parseScenario, parseVariants, memberProblems, withoutMemberReferences (issue 8: the scenario). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addedDefaults, addedMemberIds, defaultScenario, newScenario, type Scenario } from '../../../src/scenario/model';
import {
  formatProblem,
  memberIndex,
  memberProblems,
  parseScenario,
  parseVariants,
  withoutMemberReferences,
  type Problem,
} from '../../../src/scenario/schema';
import { scenarioArb } from './arbitraries';
import { PPE, fullExample } from './examples';

function ok(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`refused: ${r.problems.map(formatProblem).join('; ')}`);
  return r.scenario;
}

function problems(input: unknown): Problem[] {
  const r = parseScenario(input);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return r.problems;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the edits reach into any field, valid or not
type Loose = Record<string, any>;

/** The full example with one change made by `edit`. */
function example(edit: (s: Loose) => void): unknown {
  const s = structuredClone(fullExample) as Loose;
  edit(s);
  return s;
}

describe('the defaults', () => {
  it('the default scenario is valid and is what {version: 2} means', () => {
    expect(ok(defaultScenario)).toStrictEqual(defaultScenario);
    expect(ok({ version: 2 })).toStrictEqual(defaultScenario);
    expect(defaultScenario).toMatchObject({ window_minutes: 60, key: 'dynamic', battery: null, add: [] });
  });

  it('the default is frozen; newScenario gives an independent copy to edit', () => {
    expect(Object.isFrozen(defaultScenario) && Object.isFrozen(defaultScenario.shares)).toBe(true);
    const s = newScenario({ key: 'static' });
    s.shares.X = 0.5;
    s.add.push({ type: 'wind', id: 'W', kw: 1, hub_height_m: 100 });
    expect(defaultScenario.shares).toEqual({});
    expect(defaultScenario.add).toEqual([]);
    expect(ok(s)).toStrictEqual(s);
  });
});

describe('a full scenario', () => {
  it('the README example is accepted and kept field by field', () => {
    const s = ok(fullExample);
    expect(s).toMatchObject(fullExample);
    expect(s.add).toHaveLength(6);
  });

  it('fills the per-type defaults of added items and the battery dispatch', () => {
    const s = ok({
      version: 2,
      battery: { capacity_kwh: 100, power_kw: 50, round_trip: 0.9 },
      add: [
        { type: 'pv', id: 'a', kwp: 1 },
        { type: 'wind', id: 'b', kw: 1 },
        { type: 'biogas', id: 'c', kw: 1 },
        { type: 'profile', id: 'd', file: 'x.csv' },
        { type: 'consumer', id: 'e', profile: 'G0', annual_kwh: 1 },
      ],
    });
    expect(s.battery).toStrictEqual({ capacity_kwh: 100, power_kw: 50, round_trip: 0.9, dispatch: 'self-consumption' });
    expect(s.add).toStrictEqual([
      { type: 'pv', id: 'a', kwp: 1, ...addedDefaults.pv },
      { type: 'wind', id: 'b', kw: 1, ...addedDefaults.wind },
      { type: 'biogas', id: 'c', kw: 1, ...addedDefaults.biogas },
      { type: 'profile', id: 'd', file: 'x.csv', ...addedDefaults.profile },
      { type: 'consumer', id: 'e', profile: 'G0', annual_kwh: 1, ...addedDefaults.consumer },
    ]);
    expect(addedDefaults.pv).toEqual({ tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 });
  });

  it('parsing is idempotent: the canonical JSON parses to itself', () => {
    const s = ok(fullExample);
    expect(ok(JSON.parse(JSON.stringify(s)))).toStrictEqual(s);
  });

  it('names a bad money field through the scenario', () => {
    const r = parseScenario({ version: 2, money: { internal_price: -1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toContain('money.internal_price');
  });

  it('keeps money and rules exactly as given', () => {
    const money = {
      internal_price: 0.35,
      export_price: { monthly: [0.4, 0.4, 0.2, 0.2, 0.2, 0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5] },
    };
    const rules = { year: 2027, capacity_coverage: 0.5 };
    const s = ok({ ...fullExample, money, rules });
    expect(s.money).toBe(money);
    expect(s.rules).toBe(rules);
  });

  it('accepts every generated valid scenario unchanged', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(ok(s)).toStrictEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('each invalid value names its field', () => {
  const cases: [string, (s: Loose) => void, string, RegExp][] = [
    ['negative kWp', (s) => (s.add[1].kwp = -5), 'add[1].kwp', /^must be a finite number > 0 and at most 1,000,000, not -5$/],
    ['infinite kW', (s) => (s.add[2].kw = Infinity), 'add[2].kw', /^must be a finite number > 0/],
    ['NaN kW', (s) => (s.add[3].kw = NaN), 'add[3].kw', /^must be a finite number > 0.*not NaN/],
    ['kWp as text', (s) => (s.add[0].kwp = '2000'), 'add[0].kwp', /not "2000"/],
    ['kWp above the cap (W for kW)', (s) => (s.add[0].kwp = 2e9), 'add[0].kwp', /at most 1,000,000/],
    ['round trip above 1', (s) => (s.battery.round_trip = 90), 'battery.round_trip', /> 0 and at most 1, not 90/],
    ['round trip 0', (s) => (s.battery.round_trip = 0), 'battery.round_trip', /> 0 and at most 1/],
    ['losses 1', (s) => (s.add[0].losses = 1), 'add[0].losses', /from 0 to below 1/],
    ['availability above 1', (s) => (s.add[3].availability = 1.1), 'add[3].availability', /from 0 to 1/],
    ['soc min above max', (s) => (s.battery.soc_min_kwh = 960), 'battery.soc_min_kwh', /below soc_max_kwh \(950\)/],
    ['soc max above capacity', (s) => (s.battery.soc_max_kwh = 1200), 'battery.soc_max_kwh', /at most capacity_kwh \(1,000\)/],
    ['soc min negative', (s) => (s.battery.soc_min_kwh = -1), 'battery.soc_min_kwh', /from 0 to/],
    [
      'peak shaving without a limit',
      (s) => delete s.battery.import_limit_kw,
      'battery.import_limit_kw',
      /required.*peak-shaving/,
    ],
    [
      'unknown dispatch',
      (s) => (s.battery.dispatch = 'greedy'),
      'battery.dispatch',
      /unknown dispatch "greedy" \(self-consumption, peak-shaving\)/,
    ],
    ['negative scale factor', (s) => (s.scale[PPE.farm] = -0.5), `scale.${PPE.farm}`, /from 0 to 1,000, not -0.5/],
    ['share above 1', (s) => (s.shares[PPE.gmina] = 40), `shares.${PPE.gmina}`, /from 0 to 1, not 40/],
    [
      'shares adding up to more than 1',
      (s) => (s.shares[PPE.school] = 0.7),
      'shares',
      /add up to 1.1; they must add up to at most 1/,
    ],
    ['shares as a list', (s) => (s.shares = [0.5, 0.5]), 'shares', /must be an object \{PPE: value\}, not a list/],
    ['window 45', (s) => (s.window_minutes = 45), 'window_minutes', /^must be 15, 30 or 60 \(minutes\), not 45$/],
    ['window as text', (s) => (s.window_minutes = '60'), 'window_minutes', /not "60"/],
    ['unknown key', (s) => (s.key = 'fair'), 'key', /unknown key "fair" \(dynamic, static, hybrid, priority\)/],
    ['count 0', (s) => (s.add[5].count = 0), 'add[5].count', /whole number from 1 to 10,000, not 0/],
    ['count 2.5', (s) => (s.add[5].count = 2.5), 'add[5].count', /whole number/],
    ['count 20000', (s) => (s.add[5].count = 20000), 'add[5].count', /whole number/],
    ['annual kWh 0', (s) => (s.add[5].annual_kwh = 0), 'add[5].annual_kwh', /> 0/],
    ['unknown profile', (s) => (s.add[5].profile = 'H9'), 'add[5].profile', /unknown profile "H9" \(H25, G25, L25, H0, G0/],
    ['lat 91', (s) => (s.add[0].lat = 91), 'add[0].lat', /from -90 to 90/],
    ['lon -181', (s) => (s.add[0].lon = -181), 'add[0].lon', /from -180 to 180/],
    ['tilt 95', (s) => (s.add[0].tilt = 95), 'add[0].tilt', /from 0 to 90/],
    ['azimuth 400', (s) => (s.add[0].azimuth = 400), 'add[0].azimuth', /from 0 to 360/],
    ['hub height 0', (s) => (s.add[2].hub_height_m = 0), 'add[2].hub_height_m', /> 0 and at most 300/],
    ['unknown biogas mode', (s) => (s.add[3].mode = 'solar-led'), 'add[3].mode', /unknown mode "solar-led" \(flat, heat-led\)/],
    [
      'unknown type',
      (s) => (s.add[2] = { type: 'solar', id: 'X', kwp: 5 }),
      'add[2].type',
      /^unknown type "solar" \(pv, wind, biogas, profile, consumer\)$/,
    ],
    ['no type', (s) => delete s.add[2].type, 'add[2].type', /is required \(pv, wind/],
    ['an item that is not an object', (s) => (s.add[2] = 7), 'add[2]', /must be an object/],
    ['missing kWp', (s) => delete s.add[0].kwp, 'add[0].kwp', /^is required$/],
    ['missing id', (s) => delete s.add[0].id, 'add[0].id', /^is required$/],
    ['empty file name', (s) => (s.add[4].file = ' '), 'add[4].file', /name of a loaded file/],
    ['id with a comma', (s) => (s.add[0].id = 'PV,1'), 'add[0].id', /without commas/],
    ['duplicate ids', (s) => (s.add[3].id = 'pv-polaniec'), 'add[3].id', /clashes with add\[0\]/],
    ['id clashing with a consumer group', (s) => (s.add[2].id = 'DOM-3'), 'add[5].id', /"DOM-1" … "DOM-10" clash with add\[2\]/],
    ['generator behind an excluded member', (s) => (s.add[1].member = PPE.bakery), 'add[1].member', /is excluded/],
    ['order listing a member twice', (s) => s.order.push(PPE.gmina), 'order[2]', /listed twice \(also order\[0\]\)/],
    [
      'exclude listing a member twice (spacing, case)',
      (s) => s.exclude.push(' 590 243876000000042'),
      'exclude[1]',
      /listed twice/,
    ],
    [
      'behind-the-meter battery without power',
      (s) => delete s.behind_meter[PPE.pool].power_kw,
      `behind_meter.${PPE.pool}.power_kw`,
      /is required/,
    ],
    ['a battery that is a number', (s) => (s.battery = 500), 'battery', /must be an object, not 500/],
    ['a battery that is a list', (s) => (s.battery = [500, 250, 0.9]), 'battery', /^must be an object, not a list$/],
    ['an item that is a list', (s) => (s.add[0] = ['pv', 'P', 5]), 'add[0]', /^must be an object \{type, id, …\}, not a list$/],
    [
      'a member battery that is a list',
      (s) => (s.behind_meter[PPE.pool] = [20, 10, 0.9]),
      `behind_meter.${PPE.pool}`,
      /not a list/,
    ],
    ['seed not whole', (s) => (s.seed = 1.5), 'seed', /whole number from 0/],
    ['name not text', (s) => (s.name = 5), 'name', /must be text/],
    ['money not an object', (s) => (s.money = [1]), 'money', /must be an object, not a list/],
    ['a PPE key with a space', (s) => (s.scale['PL 001'] = -1), 'scale["PL 001"]', /from 0 to 1,000/],
  ];
  for (const [what, edit, path, message] of cases) {
    it(`${what} → ${path}`, () => {
      const found = problems(example(edit));
      expect(found, JSON.stringify(found)).toContainEqual({ path, message: expect.stringMatching(message) });
    });
  }

  it('names every unknown field', () => {
    const found = problems(
      example((s) => {
        s.windowMinutes = 15;
        s.colour = 'red';
        s.battery.capacity = 5;
        s.add[0].orientation = 'south';
      }),
    );
    expect(found.map((p) => p.path).sort()).toEqual(['add[0].orientation', 'battery.capacity', 'colour', 'windowMinutes']);
    const message = (path: string) => found.find((p) => p.path === path)?.message;
    expect(message('windowMinutes')).toMatch(
      /^unknown field "windowMinutes" \(a scenario has version, name, seed, window_minutes/,
    );
    expect(message('add[0].orientation')).toMatch(/^unknown field "orientation" \(a pv item has type, id, kwp, tilt/);
  });

  it('reports every problem at once', () => {
    const found = problems(
      example((s) => {
        s.window_minutes = 45;
        s.add[0].kwp = 0;
        s.battery.soc_max_kwh = 2000;
      }),
    );
    expect(found.map((p) => p.path).sort()).toEqual(['add[0].kwp', 'battery.soc_max_kwh', 'window_minutes']);
  });
});

describe('versions', () => {
  it('a newer version says so', () => {
    expect(problems({ version: 7 })).toEqual([
      { path: 'version', message: 'unknown version 7: this scenario was made by a newer Klaster' },
    ]);
    const link = parseScenario({ version: 7, anything: true }, 'link');
    expect(link.ok === false && link.problems[0].message).toBe('unknown version 7: this link was made by a newer Klaster');
  });

  it('no version, version 0 or "2" are refused plainly', () => {
    expect(problems({ window_minutes: 60 })).toEqual([{ path: 'version', message: 'is required (2 for this Klaster)' }]);
    expect(problems({ version: 0 })[0].message).toMatch(/unknown version 0 \(this Klaster reads versions 1 and 2\)/);
    expect(problems({ version: '2' })[0].message).toMatch(/unknown version "2"/);
  });

  it('anything that is not an object is one problem for the whole', () => {
    for (const x of [null, undefined, 5, 'scenario', [], true]) {
      expect(problems(x)).toEqual([{ path: '', message: expect.stringMatching(/^a scenario must be a JSON object/) }]);
    }
  });

  it('version 1 objects are upgraded', () => {
    const s = ok({ version: 1, windowMinutes: 15, key: 'static', battery: { capacityKwh: 500, powerKw: 250, roundTrip: 0.9 } });
    expect(s).toStrictEqual({
      ...defaultScenario,
      window_minutes: 15,
      key: 'static',
      battery: { capacity_kwh: 500, power_kw: 250, round_trip: 0.9, dispatch: 'self-consumption' },
    });
    expect(ok({ version: 1, windowMinutes: 60, key: 'dynamic', battery: null })).toStrictEqual(defaultScenario);
  });

  it('version 1 problems use the version 1 names', () => {
    const found = problems({
      version: 1,
      windowMinutes: 17,
      key: 'dynamic',
      battery: { capacityKwh: 500, powerKw: 250, roundTrip: 1.5 },
    });
    expect(found.map((p) => p.path)).toEqual(['windowMinutes', 'battery.roundTrip']);
  });
});

describe('never throws', () => {
  it('on any JSON-like value, and always says what is wrong', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }), (x) => {
        const r = parseScenario(x);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('on scenario-shaped objects with random fields', () => {
    const field = fc.constantFrom(
      'version',
      'window_minutes',
      'key',
      'shares',
      'order',
      'battery',
      'behind_meter',
      'exclude',
      'scale',
      'add',
      'name',
    );
    fc.assert(
      fc.property(fc.dictionary(field, fc.anything({ maxDepth: 3 })), fc.constantFrom(1, 2), (o, version) => {
        const r = parseScenario({ ...o, version });
        if (!r.ok) for (const p of r.problems) expect(typeof p.message === 'string' && p.message.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('variants', () => {
  it('a container of a current scenario and variants', () => {
    const r = parseVariants({ current: fullExample, variants: [{ version: 2 }], fingerprint: '0123456789abcdef' });
    expect(r.ok && r.value.variants).toStrictEqual([defaultScenario]);
    expect(r.ok && r.value.fingerprint).toBe('0123456789abcdef');
    const bare = parseVariants({ current: { version: 2 } });
    expect(bare).toStrictEqual({ ok: true, value: { current: defaultScenario, variants: [] } });
  });

  it('problems of a variant name it', () => {
    const r = parseVariants({
      current: { version: 2, key: 'x' },
      variants: [{ version: 2 }, example((s) => (s.add[1].kwp = 0))],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['current.key', 'variants[1].add[1].kwp']);
  });

  it('at most four variants, a hex fingerprint, no other field', () => {
    const five = Array.from({ length: 5 }, () => ({ version: 2 }));
    const r = parseVariants({ current: { version: 2 }, variants: five, fingerprint: 'XYZ', extra: 1 });
    expect(!r.ok && r.problems).toEqual([
      { path: 'variants', message: 'must hold at most 4 variants, not 5' },
      { path: 'fingerprint', message: 'must be a data fingerprint (hex), not "XYZ"' },
      { path: 'extra', message: expect.stringMatching(/^unknown field "extra"/) },
    ]);
    expect(parseVariants([1, 2])).toEqual({ ok: false, problems: [{ path: '', message: expect.stringMatching(/JSON object/) }] });
    expect(parseVariants(null)).toEqual({ ok: false, problems: [{ path: '', message: expect.stringMatching(/JSON object/) }] });
    expect(parseVariants({})).toEqual({ ok: false, problems: [{ path: 'current', message: 'is required' }] });
  });
});

describe('members', () => {
  const loaded = Object.values(PPE);

  it('a scenario made on the same data has no member problem', () => {
    expect(memberProblems(ok(fullExample), loaded)).toEqual([]);
    // matched ignoring spaces and case, as the importer matches meter ids
    expect(
      memberProblems(
        ok(fullExample),
        loaded.map((p) => `${p.slice(0, 3)} ${p.slice(3)}`),
      ),
    ).toEqual([]);
    expect(memberIndex(['pl 001', 'PL002'], 'PL001')).toBe(0);
    expect(memberIndex(['PL002'], 'PL001')).toBe(-1);
  });

  it('names every reference to a member the data lack', () => {
    const s = ok(fullExample);
    s.scale.PL001 = 2;
    const found = memberProblems(s, [PPE.gmina]);
    expect(found).toEqual([
      { path: `shares.${PPE.school}`, message: `no member ${PPE.school} in the loaded data` },
      { path: `scale.${PPE.farm}`, message: `no member ${PPE.farm} in the loaded data` },
      { path: 'scale.PL001', message: 'no member PL001 in the loaded data' },
      { path: `behind_meter.${PPE.pool}`, message: `no member ${PPE.pool} in the loaded data` },
      { path: 'order[1]', message: `no member ${PPE.school} in the loaded data` },
      { path: 'exclude[0]', message: `no member ${PPE.bakery} in the loaded data` },
      { path: 'add[1].member', message: `no member ${PPE.school} in the loaded data` },
    ]);
  });

  it('an added id that is already a member is a problem', () => {
    const s = ok(fullExample);
    expect(memberProblems(s, [...loaded, 'wt-1', 'DOM-7'])).toEqual([
      { path: 'add[2].id', message: 'WT-1 is already a member in the loaded data; choose another id' },
      { path: 'add[5].id', message: 'DOM-7 is already a member in the loaded data; choose another id' },
    ]);
  });

  it('without the data, keeps what names no member', () => {
    const s = ok(fullExample);
    const w = withoutMemberReferences(s);
    expect(w).toStrictEqual({
      ...s,
      shares: {},
      order: [],
      behind_meter: {},
      exclude: [],
      scale: {},
      add: s.add.filter((a) => a.id !== 'PV-szkola'),
    });
    expect(memberProblems(w, [])).toEqual([]);
    expect(s.add).toHaveLength(6); // the original is untouched
    expect(ok(w)).toStrictEqual(w);
  });

  it('added member ids: <id>-1 … <id>-N for a consumer group', () => {
    expect(addedMemberIds({ type: 'consumer', id: 'H', profile: 'H25', annual_kwh: 1, count: 3 })).toEqual(['H-1', 'H-2', 'H-3']);
    expect(addedMemberIds({ type: 'consumer', id: 'H', profile: 'H25', annual_kwh: 1, count: 1 })).toEqual(['H']);
    expect(addedMemberIds({ type: 'wind', id: 'W', kw: 1, hub_height_m: 100 })).toEqual(['W']);
  });
});
