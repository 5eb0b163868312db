/**
 * The page's DuckDB: started in the background after the first KPIs (the page never waits for it),
 * then filled with the loaded cluster's tables `readings` and `members` for the SQL console. The
 * user's SQL runs locked down (no file, URL or extension; settings locked) and read-only: one
 * statement that only reads, checked by DuckDB's own tokenizer and planner (engine/sql.ts).
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { SqlTables } from '../engine/protocol';
import { readOnlyStatement, sqlError, type SqlInspector } from '../engine/sql';
import { insertClusterTables } from '../engine/duckdb-tables';
import { columnKinds, toCsv, type ColumnInfo, type ColumnKind } from './sql-format';
import type { Lang } from '../i18n/plural';

export type SqlState = 'starting' | 'ready' | 'failed';

export interface QueryResult {
  columns: string[];
  kinds: ColumnKind[];
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
  private inspector: SqlInspector | null = null;

  /** The filling of the tables under way, and whether the data changed meanwhile. */
  private filling: Promise<void> | null = null;
  private again = false;

  /** Starts DuckDB and loads the tables; resolves when both are done (or failed). */
  async start(tables: () => Promise<SqlTables>): Promise<void> {
    const t0 = performance.now();
    try {
      const { openBrowserDuckDB, browserInspector } = await import('../engine/duckdb-browser');
      this.conn = await openBrowserDuckDB({ locked: true });
      this.inspector = browserInspector(this.conn);
      await this.fill(tables);
      performance.mark('klaster:duckdb-ready');
      this.startMs = Math.round(performance.now() - t0);
      this.state = 'ready';
    } catch (e) {
      this.message = e instanceof Error ? e.message : String(e);
      this.state = 'failed';
    }
  }

  /**
   * Replaces the cluster's tables with newly loaded data's (the page's own path: the user's SQL
   * cannot do this). While DuckDB is still starting there is nothing to do: it loads the data
   * current when it is ready.
   */
  async reload(tables: () => Promise<SqlTables>): Promise<void> {
    if (!this.conn || this.state === 'failed') return;
    try {
      await this.fill(tables);
    } catch (e) {
      this.message = e instanceof Error ? e.message : String(e);
      this.state = 'failed';
    }
  }

  /**
   * Fills the tables with the current data, one slice at a time. Asked again while filling (the
   * data changed), it stops the slices of the old data and fills once more: the engine no longer
   * has them, and their error is no error.
   */
  private fill(tables: () => Promise<SqlTables>): Promise<void> {
    if (this.filling) {
      this.again = true;
      return this.filling;
    }
    const run = async () => {
      try {
        do {
          this.again = false;
          try {
            await this.load(await tables());
          } catch (e) {
            if (!this.again) throw e;
          }
        } while (this.again);
      } finally {
        this.filling = null;
      }
    };
    this.filling = run();
    return this.filling;
  }

  private async load(tables: SqlTables): Promise<void> {
    await insertClusterTables(this.connection(), tables, () => this.again);
  }

  /**
   * Runs the user's statement; the grid gets at most `limit` rows. Throws a SqlRefusal for a
   * statement that would write or reach outside the computer, else DuckDB's error.
   */
  async query(sql: string, limit = 1000): Promise<QueryResult> {
    const conn = this.connection();
    const t0 = performance.now();
    const statement = await readOnlyStatement(sql, this.inspector!);
    let table: Awaited<ReturnType<AsyncDuckDBConnection['query']>>;
    try {
      table = await conn.query(statement);
    } catch (e) {
      throw sqlError(e);
    }
    const fields: ColumnInfo[] = table.schema.fields.map((f) => ({
      name: f.name,
      typeId: f.type.typeId as number,
      timezone: (f.type as { timezone?: string | null }).timezone,
    }));
    const rows: unknown[][] = [];
    const n = Math.min(table.numRows, limit);
    const vectors = fields.map((_, c) => table.getChildAt(c));
    for (let r = 0; r < n; r++) rows.push(vectors.map((v) => plain(v?.get(r))));
    return {
      columns: fields.map((f) => f.name),
      kinds: columnKinds(fields, rows),
      rows,
      total: table.numRows,
      ms: performance.now() - t0,
    };
  }

  /** The whole result of `sql` as CSV in the language's conventions (see sql-format.ts). */
  async csv(sql: string, lang: Lang): Promise<string> {
    const r = await this.query(sql, Number.MAX_SAFE_INTEGER);
    return toCsv(r.columns, r.kinds, r.rows, lang);
  }

  private connection(): AsyncDuckDBConnection {
    if (!this.conn) throw new Error('DuckDB is not ready yet');
    return this.conn;
  }
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return v;
}
