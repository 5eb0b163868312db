/**
 * The user's workspace kept in the browser (IndexedDB), so that a reload does not lose it: each
 * loaded file's bytes (as the user gave them: they are read again, through the same path, on
 * reload) and what the user decided about them (corrections, preferences, gap filling,
 * quarter-hours, the period). Nothing is written until the user has loaded files; `clearStored`
 * removes the whole database.
 *
 * Used by the engine worker (which holds the files) and, for `hasStored`, by the page.
 */
import type { ParseOverrides } from '../ingest/overrides';
import type { GapFillMethod } from '../ingest/gap-fill';
import type { Period } from '../ingest/period';

export const DB_NAME = 'klaster-workspace';
const DB_VERSION = 1;
const FILES = 'files';
const META = 'meta';
const META_KEY = 'workspace';

/** One file's bytes, stored once under its id. */
export interface StoredBlob {
  id: number;
  name: string;
  lastModified?: number;
  blob: Blob;
}

/** What the user decided about one file; `id` names its bytes. */
export interface StoredFileMeta {
  id: number;
  /** The corrections it was read with (those of a failed re-read are not kept). */
  overrides?: ParseOverrides;
  /** Load order and preference where files overlap (see workspace.ts). */
  loaded: number;
  preferred: number;
  /** Set when the file could not be used: it is listed with this message, not read again. */
  error?: { message: string; line?: number; column?: number; reason?: string };
}

export interface StoredWorkspace {
  version: 1;
  files: StoredFileMeta[];
  method: GapFillMethod;
  quarterHours: boolean;
  period: Period | null;
}

/** Why the workspace could not be kept: the browser's storage is full, or there is none. */
export type StoreFailure = 'quota' | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly reason: StoreFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

function idb(): IDBFactory {
  const f = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!f) throw new StoreError('unavailable', 'IndexedDB is not available');
  return f;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error);
  });
}

/** A storage error as the page explains it: quota, or storage not available at all. */
function failure(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  return new StoreError(name === 'QuotaExceededError' ? 'quota' : 'unavailable', message);
}

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = idb().open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab clearing the data: let it, and open again when next needed.
      db.onversionchange = () => {
        db.close();
        opened = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new StoreError('unavailable', 'the workspace database is blocked by another tab'));
  }).catch((e) => {
    opened = null;
    throw failure(e);
  });
  return opened;
}

/** Whether a workspace was kept, without creating the database when there is none. */
export async function hasStored(): Promise<boolean> {
  try {
    const factory = idb();
    if (typeof factory.databases === 'function') {
      const list = await factory.databases();
      if (!list.some((d) => d.name === DB_NAME)) return false;
    }
    return (await loadStored()) !== null;
  } catch {
    return false;
  }
}

/**
 * Keeps `workspace`: the bytes of files not stored yet (`blobs` must hold every file it names),
 * files no longer named are deleted, all in one transaction (a failure leaves the previous state).
 */
export async function saveStored(workspace: StoredWorkspace, blobs: (id: number) => StoredBlob | undefined): Promise<void> {
  try {
    const db = await open();
    const tx = db.transaction([FILES, META], 'readwrite');
    const end = finished(tx);
    const files = tx.objectStore(FILES);
    const keys = new Set((await done(files.getAllKeys())) as number[]);
    const wanted = new Set(workspace.files.map((f) => f.id));
    for (const id of keys) if (!wanted.has(id)) files.delete(id);
    for (const id of wanted) {
      if (keys.has(id)) continue;
      const blob = blobs(id);
      if (!blob) {
        tx.abort();
        throw new StoreError('unavailable', `no bytes for file ${id}`);
      }
      files.put(blob);
    }
    tx.objectStore(META).put(workspace, META_KEY);
    await end;
  } catch (e) {
    throw failure(e);
  }
}

/** The kept workspace with its files' bytes, or null when none was kept (or it is unreadable). */
export async function loadStored(): Promise<{ workspace: StoredWorkspace; blobs: Map<number, StoredBlob> } | null> {
  const db = await open();
  const tx = db.transaction([FILES, META], 'readonly');
  const workspace = (await done(tx.objectStore(META).get(META_KEY))) as StoredWorkspace | undefined;
  const list = (await done(tx.objectStore(FILES).getAll())) as StoredBlob[];
  if (!workspace || workspace.version !== 1 || workspace.files.length === 0) return null;
  const blobs = new Map(list.map((b) => [b.id, b]));
  if (workspace.files.some((f) => !blobs.has(f.id))) return null;
  return { workspace, blobs };
}

/** Removes everything kept (the database itself). */
export async function clearStored(): Promise<void> {
  const db = await opened?.catch(() => null);
  db?.close();
  opened = null;
  await new Promise<void>((resolve, reject) => {
    const req = idb().deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(failure(req.error));
    // Another connection (another tab) still open: it closes on 'versionchange' and the delete goes on.
    req.onblocked = () => undefined;
  });
}
