/**
 * unpackFile: a zip of the fixtures is the fixtures one by one, a .gz is its content, containers
 * are told by their bytes and not their names; archives that try something (nested archives,
 * project files, bombs, path tricks, password-protected workbooks, broken files) are refused or
 * left out with a message naming the file and the entry; and in the workspace a container that
 * fails leaves what was loaded as it was, while one that opens is read per inner file.
 */
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserFiles, type ReadFile, type UnpackFile } from '../../../src/engine/workspace';
import { ParseError } from '../../../src/ingest/errors';
import { parseFile } from '../../../src/ingest/index';
import { unpackFile } from '../../../src/ingest/unpack';
import { WORKBOOK_LIMITS, readWorkbook } from '../../../src/ingest/workbook';
import { fixtureBytes } from './fixtures';

const FIXTURES = [
  'tauron-elicznik-PL0037910000001001.csv',
  'enea-ebok-PL0037910000001004.csv',
  'members.csv',
  'members-cp1250.csv',
  'osd-daily-wide-cp1250.csv',
];

async function refusal(name: string, bytes: Uint8Array): Promise<ParseError> {
  try {
    await unpackFile(name, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`${name} was unpacked`);
}

function xlsx(rows: unknown[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Arkusz1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('unpackFile', () => {
  it('a plain file is itself', async () => {
    const bytes = fixtureBytes('members.csv');
    expect(await unpackFile('members.csv', bytes)).toEqual([{ name: 'members.csv', bytes, notes: [] }]);
  });

  it('a zip of the fixtures (in folders, with litter) is the fixtures one by one, byte for byte', async () => {
    const entries: Record<string, Uint8Array> = { '__MACOSX/._x': new Uint8Array([1]), 'dane/.DS_Store': new Uint8Array(3) };
    for (const [i, f] of FIXTURES.entries()) entries[`${i % 2 ? 'dane/' : ''}${f}`] = fixtureBytes(f);
    const got = await unpackFile('pack.zip', zipSync(entries));
    expect(got.map((f) => f.name)).toEqual(FIXTURES);
    for (const [i, f] of got.entries()) {
      expect(f.from).toBe('pack.zip');
      expect(f.notes).toEqual([]);
      expect(parseFile(f.name, f.bytes)).toEqual(parseFile(FIXTURES[i]!, fixtureBytes(FIXTURES[i]!)));
    }
  });

  it('a .gz is its content, named without .gz; decided by bytes, not by name', async () => {
    const bytes = fixtureBytes('tauron-elicznik-PL0037910000001001.csv');
    const [f] = await unpackFile('tauron-elicznik-PL0037910000001001.csv.gz', gzipSync(bytes));
    expect(f!.name).toBe('tauron-elicznik-PL0037910000001001.csv');
    expect(f!.bytes).toEqual(bytes);
    // A gzip named .csv, a zip named .csv: opened all the same.
    expect((await unpackFile('x.csv', gzipSync(bytes)))[0]!.bytes).toEqual(bytes);
    expect((await unpackFile('x.csv', zipSync({ 'a.csv': bytes })))[0]!.name).toBe('a.csv');
    // A text named .zip is a text.
    expect((await unpackFile('x.zip', bytes))[0]!.bytes).toBe(bytes);
  });

  it('a workbook or a .gz inside a zip is opened too; a zip inside a zip is left out by name', async () => {
    const csv = fixtureBytes('members.csv');
    const got = await unpackFile(
      'pack.zip',
      zipSync({
        'a/members.csv.gz': gzipSync(csv),
        'b/PL0037910000001001.xlsx': xlsx([
          ['Data', 'Strefa', 'Wartość kWh', 'Rodzaj'],
          ['2025-01-01 1:00', 'T2', 1.5, 'pobór'],
        ]),
        'c/inner.zip': zipSync({ 'x.csv': csv }),
      }),
    );
    expect(got.map((f) => f.name)).toEqual(['members.csv', 'PL0037910000001001.xlsx']);
    expect(got[0]!.bytes).toEqual(csv);
    expect(got.every((f) => f.from === 'pack.zip')).toBe(true);
    expect(got[0]!.notes).toEqual([
      'pack.zip: "c/inner.zip" is an archive inside the archive; left out (unpack it and load its files)',
    ]);
  });

  it('a broken archive inside an archive is left out by name, the rest is read', async () => {
    const inner = zipSync({ 'x.csv': new Uint8Array([65]) });
    const got = await unpackFile(
      'pack.zip',
      zipSync({ 'zle.zip': inner.subarray(0, 20), 'members.csv': fixtureBytes('members.csv') }),
    );
    expect(got.map((f) => f.name)).toEqual(['members.csv']);
    expect(got[0]!.notes).toEqual([
      'pack.zip: "zle.zip" cannot be read (the zip archive is broken or incomplete (no end of central directory: was the download cut short?)); left out',
    ]);
  });

  it('a tar archive is named as one', async () => {
    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode('members.csv'), 0);
    tar.set(new TextEncoder().encode('ustar'), 257);
    expect((await refusal('dane.tar', tar)).message).toBe(
      'dane.tar: this is a tar archive, which is not read here; pack the files as .zip',
    );
  });

  it('a zip holding only a zip says so', async () => {
    const e = await refusal('pack.zip', zipSync({ 'inner.zip': zipSync({ 'x.csv': new Uint8Array([65]) }) }));
    expect(e.message).toBe(
      'pack.zip: the archive holds no file that can be read: "inner.zip" is an archive inside the archive; left out (unpack it and load its files)',
    );
  });

  it('path tricks: entries named by their last name only; "../" and absolute paths left out and listed', async () => {
    const got = await unpackFile(
      'tricks.zip',
      zipSync({
        '../../etc/passwd.csv': new Uint8Array([65]),
        '/abs.csv': new Uint8Array([66]),
        'ok/members.csv': fixtureBytes('members.csv'),
      }),
    );
    expect(got.map((f) => f.name)).toEqual(['members.csv']);
    expect(got[0]!.notes).toEqual([
      'tricks.zip: "../../etc/passwd.csv" points outside the archive (an absolute path or ".."); left out',
      'tricks.zip: "/abs.csv" points outside the archive (an absolute path or ".."); left out',
    ]);
  });

  it('two entries of one name stay apart', async () => {
    const got = await unpackFile('p.zip', zipSync({ 'a/x.csv': new Uint8Array([65]), 'b/x.csv': new Uint8Array([66]) }));
    expect(got.map((f) => f.name)).toEqual(['x.csv', 'x (2).csv']);
  });

  it('a Klaster project file is not expanded', async () => {
    const e = await refusal(
      'analiza.klaster.zip',
      zipSync({ 'klaster-project.json': new Uint8Array([123, 125]), 'files/a.csv': new Uint8Array(1) }),
    );
    expect(e.message).toBe('analiza.klaster.zip: is a Klaster project file: open it with “Open project”');
  });

  it('empty archive, broken archive, broken gzip, empty workbook', async () => {
    expect((await refusal('e.zip', zipSync({}))).message).toBe('e.zip: the archive holds no file that can be read');
    const zip = zipSync({ 'a.csv': fixtureBytes('members.csv') });
    expect((await refusal('cut.zip', zip.subarray(0, zip.length - 30))).message).toMatch(
      /^cut\.zip: the zip archive is broken or incomplete/,
    );
    const gz = gzipSync(fixtureBytes('members.csv'));
    expect((await refusal('cut.csv.gz', gz.subarray(0, gz.length - 12))).message).toMatch(
      /^cut\.csv\.gz: the gzip file is broken or incomplete/,
    );
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Pusty');
    const empty = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    expect((await refusal('pusty.xlsx', empty)).message).toBe('pusty.xlsx: the workbook holds no data on any sheet');
  });

  it('an .xlsx that is a zip bomb is stopped before SheetJS sees it', async () => {
    const bomb = zipSync({
      '[Content_Types].xml': new Uint8Array(10),
      'xl/workbook.xml': new Uint8Array(10),
      'xl/worksheets/sheet1.xml': new Uint8Array(4_000_000),
    });
    const e = await readWorkbook('bomb.xlsx', bomb, { ...WORKBOOK_LIMITS, entryBytes: 1_000_000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).message).toMatch(/^bomb\.xlsx: "xl\/worksheets\/sheet1\.xml" unpacks to more than 1 MB/);
  });

  it('too many cells: counted in the sheet XML (.xlsx) before SheetJS, and in what SheetJS read (.xls)', async () => {
    const rows = Array.from({ length: 30 }, () => Array.from({ length: 10 }, () => 1));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'A');
    const xls = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
    const old = await readWorkbook('big.xls', xls, { ...WORKBOOK_LIMITS, cells: 200 }).catch((x: unknown) => x);
    expect((old as ParseError).message).toMatch(/^big\.xls: the workbook holds more than 200 cells/);
    // 300 cells pass a limit of 300, and not of 299.
    await expect(readWorkbook('big.xlsx', xlsx(rows), { ...WORKBOOK_LIMITS, cells: 300 })).resolves.toBeDefined();
    const e = await readWorkbook('big.xlsx', xlsx(rows), { ...WORKBOOK_LIMITS, cells: 299 }).catch((x: unknown) => x);
    expect((e as ParseError).message).toBe(
      'big.xlsx: the workbook holds more than 299 cells, more than can be read here; save each sheet as CSV and load the files',
    );
  });
});

describe('the workspace with containers', () => {
  const readHere: ReadFile = async (name, blob, overrides) =>
    parseFile(name, new Uint8Array(await blob.arrayBuffer()), overrides);
  const unpackHere: UnpackFile = async (name, blob) => unpackFile(name, new Uint8Array(await blob.arrayBuffer()));
  const source = (name: string, bytes: Uint8Array) => ({
    name,
    size: bytes.length,
    blob: new Blob([bytes as BlobPart]),
    lastModified: 1,
  });

  it('a zip is listed per inner file; a broken container fails alone and the cluster stays', async () => {
    const files = new UserFiles(readHere, unpackHere);
    const tauron = 'tauron-elicznik-PL0037910000001001.csv';
    const first = await files.add([
      source(
        'pack.zip',
        zipSync({
          [`x/${tauron}`]: fixtureBytes(tauron),
          'members.csv': fixtureBytes('members.csv'),
          '../evil.csv': new Uint8Array(1),
        }),
      ),
    ]);
    expect(files.reports.map((r) => [r.name, r.from, r.error])).toEqual([
      [tauron, 'pack.zip', undefined],
      ['members.csv', 'pack.zip', undefined],
    ]);
    expect(files.reports[0]!.parsed!.warnings.filter((w) => w.code === 'container').map((w) => w.message)).toEqual([
      'pack.zip: "../evil.csv" points outside the archive (an absolute path or ".."); left out',
    ]);
    const snapshot = structuredClone(first);

    const broken = zipSync({ 'a.csv': fixtureBytes('members.csv') }).subarray(0, 50);
    const second = await files.add([source('broken.zip', broken)]);
    expect(second).toEqual(snapshot);
    expect(files.reports.map((r) => r.name)).toEqual([tauron, 'members.csv', 'broken.zip']);
    expect(files.reports[2]!.error?.message).toMatch(/^broken\.zip: the zip archive is broken or incomplete/);
    expect(files.reports[2]!.container).toBe(true);
    // Kept in the browser as a failed file, not read again, and still an archive when restored.
    const kept = files.stored();
    expect(kept.workspace.files[2]!.error?.message).toMatch(/^broken\.zip/);
    const again = new UserFiles(readHere, unpackHere);
    const blobs = new Map(kept.workspace.files.map((f) => [f.id, kept.blob(f.id)!]));
    expect(await again.restore(kept.workspace, blobs)).toEqual(snapshot);
    expect(again.reports.map((r) => [r.name, r.error === undefined, r.container])).toEqual([
      [tauron, true, undefined],
      ['members.csv', true, undefined],
      ['broken.zip', false, true],
    ]);

    // A sheet's problem is said by row and column letter.
    await files.add([
      source(
        'zle.xlsx',
        xlsx([
          ['ppe', 'timestamp_utc', 'import_kwh', 'export_kwh'],
          ['PL0037910000001001', '2025-01-01T00:00:00Z', 1, 0],
          ['PL0037910000001001', '2025-01-01T00:15:00Z', 'abc', 0],
        ]),
      ),
    ]);
    expect(files.reports[3]!.error).toMatchObject({
      message: 'zle.xlsx, row 3, column C: "abc" is not a number',
      line: 3,
      column: 3,
      columnName: 'C',
    });

    // An inner file is removed alone.
    const after = files.remove(1);
    expect(after?.members.map((m) => m.id)).toEqual(['PL0037910000001001']);
  });
});
