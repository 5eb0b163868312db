/**
 * A file too large to read is refused before its bytes are read, with a ParseError naming the
 * file, its size and the limit — in the page (the parse worker and the engine worker's handle on
 * it) and in the CLI — and what is already loaded stays.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../../src/cli/analyze';
import { Parser } from '../../../src/engine/parser';
import { UserFiles } from '../../../src/engine/workspace';
import { MAX_FILE_BYTES, ParseError, parseBlob } from '../../../src/ingest/index';
import { fixtureBytes } from './fixtures';

/** A Blob-like object claiming `size` bytes; reading it fails the test (nothing is allocated). */
function hugeBlob(size: number): Blob & { reads: number } {
  const fake = {
    size,
    type: '',
    reads: 0,
    arrayBuffer(): Promise<ArrayBuffer> {
      fake.reads++;
      return Promise.reject(new Error('the bytes of a file too large were read'));
    },
  };
  return fake as unknown as Blob & { reads: number };
}

async function refusal(run: () => Promise<unknown>): Promise<ParseError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('the file was not refused');
}

describe('a file too large to read', () => {
  it('is refused by the limit a JavaScript string can hold, a named constant', () => {
    // V8 holds at most 2^29 − 24 characters in one string; a text file becomes one string.
    expect(MAX_FILE_BYTES).toBeGreaterThan(100_000_000);
    expect(MAX_FILE_BYTES).toBeLessThanOrEqual(2 ** 29 - 24);
  });

  it('is refused before its bytes are read, naming the file, its size and the limit', async () => {
    const blob = hugeBlob(3_200_000_000);
    const e = await refusal(() => parseBlob('rok-2025.csv', blob));
    expect(blob.reads).toBe(0);
    expect(e.file).toBe('rok-2025.csv');
    expect(e.line).toBeUndefined();
    expect(e.message).toMatch(/^rok-2025\.csv: /);
    expect(e.reason).toContain('3.2 GB');
    expect(e.reason).toContain(`${MAX_FILE_BYTES / 1_000_000} MB`);
  });

  it('is refused one byte over the limit; at the limit the bytes are read', async () => {
    const over = hugeBlob(MAX_FILE_BYTES + 1);
    await refusal(() => parseBlob('x.csv', over));
    expect(over.reads).toBe(0);
    const at = hugeBlob(MAX_FILE_BYTES);
    // Read (the fake then fails, turned into a ParseError like any unreadable file).
    await refusal(() => parseBlob('x.csv', at));
    expect(at.reads).toBe(1);
  });

  it('a small file goes through parseBlob as through parseFile', async () => {
    const p = await parseBlob('PL0037910000001001.csv', new Blob(['timestamp;import_kwh;export_kwh\n2025-06-01 10:00;1,5;0\n']));
    expect(p.kind).toBe('readings');
  });

  it('the engine worker refuses it without starting a parse worker', async () => {
    // Node has no Worker: a parse that got as far as starting one would throw a ReferenceError.
    const blob = hugeBlob(MAX_FILE_BYTES + 1);
    const e = await refusal(() => new Parser().parse('duzy.csv', blob));
    expect(e.file).toBe('duzy.csv');
    expect(blob.reads).toBe(0);
  });

  it('is listed in the data report like any bad file, and what is loaded stays', async () => {
    const files = new UserFiles((name, blob, overrides) => parseBlob(name, blob, overrides));
    const good = fixtureBytes('tauron-elicznik-PL0037910000001001.csv');
    const first = await files.add([{ name: 'tauron.csv', size: good.length, blob: new Blob([good as BlobPart]) }]);
    const blob = hugeBlob(2_000_000_000);
    const second = await files.add([{ name: 'duzy.csv', size: blob.size, blob }]);
    expect(second?.members.map((m) => m.id)).toEqual(first?.members.map((m) => m.id));
    expect(second?.imports).toEqual(first?.imports);
    const report = files.reports[1]!;
    expect(report.error?.message).toMatch(/^duzy\.csv: .*2 GB.*MB/);
    expect(blob.reads).toBe(0);
  });

  it('the CLI refuses it with a ParseError before reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'klaster-size-'));
    const path = join(dir, 'duzy.csv');
    try {
      // A sparse file: its size is set, no byte of it is written or read.
      const handle = await open(path, 'w');
      await handle.truncate(MAX_FILE_BYTES + 1);
      await handle.close();
      const e = await refusal(() => loadCluster([path]));
      expect(e.file).toBe('duzy.csv');
      expect(e.reason).toContain(`${MAX_FILE_BYTES / 1_000_000} MB`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
