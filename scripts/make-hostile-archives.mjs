#!/usr/bin/env node
/**
 * Writes the hostile archives and workbooks of the bad-input corpus (test/fixtures/bad/; its
 * README says what each tests and the message expected). Deterministic: run it again and the files
 * are the same. Large ones (bombs, thousands of entries) are stored gzipped (`.zip.gz`,
 * `.xlsx.gz`): the test gunzips them and gives the name without `.gz`.
 *
 *   node scripts/make-hostile-archives.mjs
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const DIR = new URL('../test/fixtures/bad/', import.meta.url);
// Fixed entry times keep the files identical from run to run.
const MTIME = new Date(Date.UTC(2025, 0, 31, 12, 0, 0));
const zip = (entries, level = 6) => zipSync(entries, { level, mtime: MTIME });
const write = (name, bytes) => writeFileSync(new URL(name, DIR), bytes);
const writeGz = (name, bytes) => write(`${name}.gz`, gzipSync(bytes, { level: 9 }));

const LONG = strToU8(
  'ppe,timestamp_utc,import_kwh,export_kwh\n' +
    'PL0037910000001001,2024-12-31T23:00:00Z,2.000,0.000\n' +
    'PL0037910000001001,2024-12-31T23:15:00Z,2.100,0.000\n' +
    'PL0037910000001001,2024-12-31T23:30:00Z,2.200,0.000\n' +
    'PL0037910000001001,2024-12-31T23:45:00Z,2.300,0.000\n',
);

function workbook(sheets) {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }));
}

/** The sizes a zip's local and central headers declare for every entry, set to `size`. */
function lieAboutSizes(bytes, size) {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) {
    const sig = view.getUint32(p, true);
    if (sig === 0x04034b50) view.setUint32(p + 22, size, true);
    else if (sig === 0x02014b50) view.setUint32(p + 24, size, true);
  }
  return out;
}

/** Sets the "encrypted" flag of every entry (local and central headers). */
function markEncrypted(bytes) {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) {
    const sig = view.getUint32(p, true);
    if (sig === 0x04034b50) view.setUint16(p + 6, view.getUint16(p + 6, true) | 1, true);
    else if (sig === 0x02014b50) view.setUint16(p + 8, view.getUint16(p + 8, true) | 1, true);
  }
  return out;
}

// A zip bomb: 600 MB of zeros in one entry that declares 1 kB (past the 500 MB a file may be).
writeGz('bomb-600mb-entry.zip', lieAboutSizes(zip({ 'zuzycie.csv': new Uint8Array(600_000_000) }, 9), 1000));

// An .xlsx that is a zip bomb: a 300 MB sheet (past the 250 MB a workbook part may be).
{
  const parts = unzipSync(workbook({ Arkusz1: [['a']] }));
  parts['xl/worksheets/sheet1.xml'] = new Uint8Array(300_000_000);
  writeGz('bomb-sheet.xlsx', zip(parts, 9));
}

// More entries than an archive may list (10,000).
{
  const entries = {};
  for (let i = 0; i <= 10_000; i++) entries[`p/${i}.csv`] = new Uint8Array(0);
  writeGz('entries-10001.zip', zip(entries, 0));
}

// Path tricks beside one good file: only last names are ever used, and these are left out.
write(
  'path-tricks.zip',
  zip({
    '../../etc/evil.csv': LONG,
    '/abs/evil.csv': LONG,
    'C:\\Windows\\evil.csv': LONG,
    'dane\\..\\..\\evil.csv': LONG,
    'eksport/2025/PL0037910000001001.csv': LONG,
  }),
);

// An archive inside the archive, and nothing else.
write('nested.zip', zip({ 'wewnetrzne.zip': zip({ 'dane.csv': LONG }) }));

// Encrypted (password-protected) entries only.
write('encrypted.zip', markEncrypted(zip({ 'dane.csv': LONG })));

// An empty archive.
write('empty.zip', zip({}));

// A Klaster project file dropped as data.
write('analiza.klaster.zip', zip({ 'klaster-project.json': strToU8('{"version":1}'), 'files/dane.csv': LONG }));

// A real workbook cut in half (the download stopped).
{
  const book = workbook({ Arkusz1: [['ppe', 'timestamp_utc', 'import_kwh', 'export_kwh']] });
  write('truncated.xlsx', book.subarray(0, Math.floor(book.length / 2)));
}

// A gzip file cut short.
{
  const gz = gzipSync(LONG);
  write('truncated-gzip.gz', gz.subarray(0, gz.length - 6));
}

// Declared dimensions of a whole sheet (A1:XFD1048576) over five rows of data.
{
  const parts = unzipSync(
    workbook({
      Arkusz1: strFromU8(LONG)
        .trim()
        .split('\n')
        .map((l, i) => l.split(',').map((c, j) => (i > 0 && j >= 2 ? Number(c) : c))),
    }),
  );
  parts['xl/worksheets/sheet1.xml'] = strToU8(
    strFromU8(parts['xl/worksheets/sheet1.xml']).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'),
  );
  write('huge-dimension.xlsx', zip(parts));
}

// Formulas (never evaluated): a HYPERLINK and a DDE call with cached values, a reference into an
// external workbook with its cached value, and one formula saved without a value.
{
  const rows = [
    ['ppe', 'timestamp_utc', 'import_kwh', 'export_kwh'],
    ['PL0037910000001001', '2024-12-31T23:00:00Z', { t: 'n', v: 2, f: 'HYPERLINK("http://example.invalid/x","2")' }, 0],
    ['PL0037910000001001', '2024-12-31T23:15:00Z', { t: 'n', v: 2.1, f: "cmd|' /C calc'!A0" }, 0],
    ['PL0037910000001001', '2024-12-31T23:30:00Z', { t: 'n', v: 2.2, f: '[1]Arkusz1!C4' }, 0],
    ['PL0037910000001001', '2024-12-31T23:45:00Z', { t: 'n', f: 'C4+0.1' }, 0],
  ];
  write('formulas.xlsx', workbook({ Arkusz1: rows }));
}

// A password-protected workbook: an OLE container with the EncryptionInfo stream Excel writes.
{
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(64));
  write('password.xlsx', new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' })));
}

// A workbook whose only sheet is empty.
write('empty-sheet.xlsx', workbook({ Arkusz1: [] }));

console.log('hostile archives written to', DIR.pathname);
