/** Each of the six layouts is recognised and gives the reference energy of expected.json. */
import { describe, expect, it } from 'vitest';
import { expectedMembers, fixtureBytes, meter, missing, parseFixture, readingsFixture, relativeError, total } from './fixtures';
import { parseFile } from '../../../src/ingest/index';

const expected = expectedMembers();
const ALL_IDS = Object.keys(expected);
const START_2025_LOCAL = Date.UTC(2024, 11, 31, 23); // 2025-01-01 00:00 in Warsaw
const END_2025_LOCAL = Date.UTC(2025, 11, 31, 23); // 2026-01-01 00:00 in Warsaw

function expectMemberTotals(file: string, ids: string[]): void {
  const p = readingsFixture(file);
  for (const id of ids) {
    const m = meter(p, id);
    expect(missing(m.import), `${file} ${id} missing import`).toBe(0);
    expect(missing(m.export), `${file} ${id} missing export`).toBe(0);
    expect(relativeError(total(m.import), expected[id]!.import_kwh), `${file} ${id} import`).toBeLessThanOrEqual(1e-6);
    expect(relativeError(total(m.export), expected[id]!.export_kwh), `${file} ${id} export`).toBeLessThanOrEqual(1e-6);
  }
}

describe('long UTC file', () => {
  const file = 'long-utc-15min.csv';
  it('is recognised as a long layout with UTC timestamps', () => {
    const p = readingsFixture(file);
    expect(p.detection).toMatchObject({
      layout: 'long',
      encoding: 'ascii',
      separator: ',',
      decimalMark: '.',
      timeConvention: 'utc',
      unit: 'kWh',
      unitAssumed: false,
      stepMinutes: 15,
      meterIdSource: 'column',
      dataRows: 315360,
      period: { startUtcMs: START_2025_LOCAL, endUtcMs: END_2025_LOCAL },
    });
    expect(p.detection.meterIds).toEqual(ALL_IDS);
    expect(p.meters.every((m) => m.stepMinutes === 15 && m.import.length === 35040)).toBe(true);
    expect(p.warnings).toEqual([]);
  });
  it("gives every member's import and export", () => expectMemberTotals(file, ALL_IDS));
  it('parses 315,360 rows (16 MB) without stalling', () => {
    const bytes = fixtureBytes(file);
    // Best of three, so that another process on the machine does not fail the test.
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      parseFile(file, bytes);
      best = Math.min(best, performance.now() - t0);
    }
    // A guard against a pathological slowdown (~200 ms is typical); speed itself is benchmarked.
    expect(best).toBeLessThan(5000);
  });
});

describe('wide local net file', () => {
  const file = 'wide-local-net-15min.csv';
  it('is recognised as wide net values with UTC offsets', () => {
    const p = readingsFixture(file);
    expect(p.detection).toMatchObject({
      layout: 'wide-net',
      separator: ';',
      decimalMark: ',',
      timeConvention: 'offset',
      stepMinutes: 15,
      meterIdSource: 'header',
      values: 'net',
      dataRows: 35040,
      period: { startUtcMs: START_2025_LOCAL, endUtcMs: END_2025_LOCAL },
    });
    expect(p.detection.meterIds).toEqual(ALL_IDS);
    expect(p.warnings.map((w) => w.code)).toEqual(['net-values']);
  });
  it("gives every member's import and export (net split by sign)", () => expectMemberTotals(file, ALL_IDS));
});

describe('daily wide windows-1250 file', () => {
  const file = 'osd-daily-wide-cp1250.csv';
  it('is recognised as the daily wide layout in elapsed hours', () => {
    const p = readingsFixture(file);
    expect(p.detection).toMatchObject({
      layout: 'daily-wide',
      separator: ';',
      decimalMark: ',',
      timeConvention: 'local-elapsed-hours',
      stepMinutes: 60,
      meterIdSource: 'column',
      dataRows: 6570,
      period: { startUtcMs: START_2025_LOCAL, endUtcMs: END_2025_LOCAL },
    });
    // The shared file is pure ASCII despite its name: no byte says which code page it is.
    expect(['ascii', 'windows-1250']).toContain(p.detection.encoding);
    expect(p.meters.every((m) => m.import.length === 8760)).toBe(true);
    expect(p.warnings).toEqual([]);
  });
  it("gives every member's import and export", () => expectMemberTotals(file, ALL_IDS));
});

describe('Tauron eLicznik file', () => {
  const file = 'tauron-elicznik-PL0037910000001001.csv';
  it('is recognised, with the PPE from the file name and hour-ending labels', () => {
    const p = readingsFixture(file);
    expect(p.detection).toMatchObject({
      layout: 'tauron',
      encoding: 'utf-8',
      separator: ';',
      decimalMark: ',',
      timeConvention: 'local-interval-end',
      unit: 'kWh',
      stepMinutes: 60,
      meterIdSource: 'file-name',
      meterIds: ['PL0037910000001001'],
      dataRows: 17520,
      period: { startUtcMs: START_2025_LOCAL, endUtcMs: END_2025_LOCAL },
    });
    expect(p.meters).toHaveLength(1);
    expect(p.meters[0]!.import.length).toBe(8760);
    expect(p.warnings).toEqual([]);
  });
  it("gives member PL0037910000001001's import and export", () => expectMemberTotals(file, ['PL0037910000001001']));
});

describe('Enea eBOK file', () => {
  const file = 'enea-ebok-PL0037910000001004.csv';
  it('is recognised: BOM, Excel-quoted HH:59 labels, PPE from the file name', () => {
    const p = readingsFixture(file);
    expect(p.detection).toMatchObject({
      layout: 'enea',
      encoding: 'utf-8-bom',
      separator: ';',
      decimalMark: ',',
      timeConvention: 'local-last-minute',
      stepMinutes: 60,
      meterIdSource: 'file-name',
      meterIds: ['PL0037910000001004'],
      dataRows: 8760,
      period: { startUtcMs: START_2025_LOCAL, endUtcMs: END_2025_LOCAL },
    });
    expect(p.warnings.map((w) => w.code)).toEqual(['netted-values']);
  });
  it("gives member PL0037910000001004's import and export (before netting)", () =>
    expectMemberTotals(file, ['PL0037910000001004']));
  it('keeps the after-netting registers apart', () => {
    const p = readingsFixture(file);
    expect(p.netted).toHaveLength(1);
    const netted = p.netted[0]!;
    const raw = p.meters[0]!;
    // Netting within the hour can only lower both registers.
    expect(total(netted.import)).toBeLessThanOrEqual(total(raw.import) + 1e-9);
    expect(total(netted.export)).toBeLessThanOrEqual(total(raw.export) + 1e-9);
  });
  it('reads the same with NUL bytes sprinkled in, and says so', () => {
    const bytes = fixtureBytes(file);
    const withNul: number[] = [];
    bytes.forEach((b, i) => {
      withNul.push(b);
      if (i % 97 === 0) withNul.push(0);
    });
    const p = parseFile(file, new Uint8Array(withNul));
    if (p.kind !== 'readings') throw new Error('not readings');
    expect(p.detection.nulBytesRemoved).toBeGreaterThan(0);
    expect(p.warnings.some((w) => w.code === 'nul-bytes')).toBe(true);
    expect(total(p.meters[0]!.import)).toBe(total(readingsFixture(file).meters[0]!.import));
  });
});

describe('member register', () => {
  const names = [
    'Urząd Miasta i Gminy',
    'PGKiM – stacja uzdatniania wody',
    'ZGOK – biogazownia',
    'ZEC – ciepłownia',
    'Farma wiatrowa Rytwiany',
    'Gospodarstwo domowe 1',
    'Gospodarstwo domowe 2',
    'Gospodarstwo domowe 3',
    'Gospodarstwo domowe 4',
  ];
  it('gives 9 members with their Polish names, types and capacities', () => {
    const p = parseFixture('members.csv');
    if (p.kind !== 'register') throw new Error('not a register');
    expect(p.detection).toMatchObject({ layout: 'register', encoding: 'utf-8', separator: ';', timeConvention: 'none' });
    expect(p.members.map((m) => m.name)).toEqual(names);
    expect(p.members.map((m) => m.id)).toEqual(ALL_IDS);
    expect(p.members[0]).toEqual({
      id: 'PL0037910000001001',
      name: 'Urząd Miasta i Gminy',
      type: 'jst',
      tariff: 'C12a',
      gmina: 'Staszów',
      pvKwp: 50,
      windKw: 0,
      biogasKw: 0,
    });
    expect(p.members.map((m) => m.type)).toEqual([
      'jst',
      'municipal',
      'producer',
      'business',
      'producer',
      'household',
      'household',
      'household',
      'household',
    ]);
    expect(p.members[4]!.windKw).toBe(150);
    expect(p.members[2]!.biogasKw).toBe(25);
    expect(p.members[8]!.gmina).toBe('Połaniec');
    expect(p.warnings).toEqual([]);
  });
  it('reads the same register in windows-1250', () => {
    const p = parseFixture('members-cp1250.csv');
    if (p.kind !== 'register') throw new Error('not a register');
    expect(p.detection.encoding).toBe('windows-1250');
    expect(p.members.map((m) => m.name)).toEqual(names);
  });
  it('reads the same register in ISO-8859-2', () => {
    const p = parseFixture('members-iso8859-2.csv');
    if (p.kind !== 'register') throw new Error('not a register');
    expect(p.detection.encoding).toBe('iso-8859-2');
    expect(p.members.map((m) => m.name)).toEqual(names.map((n) => n.replace('–', '-')));
    expect(p.members[0]!.gmina).toBe('Staszów');
  });
});
