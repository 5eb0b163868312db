/**
 * One input as the inputs it holds: a `.zip` as its files, a `.gz` as its content, a workbook as
 * its sheets (as text, see workbook.ts), anything else as itself. Decided by the first bytes, not
 * by the name. Each result is then read like any file the user gave (parseFile), so storing,
 * re-reading with corrections, removing and overlap precedence work per inner file.
 *
 * One level only: a workbook or a `.gz` inside a zip is opened, a zip inside a zip (or a `.gz`
 * inside a `.gz`) is left out and listed, so that a nested bomb cannot multiply the limits.
 */
import { ParseError } from './errors';
import { MAX_FILE_BYTES } from './file-size';
import { containerKind } from './container-kind';
import { isWorkbookZip, readWorkbook } from './workbook';
import { ZIP_LIMITS, gunzip, listZip, readZip, type ZipLimits } from './zip';

export { containerKind } from './container-kind';

/** One input that came out of another (or the input itself). */
export interface UnpackedFile {
  /** The name it is listed and read under: the entry's last name, or `book.xlsx › Sheet`. */
  name: string;
  bytes: Uint8Array;
  /** The entry's modification time (ms), when the container records one. */
  lastModified?: number;
  /** The archive it came out of (`pack.zip`), if any. */
  from?: string;
  /** What was left out of its container, in plain English, naming the container and entry. */
  notes: string[];
  /** The sheet it is the text of, when it came out of a workbook (its lines are the rows). */
  sheet?: string;
}

/** The name a Klaster project file holds at its root. */
export const PROJECT_MANIFEST = 'klaster-project.json';

/**
 * The inputs `bytes` (a file named `name`) holds; throws ParseError naming the file (and entry)
 * for a container that cannot be opened, or that holds nothing readable.
 */
export async function unpackFile(name: string, bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<UnpackedFile[]> {
  const out = await unpack(name, bytes, limits, 0, undefined);
  if (out.length > 1) {
    // Two entries of one name (from different folders) stay apart in the files list.
    const seen = new Map<string, number>();
    for (const f of out) {
      const n = (seen.get(f.name) ?? 0) + 1;
      seen.set(f.name, n);
      if (n > 1) f.name = numbered(f.name, n);
    }
  }
  return out;
}

async function unpack(
  name: string,
  bytes: Uint8Array,
  limits: ZipLimits,
  depth: number,
  from: string | undefined,
): Promise<UnpackedFile[]> {
  const kind = containerKind(bytes);
  if (kind === 'gzip') {
    const inner = gunzip(name, bytes, Math.min(limits.entryBytes, MAX_FILE_BYTES));
    const innerName = name.replace(/\.(t?gz|gzip)$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : '')) || name;
    const innerKind = containerKind(inner);
    if (innerKind === 'gzip' || (innerKind === 'zip' && !isWorkbookZip(listZip(name, inner, limits).map((e) => e.path)))) {
      throw new ParseError(
        name,
        undefined,
        undefined,
        `it holds another archive (${innerName}); unpack it yourself and load the files it holds`,
      );
    }
    if (innerKind === 'zip' || innerKind === 'ole') return unpack(innerName, inner, limits, depth + 1, from ?? name);
    return [{ name: innerName, bytes: inner, from: from ?? name, notes: [] }];
  }
  if (kind === 'ole') return sheets(name, bytes, from);
  if (isTar(bytes)) {
    throw new ParseError(name, undefined, undefined, 'this is a tar archive, which is not read here; pack the files as .zip');
  }
  if (kind !== 'zip') return [{ name, bytes, ...(from !== undefined ? { from } : {}), notes: [] }];

  const paths = listZip(name, bytes, limits).map((e) => e.path);
  if (paths.includes(PROJECT_MANIFEST)) {
    throw new ParseError(name, undefined, undefined, 'is a Klaster project file: open it with “Open project”');
  }
  if (isWorkbookZip(paths)) return sheets(name, bytes, from);
  if (depth > 0) {
    throw new ParseError(
      name,
      undefined,
      undefined,
      'a zip archive inside an archive is not opened; unpack it and load its files',
    );
  }
  const { files, skipped } = readZip(name, bytes, limits);
  const notes = skipped.map((s) => `${name}: ${s.reason}; left out`);
  const out: UnpackedFile[] = [];
  for (const f of files) {
    const innerKind = containerKind(f.bytes);
    if (innerKind !== null) {
      try {
        if (innerKind === 'zip' && !isWorkbookZip(listZip(f.name, f.bytes, limits).map((e) => e.path))) {
          notes.push(`${name}: "${f.path}" is an archive inside the archive; left out (unpack it and load its files)`);
          continue;
        }
        for (const u of await unpack(f.name, f.bytes, limits, depth + 1, name)) {
          out.push({ ...u, lastModified: f.lastModified, from: name });
        }
      } catch (e) {
        // One broken entry does not cost the others: it is listed, and the rest is read.
        if (!(e instanceof ParseError)) throw e;
        notes.push(`${name}: "${f.path}" cannot be read (${e.reason}); left out`);
      }
      continue;
    }
    out.push({ name: f.name, bytes: f.bytes, lastModified: f.lastModified, from: name, notes: [] });
  }
  if (out.length === 0) {
    const why = notes.length > 0 ? `: ${notes.map((n) => n.slice(name.length + 2)).join('; ')}` : '';
    throw new ParseError(name, undefined, undefined, `the archive holds no file that can be read${why}`);
  }
  for (const f of out) f.notes = [...notes, ...f.notes];
  return out;
}

async function sheets(name: string, bytes: Uint8Array, from: string | undefined): Promise<UnpackedFile[]> {
  const wb = await readWorkbook(name, bytes);
  const encoder = new TextEncoder();
  return wb.sheets.map((s) => ({
    name: s.name,
    bytes: encoder.encode(s.text),
    sheet: s.sheet,
    ...(from !== undefined ? { from } : {}),
    notes: wb.notes,
  }));
}

/** A POSIX tar archive: "ustar" at offset 257 of its first header. */
function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
}

function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
