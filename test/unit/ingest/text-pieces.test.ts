/**
 * A text read in pieces (text-pieces.ts) gives the CSV reader exactly the records, line numbers
 * and encoding the whole decoded text gives, wherever the pieces end; bytes that are not plain
 * UTF-8 are left to the whole-text path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvReader, sniffSeparator } from '../../../src/ingest/csv';
import { decodeBytes } from '../../../src/ingest/decode';
import { NotUtf8, TextPieces } from '../../../src/ingest/text-pieces';
import { parseFile } from '../../../src/ingest/index';
import { tauronFile, tauronFileName } from '../../../bench/tauron-files.mjs';

function records(reader: CsvReader, startAt = 0): string[][] {
  const out: string[][] = [];
  while (reader.next()) out.push([String(reader.line), ...reader.fields]);
  return out.slice(startAt);
}

function whole(bytes: Uint8Array, startLine: number) {
  const d = decodeBytes(bytes);
  const sep = sniffSeparator(d.text).separator;
  return { encoding: d.encoding, sep, rows: records(new CsvReader('f.csv', d.text, sep, startLine)) };
}

function pieced(bytes: Uint8Array, pieceBytes: number, startLine: number) {
  const p = TextPieces.of(bytes, pieceBytes);
  if (!p) return undefined;
  const sep = sniffSeparator(p.head(20)).separator;
  const t = p.open();
  const rows = records(new CsvReader('f.csv', t.first, sep, startLine, t.more));
  return { encoding: p.encoding(), sep, rows };
}

// Lines of meter-export-like text: separators, decimal commas, Polish letters, blank lines,
// `sep=` hints, CR, CRLF and LF line ends, a BOM now and then.
const cell = fc.oneof(
  fc.constantFrom('', ' ', '2025-01-01 1:00', '10,143', '0.5', 'pobór', 'oddanie', 'Wartość kWh', 'T2', '€', '=1'),
  fc.string({ maxLength: 6 }).filter((s) => !s.includes('"') && !s.includes('\0')),
);
const line = fc
  .array(cell, { minLength: 1, maxLength: 5 })
  .chain((cells) => fc.constantFrom(';', ',', '\t').map((sep) => cells.join(sep)));
const text = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { minLength: 0, maxLength: 40 }),
    fc.boolean(),
  )
  .map(([bom, lines, lastEnd]) => {
    const body = lines.map(([l, end], i) => l + (i < lines.length - 1 || lastEnd ? end : '')).join('');
    return (bom ? '\ufeff' : '') + body;
  });

describe('text read in pieces', () => {
  it('gives the records, lines and encoding of the whole text, wherever the pieces end', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 4 }), (t, pieceBytes, startLine) => {
        const bytes = new TextEncoder().encode(t);
        let got: ReturnType<typeof pieced>;
        try {
          got = pieced(bytes, pieceBytes, startLine);
        } catch (e) {
          // Pieces refuse nothing valid here: only non-UTF-8 bytes may throw.
          throw e instanceof NotUtf8 ? new Error('valid UTF-8 refused') : e;
        }
        expect(got).toBeDefined();
        expect(got).toEqual(whole(bytes, startLine));
      }),
      { numRuns: 400 },
    );
  });

  it('leaves quotes, NUL bytes and UTF-16 to the whole text, and says when bytes are not UTF-8', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(() => TextPieces.of(enc('a;"b"\n'))!.encoding()).toThrow(NotUtf8);
    expect(() => TextPieces.of(new Uint8Array([0x61, 0, 0x62]))!.encoding()).toThrow(NotUtf8);
    expect(TextPieces.of(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBeUndefined();
    const cp1250 = new Uint8Array([...enc('Data;Warto'), 0x9c, 0xe6, ...enc('\n1;2\n')]);
    const p = TextPieces.of(cp1250, 4)!;
    expect(() => p.encoding()).toThrow(NotUtf8);
  });

  it('reads a Tauron export to the same result whole and in pieces', () => {
    const bytes = tauronFile(7);
    const name = tauronFileName(7);
    const inPieces = parseFile(name, bytes);
    // A quote in a trailing blank line sends the same file down the whole-text path.
    const withQuote = new Uint8Array([...bytes, 0x22, 0x22, 0x0d, 0x0a]);
    expect(() => TextPieces.of(withQuote)!.encoding()).toThrow(NotUtf8);
    const asWhole = parseFile(name, withQuote);
    expect(inPieces.detection).toEqual(asWhole.detection);
    expect(inPieces.warnings).toEqual(asWhole.warnings);
    if (inPieces.kind !== 'readings' || asWhole.kind !== 'readings') throw new Error('not readings');
    expect(inPieces.meters).toEqual(asWhole.meters);
    expect(inPieces.detection.encoding).toBe('utf-8');
  });
});
