/**
 * The command line reads a large plain-text file a window at a time (read-input.ts), as the
 * page's parse worker does: the same inputs as from its bytes held whole, for every format
 * fixture (archives and workbooks are still read whole).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readPath, streamFrom } from '../../src/cli/read-input';
import { chunkSize } from '../../src/ingest/text-pieces';

const STREAM_FROM = streamFrom.bytes;
const CHUNK = chunkSize.bytes;
afterEach(() => {
  streamFrom.bytes = STREAM_FROM;
  chunkSize.bytes = CHUNK;
});

const dir = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const files = readdirSync(dir).filter((f) => !/\.(md|json|sql)$/.test(f));

async function outcome(path: string): Promise<unknown> {
  try {
    return { ok: await readPath(path) };
  } catch (e) {
    return { error: String(e) };
  }
}

describe('the CLI reads large text files in windows', () => {
  it.each(files)('%s: the same as read whole', async (name) => {
    const whole = await outcome(dir + name);
    streamFrom.bytes = 0;
    chunkSize.bytes = 2000;
    expect(await outcome(dir + name)).toStrictEqual(whole);
  });
});
