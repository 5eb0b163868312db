import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync, zipSync, strToU8 } from 'fflate';
import { crc32, gunzip, isGzip, isZip, listZip, readZip, type ZipLimits } from '../../../src/ingest/zip';
import { ParseError } from '../../../src/ingest/errors';

const small: ZipLimits = { entryBytes: 1_000_000, totalBytes: 1_500_000, entries: 50 };

function reason(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return (e as ParseError).reason;
  }
  throw new Error('did not throw');
}

describe('zip reader', () => {
  it('reads stored and deflated entries, in order, by their last name only', () => {
    const zip = zipSync({
      'a.csv': [strToU8('x;y\n1;2\n'), { level: 0 }],
      'folder/b.csv': strToU8('b'.repeat(5000)),
      'folder/': new Uint8Array(0),
      '__MACOSX/._a.csv': strToU8('junk'),
      '.DS_Store': strToU8('junk'),
    });
    expect(isZip(zip)).toBe(true);
    const { files, skipped } = readZip('pack.zip', zip);
    expect(files.map((f) => [f.path, f.name, f.bytes.length])).toEqual([
      ['a.csv', 'a.csv', 8],
      ['folder/b.csv', 'b.csv', 5000],
    ]);
    expect(new TextDecoder().decode(files[0]!.bytes)).toBe('x;y\n1;2\n');
    expect(skipped).toEqual([]);
  });

  it('round-trips any set of files', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z0-9_]{1,12}\.csv$/), fc.uint8Array({ maxLength: 3000 }), { maxKeys: 6 }),
        fc.boolean(),
        (entries, stored) => {
          const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: stored ? 0 : 6 }]])));
          const { files } = readZip('x.zip', zip);
          expect(Object.fromEntries(files.map((f) => [f.path, Array.from(f.bytes)]))).toEqual(
            Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, Array.from(v)])),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves out paths that leave the archive, and says so', () => {
    const zip = zipSync({
      '../../etc/passwd': strToU8('x'),
      '/abs.csv': strToU8('x'),
      'C:/win.csv': strToU8('x'),
      'ok.csv': strToU8('x'),
    });
    const { files, skipped } = readZip('evil.zip', zip);
    expect(files.map((f) => f.name)).toEqual(['ok.csv']);
    expect(skipped.map((s) => s.code)).toEqual(['unsafe-path', 'unsafe-path', 'unsafe-path']);
    expect(skipped[0]!.reason).toContain('outside the archive');
  });

  it('stops a bomb at its limit whatever the header declares', () => {
    const zeros = new Uint8Array(5_000_000);
    const zip = zipSync({ 'bomb.csv': zeros });
    expect(zip.length).toBeLessThan(20_000);
    expect(reason(() => readZip('bomb.zip', zip, small))).toMatch(/unpacks to more than 1 MB/);
    // Lying about the size in the directory changes nothing: the count is of inflated bytes.
    const lying = zip.slice();
    const dir = findCentral(lying);
    new DataView(lying.buffer).setUint32(dir + 24, 100, true);
    expect(reason(() => readZip('bomb.zip', lying, small))).toMatch(/unpacks to more than 1 MB/);
  });

  it('counts the whole archive against its limit', () => {
    const zip = zipSync({ 'a.csv': new Uint8Array(900_000), 'b.csv': new Uint8Array(900_000) });
    expect(reason(() => readZip('two.zip', zip, small))).toMatch(/more than 0\.6 MB/);
  });

  it('refuses too many entries before reading any', () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}.csv`, strToU8('x')]));
    expect(reason(() => listZip('many.zip', zipSync(many), small))).toMatch(/60 entries, more than the 50/);
  });

  it('says a cut-short or damaged archive is one', () => {
    const zip = zipSync({ 'a.csv': strToU8('hello;world\n'.repeat(100)) });
    expect(reason(() => readZip('cut.zip', zip.subarray(0, zip.length - 30)))).toMatch(/broken or incomplete/);
    const damaged = zip.slice();
    damaged[40] = damaged[40]! ^ 0xff;
    expect(reason(() => readZip('bad.zip', damaged))).toMatch(/damaged|broken/);
  });

  it('leaves out encrypted entries and links', () => {
    const zip = zipSync({ 'secret.csv': strToU8('x'), 'link.csv': [strToU8('target'), { os: 3, attrs: 0o120777 << 16 }] });
    const dir = findCentral(zip);
    const view = new DataView(zip.buffer);
    view.setUint16(dir + 8, view.getUint16(dir + 8, true) | 1, true);
    const { files, skipped } = readZip('x.zip', zip);
    expect(files).toEqual([]);
    expect(skipped.map((s) => s.code)).toEqual(['encrypted', 'symlink']);
  });

  it('says a file that is no zip at all is not one', () => {
    expect(reason(() => listZip('x.zip', strToU8('just text, no archive')))).toMatch(/no end of central directory/);
  });
});

describe('gunzip', () => {
  it('reads one and several members', () => {
    const a = gzipSync(strToU8('first;1\n'));
    const b = gzipSync(strToU8('second;2\n'));
    expect(isGzip(a)).toBe(true);
    expect(new TextDecoder().decode(gunzip('a.gz', a))).toBe('first;1\n');
    const both = new Uint8Array([...a, ...b]);
    expect(new TextDecoder().decode(gunzip('ab.gz', both))).toBe('first;1\nsecond;2\n');
  });

  it('stops a bomb and names a broken stream', () => {
    const bomb = gzipSync(new Uint8Array(5_000_000));
    expect(reason(() => gunzip('bomb.gz', bomb, 1_000_000))).toMatch(/unpacks to more than 1 MB/);
    expect(reason(() => gunzip('cut.gz', bomb.subarray(0, 100)))).toMatch(/broken or incomplete/);
  });
});

it('crc32 is the standard check sum', () => {
  expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
});

function findCentral(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) return i;
  throw new Error('no central directory');
}
