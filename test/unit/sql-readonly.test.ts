/**
 * The user's SQL (page console and CLI `sql`) cannot change the loaded tables or reach outside the
 * computer: DuckDB-WASM's Node build, locked as the page locks it, with the read-only check that
 * asks DuckDB's own tokenizer and planner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeSql } from '../../src/engine/duckdb-node';
import { membersIpc, readingsIpc } from '../../src/engine/sql-tables';
import { planOperators, readOnlyStatement, SqlRefusal } from '../../src/engine/sql';
import { syntheticCluster } from '../../bench/pages/synthetic';

async function refusal(p: Promise<unknown>): Promise<SqlRefusal> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SqlRefusal) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('SQL over the loaded tables', () => {
  let db: NodeSql;
  const data = syntheticCluster(4, 96);
  const rows = data.members.length * data.intervals;
  beforeAll(async () => {
    db = await openNodeDuckDB({ locked: true });
    db.insertIpc('readings', readingsIpc(data));
    db.insertIpc('members', membersIpc(data.members));
  });

  it.each([
    'SELECT count(*) AS n FROM readings',
    'select count(*) as n from readings;',
    '  -- a comment; with a semicolon\n SELECT count(*) AS n FROM readings ;  ',
    "WITH r AS (SELECT * FROM readings WHERE ppe <> 'DROP TABLE readings; x') SELECT count(*) AS n FROM r",
    'FROM readings SELECT count(*) AS n',
    '(SELECT count(*) AS n FROM readings)',
  ])('answers a query: %j', async (sql) => {
    const [r] = await db.userRows(sql);
    expect(Number(r.n)).toBe(rows);
  });

  it.each(['DESCRIBE readings', 'SHOW TABLES', 'SUMMARIZE members', 'EXPLAIN SELECT * FROM readings'])(
    'lets one look at the tables: %s',
    async (sql) => {
      expect((await db.userRows(sql)).length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['DROP TABLE readings', 'DROP'],
    ['drop table members', 'DROP'],
    ['DELETE FROM readings', 'DELETE'],
    ['UPDATE readings SET import_kwh = 0', 'UPDATE'],
    ["INSERT INTO readings VALUES ('X', 0, 1, 1)", 'INSERT'],
    ['CREATE TABLE t AS SELECT 1', 'CREATE'],
    ['CREATE OR REPLACE TABLE readings AS SELECT 1 AS x', 'CREATE'],
    ['ALTER TABLE readings RENAME TO r2', 'ALTER'],
    ['TRUNCATE readings', 'TRUNCATE'],
    ["ATTACH ':memory:' AS other", 'ATTACH'],
    ["COPY readings TO 'out.csv'", 'COPY'],
    ['INSTALL httpfs', 'INSTALL'],
    ['LOAD httpfs', 'LOAD'],
    ['SET enable_external_access = true', 'SET'],
    ['RESET lock_configuration', 'RESET'],
    ['PRAGMA enable_profiling', 'PRAGMA'],
    ["CALL pragma_table_info('readings')", 'CALL'],
    ["WITH x AS (SELECT 'Y' AS p) INSERT INTO readings SELECT p, 0, 1, 1 FROM x", 'INSERT'],
    ['EXPLAIN ANALYZE DELETE FROM readings', 'DELETE'],
  ])('refuses %j: the tables are read-only', async (sql, what) => {
    const r = await refusal(db.userRows(sql));
    expect(r.kind).toBe('read-only');
    expect(r.what).toBe(what);
    expect(r.message).toMatch(/read-only/);
    const [n] = db.rows('SELECT count(*) AS n FROM readings');
    expect(Number(n.n)).toBe(rows);
    expect(db.rows("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name IN ('readings', 'members')")[0].n).toBe(2);
  });

  it('refuses a second statement behind a query', async () => {
    const r = await refusal(db.userRows('SELECT 1; DROP TABLE readings'));
    expect(r.kind).toBe('several');
    expect(Number(db.rows('SELECT count(*) AS n FROM readings')[0].n)).toBe(rows);
  });

  it.each([
    "SELECT * FROM read_csv('https://example.com/x.csv')",
    "SELECT * FROM 'https://example.com/x.parquet'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_json_auto('s3://bucket/x.json')",
  ])('refuses %j: no access outside the computer', async (sql) => {
    const r = await refusal(db.userRows(sql));
    expect(['outside', 'extension']).toContain(r.kind);
    expect(r.message).toMatch(/outside your computer|not available here/);
  });

  it('the remote CSV of the issue gets the plain answer', async () => {
    const r = await refusal(db.userRows("SELECT * FROM read_csv('https://example.com/x.csv')"));
    expect(r.kind).toBe('outside');
    expect(r.message).toMatch(/^no access outside your computer/);
  });

  it('the settings cannot be turned back on even past the check', () => {
    expect(() => db.rows('SET enable_external_access = true')).toThrow(/locked/);
    expect(() => db.rows("SELECT * FROM read_csv('https://example.com/x.csv')")).toThrow(/disabled by configuration/);
  });

  it('reports a syntax error once, as DuckDB words it', async () => {
    await expect(db.userRows('SELEC 1')).rejects.toThrow(/syntax error/);
  });

  it('reads the operators of an EXPLAIN drawing, not the names in its boxes', () => {
    const plan = db.rows(`EXPLAIN SELECT 1 AS "INSERT", 'DELETE' AS d`)[0].explain_value as string;
    expect(planOperators(plan)).toEqual(['PROJECTION', 'DUMMY_SCAN']);
  });

  it('splits statements with DuckDB’s tokenizer, not on semicolons inside strings', async () => {
    expect(await readOnlyStatement("SELECT 'a;b' AS s;", db.inspector)).toBe("SELECT 'a;b' AS s");
  });
});

describe('DuckDB errors, once and about the user’s own line', () => {
  it('drops a repeated paragraph and the EXPLAIN the check put in front', async () => {
    const inspector = {
      tokenize: () => ({ offsets: [0, 6], types: [0, 1] }),
      explain: () => {
        throw new Error(
          'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: EXPLAIN SELEC 1\n                ^\n\nLINE 1: EXPLAIN SELEC 1\n                ^',
        );
      },
    };
    await expect(readOnlyStatement('SELEC 1', inspector)).rejects.toThrow(
      /^Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n {8}\^$/,
    );
  });
});
