/** Hands a benchmark page's JSON lines (or its error) to bench/run.mjs through window.__bench. */
export function report(run: () => Promise<string[]>): void {
  const w = window as unknown as { __bench?: { lines?: string[]; error?: string } };
  run().then(
    (lines) => {
      w.__bench = { lines };
      document.getElementById('out')!.textContent = lines.join('\n');
    },
    (e) => {
      w.__bench = { error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
    },
  );
}
