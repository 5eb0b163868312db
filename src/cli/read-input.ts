/**
 * One path on the command line, read as the page reads a dropped file: a .zip, .gz or workbook
 * as the files (sheets) it holds, each parsed like a file given on its own (meter readings, a
 * register, RCE prices or a PVGIS file). Used on the main thread and in the reader's threads.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ByteSource, FileReadError, WINDOW_BYTES, windowedSource } from '../ingest/byte-source';
import {
  ParseError,
  STREAM_FROM_BYTES,
  isPlainTextHead,
  parseFile,
  parsePrices,
  parsePvgis,
  parseTextSource,
} from '../ingest/index';
import type { ParsedFile, ParsedPrices, ParsedPvgis } from '../ingest/parsed-file';
import { sheetErrorMessage } from '../ingest/sheet-location';
import { unpackFile } from '../ingest/unpack';

export type ParsedAny = ParsedFile | ParsedPrices | ParsedPvgis;

export interface PathRead {
  /** Each input by its own name (a file of an archive by its last name). */
  inputs: { name: string; parsed: ParsedAny }[];
  /** What was left out of an archive or workbook, once each. */
  notes: string[];
}

/** Files from this size on are read a window at a time when they are plain text (the tests lower it). */
export const streamFrom = { bytes: STREAM_FROM_BYTES };

export async function readPath(path: string): Promise<PathRead> {
  const streamed = readLargeText(path);
  if (streamed) return { inputs: [streamed], notes: [] };
  const unpacked = await unpackFile(basename(path), new Uint8Array(await readFile(path)));
  const inputs = unpacked.map((input) => {
    try {
      const parsed =
        parsePvgis(input.name, input.bytes) ?? parsePrices(input.name, input.bytes) ?? parseFile(input.name, input.bytes);
      return { name: input.name, parsed };
    } catch (e) {
      // A sheet's problem by row and column letter, as the spreadsheet shows it.
      if (e instanceof ParseError && input.sheet !== undefined) e.message = sheetErrorMessage(e);
      throw e;
    }
  });
  return { inputs, notes: [...new Set(unpacked.flatMap((f) => f.notes))] };
}

/**
 * A large plain-text file parsed from windows of it (as the page's parse worker reads a dropped
 * file): the file is never held whole beside its readings. Undefined for anything else.
 */
function readLargeText(path: string): PathRead['inputs'][number] | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < streamFrom.bytes) return undefined;
    const source = fileSource(fd, size);
    if (!isPlainTextHead(source.read(0, 4096))) return undefined;
    const name = basename(path);
    return { name, parsed: parseTextSource(name, source) };
  } finally {
    closeSync(fd);
  }
}

function fileSource(fd: number, size: number): ByteSource {
  return windowedSource(
    size,
    (from, to) => {
      const bytes = new Uint8Array(to - from);
      for (let at = 0; at < bytes.length;) {
        const got = readSync(fd, bytes, at, bytes.length - at, from + at);
        // Shortened since it was opened: the importer names the file.
        if (got === 0) throw new FileReadError(`it ends at byte ${from + at}, before its ${size} bytes`);
        at += got;
      }
      return bytes;
    },
    WINDOW_BYTES,
  );
}
