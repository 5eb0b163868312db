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
import { canShelve, clearShelf, shelve, shelved, unshelve } from './file-shelf';

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

/** A kept file's record in IndexedDB: its bytes with it, or (no `blob`) on the shelf (file-shelf.ts). */
type StoredRecord = Omit<StoredBlob, 'blob'> & { blob?: Blob };

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
 * Keeps `workspace`: first the bytes of files not stored yet (`blobs` must hold every file it
 * names), each on the shelf (file-shelf.ts) where there is one, else in IndexedDB; then, in one
 * transaction, the files' records and the workspace, the files it no longer names deleted. Until
 * that transaction the previous workspace stands whole: a failure on the way leaves it (and at
 * most some bytes it does not name, which the next save or clearing removes).
 */
export async function saveStored(workspace: StoredWorkspace, blobs: (id: number) => StoredBlob | undefined): Promise<void> {
  try {
    const db = await open();
    const keys = new Set((await done(db.transaction(FILES, 'readonly').objectStore(FILES).getAllKeys())) as number[]);
    const wanted = new Set(workspace.files.map((f) => f.id));
    const records: StoredRecord[] = [];
    const shelf = canShelve();
    for (const id of wanted) {
      if (keys.has(id)) continue;
      const stored = blobs(id);
      if (!stored) throw new StoreError('unavailable', `no bytes for file ${id}`);
      if (!shelf) {
        records.push(stored);
        continue;
      }
      await shelve(id, stored.blob);
      records.push({ id, name: stored.name, lastModified: stored.lastModified });
    }
    const tx = db.transaction([FILES, META], 'readwrite');
    const end = finished(tx);
    const files = tx.objectStore(FILES);
    const gone = [...keys].filter((id) => !wanted.has(id));
    for (const id of gone) files.delete(id);
    for (const record of records) files.put(record);
    tx.objectStore(META).put(workspace, META_KEY);
    await end;
    for (const id of gone) await unshelve(id);
  } catch (e) {
    throw failure(e);
  }
}

/** The kept workspace with its files' bytes, or null when none was kept (or it is unreadable). */
export async function loadStored(): Promise<{ workspace: StoredWorkspace; blobs: Map<number, StoredBlob> } | null> {
  const db = await open();
  const tx = db.transaction([FILES, META], 'readonly');
  const workspace = (await done(tx.objectStore(META).get(META_KEY))) as StoredWorkspace | undefined;
  const list = (await done(tx.objectStore(FILES).getAll())) as StoredRecord[];
  if (!workspace || workspace.version !== 1 || workspace.files.length === 0) return null;
  const blobs = new Map<number, StoredBlob>();
  for (const record of list) {
    const blob = record.blob ?? (await shelved(record.id));
    if (blob) blobs.set(record.id, { ...record, blob });
  }
  if (workspace.files.some((f) => !blobs.has(f.id))) return null;
  return { workspace, blobs };
}

/** Removes everything kept (the database itself and the shelf). */
export async function clearStored(): Promise<void> {
  await clearShelf();
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
