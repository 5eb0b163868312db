/**
 * The pool of parse workers (Parser) and the file state above it (UserFiles): files are handed
 * out largest first, never more than one per worker, cancel rejects every waiting file, and the
 * cluster is the same whatever order the files finish in. The workers here run the real parser
 * in-process (Node has no Web Worker); only the moment each answer arrives is chosen by the test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParseError, parseBlob } from '../../src/ingest/index';
import { Cancelled, Parser, READ_AHEAD_BYTES, parseWorkerCount, type ParseWorker } from '../../src/engine/parser';
import type { ParseRequest, ParseResponse } from '../../src/engine/parse-worker';
import { UserFiles, type ReadFile } from '../../src/engine/workspace';
import { tauronFile, tauronFileName } from '../../bench/tauron-files.mjs';

/** A parse worker whose answers wait until the test releases them. */
class HeldWorker implements ParseWorker {
  onmessage: ((this: Worker, ev: MessageEvent) => unknown) | null = null;
  onerror: ((this: AbstractWorker, ev: ErrorEvent) => unknown) | null = null;
  received: ParseRequest[] = [];
  terminated = false;
  constructor(private readonly held: (() => void)[]) {}
  postMessage(message: ParseRequest): void {
    this.received.push(message);
    const hold = (answer: ParseResponse) => {
      if (!this.terminated) this.held.push(() => this.answer(answer));
    };
    const { bytes } = message;
    const source = bytes ? { size: bytes.byteLength, arrayBuffer: () => Promise.resolve(bytes) } : message.file;
    void parseBlob(message.name, source, message.overrides).then(
      (parsed) => hold({ id: message.id, ok: true, parsed }),
      (e: ParseError) =>
        hold({ id: message.id, ok: false, error: { file: e.file, line: e.line, column: e.column, reason: e.reason } }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
  private answer(msg: ParseResponse): void {
    if (!this.terminated) this.onmessage?.call(this as unknown as Worker, { data: msg } as MessageEvent);
  }
}

/** A pool of `size` held workers: each answer waits in `held` until the test releases it. */
function heldPool(size: number): { parser: Parser; held: (() => void)[]; workers: HeldWorker[] } {
  const held: (() => void)[] = [];
  const workers: HeldWorker[] = [];
  const parser = new Parser(size, () => {
    const w = new HeldWorker(held);
    workers.push(w);
    return w;
  });
  return { parser, held, workers };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const blob = (text: string) => new Blob([text]);

describe('parse worker pool', () => {
  it('runs one less than the cores, at least one', () => {
    expect(parseWorkerCount(8)).toBe(7);
    expect(parseWorkerCount(2)).toBe(1);
    expect(parseWorkerCount(1)).toBe(1);
    expect(parseWorkerCount(0)).toBe(1);
  });

  it('hands files out largest first, small ones read ahead by busy workers', async () => {
    const { parser, held, workers } = heldPool(2);
    const sizes = [10, 300, 20, 200, 30, 40, 50, 60];
    const results = sizes.map((n, i) => parser.parse(`f${i}.csv`, blob('x'.repeat(n))).catch((e: Error) => e));
    const received = () => workers.reduce((a, w) => a + w.received.length, 0);
    while (received() < 6) await settle();
    expect(workers).toHaveLength(2);
    // Each worker gets one, then the next in size order goes to the least busy, JOBS_PER_WORKER at
    // most (their bytes read here first, so they may arrive in another order).
    expect(workers.map((w) => w.received.map((r) => r.name).sort())).toEqual([
      ['f1.csv', 'f5.csv', 'f7.csv'],
      ['f3.csv', 'f4.csv', 'f6.csv'],
    ]);
    expect(workers.flatMap((w) => w.received.map((r) => r.bytes?.byteLength))).toEqual(
      workers.flatMap((w) => w.received.map((r) => sizes[Number(r.name.slice(1, 2))])),
    );
    expect(parser.pending).toBe(8);
    while (held.length < 6) await settle();
    held.splice(0).forEach((f) => f());
    await settle();
    expect(workers.flatMap((w) => w.received.map((r) => r.name)).sort()).toEqual(sizes.map((_, i) => `f${i}.csv`).sort());
    while (held.length < 2) await settle();
    held.splice(0).forEach((f) => f());
    // Not CSV meter data: each file fails with its own error, none is lost.
    const settled = await Promise.all(results);
    expect(settled.map((r) => (r instanceof ParseError ? r.file : 'ok'))).toEqual(sizes.map((_, i) => `f${i}.csv`));
    parser.release();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('never sends a large file to a busy worker', async () => {
    const { parser, held, workers } = heldPool(1);
    const big = () => new Blob([new Uint8Array(READ_AHEAD_BYTES + 1).fill(0x20)]);
    const results = [parser.parse('a.csv', big()), parser.parse('b.csv', big())].map((p) => p.catch((e: Error) => e));
    await settle();
    expect(workers[0]!.received.map((r) => [r.name, r.bytes])).toEqual([['a.csv', undefined]]);
    while (held.length < 1) await settle();
    held.shift()!();
    await settle();
    expect(workers[0]!.received.map((r) => r.name)).toEqual(['a.csv', 'b.csv']);
    while (held.length < 1) await settle();
    held.shift()!();
    expect((await Promise.all(results)).every((r) => r instanceof ParseError)).toBe(true);
  });

  it('ends its workers once the last file is in and nothing waits, and starts afresh after', async () => {
    const { parser, held, workers } = heldPool(1);
    const results = [parser.parse('a.csv', blob('a')), parser.parse('b.csv', blob('bb'))].map((p) => p.catch((e: Error) => e));
    while (held.length < 1) await settle();
    held.shift()!();
    await settle();
    // b.csv still waits: the worker stays.
    expect(workers.map((w) => w.terminated)).toEqual([false]);
    while (held.length < 1) await settle();
    held.shift()!();
    expect((await Promise.all(results)).every((r) => r instanceof ParseError)).toBe(true);
    expect(workers.map((w) => w.terminated)).toEqual([true]);
    const again = parser.parse(tauronFileName(1), new Blob([tauronFile(1) as BlobPart]));
    while (held.length < 1) await settle();
    held.shift()!();
    expect((await again).kind).toBe('readings');
    expect(workers.map((w) => w.terminated)).toEqual([true, true]);
  });

  it('rejects every waiting file when cancelled, and starts afresh after', async () => {
    const { parser, held, workers } = heldPool(1);
    const waiting = [parser.parse('a.csv', blob('a')), parser.parse('b.csv', blob('bb'))];
    await settle();
    parser.cancel();
    held.length = 0;
    for (const p of waiting) await expect(p).rejects.toBeInstanceOf(Cancelled);
    expect(workers[0]!.terminated).toBe(true);
    const again = parser.parse(tauronFileName(1), new Blob([tauronFile(1) as BlobPart]));
    await settle();
    expect(workers).toHaveLength(2);
    while (held.length < 1) await settle();
    held.shift()!();
    expect((await again).kind).toBe('readings');
  });

  it('gives the same cluster whatever order the files finish in', async () => {
    const bytes = [0, 1, 2, 3, 0].map((i) => tauronFile(i, { year: 2025 }));
    const files = bytes.map((b, i) => {
      const blob = new Blob([b as BlobPart]);
      // Two files are the same member's export: which one wins must not depend on timing.
      return { name: i === 4 ? 'copy-of-' + tauronFileName(0) : tauronFileName(i), size: blob.size, blob, lastModified: 0 };
    });
    const parsed = await Promise.all(files.map((f) => parseBlob(f.name, f.blob)));
    const inOrder = await new UserFiles((name) => Promise.resolve(parsed[files.findIndex((f) => f.name === name)]!)).add(files);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), async (delays) => {
        const readFile: ReadFile = (name) => {
          const i = files.findIndex((f) => f.name === name);
          return new Promise((r) => setTimeout(() => r(parsed[i]!), delays[i]! % 7));
        };
        const ws = new UserFiles(readFile);
        const data = await ws.add(files);
        expect(data!.members.map((m) => m.id)).toEqual(inOrder!.members.map((m) => m.id));
        expect(data!.imports).toEqual(inOrder!.imports);
        expect(data!.exports).toEqual(inOrder!.exports);
        expect(ws.reports.map((r) => [r.name, r.duplicateOf])).toEqual([
          ...files.slice(0, 4).map((f) => [f.name, undefined]),
          [files[4]!.name, files[0]!.name],
        ]);
      }),
      { numRuns: 15 },
    );
  });
});
