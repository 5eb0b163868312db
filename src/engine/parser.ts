/**
 * The engine worker's handle on the parse workers: a pool of them (one less than the machine's
 * cores, at least one), each parsing one file at a time, cancellable. Files asked for together
 * are handed out largest first, so that one big file does not finish last on its own. Small files
 * are read here, in the engine's thread, and their bytes moved to the parse worker: reading from
 * the browser's blob store costs about a fifth of parsing and runs on the reading thread, so the
 * parse worker parses one file while the next is read; a busy worker is handed up to two of them
 * ahead. A large file with nothing else waiting goes with the number of idle cores (`helpers`):
 * its parse worker then reads it in parts side by side with helper workers of its own
 * (long-parts.ts), as the engine's core is idle until the files are in. The caller keeps the
 * results in its own order, so the timing never changes what is loaded. Cancelling ends the
 * workers, helpers with them (a parse is one synchronous run and cannot be interrupted
 * otherwise); the next file starts fresh ones.
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

/** How many parse workers to run: the cores but one (the engine's), at least one. */
export function parseWorkerCount(cores = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.max(1, Math.floor(cores || 2) - 1);
}

/** What the pool needs of a worker (a Web Worker; tests may give their own). */
export type ParseWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

/** One request to a parse worker: the message, its size (for the order), and who waits for it. */
interface Job {
  id: number;
  message: ParseRequest;
  size: number;
  /** A parsed file, or the files a container holds. */
  resolve: (p: never) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: ParseWorker;
  /** Sent and not answered: the first is being parsed, the others' bytes are being read. */
  jobs: Job[];
}

/** Files a worker may hold at once: one it parses, and small ones it reads meanwhile. */
export const JOBS_PER_WORKER = 3;
/** At most this many helpers read parts of one large file beside its parse worker. */
export const MAX_HELPERS = 3;
/** Files up to this size are read here and may be sent to a busy worker (their bytes wait there). */
export const READ_AHEAD_BYTES = 8 * 2 ** 20;

export class Parser {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private pumping = false;

  /** The machine's cores (parse workers, helpers reading parts of a large file, and the engine's). */
  private readonly cores = Math.max(1, Math.floor(globalThis.navigator?.hardwareConcurrency || 2));

  constructor(
    readonly size = parseWorkerCount(),
    private readonly spawn: () => ParseWorker = () =>
      new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  parse(name: string, file: Blob, overrides?: ParseOverrides): Promise<ParsedInput> {
    // A file too large to read is refused here, without a parse worker (which checks it too).
    try {
      checkFileSize(name, file.size);
    } catch (e) {
      return Promise.reject(e as ParseError);
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const message = { id, name, file, overrides: overrides && { ...overrides } } satisfies ParseRequest;
      this.queue.push({ id, message, size: file.size, resolve, reject });
      this.schedule();
    });
  }

  /**
   * The files a .zip, .gz or workbook holds (unpackFile, in a parse worker), their bytes
   * transferred; queued with the files to parse, by size.
   */
  unpack(name: string, file: Blob): Promise<UnpackedFile[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.queue.push({ id, message: { id, name, file, unpack: true }, size: file.size, resolve, reject });
      this.schedule();
    });
  }

  /** Requests waiting or being read. */
  get pending(): number {
    return this.queue.length + this.slots.reduce((a, s) => a + s.jobs.length, 0);
  }

  /**
   * Ends the parse workers once a batch of files is read: their heaps (a file's bytes and text,
   * several times the file) go back to the system at once instead of lingering until a GC.
   */
  release(): void {
    if (this.pending > 0) return;
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
  }

  cancel(): void {
    const waiting = [...this.slots.flatMap((s) => s.jobs), ...this.queue];
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
    this.queue = [];
    for (const job of waiting) job.reject(new Cancelled());
  }

  /**
   * Hands out queued files once the current task has queued all it asks for (files dropped
   * together arrive in one go), so that the largest go first.
   */
  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    queueMicrotask(() => {
      this.pumping = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let best = 0;
      for (let i = 1; i < this.queue.length; i++) if (this.queue[i]!.size > this.queue[best]!.size) best = i;
      const job = this.queue[best]!;
      // An idle worker first (a new one while the pool is not full), else the least busy one that
      // may read this file ahead.
      let slot = this.slots.find((s) => s.jobs.length === 0);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot && job.size <= READ_AHEAD_BYTES) {
        for (const s of this.slots) if (s.jobs.length < JOBS_PER_WORKER && (!slot || s.jobs.length < slot.jobs.length)) slot = s;
      }
      if (!slot) return;
      this.queue.splice(best, 1);
      slot.jobs.push(job);
      this.send(slot, job);
    }
  }

  /** Posts a job, a small file's bytes read first (a failed read is left to the worker to report). */
  private send(slot: Slot, job: Job): void {
    if (job.message.unpack) return slot.worker.postMessage(job.message);
    if (job.size > READ_AHEAD_BYTES) {
      // Nothing else waits: the cores no parse worker uses (the engine's too, idle until the files
      // are in) may read parts of a large file side by side.
      const busy = this.slots.filter((s) => s.jobs.length > 0).length;
      const helpers = this.queue.length === 0 ? Math.max(0, Math.min(MAX_HELPERS, this.cores - busy)) : 0;
      return slot.worker.postMessage(helpers > 0 ? { ...job.message, helpers } : job.message);
    }
    job.message.file.arrayBuffer().then(
      (bytes) => {
        // Cancelled or crashed meanwhile: the job is no longer this worker's.
        if (slot.jobs.includes(job)) slot.worker.postMessage({ ...job.message, bytes } satisfies ParseRequest, [bytes]);
      },
      () => {
        if (slot.jobs.includes(job)) slot.worker.postMessage(job.message);
      },
    );
  }

  private start(): Slot {
    const slot: Slot = { worker: this.spawn(), jobs: [] };
    slot.worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const msg = event.data;
      const at = slot.jobs.findIndex((j) => j.id === msg.id);
      if (at < 0) return;
      const job = slot.jobs.splice(at, 1)[0]!;
      if (msg.ok) job.resolve(('unpacked' in msg ? msg.unpacked : msg.parsed) as never);
      else job.reject(new ParseError(msg.error.file, msg.error.line, msg.error.column, msg.error.reason));
      this.pump();
      // The last file in ends the workers: the heap they leave (files' bytes and readings, about
      // twice what they read) would otherwise be held while the engine assembles the cluster. A
      // fresh worker for the next drop costs far less than reading it.
      this.release();
    };
    slot.worker.onerror = (event: ErrorEvent) => {
      // The worker is gone (out of memory, a crash): the file it was given first fails, the ones
      // it was reading ahead go back to the queue, for another worker.
      const [failed, ...ahead] = slot.jobs;
      slot.jobs = [];
      slot.worker.terminate();
      this.slots = this.slots.filter((s) => s !== slot);
      this.queue.unshift(...ahead);
      failed?.reject(new Error(event.message || 'the file reader failed'));
      this.pump();
    };
    this.slots.push(slot);
    return slot;
  }
}
