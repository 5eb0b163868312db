/**
 * The page's DuckDB: started in the background after the first KPIs (the page never waits for it),
 * then filled with the loaded cluster's tables `readings` and `members` for the SQL console.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { SqlTables } from '../engine/protocol';

export type SqlState = 'starting' | 'ready' | 'failed';

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  /** All rows the query returned (rows may hold fewer, for the grid). */
  total: number;
  ms: number;
}

export class SqlSession {
  state = $state<SqlState>('starting');
  startMs = $state(0);
  message = $state('');
  private conn: AsyncDuckDBConnection | null = null;

  /** Starts DuckDB and loads the tables; resolves when both are done (or failed). */
  async start(tables: () => Promise<SqlTables>): Promise<void> {
    const t0 = performance.now();
    try {
      const { openBrowserDuckDB } = await import('../engine/duckdb-browser');
      this.conn = await openBrowserDuckDB();
      await this.load(await tables());
      performance.mark('klaster:duckdb-ready');
      this.startMs = Math.round(performance.now() - t0);
      this.state = 'ready';
    } catch (e) {
      this.message = e instanceof Error ? e.message : String(e);
      this.state = 'failed';
    }
  }

  /** Replaces the cluster's tables. */
  async load(tables: SqlTables): Promise<void> {
    const conn = this.connection();
    await conn.query('DROP TABLE IF EXISTS readings; DROP TABLE IF EXISTS members;');
    for (const [i, chunk] of tables.readings.entries()) {
      await conn.insertArrowFromIPCStream(chunk, { name: 'readings', create: i === 0 });
    }
    await conn.insertArrowFromIPCStream(tables.members, { name: 'members', create: true });
  }

  /** Runs one SQL statement; the grid gets at most `limit` rows. */
  async query(sql: string, limit = 1000): Promise<QueryResult> {
    const t0 = performance.now();
    const table = await this.connection().query(sql);
    const columns = table.schema.fields.map((f) => f.name);
    const rows: unknown[][] = [];
    const n = Math.min(table.numRows, limit);
    const vectors = columns.map((_, c) => table.getChildAt(c));
    for (let r = 0; r < n; r++) rows.push(vectors.map((v) => plain(v?.get(r))));
    return { columns, rows, total: table.numRows, ms: performance.now() - t0 };
  }

  /** The whole result of `sql` as CSV (RFC 4180, comma, point decimals). */
  async csv(sql: string): Promise<string> {
    const r = await this.query(sql, Number.MAX_SAFE_INTEGER);
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return [r.columns.map(cell).join(','), ...r.rows.map((row) => row.map(cell).join(','))].join('\r\n') + '\r\n';
  }

  private connection(): AsyncDuckDBConnection {
    if (!this.conn) throw new Error('DuckDB is not ready yet');
    return this.conn;
  }
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}
