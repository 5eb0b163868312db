/**
 * The byte reader of long and Tauron rows (long-bytes.ts) against the CsvReader it stands in for:
 * on generated files (decimal comma or point, signs, blanks, spaces, DST days, CRLF or LF, blank
 * lines, and cells, lines and bytes it must give up on, anywhere) and on every fixture and every
 * file of the bad corpus, with the text cut into pieces of any size, parseFile gives the same result — or the same error, at the same line
 * and column — with the byte reader as without it, and read in two or three parts (as threads
 * side by side read one large file) as in one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ParseError,
  isPlainTextHead,
  parseFile,
  parseTextSourceInParts,
  parseTextSourceWithParts,
  readTextPart,
} from '../../../src/ingest/index';
import type { LongPart } from '../../../src/ingest/long-parts';
import { memorySource } from '../../../src/ingest/byte-source';
import type { ParseOverrides } from '../../../src/ingest/overrides';
import { byteReader } from '../../../src/ingest/long-bytes';
import { PIECE_BYTES, chunkSize, pieceSize } from '../../../src/ingest/text-pieces';

type Outcome = { ok: unknown } | { error: { file: string; line?: number; column?: number; reason: string } };

function outcome(name: string, bytes: Uint8Array, o?: ParseOverrides): Outcome {
  try {
    return { ok: parseFile(name, bytes, o) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { error: { file: e.file, line: e.line, column: e.column, reason: e.reason } };
  }
}

function inParts(name: string, bytes: Uint8Array, o: ParseOverrides | undefined, of: number): Outcome {
  try {
    return { ok: parseTextSourceInParts(name, memorySource(bytes), o, of) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { error: { file: e.file, line: e.line, column: e.column, reason: e.reason } };
  }
}

/** parseFile with and without the byte reader; how many files the byte reader finished. */
function bothWays(name: string, bytes: Uint8Array, o?: ParseOverrides): { fast: Outcome; exact: Outcome; byBytes: number } {
  const before = byteReader.files;
  byteReader.enabled = true;
  const fast = outcome(name, bytes, o);
  const byBytes = byteReader.files - before;
  byteReader.enabled = false;
  const exact = outcome(name, bytes, o);
  byteReader.enabled = true;
  // Read in parts, as threads side by side would (long-parts.ts): the same again. (Only text
  // takes that way: Parquet and Arrow are told apart by their first bytes before it.)
  if (isPlainTextHead(bytes.subarray(0, 4096))) {
    for (const of of [2, 3]) expect(inParts(name, bytes, o, of), `in ${of} parts`).toStrictEqual(exact);
  }
  return { fast, exact, byBytes };
}

const CHUNK_BYTES = chunkSize.bytes;

afterEach(() => {
  byteReader.enabled = true;
  pieceSize.bytes = PIECE_BYTES;
  chunkSize.bytes = CHUNK_BYTES;
});

/** Piece sizes that cut the generated files into one piece or many (see text-pieces.ts). */
const pieces = fc.constantFrom(PIECE_BYTES, 64, 300, 1000, 4096);

const pad = (n: number) => String(n).padStart(2, '0');

/** Local calendar days (UTC date arithmetic) starting on day `from` of 2025, `count` of them. */
function days(from: number, count: number): { date: string; hours: number[] }[] {
  const out: { date: string; hours: number[] }[] = [];
  for (let k = 0; k < count; k++) {
    const d = new Date(Date.UTC(2025, 0, 1 + from + k));
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    // Poland's DST days of 2025: 30 March (no 3:00, hour-ending), 26 October (3:00 twice).
    const hours = Array.from({ length: 24 }, (_, h) => h + 1).filter((h) => !(date === '2025-03-30' && h === 3));
    if (date === '2025-10-26') hours.splice(3, 0, 3);
    out.push({ date, hours });
  }
  return out;
}

const value = (mark: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 99999 }).map((n) => (n / 1000).toFixed(3).replace('.', mark)) },
    { weight: 1, arbitrary: fc.integer({ min: -9999, max: 9999 }).map((n) => String(n / 100).replace('.', mark)) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '0', `${mark}5`, `5${mark}`, ' 1 ', '+2', '-0', '\t3') },
  );

/** Cells, lines and bytes the byte reader gives up on (or the CsvReader refuses). */
const ODD_VALUES = [
  'abc',
  '1.234,5',
  '1,234.5',
  '1 234',
  'n/a',
  '-',
  '"0,5"',
  '1e3',
  '0,5\u00a0',
  '\u22120,5',
  '12345678901234567',
  '2e9',
  '0x10',
  ',',
];
const ODD_TIMES = [
  '',
  '2025-1-05 1:00',
  '2025-01-05T01:00:00+01:00',
  '05.01.2025 01:00',
  '2025-01-05 25:00',
  '2025-02-30 1:00',
  ' 2025-01-05 1:00',
  '2025-01-05 1:00 ',
  '2025-01-05 24:30',
  '2025-01-05',
  '2025-01-05T01:00:00.5',
  '45000,5',
];
const ODD_LINES = ['', ';;;', '\u00a0', 'x', '\r', '\u00a0;;;', ' ; ; ', '"a";"b"', '\0'];
const ODD_KINDS = ['energia bierna', 'POBÓR', ' pobór ', 'oddana po zbilansowaniu', 'Pobór', 'x'];

interface Odd {
  row: number;
  what: 'value' | 'time' | 'line' | 'kind' | 'cp1250' | 'short' | 'text' | 'text-cp1250';
  pick: number;
}
const odd = fc.record({
  row: fc.nat({ max: 200 }),
  what: fc.constantFrom<Odd['what']>('value', 'time', 'line', 'kind', 'cp1250', 'short', 'text', 'text-cp1250'),
  pick: fc.nat({ max: 100 }),
});

/** Joins lines into bytes; lines listed in `latin1` are written a byte a character (not UTF-8). */
function encode(lines: string[], eol: string, finalEol: boolean, latin1: Set<number>): Uint8Array {
  const enc = new TextEncoder();
  const parts = lines.map((l, k) => {
    const text = l + (k < lines.length - 1 || finalEol ? eol : '');
    return latin1.has(k) ? Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff) : enc.encode(text);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `textCol`: a text column (Tauron's zone, a long file's meter id) that gets a letter beyond ASCII. */
function applyOdd(
  cells: string[][],
  o: Odd,
  timeCol: number,
  valueCols: number[],
  kindCol: number | undefined,
  textCol: number,
  latin1: Set<number>,
): void {
  const r = (o.row % cells.length) + 1; // row 0 is the header
  if (r >= cells.length) return;
  const row = cells[r]!;
  switch (o.what) {
    case 'value':
      row[valueCols[o.pick % valueCols.length]!] = ODD_VALUES[o.pick % ODD_VALUES.length]!;
      break;
    case 'time':
      row[timeCol] = ODD_TIMES[o.pick % ODD_TIMES.length]!;
      break;
    case 'line':
      cells[r] = [ODD_LINES[o.pick % ODD_LINES.length]!];
      break;
    case 'kind':
      if (kindCol !== undefined) row[kindCol] = ODD_KINDS[o.pick % ODD_KINDS.length]!;
      break;
    case 'cp1250':
      if (kindCol !== undefined) row[kindCol] = 'pob\u00f3r';
      latin1.add(r);
      break;
    case 'short':
      cells[r] = row.slice(0, o.pick % row.length);
      break;
    case 'text':
    case 'text-cp1250':
      row[textCol] = `${row[textCol]}ó`;
      if (o.what === 'text-cp1250') latin1.add(r);
      break;
  }
}

const overrides = fc.constantFrom<ParseOverrides | undefined>(
  undefined,
  undefined,
  { unit: 'Wh' },
  { decimalMark: '.' },
  { decimalMark: ',' },
);

describe('byte reader = CsvReader', () => {
  it('on generated Tauron exports', () => {
    let byBytes = 0;
    fc.assert(
      fc.property(
        fc.record({
          start: fc.constantFrom(0, 87, 88, 297, 298, 180),
          count: fc.integer({ min: 1, max: 3 }),
          mark: fc.constantFrom(',', '.'),
          crlf: fc.boolean(),
          finalEol: fc.boolean(),
          trailing: fc.boolean(),
          netted: fc.boolean(),
          blankEvery: fc.constantFrom(0, 0, 7, 40),
          odds: fc.array(odd, { maxLength: 2 }),
          o: overrides,
          seed: fc.array(fc.nat(), { minLength: 1, maxLength: 1 }),
          piece: pieces,
        }),
        (p) => {
          pieceSize.bytes = p.piece;
          // The byte reader's chunks cut where the pieces do not.
          chunkSize.bytes = Math.max(1, Math.round(p.piece * 0.7));
          const cells: string[][] = [['Data', 'Strefa', 'Wartość kWh', 'Rodzaj']];
          if (p.trailing) cells[0]!.push('');
          const vals = fc.sample(value(p.mark), { seed: p.seed[0]!, numRuns: 24 * 3 * 3 * 4 });
          let v = 0;
          const kinds = p.netted ? ['pobór', 'oddanie', 'pobrana po zbilansowaniu'] : ['pobór', 'oddanie'];
          for (const { date, hours } of days(p.start, p.count)) {
            for (const h of hours) {
              for (const kind of kinds) {
                const row = [`${date} ${h}:00`, h < 7 || h > 21 ? 'T2' : 'T1', vals[v++ % vals.length]!, kind];
                if (p.trailing) row.push('');
                cells.push(row);
                if (p.blankEvery > 0 && cells.length % p.blankEvery === 0) cells.push(['']);
              }
            }
          }
          const latin1 = new Set<number>();
          for (const o of p.odds) applyOdd(cells, o, 0, [2], 3, 1, latin1);
          const bytes = encode(
            cells.map((c) => c.join(';')),
            p.crlf ? '\r\n' : '\n',
            p.finalEol,
            latin1,
          );
          const r = bothWays('tauron-PL0037910000001001.csv', bytes, p.o);
          expect(r.fast).toStrictEqual(r.exact);
          byBytes += r.byBytes;
        },
      ),
      { numRuns: 150 },
    );
    // Most generated files are plain: the byte reader must have read them, not given up on all.
    expect(byBytes).toBeGreaterThan(40);
  });

  it('on generated long files (a meter column, ISO UTC or local times)', () => {
    let byBytes = 0;
    fc.assert(
      fc.property(
        fc.record({
          meters: fc.integer({ min: 1, max: 3 }),
          start: fc.constantFrom(0, 88, 297),
          count: fc.integer({ min: 1, max: 2 }),
          iso: fc.boolean(),
          comma: fc.boolean(),
          crlf: fc.boolean(),
          finalEol: fc.boolean(),
          seconds: fc.boolean(),
          odds: fc.array(odd, { maxLength: 2 }),
          o: overrides,
          seed: fc.nat(),
          piece: pieces,
        }),
        (p) => {
          pieceSize.bytes = p.piece;
          // The byte reader's chunks cut where the pieces do not.
          chunkSize.bytes = Math.max(1, Math.round(p.piece * 0.7));
          const sep = p.comma ? ';' : ',';
          const mark = p.comma ? ',' : '.';
          const cells: string[][] = [['ppe', p.iso ? 'timestamp_utc' : 'czas', 'import_kwh', 'export_kwh']];
          const vals = fc.sample(value(mark), { seed: p.seed, numRuns: 500 });
          let v = 0;
          for (let m = 0; m < p.meters; m++) {
            for (const { date, hours } of days(p.start, p.count)) {
              for (const h of p.iso ? Array.from({ length: 24 }, (_, k) => k) : hours.map((x) => x - 1)) {
                for (const q of [0, 15, 30, 45]) {
                  const time = p.iso
                    ? `${date}T${pad(h)}:${pad(q)}${p.seconds ? ':00' : ''}Z`
                    : `${date} ${p.seconds ? pad(h) : h}:${pad(q)}${p.seconds ? ':00' : ''}`;
                  cells.push([`PL00379100000010${pad(m)}`, time, vals[v++ % vals.length]!, vals[v++ % vals.length]!]);
                }
              }
            }
          }
          const latin1 = new Set<number>();
          for (const o of p.odds) applyOdd(cells, o, 1, [2, 3], undefined, 0, latin1);
          const bytes = encode(
            cells.map((c) => c.join(sep)),
            p.crlf ? '\r\n' : '\n',
            p.finalEol,
            latin1,
          );
          const r = bothWays('long.csv', bytes, p.o);
          expect(r.fast).toStrictEqual(r.exact);
          byBytes += r.byBytes;
        },
      ),
      { numRuns: 120 },
    );
    expect(byBytes).toBeGreaterThan(30);
  });

  const corpus = (dir: string) =>
    readdirSync(new URL(`../../fixtures/${dir}/`, import.meta.url))
      .filter((f) => !f.endsWith('.md') && !f.endsWith('.json') && !f.endsWith('.sql'))
      .map((f) => {
        const raw = new Uint8Array(readFileSync(new URL(`../../fixtures/${dir}/${f}`, import.meta.url)));
        // Text stored compressed is read as its text (archives are unpackFile's business).
        return f.endsWith('.csv.gz') ? ([f.slice(0, -3), new Uint8Array(gunzipSync(raw))] as const) : ([f, raw] as const);
      });

  it.each(corpus('formats'))('on the fixture %s', (name, bytes) => {
    const r = bothWays(name, bytes);
    expect(r.fast).toStrictEqual(r.exact);
  });

  it.each(corpus('bad'))('on the bad file %s', (name, bytes) => {
    const r = bothWays(name, bytes);
    expect(r.fast).toStrictEqual(r.exact);
  });

  it('reads a plain long file in parts, each by bytes, every row in one part', () => {
    const name = 'long-utc-15min.csv';
    const bytes = new Uint8Array(gunzipSync(readFileSync(new URL(`../../fixtures/formats/${name}.gz`, import.meta.url))));
    const whole = parseFile(name, bytes);
    const parts = [0, 1, 2].map((k) => readTextPart(name, memorySource(bytes), undefined, k, 3));
    for (const p of parts) expect(p?.count).toBeGreaterThan(1000);
    expect(parts.reduce((a, p) => a + p!.rows, 0)).toBe(whole.detection.dataRows);
    const before = byteReader.files;
    expect(parseTextSourceWithParts(name, memorySource(bytes), undefined, parts as LongPart[])).toStrictEqual(whole);
    expect(byteReader.files - before).toBe(1);
    // Another layout is not read in parts.
    expect(
      readTextPart(
        'members.csv',
        memorySource(readFileSync(new URL('../../fixtures/formats/members.csv', import.meta.url))),
        undefined,
        0,
        2,
      ),
    ).toBeUndefined();
  });

  it('reads the plain fixtures by bytes', () => {
    for (const name of ['tauron-elicznik-PL0037910000001001.csv', 'long-utc-15min.csv']) {
      const bytes =
        name.endsWith('.csv') && name.startsWith('long')
          ? new Uint8Array(gunzipSync(readFileSync(new URL(`../../fixtures/formats/${name}.gz`, import.meta.url))))
          : new Uint8Array(readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url)));
      expect(bothWays(name, bytes).byBytes, name).toBe(1);
    }
  });
});
