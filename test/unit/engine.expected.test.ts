/**
 * The reference results of the shared data set (expected.json) reproduced from the long UTC file
 * by the importer and the WebAssembly engine: cluster KPIs and every member's import, export and
 * allocated energy, for the 60-minute, 15-minute and 500 kWh battery settings.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../src/engine/balance';
import { referenceBalance } from '../../src/engine/reference';
import type { BalanceResult, BalanceSettings } from '../../src/engine/types';
import { assembleCluster } from '../../src/ingest/assemble';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { parseFile } from '../../src/ingest/index';
import { EXPECTED_KPIS } from '../kpi-keys';
import { loadKernelsForTest } from './kernel-loader';

const fixtures = new URL('../fixtures/formats/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8'));

const SETTINGS: Record<string, BalanceSettings> = {
  window_60_dynamic: { windowMinutes: 60, key: 'dynamic' },
  window_15_dynamic: { windowMinutes: 15, key: 'dynamic' },
  window_60_battery_500kwh_250kw_rt090: {
    windowMinutes: 60,
    key: 'dynamic',
    battery: { capacityKwh: 500, powerKw: 250, roundTrip: 0.9 },
  },
};

const KPI_KEYS = EXPECTED_KPIS;

function relative(actual: number, wanted: number): number {
  return Math.abs(actual - wanted) / Math.max(1e-12, Math.abs(wanted));
}

function matches(r: BalanceResult, want: (typeof expected)['window_60_dynamic']): void {
  for (const key of KPI_KEYS) {
    expect(relative(r.kpis[key], want[key]), `${key}: ${r.kpis[key]} vs ${want[key]}`).toBeLessThanOrEqual(1e-9);
  }
  expect(r.members.map((m) => m.id).sort()).toEqual(Object.keys(want.members).sort());
  for (const m of r.members) {
    const w = want.members[m.id];
    for (const key of ['import_kwh', 'export_kwh', 'allocated_kwh'] as const) {
      expect(m[key] === w[key] || relative(m[key], w[key]) <= 1e-9, `${m.id} ${key}: ${m[key]} vs ${w[key]}`).toBe(true);
    }
  }
}

describe('expected.json from long-utc-15min.csv', () => {
  let data: ClusterData;
  let engine: BalanceEngine;
  beforeAll(async () => {
    const bytes = gunzipSync(readFileSync(new URL('long-utc-15min.csv.gz', fixtures)));
    const parsed = parseFile('long-utc-15min.csv', new Uint8Array(bytes));
    if (parsed.kind !== 'readings') throw new Error('expected readings');
    data = assembleCluster(parsed.meters, []).data;
    engine = new BalanceEngine(await loadKernelsForTest());
    engine.load(data);
  });

  for (const [name, settings] of Object.entries(SETTINGS)) {
    it(`${name}: the wasm engine reproduces every KPI and member`, () => {
      matches(engine.compute(settings), expected[name]);
    });
    it(`${name}: so does the TypeScript reference`, () => {
      matches(referenceBalance(data, settings), expected[name]);
    });
  }
});
