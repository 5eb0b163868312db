/**
 * The CLI's reader threads (src/cli/parse-pool.ts): files parsed side by side come back in the
 * order given, equal to reading them one by one on the main thread, and the error reported is
 * the first bad file's in that order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInThreads, threadCount } from '../../src/cli/parse-pool';
import type { PathRead } from '../../src/cli/read-input';
import { ParseError, parseFile } from '../../src/ingest/index';
import { tauronFile, tauronFileName } from '../../bench/tauron-files.mjs';

const dir = mkdtempSync(join(tmpdir(), 'klaster-cli-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('CLI reader threads', () => {
  it('uses the cores offered, never more threads than files', () => {
    expect(threadCount(300, 8)).toBe(8);
    expect(threadCount(3, 8)).toBe(3);
    expect(threadCount(5, 1)).toBe(1);
  });

  it('gives the files in the order given, as reading them one by one does', async () => {
    const paths = [0, 1, 2, 3, 4].map((i) => write(tauronFileName(i), tauronFile(i)));
    const got: { i: number; read: PathRead }[] = [];
    await parseInThreads(paths, (i, read) => got.push({ i, read }), 2);
    expect(got.map((g) => g.i)).toEqual([0, 1, 2, 3, 4]);
    got.forEach(({ i, read }) => {
      const here = parseFile(tauronFileName(i), tauronFile(i));
      expect(read).toEqual({ inputs: [{ name: tauronFileName(i), parsed: here }], notes: [] });
    });
  }, 60_000);

  it('reports the first bad file in the order given, with its line and column', async () => {
    const good = write(tauronFileName(10), tauronFile(10));
    const bad1 = write('bad1.csv', 'ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,x,0\n');
    const bad2 = write('bad2.csv', 'ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,1,0\nPL1,nope,1,0\n');
    const seen: number[] = [];
    const error = await parseInThreads([good, bad2, bad1], (i) => seen.push(i), 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).file).toBe('bad2.csv');
    expect((error as ParseError).line).toBe(3);
    expect((error as ParseError).column).toBe(2);
    expect(seen).toEqual([0]);
  }, 60_000);
});

describe('CLI reader threads and archives', () => {
  it('read an archive in a thread as the files it holds, as the main thread does', async () => {
    const { zipSync } = await import('fflate');
    const zip = write(
      'pack.zip',
      zipSync({ [tauronFileName(20)]: tauronFile(20), [`sub/${tauronFileName(21)}`]: tauronFile(21) }),
    );
    const got: PathRead[] = [];
    await parseInThreads([zip], (_, read) => got.push(read), 1);
    expect(got[0]!.inputs.map((x) => x.name)).toEqual([tauronFileName(20), tauronFileName(21)]);
    expect(got[0]!.inputs[1]!.parsed).toEqual(parseFile(tauronFileName(21), tauronFile(21)));
  }, 60_000);
});
