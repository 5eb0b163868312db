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

  it('leaves the quality of the file read last until after the KPIs, then gives what it gives at once', async () => {
    const drop = () => [
      source('members.csv', fixtureBytes('members.csv')),
      source('long.csv', fixtureBytes('long-utc-15min.csv')),
      source('tauron-elicznik-PL0037910000001001.csv', fixtureBytes('tauron-elicznik-PL0037910000001001.csv')),
    ];
    const now = new UserFiles(readHere);
    await now.add(drop());
    // Parses that end one after another, as the parse workers' do.
    const slowly: ReadFile = async (name, blob, overrides) => {
      await new Promise((resolve) => setTimeout(resolve, name.startsWith('tauron') ? 60 : name === 'long.csv' ? 30 : 0));
      return readHere(name, blob, overrides);
    };
    const later = new UserFiles(slowly);
    const lines: (unknown[] | undefined)[] = [];
    await later.add(drop(), undefined, (report) => lines.push(report.parsed?.quality), true);
    // The file read last said its line without its quality; every other readings file had it.
    expect(lines.map((q) => q !== undefined)).toEqual([false, true, false]); // the register has none
    expect(later.reports.map((r) => r.parsed?.quality !== undefined)).toEqual([false, true, false]);
    expect(later.completeQuality()).toBe(true);
    expect(later.reports).toEqual(now.reports);
    expect(later.completeQuality()).toBe(false);
  });

  it('skips a file loaded twice with a notice, never doubling the energy', async () => {
    const tauron = fixtureBytes('tauron-elicznik-PL0037910000001001.csv');
    const files = new UserFiles(readHere);
    const name = 'tauron-elicznik-PL0037910000001001.csv';
    const once = await files.add([source(name, tauron)]);
    const twice = await files.add([source(name, tauron)]);
    expect(total(twice!.imports)).toBeCloseTo(total(once!.imports), 6);
    expect(files.reports[1].duplicateOf).toBe(name);
    expect(files.notices).toEqual([{ code: 'duplicate-skipped', file: name, of: name }]);
  });

  it('keeps the newer of two files that disagree on a meter, and lets the user prefer the other', async () => {
    const csv = (v: string) =>
      `ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,${v},0\nPL1,2025-01-01T01:00:00Z,1,0\n`;
    const files = new UserFiles(readHere);
    const older = { ...source('old.csv', csv('5')), lastModified: 1 };
    const newer = { ...source('new.csv', csv('7')), lastModified: 2 };
    const data = await files.add([newer, older]);
    expect(Array.from(data!.imports)).toEqual([7, 1]);
    expect(files.notices).toMatchObject([{ code: 'overlap', meter: 'PL1', kept: 'new.csv', replaced: 'old.csv', differing: 1 }]);
    const preferred = files.prefer(1);
    expect(Array.from(preferred!.imports)).toEqual([5, 1]);
  });

  it('analyses one period when files cover different years, and another on request', async () => {
    const year = (ppe: string, y: number) =>
      [
        'ppe,timestamp_utc,import_kwh,export_kwh',
        ...Array.from({ length: 48 }, (_, h) => `${ppe},${new Date(Date.UTC(y, 5, 1, h)).toISOString()},1,0`),
      ].join('\n');
    const files = new UserFiles(readHere);
    const data = await files.add([source('a2024.csv', year('A', 2024)), source('b2025.csv', year('B', 2025))]);
    // Not one two-year timeline with each member zero-filled for a year.
    expect(data!.intervals).toBe(48);
    expect(files.disjoint).toBe(true);
    expect(files.period).toMatchObject({ from: '2025-06-01', to: '2025-06-03', chosen: false });
    expect(files.reports.map((r) => r.period?.from)).toEqual(['2024-06-01', '2025-06-01']);
    expect(files.notices).toEqual([{ code: 'outside-period', files: ['a2024.csv'] }]);
    const other = files.setPeriod({ fromUtcMs: Date.UTC(2024, 5, 1), toUtcMs: Date.UTC(2024, 5, 3) });
    expect(other!.members.map((m) => m.id)).toEqual(['A', 'B']);
    expect(files.filled.intervals).toBe(48); // B has no data then: filled, and counted as such
    expect(() => files.setPeriod({ fromUtcMs: Date.UTC(2030, 0, 1), toUtcMs: Date.UTC(2030, 0, 2) })).toThrow(
      /no file has readings/,
    );
    expect(files.period?.from).toBe('2024-06-01');
  });

  it('counts the stretches a member does not cover as gaps (never "no gaps to fill")', async () => {
    const rows = (ppe: string, hours: number) =>
      Array.from({ length: hours }, (_, h) => `${ppe},${new Date(Date.UTC(2025, 0, 1, h)).toISOString()},1,0`);
    const csv = ['ppe,timestamp_utc,import_kwh,export_kwh', ...rows('A', 48), ...rows('B', 24), ...rows('C', 48)].join('\n');
    const files = new UserFiles(readHere);
    await files.add([source('ab.csv', csv)]);
    expect(files.filled.intervals).toBe(24);
  });

  it('shows the true state when the last readings file is removed, and says why a removal fails', async () => {
    const files = new UserFiles(readHere);
    await files.add([source('members.csv', fixtureBytes('members.csv')), source('long.csv', fixtureBytes('long-utc-15min.csv'))]);
    expect(files.remove(1)).toBeNull();
    expect(files.hasReadings).toBe(false);
    expect(files.notices).toEqual([{ code: 'no-readings' }]);
  });
});
