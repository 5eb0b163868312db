/**
 * A worker thread of the CLI's file reader (see parse-pool.ts): reads the files it is sent, one
 * at a time, with the same parser as the page, and sends each result back (its readings moved,
 * not copied) or the error that stopped it.
 */
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseFile, parsePrices, parsePvgis } from '../ingest/index';
import { ParseError } from '../ingest/errors';

export interface ThreadRequest {
  id: number;
  path: string;
}

export type ThreadResponse =
  | {
      id: number;
      ok: true;
      parsed: ReturnType<typeof parseFile> | NonNullable<ReturnType<typeof parsePrices | typeof parsePvgis>>;
    }
  | {
      id: number;
      ok: false;
      parseError?: { file: string; line?: number; column?: number; reason: string };
      message?: string;
      code?: string;
    };

parentPort!.on('message', async ({ id, path }: ThreadRequest) => {
  try {
    const bytes = new Uint8Array(await readFile(path));
    const name = basename(path);
    const parsed = parsePvgis(name, bytes) ?? parsePrices(name, bytes) ?? parseFile(name, bytes);
    const moved =
      parsed.kind === 'readings'
        ? [...parsed.meters, ...parsed.netted].flatMap((s) => [s.import, s.export, ...(s.generation ? [s.generation] : [])])
        : [];
    parentPort!.postMessage(
      { id, ok: true, parsed } satisfies ThreadResponse,
      moved.map((a) => a.buffer as ArrayBuffer),
    );
  } catch (e) {
    const reply: ThreadResponse =
      e instanceof ParseError
        ? { id, ok: false, parseError: { file: e.file, line: e.line, column: e.column, reason: e.reason } }
        : { id, ok: false, message: e instanceof Error ? e.message : String(e), code: (e as NodeJS.ErrnoException).code };
    parentPort!.postMessage(reply);
  }
});
