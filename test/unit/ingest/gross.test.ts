/**
 * Gross consumption and generation (CLUSTERS.md §4 step 1): a meter whose file holds consumption
 * and PV generation, not import and export registers, is netted at the data resolution —
 * I = max(0, c − g), E = max(0, g − c) — with g kept, so that gross consumption I + g − E = c
 * (and autarky) stays available. Files with import and export registers are left as they are.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../../src/engine/balance';
import { assembleCluster, parseFile, type ParsedReadings } from '../../../src/ingest/index';
import { loadKernelsForTest } from '../kernel-loader';
import { total, utf8 } from './fixtures';

function readings(name: string, text: string): ParsedReadings {
  const p = parseFile(name, utf8(text));
  if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
  return p;
}

/** 2025-06-01 10:00 CEST. */
const T0 = Date.UTC(2025, 5, 1, 8);
const TIMES = ['2025-06-01 10:00', '2025-06-01 11:00', '2025-06-01 12:00', '2025-06-01 13:00'];
// Gross consumption and generation per hour, and what netting them must give.
const C = [1.5, 1, 0.4, 2];
const G = [0.5, 2.5, 0.4, 0];
const I = [1, 0, 0, 2];
const E = [0, 1.5, 0, 0];
const SUM_C = 1.5 + 1 + 0.4 + 2;

const comma = (v: number) => String(v).replace('.', ',');
const csv = (header: string, rows: (string | number)[][]) =>
  [header, ...rows.map((r) => r.map((x) => (typeof x === 'number' ? comma(x) : x)).join(';'))].join('\n');
const grossCsv = (header: string) =>
  csv(
    header,
    TIMES.map((t, i) => [t, C[i]!, G[i]!]),
  );

const codes = (p: ParsedReadings) => p.warnings.map((w) => w.code);

describe('a file of gross consumption and PV generation', () => {
  it('is netted per interval: I = max(0, c − g), E = max(0, g − c), g kept', () => {
    const p = readings('PL0037910000009001.csv', grossCsv('timestamp;consumption_kwh;pv_kwh'));
    expect(p.meters).toHaveLength(1);
    const m = p.meters[0]!;
    expect(m.id).toBe('PL0037910000009001');
    expect(m.startUtcMs).toBe(T0);
    expect(m.stepMinutes).toBe(60);
    expect(Array.from(m.import)).toEqual(I);
    expect(Array.from(m.export)).toEqual(E);
    expect(Array.from(m.generation!)).toEqual(G);
    const w = p.warnings.find((x) => x.code === 'gross-netted')!;
    expect(w).toBeDefined();
    expect(w.message).toContain('PL0037910000009001');
    expect(w.message).toMatch(/consumption/);
    expect(w.message).toMatch(/generation/);
    // Export is derived, not taken as 0: no "no export values" warning.
    expect(codes(p)).not.toContain('register-absent');
  });

  it('with Polish headers (czas;zużycie;produkcja PV): the same, no column left unused', () => {
    const p = readings('PL0037910000009001.csv', grossCsv('czas;zużycie;produkcja PV'));
    const m = p.meters[0]!;
    expect(Array.from(m.import)).toEqual(I);
    expect(Array.from(m.export)).toEqual(E);
    expect(Array.from(m.generation!)).toEqual(G);
    expect(codes(p)).toContain('gross-netted');
    expect(codes(p)).not.toContain('ignored-rows');
    expect(codes(p)).not.toContain('register-absent');
  });

  it('nets counters after differencing them (energy per interval, not readings)', () => {
    // Readings of two counters; their growth per hour is C and G above.
    const cr = [100, 101.5, 102.5, 102.9, 104.9];
    const gr = [50, 50.5, 53, 53.4, 53.4];
    const times = [...TIMES, '2025-06-01 14:00'];
    const p = readings(
      'dom.csv',
      csv(
        'czas;licznik pobor kWh;licznik PV kWh',
        times.map((t, i) => [t, cr[i]!, gr[i]!]),
      ),
    );
    expect(p.detection.values).toBe('counter');
    const m = p.meters[0]!;
    const near = (a: Float64Array, b: number[]) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 12));
    near(m.import, I);
    near(m.export, E);
    near(m.generation!, G);
    expect(codes(p)).toContain('gross-netted');
  });

  it('takes a missing generation value as none and leaves a missing consumption missing', () => {
    const p = readings(
      'x.csv',
      csv('timestamp;consumption_kwh;pv_kwh', [
        [TIMES[0]!, 1, ''],
        [TIMES[1]!, '', 2],
        [TIMES[2]!, 1, 3],
      ]),
    );
    const m = p.meters[0]!;
    expect(Array.from(m.import)).toEqual([1, NaN, 0]);
    expect(Array.from(m.export)).toEqual([0, NaN, 2]);
    const w = p.warnings.find((x) => x.code === 'gross-netted')!;
    expect(w.message).toContain('1 interval(s) without a generation value');
  });

  it('nets only the meters of a multi-meter file that have generation and no export', () => {
    const p = readings(
      'many.csv',
      csv('ppe;timestamp;consumption_kwh;pv_kwh', [
        ['PPE-A1', TIMES[0]!, 2, 3],
        ['PPE-B2', TIMES[0]!, 2, ''],
        ['PPE-A1', TIMES[1]!, 2, 1],
        ['PPE-B2', TIMES[1]!, 1, ''],
      ]),
    );
    const [a, b] = p.meters;
    expect(Array.from(a!.import)).toEqual([0, 1]);
    expect(Array.from(a!.export)).toEqual([1, 0]);
    expect(Array.from(b!.import)).toEqual([2, 1]);
    expect(Array.from(b!.export)).toEqual([0, 0]);
    expect(b!.generation).toBeUndefined();
    const w = p.warnings.filter((x) => x.code === 'gross-netted');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toContain('PPE-A1');
    expect(w[0]!.message).not.toContain('PPE-B2');
  });
});

describe('a file with import and export registers beside the PV column', () => {
  it('is left as it is: I and E are the registers, g is kept, no netting', () => {
    const p = readings(
      'x.csv',
      csv(
        'timestamp;import_kwh;export_kwh;pv_kwh',
        TIMES.map((t, i) => [t, C[i]!, E[i]!, G[i]!]),
      ),
    );
    const m = p.meters[0]!;
    expect(Array.from(m.import)).toEqual(C);
    expect(Array.from(m.export)).toEqual(E);
    expect(Array.from(m.generation!)).toEqual(G);
    expect(codes(p)).not.toContain('gross-netted');
  });

  it('the real OPSD household (grid import, grid export, PV counters) is not netted', () => {
    const file = 'opsd-household-residential4-60min.csv';
    const bytes = new Uint8Array(gunzipSync(readFileSync(new URL(`../../fixtures/real/${file}.gz`, import.meta.url))));
    const p = parseFile(file, bytes) as ParsedReadings;
    expect(codes(p)).not.toContain('gross-netted');
    expect(total(p.meters[0]!.import)).toBeCloseTo(6321.393 - 0.077, 6);
    expect(total(p.meters[0]!.export)).toBeCloseTo(9563.098, 6);
  });
});

describe('through assembleCluster and the engine', () => {
  let engine: BalanceEngine;
  beforeAll(async () => {
    engine = new BalanceEngine(await loadKernelsForTest());
  });

  it('one gross meter: gross consumption is Σc, grid import and export as netted', () => {
    const p = readings('PL0037910000009001.csv', grossCsv('czas;zużycie;produkcja PV'));
    const { data } = assembleCluster(p.meters, []);
    expect(Array.from(data.imports)).toEqual(I);
    expect(Array.from(data.exports)).toEqual(E);
    expect(Array.from(data.grossGeneration!)).toEqual(G);
    engine.load(data);
    const k = engine.compute({ windowMinutes: 60, key: 'dynamic' }).kpis;
    expect(k.gross_consumption_kwh).toBeCloseTo(SUM_C, 12);
    expect(k.consumption_kwh).toBeCloseTo(3, 12);
    expect(k.grid_import_kwh).toBeCloseTo(3, 12);
    expect(k.grid_export_kwh).toBeCloseTo(1.5, 12);
    expect(k.autarky).toBeCloseTo((SUM_C - 3) / SUM_C, 12);
  });

  it('beside a plain consumer: its surplus is shared, gross consumption adds the consumer’s import', () => {
    const gross = readings('PL0037910000009001.csv', grossCsv('timestamp;consumption_kwh;pv_kwh'));
    const plain = readings(
      'PL0037910000009002.csv',
      csv(
        'timestamp;import_kwh;export_kwh',
        TIMES.map((t) => [t, 1, 0]),
      ),
    );
    const { data } = assembleCluster([...gross.meters, ...plain.meters], []);
    engine.load(data);
    const k = engine.compute({ windowMinutes: 60, key: 'dynamic' }).kpis;
    // Per hour ΣI = I + 1, ΣE = E; only 11:00 has a surplus (1.5) to share with the consumer (1).
    expect(k.consumption_kwh).toBeCloseTo(7, 12);
    expect(k.generation_kwh).toBeCloseTo(1.5, 12);
    expect(k.shared_kwh).toBeCloseTo(1, 12);
    expect(k.grid_import_kwh).toBeCloseTo(6, 12);
    expect(k.grid_export_kwh).toBeCloseTo(0.5, 12);
    expect(k.gross_consumption_kwh).toBeCloseTo(SUM_C + 4, 12);
  });
});
