/** DuckDB-WASM's Node build holds the cluster's tables, and its SQL balance equals the kernels'. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BalanceEngine } from '../../src/engine/balance';
import { openNodeDuckDB, type NodeSql } from '../../src/engine/duckdb-node';
import { balanceSql, memberAllocationSql } from '../../src/engine/sql';
import { membersIpc, readingsIpc } from '../../src/engine/sql-tables';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { BALANCE_KPIS } from '../kpi-keys';
import { syntheticCluster } from '../../bench/pages/synthetic';
import { loadKernelsForTest } from './kernel-loader';

/** The benchmarks' synthetic cluster, with Polish names to check that text survives the trip. */
function randomCluster(members: number, intervals: number): ClusterData {
  const data = syntheticCluster(members, intervals);
  return { ...data, members: data.members.map((m, i) => ({ ...m, name: `Członek ${i} – „łódź”` })) };
}

describe('DuckDB-WASM in Node', () => {
  let sql: NodeSql;
  const data = randomCluster(12, 4 * 24 * 14);
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

  it('keeps the tables compressed in memory (a fraction of the uncompressed size)', () => {
    // A cluster of a real size: DuckDB compresses at its automatic checkpoint, once a load passes
    // 16 MB (1.4 M rows here); a small table stays as it is (and small).
    const big = randomCluster(40, 4 * 24 * 366);
    sql.insertIpc('readings_big', readingsIpc(big));
    expect(sql.rows('SELECT current_database() AS db')[0].db).toBe('klaster');
    // The first row group is full (the last one, partly filled, may stay as it is).
    const segments = sql.rows(
      "SELECT column_name, compression FROM pragma_storage_info('readings_big') WHERE segment_type <> 'VALIDITY' AND row_group_id = 0",
    );
    const ppe = segments.filter((s) => s.column_name === 'ppe').map((s) => s.compression);
    expect(ppe.length).toBeGreaterThan(0);
    expect(ppe).not.toContain('Uncompressed');
    const uncompressed = segments.filter((s) => s.compression === 'Uncompressed').length;
    expect(uncompressed / segments.length).toBeLessThan(0.5);
    sql.rows('DROP TABLE readings_big');
  });

  it('cannot reach the internet for extensions', () => {
    expect(() => sql.rows("SELECT * FROM read_parquet('https://example.com/x.parquet')")).toThrow();
  });
});
