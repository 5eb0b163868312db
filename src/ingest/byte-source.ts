/**
 * A file's bytes as the text readers ask for them: a range at a time. A file given as bytes
 * answers with views of them; a large File in a parse worker is read a window at a time
 * (FileReaderSync), so that a 170 MB export is never held whole beside the readings made from it
 * — the file's bytes were the larger half of the tab's peak while it was read.
 */

export interface ByteSource {
  readonly size: number;
  /**
   * Bytes [from, to) (clamped to the file). A view that stays valid after later reads; it may
   * share memory with the source, so it is never written to.
   */
  read(from: number, to: number): Uint8Array;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (from, to) => bytes.subarray(from, to) };
}

/** The window a Blob is read by: large enough that a read costs nothing beside parsing it. */
export const WINDOW_BYTES = 8 * 2 ** 20;

/** Whether Blobs can be read synchronously here (a dedicated worker of a browser). */
export function canReadBlobsInPlace(): boolean {
  return typeof FileReaderSync !== 'undefined';
}

/**
 * A Blob read synchronously in windows (FileReaderSync): only where canReadBlobsInPlace().
 */
export function blobSource(blob: Blob, windowBytes = WINDOW_BYTES): ByteSource {
  const reader = new FileReaderSync();
  const readRange = (from: number, to: number) => {
    try {
      return new Uint8Array(reader.readAsArrayBuffer(blob.slice(from, to)));
    } catch (e) {
      // Moved, changed or deleted since it was chosen: the reader says which file.
      throw new FileReadError(e instanceof Error ? e.message : String(e), { cause: e });
    }
  };
  return windowedSource(blob.size, readRange, windowBytes);
}

/** The file's bytes could not be read (the importer names the file). */
export class FileReadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FileReadError';
  }
}

/**
 * A source read in windows of `windowBytes` (or of the range asked, if larger) by `readRange`:
 * reads inside the last window are views of it. Each window is a new buffer, so views handed out
 * earlier stay as they were.
 */
export function windowedSource(
  size: number,
  readRange: (from: number, to: number) => Uint8Array,
  windowBytes: number,
): ByteSource {
  let at = 0;
  let window: Uint8Array = new Uint8Array(0);
  return {
    size,
    read(from, to) {
      from = Math.max(0, Math.min(from, size));
      to = Math.max(from, Math.min(to, size));
      if (from < at || to > at + window.length) {
        at = from;
        window = readRange(from, Math.min(size, from + Math.max(windowBytes, to - from)));
      }
      return window.subarray(from - at, to - at);
    },
  };
}
