/**
 * The engine's Web Worker, started as early as the page's script allows: the demo's first KPIs
 * wait for its script and the kernels, so the worker should not wait for the page to render
 * first. The built page's <head> starts it even earlier and sends it the demo's readings
 * (vite.config.ts earlyEngineWorker). The first EngineClient takes the worker started early; any
 * other gets its own.
 */
let early: Worker | null = null;

function spawn(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

/** Starts the engine's worker now, for the EngineClient the page makes next. */
export function startEngineWorker(): void {
  const started = (globalThis as { __klasterEngineWorker?: Worker }).__klasterEngineWorker;
  if (started) delete (globalThis as { __klasterEngineWorker?: Worker }).__klasterEngineWorker;
  early ??= started ?? spawn();
}

/** The worker started early, if nobody took it yet, else a new one. */
export function takeEngineWorker(): Worker {
  const worker = early ?? spawn();
  early = null;
  return worker;
}
