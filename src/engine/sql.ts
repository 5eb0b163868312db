/**
 * SQL over the cluster's tables, the same in the browser and in Node:
 *   readings(ppe VARCHAR, ts TIMESTAMPTZ-as-epoch-ms BIGINT, import_kwh DOUBLE, export_kwh DOUBLE)
 * The engine's kernels are the product's path; this SQL is what users query, and the baseline the
 * kernels are checked and benchmarked against.
 */

/** The wasm build would try to download extensions from the internet; nothing may leave the site. */
export const OFFLINE_SETTINGS = 'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;';

/**
 * The tables live in a compressed in-memory database: a year of quarter-hours for 100 members
 * (3.5 M rows) takes a seventh of the memory (the PPE column is dictionary-coded, times
 * bit-packed, kWh ALP-coded) for about half as long again to insert (measured in DuckDB-WASM
 * 1.32: 97 MiB → 13 MiB, 0.5 s → 0.8 s for 1.75 M rows). Memory is what a browser tab runs out of.
 * DuckDB compresses at a checkpoint: its automatic one, once a load passes 16 MB, and the one
 * insertClusterTables asks for after each slice of readings.
 */
export const COMPRESSED_DATABASE = "ATTACH ':memory:' AS klaster (COMPRESS); USE klaster;";

/**
 * What the SQL the user types runs under (the page's console and the CLI's `sql`): no file or URL
 * is read or written and no extension loaded (`enable_external_access`), and the configuration is
 * then locked so that no query can turn it back on. The loaded tables come in as Arrow buffers,
 * which need no file access. (The benchmarks, which compare with DuckDB's own CSV reader on a
 * registered file, open DuckDB without it.)
 */
export const LOCKED_SETTINGS = 'SET enable_external_access = false; SET lock_configuration = true;';

/** Why a query was not run: the tables are read-only, or it reaches outside the computer. */
export type SqlRefusalKind = 'read-only' | 'several' | 'outside' | 'extension' | 'empty';

/** A query the console does not run, with a plain reason (English here; the page translates the kind). */
export class SqlRefusal extends Error {
  constructor(
    readonly kind: SqlRefusalKind,
    message: string,
    /** The statement's first word (`DROP`) or plan operator (`INSERT`), or the extension's name. */
    readonly what = '',
  ) {
    super(message);
    this.name = 'SqlRefusal';
  }
}

/** DuckDB's own tokenizer's answer (DuckDB-WASM `tokenize`). */
export interface ScriptTokens {
  offsets: number[];
  types: number[];
}

/** What the read-only check needs from a DuckDB: its tokenizer and its planner (EXPLAIN). */
export interface SqlInspector {
  tokenize(text: string): ScriptTokens | Promise<ScriptTokens>;
  /** The physical plan of one statement as DuckDB's EXPLAIN draws it. */
  explain(statement: string): string | Promise<string>;
}

const OPERATOR_TOKEN = 3;
const KEYWORD_TOKEN = 4;
/** Statements that only read: a query and DuckDB's ways of looking at tables. */
const READING = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'PIVOT', 'UNPIVOT']);
/** Plan operators that change the database, its settings or files, whatever the first word was. */
const WRITING =
  /^(INSERT|UPDATE|DELETE|MERGE|UPSERT|CREATE|DROP|ALTER|ATTACH|DETACH|COPY|BATCH_COPY|EXPORT|IMPORT|LOAD|INSTALL|SET|RESET|PRAGMA|TRANSACTION|VACUUM|CHECKPOINT|BATCH_CREATE)/;

/**
 * Checks that `sql` is one statement that only reads, using DuckDB itself: its tokenizer splits
 * statements and finds the first word (strings and comments cannot fool it, as they could a
 * regular expression), and its planner (EXPLAIN) shows what the statement would do, so a write
 * hidden behind a reading first word (`WITH x AS (…) INSERT …`) is caught too. Returns the statement
 * to run; throws SqlRefusal, or DuckDB's own error for a statement that does not parse.
 */
export async function readOnlyStatement(sql: string, db: SqlInspector): Promise<string> {
  const tokens = await db.tokenize(sql);
  const n = tokens.offsets.length;
  const text = (i: number) => sql.slice(tokens.offsets[i], i + 1 < n ? tokens.offsets[i + 1] : sql.length).trim();
  const statements: { from: number; to: number; first: number }[] = [];
  let from = 0;
  let first = -1;
  for (let i = 0; i <= n; i++) {
    const end = i === n || (tokens.types[i] === OPERATOR_TOKEN && text(i).startsWith(';'));
    if (!end) {
      if (first < 0) first = i;
      continue;
    }
    const to = i === n ? sql.length : tokens.offsets[i];
    if (first >= 0) statements.push({ from, to, first });
    from = i === n ? sql.length : tokens.offsets[i] + 1;
    first = -1;
  }
  if (statements.length === 0) throw new SqlRefusal('empty', 'the query is empty');
  if (statements.length > 1) {
    throw new SqlRefusal('several', `one statement at a time: the query holds ${statements.length} statements`);
  }
  const s = statements[0];
  const statement = sql.slice(s.from, s.to).trim();
  // The first word, past opening parentheses: `(SELECT …) UNION (SELECT …)`.
  let k = s.first;
  while (k < n && text(k).startsWith('(')) k++;
  const word = (/^[A-Za-z_]+/.exec(k < n ? text(k) : '')?.[0] ?? '').toUpperCase();
  if (word === 'EXPLAIN') {
    // EXPLAIN ANALYZE runs its statement: the statement must be read-only itself.
    const rest = statement.replace(/^\s*EXPLAIN\s+(ANALY[SZ]E\s+)?/i, '');
    await readOnlyStatement(rest, db);
    return statement;
  }
  if (!READING.has(word)) {
    // Not a statement keyword at all (`SELEC 1`): DuckDB's parser says what is wrong.
    if (k < n && tokens.types[k] !== KEYWORD_TOKEN) await explained(statement, db);
    throw readOnly(word || text(s.first));
  }
  for (const op of planOperators(await explained(statement, db))) if (WRITING.test(op)) throw readOnly(op);
  return statement;
}

async function explained(statement: string, db: SqlInspector): Promise<string> {
  try {
    return await db.explain(statement);
  } catch (e) {
    const error = sqlError(e);
    if (error instanceof SqlRefusal) throw error;
    // DuckDB quotes the line it stopped at: show the user's line, not the EXPLAIN in front of it.
    throw new Error(
      error.message.replace(/^(LINE \d+: )EXPLAIN (.*)\n {8}/m, (_, line: string, rest: string) => `${line}${rest}\n`),
    );
  }
}

function readOnly(what: string): SqlRefusal {
  return new SqlRefusal(
    'read-only',
    `the loaded tables are read-only: ${what} is not allowed (ask with SELECT, WITH, DESCRIBE, SHOW or SUMMARIZE)`,
    what,
  );
}

/** The operator names of an EXPLAIN drawing: the first line inside each box. */
export function planOperators(plan: string): string[] {
  const lines = plan.split('\n');
  const ops: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].includes('┌')) continue;
    for (const cell of lines[i + 1].split(/[│├┤]/)) {
      const name = cell.trim();
      if (/^[A-Z][A-Z_]*$/.test(name)) ops.push(name);
    }
  }
  return ops;
}

/**
 * DuckDB's error, or a SqlRefusal where it means the query reached outside the loaded tables: a
 * file, a URL or an extension (all off, see OFFLINE_SETTINGS).
 */
export function sqlError(e: unknown): Error {
  if (e instanceof SqlRefusal) return e;
  const message = e instanceof Error ? e.message : String(e);
  // A URL read as a table name (`FROM 'https://…'`) when no reader for it is loaded is outside too.
  if (
    /Permission Error|disabled by configuration|external access|configuration has been locked/i.test(message) ||
    /Table with name [a-z][\w+.-]*:\/\/\S* does not exist/i.test(message)
  ) {
    return new SqlRefusal(
      'outside',
      'no access outside your computer: queries read only the loaded tables readings and members (files, URLs and extensions are off)',
    );
  }
  const ext = /exists in the (\w+) extension/.exec(message);
  if (ext) {
    return new SqlRefusal(
      'extension',
      `this function needs DuckDB's ${ext[1]} extension, which is not available here (nothing is downloaded)`,
      ext[1],
    );
  }
  // DuckDB-WASM may repeat a paragraph (the quoted line) and adds a hint to install extensions,
  // which cannot be followed here: each paragraph once, without the hint.
  const paragraphs = message.replace(/\n\nPlease try installing[\s\S]*$/, '').split(/\n\s*\n/);
  return new Error([...new Set(paragraphs.map((p) => p.trimEnd()))].join('\n\n'));
}

/**
 * The netting windows of §4 steps 2–3 as SQL: each member's import and export summed per window
 * (windows aligned to UTC multiples of the window, which is the hour in Poland), and the cluster's
 * ΣI, ΣE and shared energy S = min(ΣI, ΣE) per window.
 */
function windowsCte(windowMinutes: number): string {
  return `
WITH member_windows AS (
  SELECT ppe, ts // ${windowMinutes * 60_000} AS w, sum(import_kwh) AS i, sum(export_kwh) AS e
  FROM readings GROUP BY ppe, w
), cluster AS (
  SELECT w, sum(i) AS si, sum(e) AS se, least(sum(i), sum(e)) AS s FROM member_windows GROUP BY w
)`;
}

/** Cluster KPIs with the dynamic key (CLUSTERS.md §4 steps 2–5). */
export function balanceSql(windowMinutes: number): string {
  return `${windowsCte(windowMinutes)}
SELECT
  sum(si) AS consumption_kwh,
  sum(se) AS generation_kwh,
  sum(s) AS shared_kwh,
  sum(si - s) AS grid_import_kwh,
  sum(se - s) AS grid_export_kwh,
  sum(s) / nullif(sum(se), 0) AS self_consumption,
  sum(s) / nullif(sum(si), 0) AS self_sufficiency,
  max(si - s) * ${60 / windowMinutes} AS peak_grid_import_kw
FROM cluster`;
}

/** Each member's allocated shared energy under the dynamic key. */
export function memberAllocationSql(windowMinutes: number): string {
  return `${windowsCte(windowMinutes)}
SELECT ppe, sum(i) AS import_kwh, sum(e) AS export_kwh,
       sum(CASE WHEN si > 0 THEN s * i / si ELSE 0 END) AS allocated_kwh
FROM member_windows JOIN cluster USING (w)
GROUP BY ppe ORDER BY ppe`;
}
