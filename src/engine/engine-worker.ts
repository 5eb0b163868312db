/**
 * The engine's Web Worker, started as early as the page's script allows: the demo's first KPIs
 * wait for its script, the kernels and the demo's data, so the worker should not wait for the page
 * to render first. The first EngineClient takes the worker started early; any other gets its own.
 */
import { DEMO_NAME } from './protocol';

let early: Worker | null = null;

/** `demoRoot`: the site's root, where the worker starts fetching the demo at once (its name says it). */
function spawn(demoRoot?: string): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: demoRoot ? `${DEMO_NAME}${demoRoot}` : '' });
}

/** Starts the engine's worker now (for the EngineClient the page makes next), fetching the demo under `siteRoot`. */
export function startEngineWorker(siteRoot: string): void {
  // The built page's <head> started it already (vite.config.ts earlyEngineWorker).
  const started = (globalThis as { __klasterEngineWorker?: Worker }).__klasterEngineWorker;
  if (started) delete (globalThis as { __klasterEngineWorker?: Worker }).__klasterEngineWorker;
  early ??= started ?? spawn(siteRoot);
}

/** The worker started early, if nobody took it yet, else a new one. */
export function takeEngineWorker(): Worker {
  const worker = early ?? spawn();
  early = null;
  return worker;
}
