/**
 * Reads one file in a worker of its own, so that a long parse can be cancelled by ending this
 * worker while the engine worker, and the cluster it holds, carry on.
 */
import {
  STREAM_FROM_BYTES,
  isPlainTextHead,
  parseBlob,
  parseTextSource,
  parseTextSourceWithParts,
  readTextPart,
  ParseError,
} from '../ingest/index';
import { blobSource, canReadBlobsInPlace } from '../ingest/byte-source';
import { type JoinPlan, type LongPart, type PartInfo, joinParts, joinPlan, partBuffers, partInfo } from '../ingest/long-parts';
import type { ParseOverrides } from '../ingest/overrides';
import { unpackFile, type UnpackedFile } from '../ingest/unpack';
import { checkFileSize } from '../ingest/file-size';

export interface ParseRequest {
  id: number;
  name: string;
  file: Blob;
  /** The file's bytes, when the sender has read them already (then `file` is not read again). */
  bytes?: ArrayBuffer;
  overrides?: ParseOverrides;
  /** Unpack the file (a .zip, .gz or workbook) into the files it holds instead of parsing it. */
  unpack?: true;
  /**
   * Cores idle while this file is read: a large long or Tauron file is then read in that many
   * more parts side by side, by helper workers this worker starts.
   */
  helpers?: number;
  /** Read only this part of a large file's rows (a helper's job; see HelperMessage). */
  part?: { index: number; of: number };
}

/** The part above a helper's, to join its own part to (joinParts). */
interface JoinRequest {
  join: { part: LongPart; plan: JoinPlan };
}

/** What a helper says: it runs, what its part holds (null: not read by bytes), the joined parts. */
type HelperMessage = { started: true } | { info: PartInfo | null } | { joined: LongPart };

export type ParseResponse =
  | { id: number; ok: true; parsed: Awaited<ReturnType<typeof parseBlob>> }
  | { id: number; ok: true; unpacked: UnpackedFile[] }
  | { id: number; ok: false; error: { file: string; line?: number; column?: number; reason: string } };

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** A helper's part, until it is joined to the parts above it. */
let held: LongPart | null = null;

scope.onmessage = async (event: MessageEvent<ParseRequest | JoinRequest>) => {
  if ('join' in event.data) {
    const { part, plan } = event.data.join;
    const joined = joinParts(part, held!, plan);
    held = null;
    scope.postMessage({ joined } satisfies HelperMessage, partBuffers(joined));
    return;
  }
  const { id, name, file, bytes, overrides } = event.data;
  try {
    if (event.data.unpack) {
      checkFileSize(name, file.size);
      const unpacked = await unpackFile(name, new Uint8Array(await file.arrayBuffer()));
      const buffers = unpacked.map((f) => f.bytes.buffer as ArrayBuffer).filter((b, i, all) => all.indexOf(b) === i);
      scope.postMessage({ id, ok: true, unpacked } satisfies ParseResponse, buffers);
      return;
    }
    if (event.data.part) {
      const { index, of } = event.data.part;
      scope.postMessage({ started: true } satisfies HelperMessage);
      const part = readTextPart(name, blobSource(file), overrides, index, of);
      // Its readings stay here until the part above comes to be joined with them (see inParts).
      held = part ?? null;
      scope.postMessage({ info: part ? partInfo(part) : null } satisfies HelperMessage);
      return;
    }
    // Async: Parquet is read with hyparquet, which only has an async API. A file too large to read
    // is refused before its bytes are read.
    const source = bytes ? { size: bytes.byteLength, arrayBuffer: () => Promise.resolve(bytes) } : file;
    const parsed =
      (!bytes && (await inParts(name, file, overrides, event.data.helpers ?? 0))) || (await parseBlob(name, source, overrides));
    // A small file's series are sent as a copy, a large one's moved. A buffer moved in a message
    // stays held by that message on the engine's side until its next garbage collection, even once
    // the engine lets it go (its series become views of the cluster's rows, shared-rows.ts): 300
    // small files held their 84 MB through the filling of DuckDB. A copy there is the engine's own,
    // freed at once; this worker's originals go when it ends, after the last file. A large file's
    // copy would sit beside its readings here: moved.
    const buffers =
      parsed.kind === 'readings' && file.size > COPY_UP_TO_BYTES
        ? [...parsed.meters, ...parsed.netted].flatMap(transferable)
        : [];
    scope.postMessage({ id, ok: true, parsed } satisfies ParseResponse, buffers);
  } catch (e) {
    const error =
      e instanceof ParseError
        ? { file: e.file, line: e.line, column: e.column, reason: e.reason }
        : { file: name, reason: e instanceof Error ? e.message : String(e) };
    scope.postMessage({ id, ok: false, error } satisfies ParseResponse);
  }
};

/** Files up to this size send their series as a copy (see above). */
const COPY_UP_TO_BYTES = 8 * 2 ** 20;

function transferable(s: { import: Float64Array; export: Float64Array; generation?: Float64Array }): ArrayBuffer[] {
  return [s.import, s.export, ...(s.generation ? [s.generation] : [])].map((a) => a.buffer as ArrayBuffer);
}

/** Files from this size on are read in parts when cores are idle (below, the helpers' start costs more than they save). */
const PARTS_FROM_BYTES = 32 * 2 ** 20;

/**
 * A large long or Tauron file read by this worker and `helpers` more side by side, each a part of
 * its rows (long-parts.ts): the same result as one reader. Each helper joins its part below the
 * parts above it in its own thread and hands the whole back, then ends: its copy of its part goes
 * with it, never beside the joined readings here. Undefined when the file is not read that way
 * (then it is parsed whole).
 */
async function inParts(name: string, file: Blob, overrides: ParseOverrides | undefined, helpers: number) {
  if (helpers < 1 || file.size < Math.max(PARTS_FROM_BYTES, STREAM_FROM_BYTES) || !canReadBlobsInPlace()) return undefined;
  if (!isPlainTextHead(new Uint8Array(await file.slice(0, 4096).arrayBuffer()))) return undefined;
  const of = helpers + 1;
  // Each helper is this worker's own script again, reading its part while this one reads the first.
  const workers = Array.from({ length: helpers }, (_, k) => helper(k + 1));
  function helper(index: number) {
    const worker = new Worker(self.location.href, { type: 'module' });
    const inbox: (HelperMessage | undefined)[] = [];
    const waiting: ((m: HelperMessage | undefined) => void)[] = [];
    const deliver = (m: HelperMessage | undefined) => (waiting.length > 0 ? waiting.shift()!(m) : inbox.push(m));
    worker.onmessage = (e: MessageEvent<HelperMessage>) => deliver(e.data);
    // A crash answers every question with nothing: the file is then read whole.
    worker.onerror = () => {
      for (let k = 0; k < 3; k++) deliver(undefined);
    };
    worker.postMessage({ id: index, name, file, overrides, part: { index, of } } satisfies ParseRequest);
    const next = () =>
      new Promise<HelperMessage | undefined>((resolve) => (inbox.length > 0 ? resolve(inbox.shift()) : waiting.push(resolve)));
    return { worker, next };
  }
  try {
    // A worker started from a worker starts through its parent's event loop: this one waits for
    // its helpers to run before reading its own part (synchronously), or they would start after.
    await Promise.all(workers.map((w) => w.next()));
    const source = blobSource(file);
    const mine = readTextPart(name, source, overrides, 0, of);
    if (mine === undefined) return undefined;
    let whole: LongPart | null = mine;
    for (const w of workers) {
      const said = await w.next();
      const plan = whole && said && 'info' in said && said.info ? joinPlan(whole, said.info) : undefined;
      // A part the byte reader gave up on, or labels that disagree: the exact reader reads it all.
      if (!whole || !plan) return parseTextSource(name, source, overrides);
      w.worker.postMessage({ join: { part: whole, plan } } satisfies JoinRequest, partBuffers(whole));
      const joined = await w.next();
      whole = joined && 'joined' in joined ? joined.joined : null;
      w.worker.terminate();
    }
    if (!whole) return parseTextSource(name, source, overrides);
    return parseTextSourceWithParts(name, source, overrides, [whole]);
  } finally {
    for (const w of workers) w.worker.terminate();
  }
}
