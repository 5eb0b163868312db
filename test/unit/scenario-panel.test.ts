/** The scenario panel's pure helpers: edits, problems in the page's words, winners and losers. */
import { describe, expect, it } from 'vitest';
import { newScenario, type AddedPv } from '../../src/scenario/model';
import { parseScenario } from '../../src/scenario/schema';
import {
  addItem,
  changes,
  checkScenario,
  effectiveOrder,
  equalShares,
  leftOut,
  move,
  newItem,
  nextId,
  nice,
  problemsAt,
  removeItem,
  setExcluded,
  setItem,
  setMemberBattery,
  setScale,
  setShare,
  sharesTotal,
  sweepDefaults,
  takenIds,
  variantLetter,
} from '../../src/views/scenario/edit';
import { problemMessage } from '../../src/views/scenario/problems';
import { bestCounts, keyRows, versus } from '../../src/views/scenario/winners';
import type { KeyComparison } from '../../src/engine/protocol';

const PPES = ['PL0001', 'PL0002', 'PL0003'];

describe('scenario edits', () => {
  it('adds items with defaults and ids that clash with nothing', () => {
    let s = newScenario();
    s = addItem(s, newItem('pv', s, PPES));
    s = addItem(s, newItem('pv', s, PPES));
    s = addItem(s, newItem('consumer', s, PPES));
    s = addItem(s, newItem('consumer', s, PPES));
    expect(s.add.map((a) => a.id)).toEqual(['PV-1', 'PV-2', 'LOAD-1', 'LOAD-2']);
    expect(s.add[0]).toMatchObject({ type: 'pv', kwp: 1000, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 });
    expect(s.add[2]).toMatchObject({ type: 'consumer', profile: 'H25', count: 10 });
    for (const type of ['pv', 'wind', 'biogas', 'consumer'] as const) {
      const r = checkScenario(addItem(s, newItem(type, s, PPES)), PPES);
      expect(r.ok, type).toBe(true);
    }
  });

  it('skips ids taken by a member or by the -k members of a consumer', () => {
    const taken = new Set(['PV-1', 'LOAD-1-3']);
    expect(nextId('PV', taken)).toBe('PV-2');
    expect(nextId('LOAD', taken, 5)).toBe('LOAD-2');
    expect(nextId('pv', new Set(['PV-1']))).toBe('pv-2');
    const s = addItem(newScenario(), { type: 'consumer', id: 'X', profile: 'H25', annual_kwh: 1, count: 2 });
    expect([...takenIds(s, ['pl 01'])].sort()).toEqual(['PL01', 'X', 'X-1', 'X-2']);
  });

  it('edits and removes an item without changing its input', () => {
    const s = addItem(newScenario(), newItem('pv', newScenario(), PPES));
    const behind = setItem(s, 0, { kwp: 50, member: 'PL0002' });
    expect(behind.add[0]).toMatchObject({ kwp: 50, member: 'PL0002' });
    expect(s.add[0]).toMatchObject({ kwp: 1000 });
    expect(setItem(behind, 0, { member: undefined }).add[0]).not.toHaveProperty('member');
    expect(removeItem(behind, 0).add).toEqual([]);
  });

  it('refuses what the schema refuses, naming the field', () => {
    const s = setItem(addItem(newScenario(), newItem('pv', newScenario(), PPES)), 0, { kwp: -3 });
    const r = checkScenario(s, PPES);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(problemsAt(r.problems, 'add[0]').map((p) => p.path)).toEqual(['add[0].kwp']);
    const unknown = setItem(addItem(newScenario(), newItem('pv', newScenario(), PPES)), 0, { member: 'PL9' });
    const u = checkScenario(unknown, PPES);
    expect(!u.ok && u.problems[0]).toMatchObject({ path: 'add[0].member' });
    expect(!u.ok && problemMessage(u.problems[0]!.message)).toEqual({ key: 'problem.noMember', values: { id: 'PL9' } });
  });

  it('excludes a member with its share, place in the order, scaling and battery', () => {
    let s = newScenario({ shares: { PL0001: 0.5, PL0002: 0.5 }, order: ['PL0002', 'PL0001'] });
    s = setScale(s, 'PL0002', 1.2);
    s = setMemberBattery(s, 'pl0002', { capacity_kwh: 10, power_kw: 5, round_trip: 0.9 });
    s = setExcluded(s, 'PL0002', true);
    expect(s).toMatchObject({ exclude: ['PL0002'], shares: { PL0001: 0.5 }, order: ['PL0001'], scale: {}, behind_meter: {} });
    expect(setExcluded(s, 'pl 0002', false).exclude).toEqual([]);
    // A generator behind an excluded member's meter stays, and the schema says why it cannot.
    const behind = setExcluded(
      addItem(newScenario(), { ...(newItem('pv', s, PPES) as AddedPv), member: 'PL0003' }),
      'PL0003',
      true,
    );
    const r = checkScenario(behind, PPES);
    expect(!r.ok && problemMessage(r.problems[0]!.message)?.key).toBe('problem.behindExcluded');
  });

  it('scales (1 removes the entry) and sets shares', () => {
    expect(setScale(setScale(newScenario(), 'PL0001', 2), 'PL0001', 1).scale).toEqual({});
    let s = setShare(newScenario(), 'PL0001', 0.6);
    s = setShare(s, 'PL0002', 0.5);
    expect(sharesTotal(s)).toBeCloseTo(1.1, 12);
    const r = checkScenario(s, PPES);
    expect(!r.ok && problemMessage(r.problems[0]!.message)).toEqual({ key: 'problem.shares', values: { total: 1.1 } });
    expect(setShare(s, 'PL0002', null).shares).toEqual({ PL0001: 0.6 });
    const eq = equalShares(PPES);
    expect(Object.values(eq).reduce((a, x) => a + x, 0)).toBeLessThanOrEqual(1);
    expect(checkScenario(newScenario({ key: 'static', shares: eq }), PPES).ok).toBe(true);
  });

  it('orders: named members first, then the rest in data order; moves', () => {
    expect(effectiveOrder(['pl0003', 'PL9'], PPES)).toEqual(['PL0003', 'PL0001', 'PL0002']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 9)).toEqual(['a', 'b', 'c']);
  });

  it('sizes the sweep from the mean load, in round numbers', () => {
    expect(nice(17_430)).toBe(17_000);
    expect(nice(4_648)).toBe(4_600);
    expect(nice(0)).toBe(0);
    // The demo: about 10,183 MWh over 8,760 h, a mean load of 1,162 kW.
    expect(sweepDefaults(10_182_600, 8760)).toEqual({ pvKwp: [0, 17_000], batteryKwh: [0, 4_600] });
    expect(sweepDefaults(0, 0)).toEqual({ pvKwp: [0, 1000], batteryKwh: [0, 500] });
  });

  it('says what a scenario changes and what a link made on other data leaves out', () => {
    let s = newScenario({ battery: { capacity_kwh: 1000, power_kw: 500, round_trip: 0.9, dispatch: 'self-consumption' } });
    s = addItem(s, { type: 'pv', id: 'PV-1', kwp: 2000, tilt: 35, azimuth: 180, lat: 50, lon: 21, losses: 0.14 });
    s = addItem(s, { type: 'consumer', id: 'H', profile: 'H25', annual_kwh: 3000, count: 10 });
    s = addItem(s, { type: 'wind', id: 'W', kw: 900, hub_height_m: 100, member: 'PL0001' });
    s = setExcluded(s, 'PL0003', true);
    expect(changes(s)).toEqual([
      { kind: 'pv', kw: 2000 },
      { kind: 'consumer', profile: 'H25', count: 10 },
      { kind: 'wind', kw: 900 },
      { kind: 'battery', kwh: 1000 },
      { kind: 'exclude', count: 1 },
    ]);
    expect(leftOut(setShare(s, 'PL0001', 0.3))).toEqual([
      { field: 'exclude', count: 1 },
      { field: 'behind', count: 1 },
      { field: 'shares', count: 1 },
    ]);
    expect(leftOut(newScenario())).toEqual([]);
  });

  it('picks the next free variant letter', () => {
    expect(variantLetter([])).toBe('A');
    expect(variantLetter(['Wariant A: PV 2 MW', undefined])).toBe('B');
    expect(variantLetter(['Variant A', 'Wariant B: x'])).toBe('C');
  });
});

describe("the schema's problems in the page's words", () => {
  it.each([
    ['must be a finite number > 0 and at most 1,000,000, not -3', 'problem.positive', { max: 1_000_000 }],
    ['must be a finite number from 0 to 90, not 95', 'problem.between', { min: 0, max: 90 }],
    ['must be a finite number from -180 to 180, not 200', 'problem.between', { min: -180, max: 180 }],
    ['must be a finite number from 0 to below 1, not 1.2', 'problem.belowOne', {}],
    ['must be a whole number from 1 to 10,000, not 0', 'problem.whole', { min: 1, max: 10_000 }],
    ['"PL1" is listed twice (also order[0])', 'problem.twice', { id: 'PL1' }],
    ['"PV-1" clashes with add[0]; every added item needs its own id', 'problem.idClash', { other: 1 }],
    ['must be at most capacity_kwh (500), not 600', 'problem.socMax', { max: 500 }],
    ['must be below soc_max_kwh (400), not 450', 'problem.socMin', { max: 400 }],
    ['is required with dispatch "peak-shaving" (the grid import, kW, above which it discharges)', 'problem.importLimit', {}],
    ['PV-1 is already a member in the loaded data; choose another id', 'problem.idTaken', { id: 'PV-1' }],
  ])('%s', (message, key, values) => {
    expect(problemMessage(message)).toEqual({ key, values });
  });

  it('covers what the schema says about a typical bad edit', () => {
    const r = parseScenario({
      version: 2,
      add: [{ type: 'pv', id: 'A', kwp: 0 }],
      battery: { capacity_kwh: 1, power_kw: 1, round_trip: 2 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) for (const p of r.problems) expect(problemMessage(p.message), p.message).not.toBeNull();
  });

  it('leaves an unknown message alone', () => {
    expect(problemMessage('something else')).toBeNull();
  });
});

describe('winners and losers', () => {
  const m = (id: string, imp: number, alloc: number) => ({
    id,
    import_kwh: imp,
    export_kwh: 0,
    allocated_kwh: alloc,
    shared_export_kwh: 0,
  });

  it('pairs members of baseline and scenario: both, added, excluded', () => {
    const rows = versus([m('A', 100, 50), m('B', 200, 20), m('P', 0, 0)], [m('a', 100, 70), m('P', 0, 0), m('NEW', 10, 5)]);
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['a', 'both'],
      ['P', 'both'],
      ['NEW', 'added'],
      ['B', 'excluded'],
    ]);
    expect(rows[0]!.deltaAllocated).toBe(20);
    expect(rows[0]!.deltaCoverage).toBeCloseTo(0.2, 12);
    expect(rows[1]!.deltaCoverage).toBeNull();
    expect(rows[2]!.scenario!.coverage).toBe(0.5);
  });

  it('finds each member’s best and worst key, none when all are equal', () => {
    const cmp: KeyComparison = {
      keys: ['dynamic', 'static', 'hybrid', 'priority'],
      members: [
        { id: 'A', import_kwh: 100, allocated_kwh: { dynamic: 50, static: 30, hybrid: 50, priority: 90 } },
        { id: 'B', import_kwh: 100, allocated_kwh: { dynamic: 40, static: 40, hybrid: 40, priority: 40 } },
        { id: 'P', import_kwh: 0, allocated_kwh: { dynamic: 0, static: 0, hybrid: 0, priority: 0 } },
      ],
      kpis: {} as KeyComparison['kpis'],
    };
    const rows = keyRows(cmp);
    expect(rows.map((r) => r.id)).toEqual(['A', 'B']);
    expect(rows[0]).toMatchObject({ best: ['priority'], worst: ['static'] });
    expect(rows[0]!.coverage.dynamic).toBe(0.5);
    expect(rows[1]).toMatchObject({ best: [], worst: [] });
    expect(bestCounts(rows, cmp.keys)).toEqual({ dynamic: 0, static: 0, hybrid: 0, priority: 1 });
  });
});
