/**
 * PVGIS files dropped with the meter data (CLUSTERS.md §8): a seriescalc export is a PV profile
 * for a scenario's `profile` generator, a typical year the weather of the PV and wind models —
 * neither adds a member.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePvgis } from '../../src/ingest/index';
import { UserFiles, type ReadFile } from '../../src/engine/workspace';
import { parseBlob } from '../../src/ingest/index';
import { fixtureFile, runCli } from '../cli-run';

const PVGIS = new URL('../fixtures/pvgis/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, PVGIS)));
const readHere: ReadFile = (name, blob, overrides) => parseBlob(name, blob, overrides);

/** A whole year of hourly seriescalc rows in PVGIS's layout (the shared sample is an excerpt). */
function seriescalcYear(): string {
  const head = readFileSync(new URL('seriescalc-pv-10kWp-45N-8E-excerpt.csv', PVGIS), 'utf8').split('\n').slice(0, 9);
  const rows: string[] = [];
  for (let h = 0; h < 8760; h++) {
    const t = new Date(Date.UTC(2019, 0, 1, h));
    const stamp = `${t.toISOString().slice(0, 10).replaceAll('-', '')}:${String(t.getUTCHours()).padStart(2, '0')}10`;
    const sun = Math.max(0, Math.sin(((t.getUTCHours() - 5) / 14) * Math.PI));
    rows.push(`${stamp},${(6000 * sun).toFixed(1)},0.0,0.0,10.0,1.0,0.0`);
  }
  return [...head, ...rows].join('\n');
}

describe('PVGIS files', () => {
  it('are recognised: a seriescalc export (CSV or JSON) and a typical year', () => {
    expect(parsePvgis('s.csv', bytes('seriescalc-pv-10kWp-45N-8E-excerpt.csv'))).toMatchObject({
      kind: 'pvgis',
      what: 'seriescalc',
      kwp: 10,
    });
    expect(parsePvgis('s.json', bytes('seriescalc-pv-10kWp-45N-8E-excerpt.json'))).toMatchObject({ what: 'seriescalc' });
    expect(parsePvgis('tmy.csv', bytes('tmy-45N-8E.csv'))).toMatchObject({ what: 'tmy', hours: 8760 });
    expect(parsePvgis('meters.csv', new TextEncoder().encode('ppe,timestamp_utc,import_kwh,export_kwh\n'))).toBeNull();
  });

  it('add no member to the workspace and are listed as what they are', async () => {
    const files = new UserFiles(readHere);
    const blob = new Blob([bytes('tmy-45N-8E.csv')]);
    expect(await files.add([{ name: 'tmy.csv', size: blob.size, blob }])).toBeNull();
    expect(files.hasReadings).toBe(false);
    expect(files.reports[0]!.pvgis).toMatchObject({ what: 'tmy', hours: 8760 });
    expect(files.weatherFile?.file).toBe('tmy.csv');
    expect(files.notices).toEqual([]);
  });

  it('drive the CLI: a seriescalc file as a profile generator, a typical year as the weather', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaster-pvgis-'));
    const long = fixtureFile('long-utc-15min.csv');
    const series = join(dir, 'pvgis-series.csv');
    writeFileSync(series, seriescalcYear());
    const tmy = join(dir, 'tmy.csv');
    writeFileSync(tmy, bytes('tmy-45N-8E.csv'));
    const scenario = join(dir, 's.json');
    writeFileSync(
      scenario,
      JSON.stringify({ version: 2, add: [{ type: 'profile', id: 'PVGIS', file: 'pvgis-series.csv', scale: 100 }] }),
    );
    const r = await runCli(['analyze', long, series, '--scenario', scenario, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.members.map((m: { id: string }) => m.id)).toContain('PVGIS');
    expect(out.generation_kwh).toBeGreaterThan(out.baseline.generation_kwh);

    const pv = join(dir, 'pv.json');
    writeFileSync(pv, JSON.stringify({ version: 2, add: [{ type: 'pv', id: 'PV', kwp: 100 }] }));
    const synthetic = JSON.parse((await runCli(['analyze', long, '--scenario', pv, '--json'])).stdout);
    const withTmy = JSON.parse((await runCli(['analyze', long, tmy, '--scenario', pv, '--json'])).stdout);
    const pvOf = (o: { members: { id: string; export_kwh: number }[] }) => o.members.find((m) => m.id === 'PV')!.export_kwh;
    // The TMY is for 45° N in Piedmont: sunnier than the Staszów climatology.
    expect(pvOf(withTmy)).toBeGreaterThan(pvOf(synthetic) * 1.15);
    // Given alone, without a scenario naming it, a PVGIS series is refused with what to do.
    const alone = await runCli(['analyze', long, series]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/PVGIS PV series: name it in the scenario/);
  });
});

describe('RCE price files', () => {
  const RCE = new URL('../fixtures/money/', import.meta.url);
  it('are recognised and kept as the export price, adding no member', async () => {
    const { parsePrices } = await import('../../src/ingest/index');
    const b = new Uint8Array(readFileSync(new URL('rce-hourly-2025-03-29_31.csv', RCE)));
    expect(parsePrices('rce.csv', b)).toMatchObject({ kind: 'prices', minutes: 60, from: '2025-03-29', to: '2025-03-31' });
    const files = new UserFiles(readHere);
    const blob = new Blob([b]);
    expect(await files.add([{ name: 'rce.csv', size: blob.size, blob }])).toBeNull();
    expect(files.pricesFile?.file).toBe('rce.csv');
    expect(files.reports[0]!.prices).toEqual({ minutes: 60, from: '2025-03-29', to: '2025-03-31' });
  });

  it('set the export price of the CLI bills when given with the meter files', async () => {
    const long = fixtureFile('long-utc-15min.csv');
    const dir = mkdtempSync(join(tmpdir(), 'klaster-rce-'));
    // January and February at 1,000 zł/MWh (export worth 1 zł/kWh); the other months fall back to RCEm.
    const rows = ['Data;Godzina;RCE [zł/MWh]'];
    for (let d = 0; d < 59; d++) {
      const day = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
      for (let h = 1; h <= 24; h++) rows.push(`${day};${h};1000,00`);
    }
    const rce = join(dir, 'rce-2025.csv');
    writeFileSync(rce, rows.join('\n'));
    const plain = JSON.parse((await runCli(['analyze', long, '--json'])).stdout).money;
    const priced = JSON.parse((await runCli(['analyze', long, rce, '--json'])).stdout).money;
    expect(priced.members[0].cost_before_pln).not.toBeCloseTo(plain.members[0].cost_before_pln, 2);
  });
});
