/** Runs the real command-line runner (bin/klaster.mjs) as a user would, for tests. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/klaster.mjs', ...args], { maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fixture of test/fixtures/formats as a plain file on disk (gunzipped when stored as .gz). */
export function fixtureFile(name: string): string {
  const dir = new URL('fixtures/formats/', import.meta.url);
  let bytes: Buffer;
  try {
    bytes = readFileSync(new URL(name, dir));
  } catch {
    bytes = gunzipSync(readFileSync(new URL(`${name}.gz`, dir)));
  }
  const path = join(mkdtempSync(join(tmpdir(), 'klaster-fixture-')), name);
  writeFileSync(path, bytes);
  return path;
}
