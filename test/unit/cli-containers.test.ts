/**
 * `klaster analyze` on what users are sent: a .zip of the exports, a .gz, a workbook. Each gives
 * the very --json of the same files given one by one as CSV; a bomb is refused by name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFile, runCli } from '../cli-run';

const FILES = ['tauron-elicznik-PL0037910000001001.csv', 'enea-ebok-PL0037910000001004.csv'];

describe('klaster analyze on containers', () => {
  let dir: string;
  let plain: string[];
  let members: string;
  let want: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'klaster-containers-'));
    plain = FILES.map(fixtureFile);
    members = fixtureFile('members.csv');
    const r = await runCli(['analyze', ...plain, '--members', members, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    want = r.stdout;
  }, 120_000);

  it('a .zip of the exports (in folders) = the exports one by one', async () => {
    const zip = join(dir, 'pack.zip');
    writeFileSync(
      zip,
      zipSync({
        'eksport/tauron/': new Uint8Array(0),
        [`eksport/tauron/${FILES[0]}`]: readFileSync(plain[0]!),
        [`eksport/${FILES[1]}`]: readFileSync(plain[1]!),
      }),
    );
    const r = await runCli(['analyze', zip, '--members', members, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(want);
  }, 120_000);

  it('an .xlsx per export and a .gz register = the CSVs', async () => {
    const wb = XLSX.utils.book_new();
    for (const [i, f] of FILES.entries()) {
      const text = readFileSync(plain[i]!, 'utf8').replace(/^\uFEFF/, '');
      const rows = text
        .split(/\r?\n/)
        .filter((l) => l !== '')
        .map((l) => l.split(';').map((c) => c.replace(/^"=""(.*)"""$/, '$1').replace(/^"(.*)"$/, '$1')));
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), f.slice(0, 20));
    }
    const gz = join(dir, 'members.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(members)));
    // One workbook per meter, named by its PPE as DSOs do: a single-meter layout takes its meter
    // from the input's name.
    const books = FILES.map((f, i) => {
      const one = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(one, wb.Sheets[wb.SheetNames[i]!]!, 'Arkusz1');
      const path = join(dir, f.replace(/\.csv$/, '.xlsx'));
      writeFileSync(path, new Uint8Array(XLSX.write(one, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
      return path;
    });
    const r = await runCli(['analyze', ...books, '--members', gz, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    const ref = JSON.parse(want);
    expect(got).toEqual(ref);
  }, 120_000);

  it('a bad cell of a workbook is said by sheet row and column letter', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Zużycie 2025'],
        ['ppe', 'timestamp_utc', 'import_kwh', 'export_kwh'],
        ['PL1', '2025-01-01T00:00:00Z', 1, 0],
        ['PL1', '2025-01-01T00:15:00Z', 1, 'abc'],
      ]),
      'Arkusz1',
    );
    const path = join(dir, 'zle.xlsx');
    writeFileSync(path, new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    const r = await runCli(['analyze', path, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('zle.xlsx, row 4, column D: "abc" is not a number');
  }, 120_000);

  it('a zip bomb is refused by name, with exit code 2 or 1 and nothing on stdout', async () => {
    const bomb = join(dir, 'bomb.zip');
    // 600 MB of zeros in one entry: past the 500 MB one file may unpack to.
    writeFileSync(bomb, zipSync({ 'dane.csv': new Uint8Array(600_000_000) }, { level: 9 }));
    const r = await runCli(['analyze', bomb, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bomb\.zip: "dane\.csv" unpacks to more than 500 MB/);
  }, 120_000);
});
