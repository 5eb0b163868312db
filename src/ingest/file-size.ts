/**
 * The largest file the importer reads, refused before its bytes are read (in the browser a
 * dropped file is only a size and a name until then).
 *
 * A text file is decoded into one JavaScript string, and V8 (Chromium, Node) holds at most
 * 2^29 − 24 characters, about 537 million, in one string; a file has at least as many bytes as
 * it has characters (UTF-8, a one-byte code page, UTF-16), so a file under that many bytes can be
 * decoded. Columnar files (Parquet, Arrow IPC) are read whole too, and their decoded cells take far
 * more memory than their bytes: the same limit holds for them. A round 500 MB, below the string
 * limit; an ArrayBuffer (about 2 GB or more) is not the narrower bound.
 */

import { ParseError } from './errors';

/** Largest file size, in bytes, that the importer reads. */
export const MAX_FILE_BYTES = 500_000_000;

/** Throws ParseError when a file of `bytes` bytes is too large to read. */
export function checkFileSize(file: string, bytes: number): void {
  if (bytes <= MAX_FILE_BYTES) return;
  throw new ParseError(
    file,
    undefined,
    undefined,
    `the file is ${formatSize(bytes)} (${bytes.toLocaleString('en')} bytes), more than the ` +
      `${formatSize(MAX_FILE_BYTES)} a file may have: it is read whole, as one text, and JavaScript holds at ` +
      'most about 537 million characters in one text; split it (by month or by meter) and load the parts',
  );
}

/** 3.2 GB, 500 MB. */
function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : [bytes / 1e6, 'MB'];
  return `${value.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`;
}
