/**
 * One path on the command line, read as the page reads a dropped file: a .zip, .gz or workbook
 * as the files (sheets) it holds, each parsed like a file given on its own (meter readings, a
 * register, RCE prices or a PVGIS file). Used on the main thread and in the reader's threads.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ParseError, parseFile, parsePrices, parsePvgis } from '../ingest/index';
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

export async function readPath(path: string): Promise<PathRead> {
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
