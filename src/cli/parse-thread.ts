/**
 * A worker thread of the CLI's file reader (see parse-pool.ts): reads the files it is sent, one
 * at a time, with the same parser as the page, and sends each result back (its readings moved,
 * not copied) or the error that stopped it.
 */
import { parentPort } from 'node:worker_threads';
import { ParseError } from '../ingest/errors';
import { readPath, type PathRead } from './read-input';

export interface ThreadRequest {
  id: number;
  path: string;
}

export type ThreadResponse =
  | {
      id: number;
      ok: true;
      read: PathRead;
    }
  | {
      id: number;
      ok: false;
      /** `message`: as the parser wrote it (a sheet's problem by row and column letter). */
      parseError?: { file: string; line?: number; column?: number; reason: string; message: string };
      message?: string;
      code?: string;
    };

parentPort!.on('message', async ({ id, path }: ThreadRequest) => {
  try {
    const read = await readPath(path);
    const moved = read.inputs.flatMap(({ parsed }) =>
      parsed.kind === 'readings'
        ? [...parsed.meters, ...parsed.netted].flatMap((s) => [s.import, s.export, ...(s.generation ? [s.generation] : [])])
        : [],
    );
    parentPort!.postMessage(
      { id, ok: true, read } satisfies ThreadResponse,
      moved.map((a) => a.buffer as ArrayBuffer),
    );
  } catch (e) {
    const reply: ThreadResponse =
      e instanceof ParseError
        ? { id, ok: false, parseError: { file: e.file, line: e.line, column: e.column, reason: e.reason, message: e.message } }
        : { id, ok: false, message: e instanceof Error ? e.message : String(e), code: (e as NodeJS.ErrnoException).code };
    parentPort!.postMessage(reply);
  }
});
