/** The page's export tables (src/export/tables.ts): columns, money when present, local and UTC starts. */
import { describe, expect, it } from 'vitest';
import {
  dailyIntervals,
  intervalsTable,
  membersTable,
  scenarioJson,
  summaryTable,
  type ExportSource,
} from '../../src/export/tables';
import { toCsv, POLISH_CSV } from '../../src/export/cells';
import { newScenario } from '../../src/scenario/model';

const day = Date.UTC(2025, 5, 30, 22); // 2025-07-01 00:00 in Warsaw
const f = (...x: number[]) => Float64Array.from(x);
const source = {
  cluster: {
    members: [
      { id: 'PL1', name: '=HYPERLINK("x")', type: 'jst', tariff: 'C11', gmina: 'Staszów', pvKwp: 0, windKw: 0, biogasKw: 0 },
    ],
    stepMinutes: 60,
    startUtcMs: day,
    intervals: 24,
  },
  kpis: { shared_kwh: 5, self_sufficiency: 0.5 },
  members: [{ id: 'PL1', import_kwh: 10, export_kwh: 0, allocated_kwh: 2.5, shared_export_kwh: 0 }],
  daily: { dayStartUtcMs: f(day), consumption: f(10), generation: f(8), shared: f(5), gridImport: f(5), gridExport: f(3) },
  baseline: null,
  money: {
    scenario: {
      savings_pln: 1,
      members: [{ id: 'PL1', group: 'C11', cost_before_pln: 100, cost_after_pln: 90.5, gain_pln: 9.5 }],
    },
    baseline: { savings_pln: 1, members: [] },
  },
  settings: { windowMinutes: 60, key: 'dynamic' },
  workspace: { source: 'demo', files: [], period: null },
  fingerprint: 'abc',
} as unknown as ExportSource;

describe('export tables', () => {
  it('members: register fields, flows, coverage and the bill before and after', () => {
    const t = membersTable(source);
    expect(t.header).toEqual([
      'id',
      'name',
      'type',
      'tariff',
      'import_kwh',
      'export_kwh',
      'allocated_kwh',
      'coverage',
      'cost_before_pln',
      'cost_after_pln',
      'gain_pln',
    ]);
    expect(t.rows[0]).toEqual(['PL1', '=HYPERLINK("x")', 'jst', 'C11', 10, 0, 2.5, 0.25, 100, 90.5, 9.5]);
    expect(toCsv(t.header, t.rows, POLISH_CSV).split('\r\n')[1]).toBe(
      `PL1;"'=HYPERLINK(""x"")";jst;C11;10;0;2,5;0,25;100;90,5;9,5`,
    );
  });

  it('intervals: local and UTC starts', () => {
    const t = intervalsTable(dailyIntervals(source.daily));
    expect(t.rows[0]?.slice(0, 6)).toEqual(['2025-07-01 00:00:00', '2025-06-30T22:00:00Z', '1d', 10, 8, 5]);
    expect(t.rows[0]?.slice(8)).toEqual([null, null, null]);
  });

  it('summary and scenario file', () => {
    const s = summaryTable(source, 'A', '#s=x');
    expect(s.rows).toContainEqual(['shared_kwh', 5, null]);
    expect(s.rows).toContainEqual(['savings_pln', 1, null]);
    expect(JSON.parse(scenarioJson({ ...newScenario(), window_minutes: 15 }))).toEqual({ version: 2, window_minutes: 15 });
  });
});

describe('per-window intervals', () => {
  it('starts each window at its own time, with the battery columns', async () => {
    const { windowIntervals } = await import('../../src/export/tables');
    const w = {
      startUtcMs: day,
      minutes: 15,
      consumption: f(1, 2),
      generation: f(0, 0),
      shared: f(0, 0),
      gridImport: f(1, 2),
      gridExport: f(0, 0),
      charge: f(0, 0),
      discharge: f(0.5, 0),
      soc: f(3, 3),
    };
    const t = intervalsTable(windowIntervals(w));
    expect(t.rows[1]?.slice(0, 3)).toEqual(['2025-07-01 00:15:00', '2025-06-30T22:15:00Z', '15min']);
    expect(t.rows[0]?.slice(8)).toEqual([0, 0.5, 3]);
  });
});
