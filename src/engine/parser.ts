/**
 * The engine worker's handle on the parse worker: one file at a time, cancellable. Cancelling
 * ends the parse worker (a parse is one synchronous run and cannot be interrupted otherwise); the
 * next file starts a fresh one.
 */
import { ParseError } from '../ingest/errors';
import { checkFileSize } from '../ingest/file-size';
import type { ParsedInput } from '../ingest/parsed-file';
import type { ParseOverrides } from '../ingest/overrides';
import type { ParseRequest, ParseResponse } from './parse-worker';
import type { UnpackedFile } from '../ingest/unpack';

/** Reading was cancelled by the user: nothing of it is kept. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export class Parser {
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (p: never) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  parse(name: string, file: Blob, overrides?: ParseOverrides): Promise<ParsedInput> {
    // A file too large to read is refused here, without a parse worker (which checks it too).
    try {
      checkFileSize(name, file.size);
    } catch (e) {
      return Promise.reject(e as ParseError);
    }
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, name, file, overrides: overrides && { ...overrides } } satisfies ParseRequest);
    });
  }

  /** The files a .zip, .gz or workbook holds (unpackFile, in the parse worker), their bytes transferred. */
  unpack(name: string, file: Blob): Promise<UnpackedFile[]> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, name, file, unpack: true } satisfies ParseRequest);
    });
  }

  /**
   * Ends the parse worker once a batch of files is read: its heap (a file's bytes and text, several
   * times the file) goes back to the system at once instead of lingering until a GC.
   */
  release(): void {
    if (this.pending.size > 0) return;
    this.worker?.terminate();
    this.worker = null;
  }

  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Cancelled());
    this.pending.clear();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const msg = event.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(('unpacked' in msg ? msg.unpacked : msg.parsed) as never);
      else p.reject(new ParseError(msg.error.file, msg.error.line, msg.error.column, msg.error.reason));
    };
    worker.onerror = (event) => {
      const error = new Error(event.message || 'the file reader failed');
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.worker = null;
    };
    return worker;
  }
}
