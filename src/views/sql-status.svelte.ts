/** Starts DuckDB in the background and reports how it goes; the page never waits for it. */
export type SqlStatus = { state: 'starting' } | { state: 'ready'; ms: number } | { state: 'failed'; message: string };

export async function startSql(report: (s: SqlStatus) => void): Promise<void> {
  const t0 = performance.now();
  try {
    const { openBrowserDuckDB } = await import('../engine/duckdb-browser');
    const conn = await openBrowserDuckDB();
    await conn.query('SELECT 1');
    performance.mark('klaster:duckdb-ready');
    report({ state: 'ready', ms: Math.round(performance.now() - t0) });
  } catch (e) {
    report({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}
