/** The command-line runner: same importer and kernels as the browser, JSON and CSV outputs, exit codes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFile, runCli } from '../cli-run';
import { EXPECTED_KPIS } from '../kpi-keys';

const expected = JSON.parse(readFileSync(new URL('../fixtures/formats/expected.json', import.meta.url), 'utf8'));
const KPIS = EXPECTED_KPIS;

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

describe('klaster analyze', () => {
  let long: string;
  let members: string;
  beforeAll(() => {
    long = fixtureFile('long-utc-15min.csv');
    members = fixtureFile('members.csv');
  });

  it.each([
    ['window_60_dynamic', []],
    ['window_15_dynamic', ['--window', '15']],
    ['window_60_battery_500kwh_250kw_rt090', ['--battery', '500,250,0.9']],
  ])('%s: prints one JSON object matching expected.json', async (name, extra) => {
    const r = await runCli(['analyze', long, '--members', members, '--json', ...(extra as string[])]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const want = expected[name];
    expect(out.window_minutes).toBe(name.includes('15') ? 15 : 60);
    expect(out.members_count).toBe(9);
    expect(out.intervals).toBe(name.includes('15') ? 35040 : 8760);
    for (const k of KPIS) expect(near(out[k], want[k]), `${k}: ${out[k]} vs ${want[k]}`).toBe(true);
    for (const m of out.members) {
      for (const k of ['import_kwh', 'export_kwh', 'allocated_kwh'])
        expect(near(m[k], want.members[m.id][k]), `${m.id} ${k}`).toBe(true);
    }
  });

  it('takes static shares and a priority order from CSV files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaster-cli-'));
    const ids = Object.keys(expected.window_60_dynamic.members);
    writeFileSync(join(dir, 'shares.csv'), `ppe,share\n${ids.map((id) => `${id},${100 / ids.length}%`).join('\n')}\n`);
    writeFileSync(join(dir, 'order.csv'), `ppe\n${[...ids].reverse().join('\n')}\n`);
    const stat = JSON.parse(
      (await runCli(['analyze', long, '--key', 'static', '--shares', join(dir, 'shares.csv'), '--json'])).stdout,
    );
    const prio = JSON.parse(
      (await runCli(['analyze', long, '--key', 'priority', '--order', join(dir, 'order.csv'), '--json'])).stdout,
    );
    const dyn = expected.window_60_dynamic;
    expect(stat.shared_kwh).toBeLessThan(dyn.shared_kwh);
    expect(near(prio.shared_kwh, dyn.shared_kwh)).toBe(true);
    // Served last in the priority order, the first member gets less than under the dynamic key.
    const first = prio.members.find((m: { id: string }) => m.id === ids[0]);
    expect(first.allocated_kwh).toBeLessThan(dyn.members[ids[0]].allocated_kwh);
  });

  it('applies members’ own batteries before cluster netting', async () => {
    const id = 'PL0037910000002002'; // a household with PV
    const r = await runCli(['analyze', long, '--json', '--behind-meter', `${id}:10,5,0.9`]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const before = expected.window_60_dynamic.members[id];
    const after = out.members.find((m: { id: string }) => m.id === id);
    expect(out.behind_meter_discharged_kwh).toBeGreaterThan(0);
    expect(after.import_kwh).toBeLessThan(before.import_kwh);
    expect(after.export_kwh).toBeLessThan(before.export_kwh);
    const bad = await runCli(['analyze', long, '--behind-meter', 'PLnope:10,5,0.9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--behind-meter takes/);
  });

  it('writes intervals.csv, members.csv and kpis.json with --out', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'klaster-out-')), 'result');
    const r = await runCli(['analyze', long, '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('self-sufficiency');
    const intervals = readFileSync(join(dir, 'intervals.csv'), 'utf8').trim().split('\n');
    expect(intervals).toHaveLength(8761);
    expect(intervals[1].startsWith('2024-12-31T23:00:00.000Z,')).toBe(true);
    const shared = intervals.slice(1).reduce((a, line) => a + Number(line.split(',')[3]), 0);
    expect(near(shared, expected.window_60_dynamic.shared_kwh)).toBe(true);
    expect(readFileSync(join(dir, 'members.csv'), 'utf8').split('\n')).toHaveLength(11);
    expect(near(JSON.parse(readFileSync(join(dir, 'kpis.json'), 'utf8')).shared_kwh, expected.window_60_dynamic.shared_kwh)).toBe(
      true,
    );
  });

  it('exits 2 naming the file, line and column for bad data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaster-bad-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,1.5,0\nPL1,2025-01-01T00:15:00Z,abc,0\n',
    );
    const r = await runCli(['analyze', bad, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.csv line 3, column 3/);
  });

  it.each([
    [['analyze'], /no meter files/],
    [['analyze', 'x.csv', '--window', '45'], /--window must be 15, 30 or 60/],
    [['analyze', 'x.csv', '--key', 'fair'], /--key must be one of/],
    [['analyze', 'missing.csv'], /cannot read missing\.csv/],
    [['frobnicate'], /unknown command/],
    [['analyze', 'x.csv', '--bogus'], /bogus/],
  ])('exits 2 with a message for bad arguments: %j', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
  });
});

describe('klaster sql', () => {
  it('answers SQL over readings and members from DuckDB-WASM, as CSV', async () => {
    const r = await runCli([
      'sql',
      fixtureFile('long-utc-15min.csv'),
      '--members',
      fixtureFile('members.csv'),
      '--query',
      'SELECT m.name, sum(r.import_kwh) AS import_kwh FROM readings r JOIN members m USING (ppe) GROUP BY m.name ORDER BY import_kwh DESC LIMIT 2',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [header, first] = r.stdout.trim().split('\n');
    expect(header).toBe('name,import_kwh');
    expect(first.startsWith('PGKiM – stacja uzdatniania wody,')).toBe(true);
    expect(Number(first.split(',')[1])).toBeCloseTo(expected.window_60_dynamic.members.PL0037910000001002.import_kwh, 6);
  });

  it('exits 2 with DuckDB’s message for bad SQL', async () => {
    const r = await runCli(['sql', fixtureFile('long-utc-15min.csv'), '--query', 'SELEC nothing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SQL: .*syntax error/i);
  });
});
