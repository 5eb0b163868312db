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
  }
  if (stopped()) return false;
  await conn.insertArrowFromIPCStream(tables.members, { name: 'members', create: true });
  return true;
}
