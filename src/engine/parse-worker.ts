/**
 * Reads one file in a worker of its own, so that a long parse can be cancelled by ending this
 * worker while the engine worker, and the cluster it holds, carry on.
 */
import { parseBlob, ParseError } from '../ingest/index';
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
}

export type ParseResponse =
  | { id: number; ok: true; parsed: Awaited<ReturnType<typeof parseBlob>> }
  | { id: number; ok: true; unpacked: UnpackedFile[] }
  | { id: number; ok: false; error: { file: string; line?: number; column?: number; reason: string } };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, name, file, bytes, overrides } = event.data;
  try {
    if (event.data.unpack) {
      checkFileSize(name, file.size);
      const unpacked = await unpackFile(name, new Uint8Array(await file.arrayBuffer()));
      const buffers = unpacked.map((f) => f.bytes.buffer as ArrayBuffer).filter((b, i, all) => all.indexOf(b) === i);
      scope.postMessage({ id, ok: true, unpacked } satisfies ParseResponse, buffers);
      return;
    }
    // Async: Parquet is read with hyparquet, which only has an async API. A file too large to read
    // is refused before its bytes are read.
    const source = bytes ? { size: bytes.byteLength, arrayBuffer: () => Promise.resolve(bytes) } : file;
    const parsed = await parseBlob(name, source, overrides);
    const buffers = parsed.kind === 'readings' ? [...parsed.meters, ...parsed.netted].flatMap(transferable) : [];
    scope.postMessage({ id, ok: true, parsed } satisfies ParseResponse, buffers);
  } catch (e) {
    const error =
      e instanceof ParseError
        ? { file: e.file, line: e.line, column: e.column, reason: e.reason }
        : { file: name, reason: e instanceof Error ? e.message : String(e) };
    scope.postMessage({ id, ok: false, error } satisfies ParseResponse);
  }
};

function transferable(s: { import: Float64Array; export: Float64Array; generation?: Float64Array }): ArrayBuffer[] {
  return [s.import, s.export, ...(s.generation ? [s.generation] : [])].map((a) => a.buffer as ArrayBuffer);
}
