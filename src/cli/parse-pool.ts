/**
 * The CLI's file reader: with many megabytes to read, worker threads (one per core the machine
 * offers) parse files side by side; the results come back in the order the files were given,
 * so the cluster, its messages and the first error reported are those of reading one by one.
 * A few small files are read on the main thread: starting threads would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ParseError } from '../ingest/errors';
import type { ThreadRequest, ThreadResponse } from './parse-thread';

/** Below this many bytes in all, files are read on the main thread. */
export const THREADS_FROM_BYTES = 32 * 2 ** 20;

type Parsed = Extract<ThreadResponse, { ok: true }>['read'];

/** How many threads to read `files` files with: the cores offered, at most one per file. */
export function threadCount(files: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(files, cores));
}

/**
 * Reads `paths` in worker threads; `settle(i, result)` is called for every file in the order
 * given (a file's result waits for the files before it). Rejects with the first file's error in
 * that order (a ParseError as the parser threw it, or an Error with the file system's code).
 */
export async function parseInThreads(
  paths: string[],
  settle: (index: number, parsed: Parsed) => void,
  threads = threadCount(paths.length),
): Promise<void> {
  const results: (Parsed | Error | undefined)[] = new Array(paths.length);
  let next = 0;
  let delivered = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const deliver = () => {
        while (delivered < paths.length && results[delivered] !== undefined) {
          const r = results[delivered]!;
          if (r instanceof Error) return reject(r);
          results[delivered] = undefined as unknown as Parsed; // let it go once handed over
          settle(delivered++, r);
        }
        if (delivered === paths.length) resolve();
      };
      const give = (w: Worker) => {
        if (failed || next >= paths.length) return;
        const id = next++;
        w.postMessage({ id, path: paths[id]! } satisfies ThreadRequest);
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(new URL('./parse-thread-start.mjs', import.meta.url));
        workers.push(w);
        w.on('message', (msg: ThreadResponse) => {
          if (msg.ok) results[msg.id] = msg.read;
          else if (msg.parseError) {
            const e = msg.parseError;
            results[msg.id] = Object.assign(new ParseError(e.file, e.line, e.column, e.reason), { message: e.message });
          } else results[msg.id] = Object.assign(new Error(msg.message), { code: msg.code });
          // A file after a failed one need not be read: reading one by one would have stopped.
          if (results[msg.id] instanceof Error) failed = true;
          try {
            deliver();
          } catch (e) {
            reject(e as Error);
          }
          give(w);
        });
        w.on('error', (e) => reject(e));
        give(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
