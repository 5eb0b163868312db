/**
 * The `sql` command: the files' tables `readings` and `members` in DuckDB-WASM's Node build (the
 * same tables the browser's SQL console has), one query, the result as CSV on stdout. The query
 * runs as in the page: one statement that only reads (the tables are read-only), no file, URL or
 * extension (DuckDB's external access off and its settings locked).
 */
import { openNodeDuckDB } from '../engine/duckdb-node';
import { membersIpc, readingsIpcChunks } from '../engine/sql-tables';
import { loadCluster } from './analyze';
import { UsageError } from './usage-error';

export async function sql(files: string[], members: string | undefined, query: string | undefined): Promise<string> {
  if (!query) throw new UsageError('--query "<SQL>" is required');
  const data = await loadCluster(files, members);
  const db = await openNodeDuckDB({ locked: true });
  readingsIpcChunks(data).forEach((chunk, i) =>
    db.connection.insertArrowFromIPCStream(chunk, { name: 'readings', create: i === 0 }),
  );
  db.insertIpc('members', membersIpc(data.members));
  let rows: Record<string, unknown>[];
  try {
    rows = await db.userRows(query);
  } catch (e) {
    throw new UsageError(`SQL: ${e instanceof Error ? e.message : String(e)}`);
  }
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'bigint' ? v.toString() : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
