/**
 * Reading zip archives and gzip files that strangers send: DSO portals and colleagues pack many
 * exports in one `.zip`, an `.xlsx` workbook is a zip, and a project file is one too. Nothing a
 * header declares is trusted: every entry is inflated with a running count and stopped as soon as
 * it passes its limit (a zip bomb declares small sizes), names are only ever names (never paths
 * written anywhere), and the check sum of every entry is verified. The central directory is read
 * here; inflating is fflate's streaming DEFLATE.
 */

import { Gunzip, Inflate } from 'fflate';
import { ParseError } from './errors';
import { MAX_FILE_BYTES } from './file-size';
import { concatBytes } from './bytes';

/** How much an archive may unpack to. */
export interface ZipLimits {
  /** Bytes one entry may inflate to. */
  entryBytes: number;
  /** Bytes all entries together may inflate to. */
  totalBytes: number;
  /** Entries the directory may list (directories included). */
  entries: number;
}

/**
 * One file may be as large as any file the importer reads; an archive as a whole four times that
 * (a year of 300 members' quarter-hours is about 1 GB of CSV), with at most 10,000 entries.
 */
export const ZIP_LIMITS: ZipLimits = { entryBytes: MAX_FILE_BYTES, totalBytes: 4 * MAX_FILE_BYTES, entries: 10_000 };

/** An entry of the central directory, before its bytes are read. */
export interface ZipDirEntry {
  /** The name as stored (may hold folders, and tricks such as `../`). */
  path: string;
  /** The last part of the path: the only name ever shown or used. */
  name: string;
  method: number;
  compressedSize: number;
  /** As declared: a hint only. */
  size: number;
  crc: number;
  localOffset: number;
  encrypted: boolean;
  directory: boolean;
  symlink: boolean;
  /** The DOS modification time read as a wall clock, ms. */
  lastModified: number;
}

/** A file read from an archive. */
export interface ZipFile {
  path: string;
  name: string;
  bytes: Uint8Array;
  lastModified: number;
}

/** An entry left out, and why (in English; the page translates by `code`). */
export interface ZipSkipped {
  path: string;
  code: 'unsafe-path' | 'symlink' | 'encrypted' | 'method';
  reason: string;
}

export function isZip(bytes: Uint8Array): boolean {
  // A local file header, or the end record of an empty archive.
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)
  );
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The central directory of `bytes`; throws ParseError for a file that is not a readable zip. */
export function listZip(file: string, bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipDirEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const broken = (what: string): never => {
    throw new ParseError(file, undefined, undefined, `the zip archive is broken or incomplete (${what})`);
  };
  const end = findEndRecord(bytes, view);
  if (end < 0) broken('no end of central directory: was the download cut short?');
  let count = view.getUint16(end + 10, true);
  let dirSize = view.getUint32(end + 12, true);
  let dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    // Zip64: the real numbers are in the zip64 end record the locator points at.
    const loc = end - 20;
    if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) broken('a zip64 archive without its locator');
    const rec = Number(view.getBigUint64(loc + 8, true));
    if (rec + 56 > bytes.length || view.getUint32(rec, true) !== 0x06064b50) broken('a zip64 end record out of place');
    count = Number(view.getBigUint64(rec + 32, true));
    dirSize = Number(view.getBigUint64(rec + 40, true));
    dirOffset = Number(view.getBigUint64(rec + 48, true));
  }
  if (count > limits.entries) {
    throw new ParseError(
      file,
      undefined,
      undefined,
      `the archive lists ${count.toLocaleString('en')} entries, more than the ${limits.entries.toLocaleString('en')} it may have; unpack it and load the files in parts`,
    );
  }
  if (dirOffset + dirSize > bytes.length) broken('the directory lies past the end of the file');
  const entries: ZipDirEntry[] = [];
  let p = dirOffset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) broken(`entry ${i + 1} of the directory`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const external = view.getUint32(p + 38, true);
    let localOffset = view.getUint32(p + 42, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: UTF-8 names; otherwise the name is in the packer's code page (CP852 on Polish
    // Windows): read as UTF-8 it may show replacement marks, which is better than wrong letters.
    const path = decoder.decode(nameBytes);
    const extra = bytes.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const z64 = zip64Sizes(extra, size === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff);
    if (z64.size !== undefined) size = z64.size;
    if (z64.compressedSize !== undefined) compressedSize = z64.compressedSize;
    if (z64.localOffset !== undefined) localOffset = z64.localOffset;
    const unixMode = external >>> 16;
    entries.push({
      path,
      name: baseName(path),
      method,
      compressedSize,
      size,
      crc,
      localOffset,
      encrypted: (flags & 1) !== 0,
      directory: path.endsWith('/') || path.endsWith('\\'),
      symlink: (unixMode & 0xf000) === 0xa000,
      lastModified: dosTime(date, time),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The files of an archive, in the directory's order: directories and packers' litter
 * (`__MACOSX/`, `.DS_Store`, `Thumbs.db`) left out silently; entries with unsafe paths, links,
 * encryption or an unknown compression left out and listed in `skipped`. Throws ParseError when
 * an entry or the whole passes its limit or is broken.
 */
export function readZip(
  file: string,
  bytes: Uint8Array,
  limits: ZipLimits = ZIP_LIMITS,
): { files: ZipFile[]; skipped: ZipSkipped[] } {
  const files: ZipFile[] = [];
  const skipped: ZipSkipped[] = [];
  let total = 0;
  for (const e of listZip(file, bytes, limits)) {
    if (e.directory || isLitter(e.path)) continue;
    const why = refusal(e);
    if (why) {
      skipped.push({ path: e.path, ...why });
      continue;
    }
    const data = readEntry(file, bytes, e, Math.min(limits.entryBytes, limits.totalBytes - total));
    total += data.length;
    files.push({ path: e.path, name: e.name, bytes: data, lastModified: e.lastModified });
  }
  return { files, skipped };
}

/** Why an entry is not read, or null. */
function refusal(e: ZipDirEntry): Omit<ZipSkipped, 'path'> | null {
  if (unsafePath(e.path)) {
    return { code: 'unsafe-path', reason: `"${e.path}" points outside the archive (an absolute path or "..")` };
  }
  if (e.symlink) return { code: 'symlink', reason: `"${e.path}" is a link, not a file` };
  if (e.encrypted) return { code: 'encrypted', reason: `"${e.path}" is encrypted (password-protected)` };
  if (e.method !== 0 && e.method !== 8) {
    return {
      code: 'method',
      reason: `"${e.path}" is compressed with method ${e.method}; only stored and deflated entries are read`,
    };
  }
  return null;
}

/**
 * The bytes of one entry, inflated with a running count: ParseError as soon as they pass
 * `limit`, or when the check sum or the length does not match the directory.
 */
export function readEntry(file: string, bytes: Uint8Array, e: ZipDirEntry, limit: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const where = `"${e.path}"`;
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new ParseError(file, undefined, undefined, `the zip archive is broken: ${where} is not where the directory says`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.length) {
    throw new ParseError(file, undefined, undefined, `the zip archive is incomplete: ${where} is cut short`);
  }
  const packed = bytes.subarray(start, start + e.compressedSize);
  const tooBig = (): never => {
    throw new ParseError(file, undefined, undefined, tooLargeReason(where, limit));
  };
  let data: Uint8Array;
  if (e.method === 0) {
    if (packed.length > limit) tooBig();
    data = packed.slice();
  } else {
    data = inflateCapped(packed, limit, tooBig, () => {
      throw new ParseError(file, undefined, undefined, `the zip archive is broken: ${where} cannot be inflated`);
    });
  }
  if (crc32(data) !== e.crc || data.length !== e.size) {
    throw new ParseError(file, undefined, undefined, `the zip archive is damaged: ${where} does not match its check sum`);
  }
  return data;
}

/**
 * A gzip file's content (every member of a multi-member file, one after the other); ParseError as
 * soon as it passes `limit` or when the stream is broken.
 */
export function gunzip(file: string, bytes: Uint8Array, limit: number = MAX_FILE_BYTES): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Where the last member's content starts: its trailer holds that content's check sum and length.
  let lastMember = 0;
  const stream = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > limit) throw new ParseError(file, undefined, undefined, tooLargeReason('the gzip file', limit));
    chunks.push(chunk);
  });
  stream.onmember = () => {
    lastMember = total;
  };
  const broken = (what: string): never => {
    throw new ParseError(file, undefined, undefined, `the gzip file is broken or incomplete (${what})`);
  };
  try {
    pushInSteps(stream, bytes);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    broken((e as Error).message);
  }
  const out = concatBytes(chunks);
  // The stream reader does not miss a cut inside the data, but does miss one in the trailer.
  if (bytes.length < 18) broken('unexpected EOF');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const last = out.subarray(lastMember);
  if (
    view.getUint32(bytes.length - 4, true) !== last.length % 2 ** 32 ||
    view.getUint32(bytes.length - 8, true) !== crc32(last)
  ) {
    broken('its check sum does not match: was the download cut short?');
  }
  return out;
}

function tooLargeReason(what: string, limit: number): string {
  return (
    `${what} unpacks to more than ${(limit / 1e6).toLocaleString('en', { maximumFractionDigits: limit < 1e7 ? 1 : 0 })} MB, ` +
    'more than a file or an archive may hold here (a zip bomb, or an export far larger than a year of ' +
    'quarter-hours); unpack it yourself and load the files in parts'
  );
}

function inflateCapped(packed: Uint8Array, limit: number, tooBig: () => never, broken: () => never): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) tooBig();
    chunks.push(chunk);
  });
  try {
    pushInSteps(stream, packed);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    broken();
  }
  return concatBytes(chunks);
}

/**
 * Small steps: one step of compressed bytes inflates to at most about a thousand times its size,
 * so a bomb is stopped a few megabytes past the limit instead of after filling the memory.
 */
function pushInSteps(stream: { push(chunk: Uint8Array, final?: boolean): void }, bytes: Uint8Array): void {
  const STEP = 16 * 1024;
  if (bytes.length === 0) stream.push(bytes, true);
  for (let i = 0; i < bytes.length; i += STEP) stream.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
}

function findEndRecord(bytes: Uint8Array, view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

function zip64Sizes(
  extra: Uint8Array,
  wantSize: boolean,
  wantCompressed: boolean,
  wantOffset: boolean,
): { size?: number; compressedSize?: number; localOffset?: number } {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let p = 0; p + 4 <= extra.length;) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      const out: { size?: number; compressedSize?: number; localOffset?: number } = {};
      let q = p + 4;
      const next = (): number | undefined => {
        if (q + 8 > p + 4 + len) return undefined;
        const v = Number(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (wantSize) out.size = next();
      if (wantCompressed) out.compressedSize = next();
      if (wantOffset) out.localOffset = next();
      return out;
    }
    p += 4 + len;
  }
  return {};
}

function dosTime(date: number, time: number): number {
  const year = 1980 + (date >> 9);
  const month = (date >> 5) & 15;
  const day = date & 31;
  return Date.UTC(year, Math.max(0, month - 1), Math.max(1, day), time >> 11, (time >> 5) & 63, (time & 31) * 2);
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

function unsafePath(path: string): boolean {
  return /^([\\/]|[a-zA-Z]:)/.test(path) || path.split(/[\\/]/).includes('..');
}

function isLitter(path: string): boolean {
  const name = baseName(path);
  return path.startsWith('__MACOSX/') || name === '.DS_Store' || name === 'Thumbs.db' || name.startsWith('._');
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (the zip and gzip check sum). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
