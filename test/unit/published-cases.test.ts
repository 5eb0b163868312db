/** Worked examples published by regulators (CLUSTERS.md §3), on the wasm engine. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../src/engine/balance';
import type { ClusterData, Member } from '../../src/ingest/cluster-data';
import { loadKernelsForTest } from './kernel-loader';

const member = (id: string): Member => ({ id, name: id, type: 'other', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0 });

/** One 15-minute slot: each member's import and export in kWh. */
function slot(flows: [string, number, number][]): ClusterData {
  return {
    members: flows.map(([id]) => member(id)),
    stepMinutes: 15,
    startUtcMs: 0,
    intervals: 1,
    imports: Float64Array.from(flows, ([, i]) => i),
    exports: Float64Array.from(flows, ([, , e]) => e),
  };
}

let engine: BalanceEngine;
beforeAll(async () => {
  engine = new BalanceEngine(await loadKernelsForTest());
});

describe('Czech regulator: static keys 30/30/40 % sharing 10 kWh in one slot', () => {
  it('gives 3, 3 and 4 kWh to consumers who need at least that', () => {
    engine.load(
      slot([
        ['a', 5, 0],
        ['b', 5, 0],
        ['c', 5, 0],
        ['producer', 0, 10],
      ]),
    );
    const r = engine.compute({ windowMinutes: 15, key: 'static', shares: [0.3, 0.3, 0.4, 0] });
    expect(r.members.map((m) => m.allocated_kwh)).toEqual([3, 3, 4, 0]);
    expect(r.kpis.shared_kwh).toBe(10);
  });

  it('sends a share above a consumer’s own use to the grid, with no reallocation', () => {
    engine.load(
      slot([
        ['a', 1, 0],
        ['b', 5, 0],
        ['c', 5, 0],
        ['producer', 0, 10],
      ]),
    );
    const r = engine.compute({ windowMinutes: 15, key: 'static', shares: [0.3, 0.3, 0.4, 0] });
    expect(r.members.map((m) => m.allocated_kwh)).toEqual([1, 3, 4, 0]);
    expect(r.kpis.shared_kwh).toBe(8);
    expect(r.kpis.grid_export_kwh).toBe(2);
  });
});

describe('Luxembourg regulator: 500 Wh produced in a quarter-hour, producer uses 200 Wh', () => {
  it('shares 300 Wh and lowers the members’ withdrawals by 300 Wh', () => {
    // Behind the producer's meter 200 of 500 Wh are used: 300 Wh are exported.
    engine.load(
      slot([
        ['producer', 0, 0.3],
        ['a', 0.25, 0],
        ['b', 0.25, 0],
      ]),
    );
    const r = engine.compute({ windowMinutes: 15, key: 'dynamic' });
    expect(r.kpis.shared_kwh).toBeCloseTo(0.3, 12);
    expect(r.kpis.grid_import_kwh).toBeCloseTo(0.5 - 0.3, 12);
    expect(r.members[0].shared_export_kwh).toBeCloseTo(0.3, 12);
  });
});
