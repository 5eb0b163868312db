/** `klaster analyze --scenario`: the same model and engine as the page (issue 8). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFile, runCli } from '../cli-run';

const scenario = {
  version: 2,
  name: 'Wariant A: PV 2 MW',
  key: 'dynamic',
  exclude: ['PL0037910000002003'],
  scale: { PL0037910000001001: 1.2 },
  add: [
    { type: 'pv', id: 'PV-Polaniec', kwp: 2000 },
    { type: 'wind', id: 'WT-1', kw: 1500 },
    { type: 'biogas', id: 'CHP', kw: 100, member: 'PL0037910000001002' },
    { type: 'consumer', id: 'DOM', profile: 'H25', annual_kwh: 3500, count: 3 },
  ],
};

describe('klaster analyze --scenario', () => {
  let dir: string;
  let long: string;
  let members: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaster-scenario-'));
    long = fixtureFile('long-utc-15min.csv');
    members = fixtureFile('members.csv');
    file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
  });

  it('prints the scenario, its baseline (= analyze without it) and a link', async () => {
    const plain = JSON.parse((await runCli(['analyze', long, '--members', members, '--json'])).stdout);
    const r = await runCli(['analyze', long, '--members', members, '--scenario', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.baseline.self_sufficiency).toBe(plain.self_sufficiency);
    expect(out.baseline.consumption_kwh).toBe(plain.consumption_kwh);
    expect(out.scenario_link).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    const ids = out.members.map((m: { id: string }) => m.id);
    expect(ids).not.toContain('PL0037910000002003');
    expect(ids.slice(-5)).toEqual(['PV-Polaniec', 'WT-1', 'DOM-1', 'DOM-2', 'DOM-3']);
    expect(out.members_count).toBe(9 - 1 + 5);
    expect(out.generation_kwh).toBeGreaterThan(plain.generation_kwh);
    // Three households of 3,500 kWh a year on a year's data: +10,500 kWh of consumption, give or take
    // the excluded and scaled members.
    const dom = out.members.filter((m: { id: string }) => m.id.startsWith('DOM-'));
    for (const d of dom) expect(d.import_kwh).toBeCloseTo(3500, 6);
  });

  it('gives the same KPIs from its own link as from the file', async () => {
    const fromFile = JSON.parse((await runCli(['analyze', long, '--members', members, '--scenario', file, '--json'])).stdout);
    const fromLink = JSON.parse(
      (await runCli(['analyze', long, '--members', members, '--scenario', fromFile.scenario_link, '--json'])).stdout,
    );
    expect(fromLink.self_sufficiency).toBe(fromFile.self_sufficiency);
    expect(fromLink.shared_kwh).toBe(fromFile.shared_kwh);
    expect(fromLink.scenario_link).toBe(fromFile.scenario_link);
  });

  it('lets flags beside --scenario override its fields', async () => {
    const r = JSON.parse(
      (await runCli(['analyze', long, '--members', members, '--scenario', file, '--window', '15', '--json'])).stdout,
    );
    expect(r.window_minutes).toBe(15);
  });

  it('writes added.csv: one row per data interval, one column per added member or generator', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['analyze', long, '--members', members, '--scenario', file, '--out', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(out, 'added.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp_utc,PV-Polaniec,WT-1,CHP,DOM-1,DOM-2,DOM-3');
    expect(lines).toHaveLength(1 + 35_040);
    expect(lines[1]).toMatch(/^2024-12-31T23:00:00Z,/);
    const pv = lines.slice(1).reduce((a, l) => a + Number(l.split(',')[1]), 0);
    expect(pv / 2000).toBeGreaterThan(900); // kWh per kWp in a year, §8 anchors ~1,000–1,100
  });

  it('exits 2 naming the field of a bad scenario, and a member the data lack', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 2, add: [{ type: 'pv', id: 'x', kwp: -5 }] }));
    const bad = await runCli(['analyze', long, '--scenario', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/add\[0\]\.kwp/);
    writeFileSync(join(dir, 'who.json'), JSON.stringify({ version: 2, exclude: ['PL999'] }));
    const who = await runCli(['analyze', long, '--scenario', join(dir, 'who.json')]);
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/exclude\[0\].*PL999/);
  });

  it('prints money for the scenario and its baseline: bills per member, savings, NPV of what it adds', async () => {
    const r = await runCli(['analyze', long, '--members', members, '--scenario', file, '--json']);
    const out = JSON.parse(r.stdout);
    for (const m of [out.money, out.baseline.money]) {
      for (const k of ['savings_pln', 'fee_exemption_pln', 'discount_pln', 'battery_account_pln', 'co2_avoided_t']) {
        expect(Number.isFinite(m[k]), k).toBe(true);
      }
      expect(m.members[0]).toEqual({
        id: expect.any(String),
        cost_before_pln: expect.any(Number),
        cost_after_pln: expect.any(Number),
      });
      // Savings are what the members save together (no battery here: Bat = 0).
      const saved = m.members.reduce(
        (a: number, x: { cost_before_pln: number; cost_after_pln: number }) => a + x.cost_before_pln - x.cost_after_pln,
        0,
      );
      expect(m.savings_pln).toBeCloseTo(saved + m.battery_account_pln, 6);
    }
    expect(out.baseline.money.npv_pln).toBeNull();
    expect(Number.isFinite(out.money.npv_pln)).toBe(true);
    expect(out.money.members.map((m: { id: string }) => m.id)).toEqual(out.members.map((m: { id: string }) => m.id));
    expect(out.money.co2_avoided_t).toBeGreaterThan(out.baseline.money.co2_avoided_t);
    // LCOE of each added generator (§5.2): PV at the default 3,000 PLN/kWp lands near 0.2–0.4 PLN/kWh.
    const pv = out.money.lcoe.find((x: { id: string }) => x.id === 'PV-Polaniec');
    expect(pv.lcoe_pln_per_kwh).toBeGreaterThan(0.15);
    expect(pv.lcoe_pln_per_kwh).toBeLessThan(0.5);
    expect(out.baseline.money.lcoe).toBeUndefined();
  });

  it('takes prices from the scenario: a higher internal price moves money to producers, not the savings', async () => {
    const cheap = join(dir, 'cheap.json');
    const dear = join(dir, 'dear.json');
    writeFileSync(cheap, JSON.stringify({ version: 2, money: { internal_price: 0.3 } }));
    writeFileSync(dear, JSON.stringify({ version: 2, money: { internal_price: 0.5 } }));
    const a = JSON.parse((await runCli(['analyze', long, '--members', members, '--scenario', cheap, '--json'])).stdout).money;
    const b = JSON.parse((await runCli(['analyze', long, '--members', members, '--scenario', dear, '--json'])).stdout).money;
    expect(b.savings_pln).toBeCloseTo(a.savings_pln, 6);
    writeFileSync(join(dir, 'badmoney.json'), JSON.stringify({ version: 2, money: { internal_price: -1 } }));
    const bad = await runCli(['analyze', long, '--scenario', join(dir, 'badmoney.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/money\.internal_price/);
  });
});
