/**
 * Where the bytes of the files kept in the browser live when the browser has an origin-private
 * file system (OPFS) that a worker can write to: one file per kept file, written as a stream, a
 * piece at a time. Blobs put into IndexedDB instead cost their whole size again in the browser's
 * own process while they are written (Chromium: +200 MB for 176 MB of files, measured with
 * bench/run.mjs --only ingest), and the point of keeping files is to keep big ones.
 *
 * Reading works wherever OPFS exists (the page asks whether anything is kept); writing needs a
 * dedicated worker (the engine's). Without OPFS the store keeps the bytes in IndexedDB itself.
 */

const FOLDER = 'klaster-workspace';

/** The synchronous handle a dedicated worker gets on an OPFS file (not in every TypeScript lib). */
interface SyncHandle {
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

type Writable = FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncHandle> };

function storageManager(): StorageManager | undefined {
  return (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
}

async function folder(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  const storage = storageManager();
  if (typeof storage?.getDirectory !== 'function') return null;
  try {
    return await (await storage.getDirectory()).getDirectoryHandle(FOLDER, { create });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'NotFoundError') return null;
    throw e;
  }
}

/** Whether kept files' bytes can be written here (a dedicated worker with OPFS). */
export function canShelve(): boolean {
  const handle = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  return typeof storageManager()?.getDirectory === 'function' && !!handle && 'createSyncAccessHandle' in handle.prototype;
}

/** Writes `blob` as the bytes of kept file `id`, streamed (never whole in memory). */
export async function shelve(id: number, blob: Blob): Promise<void> {
  const dir = await folder(true);
  if (!dir) throw new DOMException('no origin-private file system', 'NotSupportedError');
  const file = (await dir.getFileHandle(String(id), { create: true })) as Writable;
  const handle = await file.createSyncAccessHandle();
  try {
    handle.truncate(0);
    const reader = blob.stream().getReader();
    let at = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      at += handle.write(value, { at });
    }
    handle.flush();
  } finally {
    handle.close();
  }
}

/** The bytes of kept file `id`, or undefined when they are not there. */
export async function shelved(id: number): Promise<Blob | undefined> {
  const dir = await folder(false);
  if (!dir) return undefined;
  try {
    return await (await dir.getFileHandle(String(id))).getFile();
  } catch {
    return undefined;
  }
}

/** Removes kept file `id`'s bytes (nothing when they are not there). */
export async function unshelve(id: number): Promise<void> {
  const dir = await folder(false);
  await dir?.removeEntry(String(id)).catch(() => undefined);
}

/** Removes every kept file's bytes. */
export async function clearShelf(): Promise<void> {
  const storage = storageManager();
  if (typeof storage?.getDirectory !== 'function') return;
  const root = await storage.getDirectory();
  await root.removeEntry(FOLDER, { recursive: true }).catch(() => undefined);
}
