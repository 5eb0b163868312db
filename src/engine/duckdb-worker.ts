/**
 * DuckDB-WASM's own worker (the single-thread `eh` build, loaded here unchanged), with one thing
 * added: after each insert, the worker's garbage collector is told of the memory that insert's
 * message still holds.
 *
 * Why: a buffer that comes in a message stays held by that message until the receiving worker's
 * next full garbage collection, and DuckDB's worker runs almost no JavaScript: V8 starts a
 * collection there only once 64 MB more external memory is held than at the last one. While the
 * page filled the SQL tables, up to that much of the readings' slices lay there, already copied
 * into DuckDB's memory: the 174 MB long CSV peaked at 1.52–1.60× the file during the fill, about
 * 1.24× with this (bench/run.mjs --only ingest --memory-trace). An ArrayBuffer of that size, made
 * and dropped at once, is such a growth; no page of it is ever written, so it costs address space,
 * not memory, and the collection it prompts frees the slices.
 */
import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

type Request = MessageEvent<{ type?: string; messageId?: number }>;

/** V8's step of external memory between collections (Heap::kExternalAllocationSoftLimit). */
const COLLECT_AFTER_BYTES = 64 * 2 ** 20;

const scope = self as unknown as DedicatedWorkerGlobalScope;

// Messages that come while DuckDB's script loads wait here, in order.
const early: Request[] = [];
scope.onmessage = (event: Request) => early.push(event);

// DuckDB's worker script (a classic script that only sets globals, so it runs as a module too)
// sets its own onmessage.
import(/* @vite-ignore */ new URL(duckdbWorkerUrl, import.meta.url).href).then(
  () => {
    const duckdbOnMessage = scope.onmessage!;
    listen((event) => {
      const done = duckdbOnMessage.call(scope, event) as Promise<void> | undefined;
      if (event.data?.type === 'INSERT_ARROW_FROM_IPC_STREAM') void Promise.resolve(done).finally(promptCollection);
    });
  },
  (e: unknown) => {
    // Every request fails with why, as DuckDB's worker answers a failure: DuckDB-WASM would
    // otherwise wait for its answers for ever.
    const error = { name: 'Error', message: `DuckDB did not start: ${e instanceof Error ? e.message : String(e)}` };
    let id = 0;
    listen((event) => scope.postMessage({ messageId: id++, requestId: event.data?.messageId, type: 'ERROR', data: error }));
  },
);

/** Takes the messages from now on, those that came early first. */
function listen(onMessage: (event: Request) => void): void {
  scope.onmessage = onMessage;
  for (const event of early.splice(0)) onMessage(event);
}

function promptCollection(): void {
  try {
    void new ArrayBuffer(COLLECT_AFTER_BYTES);
  } catch {
    // No address space for it (a 32-bit browser): the collection comes later, as it did.
  }
}
