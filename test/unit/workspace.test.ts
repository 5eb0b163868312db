/**
 * The engine worker's file state (UserFiles): files add up, a bad file is reported and loses
 * nothing, a file can be read again with corrections or removed, gaps are filled and counted.
 */
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/ingest/index';
import { UserFiles, type ReadFile } from '../../src/engine/workspace';
import { fixtureBytes } from './ingest/fixtures';

const readHere: ReadFile = async (name, blob, overrides) => parseFile(name, new Uint8Array(await blob.arrayBuffer()), overrides);
const source = (name: string, bytes: Uint8Array | string) => {
  const blob = new Blob([bytes as BlobPart]);
  return { name, size: blob.size, blob };
};
const total = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('UserFiles', () => {
  it('adds files to the cluster and keeps it when a bad file comes', async () => {
    const files = new UserFiles(readHere);
    const first = await files.add([
      source('tauron-elicznik-PL0037910000001001.csv', fixtureBytes('tauron-elicznik-PL0037910000001001.csv')),
    ]);
    expect(first?.members.map((m) => m.id)).toEqual(['PL0037910000001001']);
    const second = await files.add([
      source('bad.csv', 'ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,x,0\n'),
    ]);
    expect(second?.members.map((m) => m.id)).toEqual(['PL0037910000001001']);
    expect(total(second!.imports)).toBeCloseTo(total(first!.imports), 6);
    expect(files.reports.map((r) => r.error?.line)).toEqual([undefined, 2]);
    expect(files.reports[1].error?.message).toMatch(/bad\.csv line 2, column 3/);
  });

  it('reads a file again with a corrected meter id, and removes it', async () => {
    const files = new UserFiles(readHere);
    await files.add([source('tauron-elicznik-PL0037910000001001.csv', fixtureBytes('tauron-elicznik-PL0037910000001001.csv'))]);
    const renamed = await files.reread(0, { meterId: 'PL0037910000009999' });
    expect(renamed?.members.map((m) => m.id)).toEqual(['PL0037910000009999']);
    expect(files.reports[0].overrides).toEqual({ meterId: 'PL0037910000009999' });
    expect(files.remove(0)).toBeNull();
    expect(files.reports).toEqual([]);
  });

  it('keeps a file as it was when a correction cannot apply', async () => {
    const files = new UserFiles(readHere);
    const before = await files.add([
      source('members.csv', fixtureBytes('members.csv')),
      source('long.csv', fixtureBytes('long-utc-15min.csv')),
    ]);
    const after = await files.reread(1, { decimalMark: ',' });
    expect(files.reports[1].error).toBeDefined();
    expect(after?.members.length).toBe(before?.members.length);
    expect(total(after!.imports)).toBeCloseTo(total(before!.imports), 6);
  });

  it('fills gaps by the chosen method and says how many intervals it filled', async () => {
    const csv = [
      'ppe,timestamp_utc,import_kwh,export_kwh',
      'PL1,2025-01-01T00:00:00Z,1.000,0',
      'PL1,2025-01-01T00:15:00Z,2.000,0',
      'PL1,2025-01-01T01:00:00Z,5.000,0',
    ].join('\n');
    const files = new UserFiles(readHere);
    const zero = await files.add([source('gap.csv', csv)]);
    expect(files.filled).toMatchObject({ method: 'zero', intervals: 2 });
    expect(Array.from(zero!.imports)).toEqual([1, 2, 0, 0, 5]);
    const linear = files.setGapFill('linear');
    expect(files.filled.intervals).toBe(2);
    expect(files.filled.days).toHaveLength(1);
    expect(Array.from(linear!.imports)).toEqual([1, 2, 3, 4, 5]);
  });
});
