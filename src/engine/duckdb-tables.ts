/**
 * The cluster's tables put into DuckDB (`readings` slice by slice, then `members`): the page's
 * SQL console and the benchmarks fill them the same way.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { SqlTables } from './protocol';

/**
 * Replaces `readings` and `members` with `tables`; stops early, returning false, as soon as
 * `stopped()` says so (new data came and these are no longer wanted).
 */
export async function insertClusterTables(
  conn: AsyncDuckDBConnection,
  tables: SqlTables,
  stopped: () => boolean = () => false,
): Promise<boolean> {
  await conn.query('DROP TABLE IF EXISTS readings; DROP TABLE IF EXISTS members;');
  let i = 0;
  for await (const chunk of tables.readings) {
    if (stopped()) return false;
    await conn.insertArrowFromIPCStream(chunk, { name: 'readings', create: i++ === 0 });
    // Compressed now, slice by slice, not at DuckDB's automatic checkpoint (16 MB of changes): its
    // wasm memory only grows, to the most it held uncompressed at once. Measured on the 174 MB
    // long CSV: the tab's peak 1.73× → 1.55× the file; 300 Tauron exports 1.50–1.55× → 1.46×.
    await conn.query('CHECKPOINT');
  }
  if (stopped()) return false;
  await conn.insertArrowFromIPCStream(tables.members, { name: 'members', create: true });
  return true;
}
