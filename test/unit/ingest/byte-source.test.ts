/**
 * A file read a window at a time (byte-source.ts, as a large File is read in a parse worker)
 * gives exactly what its bytes held whole give: every range, and parseFile's result or error, on
 * every fixture and every bad file, with windows, pieces and chunks far smaller than the lines.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, parseFile, parseTextSource } from '../../../src/ingest/index';
import { type ByteSource, windowedSource } from '../../../src/ingest/byte-source';
import { byteReader } from '../../../src/ingest/long-bytes';
import { PIECE_BYTES, chunkSize, pieceSize } from '../../../src/ingest/text-pieces';

const CHUNK_BYTES = chunkSize.bytes;
afterEach(() => {
  pieceSize.bytes = PIECE_BYTES;
  chunkSize.bytes = CHUNK_BYTES;
});

/** A source that copies each window, as FileReaderSync does, and counts what it read. */
function copying(bytes: Uint8Array, windowBytes: number): ByteSource & { readBytes: () => number } {
  let read = 0;
  const source = windowedSource(
    bytes.length,
    (from, to) => {
      read += to - from;
      return bytes.slice(from, to);
    },
    windowBytes,
  );
  return Object.assign(source, { readBytes: () => read });
}

function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { error: { file: e.file, line: e.line, column: e.column, reason: e.reason } };
  }
}

describe('a source read in windows', () => {
  it('gives every range as the bytes hold it, and earlier views stay as they were', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 320 }), fc.integer({ min: -5, max: 320 })), { maxLength: 20 }),
        (bytes, windowBytes, ranges) => {
          const source = copying(bytes, windowBytes);
          const views: [Uint8Array, Uint8Array][] = [];
          for (const [a, b] of ranges) {
            const from = Math.max(0, Math.min(a, bytes.length));
            const to = Math.max(from, Math.min(b, bytes.length));
            views.push([source.read(a, b), bytes.subarray(from, to)]);
          }
          for (const [got, want] of views) expect([...got]).toEqual([...want]);
        },
      ),
    );
  });
});

const corpus = (dir: string) =>
  readdirSync(new URL(`../../fixtures/${dir}/`, import.meta.url))
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.json') && !f.endsWith('.sql') && !f.endsWith('.parquet'))
    .map((f) => {
      const raw = new Uint8Array(readFileSync(new URL(`../../fixtures/${dir}/${f}`, import.meta.url)));
      return f.endsWith('.csv.gz') ? ([f.slice(0, -3), new Uint8Array(gunzipSync(raw))] as const) : ([f, raw] as const);
    });

describe('parseTextSource = parseFile', () => {
  it.each(corpus('formats'))('on the fixture %s, in small windows, pieces and chunks', (name, bytes) => {
    const whole = outcome(() => parseFile(name, bytes));
    pieceSize.bytes = 700;
    chunkSize.bytes = 3000;
    expect(outcome(() => parseTextSource(name, copying(bytes, 1024)))).toStrictEqual(whole);
  });

  it.each(corpus('bad'))('on the bad file %s', (name, bytes) => {
    // Workbooks and archives are not text: parseBlob never sends them this way, but the answer is the same.
    const whole = outcome(() => parseFile(name, bytes));
    chunkSize.bytes = 5000;
    expect(outcome(() => parseTextSource(name, copying(bytes, 4096)))).toStrictEqual(whole);
  });

  it('reads a long file by bytes a window at a time, never the whole file at once', () => {
    const lines = ['ppe,timestamp_utc,import_kwh,export_kwh'];
    for (let k = 0; k < 40_000; k++) {
      const t = new Date(Date.UTC(2025, 0, 1) + k * 900_000).toISOString().replace('.000', '');
      lines.push(`PL${k < 20_000 ? 1 : 2},${t},${(k % 7) / 10},0.${k % 3}`);
    }
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const before = byteReader.files;
    chunkSize.bytes = 64 * 1024;
    const source = copying(bytes, 64 * 1024);
    const got = parseTextSource('long.csv', source);
    expect(byteReader.files - before).toBe(1);
    expect(got).toStrictEqual(parseFile('long.csv', bytes));
    // The rows' windows once each (a line's tail again at each chunk's end), plus the first
    // windows again for the header, the separator, the decimal mark and the preview.
    expect(source.readBytes()).toBeLessThan(bytes.length + 8 * 64 * 1024);
  });
});
