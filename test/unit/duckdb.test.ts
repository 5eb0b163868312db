/** DuckDB-WASM's Node build holds the cluster's tables, and its SQL balance equals the kernels'. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../src/engine/balance';
import { openNodeDuckDB, type NodeSql } from '../../src/engine/duckdb-node';
import { balanceSql, memberAllocationSql } from '../../src/engine/sql';
import { membersIpc, readingsIpc } from '../../src/engine/sql-tables';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { BALANCE_KPIS } from '../kpi-keys';
import { loadKernelsForTest } from './kernel-loader';

function randomCluster(members: number, intervals: number, seed: number): ClusterData {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const imports = Float64Array.from({ length: members * intervals }, () => (rnd() < 0.3 ? 0 : Math.round(rnd() * 5000) / 1000));
  const exports = Float64Array.from({ length: members * intervals }, () => (rnd() < 0.6 ? 0 : Math.round(rnd() * 8000) / 1000));
  return {
    members: Array.from({ length: members }, (_, i) => ({
      id: `PL00379100000${String(i).padStart(5, '0')}`,
      name: `Członek ${i} – „łódź”`,
      type: 'household',
      tariff: 'G11',
      gmina: 'Staszów',
      pvKwp: i,
      windKw: 0,
      biogasKw: 0,
    })),
    stepMinutes: 15,
    startUtcMs: Date.UTC(2024, 11, 31, 23),
    intervals,
    imports,
    exports,
  };
}

describe('DuckDB-WASM in Node', () => {
  let sql: NodeSql;
  const data = randomCluster(12, 4 * 24 * 14, 7);
  beforeAll(async () => {
    sql = await openNodeDuckDB();
    sql.insertIpc('readings', readingsIpc(data));
    sql.insertIpc('members', membersIpc(data.members));
  });

  it('holds every reading and the register with Polish names intact', () => {
    const [count] = sql.rows('SELECT count(*) AS n, count(DISTINCT ppe) AS m, sum(import_kwh) AS i FROM readings');
    expect(count.n).toBe(data.members.length * data.intervals);
    expect(count.m).toBe(data.members.length);
    expect(count.i).toBeCloseTo(
      data.imports.reduce((a, b) => a + b, 0),
      6,
    );
    const names = sql.rows('SELECT name FROM members ORDER BY ppe LIMIT 1');
    expect(names[0].name).toBe('Członek 0 – „łódź”');
  });

  it.each([15, 30, 60])('balances a %i-minute window exactly as the kernels do', async (windowMinutes) => {
    const engine = new BalanceEngine(await loadKernelsForTest());
    engine.load(data);
    const kernel = engine.compute({ windowMinutes, key: 'dynamic' });
    const [row] = sql.rows(balanceSql(windowMinutes));
    for (const key of BALANCE_KPIS) {
      expect(Number(row[key]), key).toBeCloseTo(kernel.kpis[key], 6);
    }
    const members = sql.rows(memberAllocationSql(windowMinutes));
    for (const r of members) {
      const k = kernel.members.find((x) => x.id === r.ppe)!;
      expect(Number(r.allocated_kwh)).toBeCloseTo(k.allocated_kwh, 6);
    }
  });

  it('cannot reach the internet for extensions', () => {
    expect(() => sql.rows("SELECT * FROM read_parquet('https://example.com/x.parquet')")).toThrow();
  });
});
