/**
 * Full recompute (window aggregation + balance + dynamic allocation + community storage) for
 * M members × 35,040 quarter-hours, against three baselines measured in the same run on the same
 * data: the plain TypeScript reference, DuckDB-WASM SQL (balance + dynamic allocation), and a plain
 * copy of the input bytes (the memory-bandwidth floor). Results go to window.__bench as JSON lines.
 */
import kernelsUrl from '../../src/engine/generated/kernels.wasm?url';
import { BalanceEngine } from '../../src/engine/balance';
import { report } from './report';
import { openBrowserDuckDB } from '../../src/engine/duckdb-browser';
import { instantiateKernels } from '../../src/engine/kernels';
import { referenceBalance } from '../../src/engine/reference';
import { balanceSql, memberAllocationSql } from '../../src/engine/sql';
import { readingsIpcChunks } from '../../src/engine/sql-tables';
import type { ClusterData } from '../../src/ingest/cluster-data';
import type { BalanceSettings } from '../../src/engine/types';
import { syntheticCluster } from './synthetic';

const INTERVALS = 35_040;
const settings: BalanceSettings = {
  windowMinutes: 60,
  key: 'dynamic',
  battery: { capacityKwh: 5000, powerKw: 2500, roundTrip: 0.9 },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, f: () => void): number {
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

async function timeAsync(runs: number, f: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const round = (x: number) => Math.round(x * 100) / 100;

async function sqlMs(data: ClusterData): Promise<number> {
  const conn = await openBrowserDuckDB();
  // Inserted in slices of members so no single Arrow buffer holds the whole year.
  for (const [i, chunk] of readingsIpcChunks(data).entries()) {
    await conn.insertArrowFromIPCStream(chunk, { name: 'readings', create: i === 0 });
  }
  const ms = await timeAsync(3, async () => {
    await conn.query(balanceSql(settings.windowMinutes));
    await conn.query(memberAllocationSql(settings.windowMinutes));
  });
  await conn.close();
  return ms;
}

async function run(): Promise<string[]> {
  const params = new URLSearchParams(location.search);
  const sizes = (params.get('members') ?? '100,1000').split(',').map(Number);
  const withSql = params.get('sql') !== '0';
  const kernels = await instantiateKernels(await (await fetch(kernelsUrl)).arrayBuffer());
  const lines: string[] = [];
  for (const members of sizes) {
    const data = syntheticCluster(members, INTERVALS);
    const engine = new BalanceEngine(kernels);
    engine.load(data);
    // The first compute also grows memory and runs the baseline (Liftoff) code; V8 moves hot
    // kernels to optimised code after a few calls, which a slider drag reaches at once. So: the
    // first call is reported apart, then five warm-up calls, then the median of nine.
    const cold = time(1, () => engine.compute(settings));
    time(5, () => engine.compute(settings));
    const ms = time(9, () => engine.compute(settings));
    const ts = time(3, () => referenceBalance(data, settings));
    const copy = new Float64Array(data.imports.length);
    const copy2 = new Float64Array(data.exports.length);
    const memcpy = time(9, () => {
      copy.set(data.imports);
      copy2.set(data.exports);
    });
    const inputMb = (data.imports.byteLength + data.exports.byteLength) / 2 ** 20;
    const engineMb = kernels.memory.buffer.byteLength / 2 ** 20;
    const line: Record<string, number | string> = {
      bench: `recompute-${members}x${INTERVALS}`,
      ms: round(ms),
      ts_reference_ms: round(ts),
      duckdb_sql_ms: withSql ? round(await sqlMs(data)) : -1,
      memcpy_ms: round(memcpy),
    };
    lines.push(JSON.stringify(line));
    lines.push(
      JSON.stringify({
        bench: `recompute-${members}x${INTERVALS}-ratios`,
        vs_ts_reference: round(ts / ms),
        vs_duckdb_sql: withSql ? round(Number(line.duckdb_sql_ms) / ms) : -1,
        vs_memcpy: round(ms / memcpy),
        first_call_ms: round(cold),
        input_mb: round(inputMb),
        engine_memory_mb: round(engineMb),
        engine_extra_copies_of_input: round((engineMb - inputMb) / inputMb),
      }),
    );
  }
  return lines;
}

report(run);
