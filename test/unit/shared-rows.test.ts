/**
 * A file's meter series become views of their cluster rows where they equal them
 * (src/engine/shared-rows.ts), to hold each reading once. Whatever the user then does — more
 * files, removals, corrections, gap filling, quarter-hours, another period, a preferred file —
 * the workspace must give what one without sharing gives, value for value.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../src/ingest/index';
import type { ClusterData } from '../../src/ingest/cluster-data';
import { UserFiles, type ReadFile } from '../../src/engine/workspace';
import { rowSharing } from '../../src/engine/shared-rows';
import { fixtureBytes } from './ingest/fixtures';

const readHere: ReadFile = async (name, blob, overrides) => parseFile(name, new Uint8Array(await blob.arrayBuffer()), overrides);

/** Hourly rows of meter `ppe` from hour `from` for `hours`, values from `seed`, with an optional gap. */
function csv(ppe: string, from: number, hours: number, seed: number, gapAt = -1): string {
  const rows = ['ppe,timestamp_utc,import_kwh,export_kwh'];
  for (let h = 0; h < hours; h++) {
    if (h === gapAt) continue;
    rows.push(
      `${ppe},${new Date(Date.UTC(2025, 0, 1, from + h)).toISOString()},${((seed * 7 + h * 3) % 11) / 4},${(h + seed) % 5 === 0 ? 1.5 : 0}`,
    );
  }
  return rows.join('\n') + '\n';
}

const FILES: Record<string, () => string | Uint8Array> = {
  'a.csv': () => csv('A', 0, 72, 1),
  'b.csv': () => csv('B', 0, 72, 2, 5),
  'a-again.csv': () => csv('A', 24, 72, 3),
  'c-short.csv': () => csv('C', 12, 24, 4),
  'long.csv': () => fixtureBytes('long-utc-15min.csv'),
  'tauron.csv': () => fixtureBytes('tauron-elicznik-PL0037910000001001.csv'),
};

type Op =
  | { op: 'add'; names: string[] }
  | { op: 'remove'; at: number }
  | { op: 'reread'; at: number; meterId: string }
  | { op: 'fill'; method: 'zero' | 'linear' | 'profile' }
  | { op: 'quarter'; on: boolean }
  | { op: 'period'; fromHour: number; hours: number }
  | { op: 'prefer'; at: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), names: fc.subarray(Object.keys(FILES), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat(6) }),
  fc.record({ op: fc.constant('reread' as const), at: fc.nat(6), meterId: fc.constantFrom('A', 'Z', 'PL0037910000009999') }),
  fc.record({
    op: fc.constant('fill' as const),
    method: fc.constantFrom('zero' as const, 'linear' as const, 'profile' as const),
  }),
  fc.record({ op: fc.constant('quarter' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('period' as const), fromHour: fc.nat(48), hours: fc.integer({ min: 1, max: 72 }) }),
  fc.record({ op: fc.constant('prefer' as const), at: fc.nat(6) }),
);

/** Runs one step; what it gives (or the message it fails with). */
async function step(files: UserFiles, o: Op, stamp: number): Promise<ClusterData | null | string> {
  try {
    switch (o.op) {
      case 'add':
        return await files.add(
          o.names.map((name, k) => {
            const blob = new Blob([FILES[name]!() as BlobPart]);
            return { name, size: blob.size, blob, lastModified: stamp * 10 + k };
          }),
        );
      case 'remove':
        return files.remove(o.at % Math.max(1, files.reports.length));
      case 'reread':
        return await files.reread(o.at % Math.max(1, files.reports.length), { meterId: o.meterId });
      case 'fill':
        return files.setGapFill(o.method);
      case 'quarter':
        return files.setQuarterHours(o.on);
      case 'period':
        return files.setPeriod({
          fromUtcMs: Date.UTC(2025, 0, 1, o.fromHour),
          toUtcMs: Date.UTC(2025, 0, 1, o.fromHour + o.hours),
        });
      case 'prefer':
        return files.prefer(o.at % Math.max(1, files.reports.length));
    }
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The cluster as numbers a test can compare, NaN kept apart from 0. */
function shape(d: ClusterData | null | string) {
  if (d === null || typeof d === 'string') return d;
  const values = (a: Float64Array | undefined) => (a ? Array.from(a, (v) => (v === v ? v : 'NaN')) : undefined);
  return {
    members: d.members.map((m) => m.id),
    start: d.startUtcMs,
    step: d.stepMinutes,
    intervals: d.intervals,
    imports: values(d.imports),
    exports: values(d.exports),
    gross: values(d.grossGeneration),
  };
}

// Node 20 lacks ArrayBuffer.prototype.transfer, so releaseMemory would do nothing here: this one
// detaches as the browser's does (and counts), so that a series read after its copy was let go
// reads empty and the comparisons below fail.
const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };
const nativeTransfer = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'transfer');
let released = 0;
beforeAll(() => {
  proto.transfer = function (this: ArrayBuffer) {
    released++;
    structuredClone(this, { transfer: [this] });
    return new ArrayBuffer(0);
  };
});
afterAll(() => {
  if (nativeTransfer) Object.defineProperty(ArrayBuffer.prototype, 'transfer', nativeTransfer);
  else delete proto.transfer;
});

describe('series sharing their cluster rows', () => {
  it('gives what copies give, whatever the user does after', async () => {
    let sharedSomewhere = false;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const shared = new UserFiles(readHere);
        const copied = new UserFiles(readHere);
        for (const [k, o] of [{ op: 'add', names: ['a.csv'] } as Op, ...ops].entries()) {
          rowSharing.enabled = true;
          const a = await step(shared, o, k);
          sharedSomewhere ||= shared.sharedSeries > 0;
          rowSharing.enabled = false;
          const b = await step(copied, o, k);
          rowSharing.enabled = true;
          expect(shape(a)).toEqual(shape(b));
          expect(shared.reports.map((r) => [r.name, r.error?.message, r.duplicateOf])).toEqual(
            copied.reports.map((r) => [r.name, r.error?.message, r.duplicateOf]),
          );
          expect(shared.filled).toEqual(copied.filled);
          expect(shared.notices).toEqual(copied.notices);
        }
      }),
      { numRuns: 60 },
    );
    expect(sharedSomewhere).toBe(true);
  }, 120_000);

  it('holds a file read whole once: its meters are views of their rows', async () => {
    const files = new UserFiles(readHere);
    released = 0;
    const blob = new Blob([fixtureBytes('long-utc-15min.csv') as BlobPart]);
    const data = await files.add([{ name: 'long.csv', size: blob.size, blob }]);
    expect(files.sharedSeries).toBe(data!.members.length);
    expect(released).toBeGreaterThan(0);
    // Removed and added again: the same numbers, from the views.
    const again = files.setGapFill('linear');
    expect(shape(again)).toEqual(shape(data));
  });
});
