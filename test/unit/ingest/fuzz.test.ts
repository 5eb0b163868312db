/**
 * Property: whatever the bytes, parseFile returns a well-formed result or throws a ParseError
 * (never a TypeError, never the internal-error safety net), and returns quickly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseFile } from '../../../src/ingest/index';
import { fixtureBytes } from './fixtures';

/**
 * Each run must finish within this. Inputs are a few kB and take under 10 ms; the margin is for
 * a loaded 2-core machine and GC pauses: what this catches is a hang or a quadratic blow-up.
 */
const MAX_MS = 2000;

function check(name: string, bytes: Uint8Array): void {
  const t0 = performance.now();
  try {
    const p = parseFile(name, bytes);
    if (p.kind === 'readings') {
      expect(p.meters.length).toBeGreaterThan(0);
      for (const m of p.meters) {
        expect([15, 60]).toContain(m.stepMinutes);
        expect(m.import.length).toBe(m.export.length);
        expect(m.startUtcMs % (m.stepMinutes * 60_000)).toBe(0);
        for (let i = 0; i < m.import.length; i++) {
          const a = m.import[i]!;
          const b = m.export[i]!;
          expect(Number.isNaN(a) || (a >= 0 && Number.isFinite(a))).toBe(true);
          expect(Number.isNaN(b) || (b >= 0 && Number.isFinite(b))).toBe(true);
        }
      }
    } else {
      for (const m of p.members) expect(m.id).not.toBe('');
    }
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    expect(e.message).not.toContain('internal error');
    if (e.line !== undefined) expect(e.line).toBeGreaterThanOrEqual(1);
    if (e.column !== undefined) expect(e.column).toBeGreaterThanOrEqual(1);
  }
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
}

/** The first lines of a fixture: a small valid sample of its layout. */
function sample(name: string, lines: number): Uint8Array {
  const bytes = fixtureBytes(name);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && ++n === lines) return bytes.slice(0, i + 1);
  }
  return bytes;
}

const SAMPLES: [string, Uint8Array][] = [
  ['long-utc-15min.csv', sample('long-utc-15min.csv', 40)],
  ['wide-local-net-15min.csv', sample('wide-local-net-15min.csv', 30)],
  ['osd-daily-wide-cp1250.csv', sample('osd-daily-wide-cp1250.csv', 8)],
  ['tauron-elicznik-PL0037910000001001.csv', sample('tauron-elicznik-PL0037910000001001.csv', 50)],
  ['enea-ebok-PL0037910000001004.csv', sample('enea-ebok-PL0037910000001004.csv', 30)],
  ['members.csv', sample('members.csv', 10)],
];

// Bytes that matter to the parsers, so random input reaches past the header check.
const INTERESTING = [
  ...Array.from(';,\t\n\r"=0123456789-+:.TZ ', (c) => c.charCodeAt(0)),
  0,
  0xef,
  0xbb,
  0xbf,
  0xb9,
  0x9c,
  0xb1,
  0xc3,
  0xb3,
  0xff,
  0xfe,
];

type Mutation =
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const byteArb = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...INTERESTING));
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: byteArb }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(byteArb, { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.kind) {
      case 'replace':
        if (at < b.length) b[at] = m.byte;
        break;
      case 'insert':
        b.splice(at, 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(at, m.length);
        break;
      case 'duplicate':
        b.splice(at, 0, ...b.slice(at, at + m.length));
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
    }
  }
  return Uint8Array.from(b);
}

describe('parseFile never throws anything but ParseError', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => check('random.csv', bytes)),
      { numRuns: 300 },
    );
  });

  it('on random text made of separators, digits, quotes and dates', () => {
    fc.assert(
      fc.property(fc.array(byteArb, { maxLength: 1500 }), (bytes) => check('PL0037910000001001.csv', Uint8Array.from(bytes))),
      { numRuns: 300 },
    );
  });

  it('on random mutations of valid samples of every layout', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        ([name, bytes], mutations) => check(name, mutate(bytes, mutations)),
      ),
      { numRuns: 600 },
    );
  });

  it('on header + random rows', () => {
    const headers = [
      'ppe,timestamp_utc,import_kwh,export_kwh\n',
      'czas;PL0037910000001001;PL0037910000001002\n',
      'Data;Strefa;Wartość kWh;Rodzaj;\n',
      `PPE;Typ;Data;${Array.from({ length: 25 }, (_, i) => `H${i + 1}`).join(';')};Uwagi\n`,
      'ppe;nazwa;typ;taryfa;gmina;pv_kwp;wiatr_kw;biogaz_kw\n',
    ];
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        '0',
        '1,5',
        '-2,25',
        '2.669',
        'abc',
        'CP',
        'CO',
        'pobór',
        'oddanie',
        'PL0037910000001001',
        '"x;y"',
        '="1"',
      ),
      fc.date({ min: new Date('1985-01-01'), max: new Date('2110-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc
        .date({ min: new Date('2024-10-01'), max: new Date('2026-04-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 16).replace('T', ' ')),
      fc.string({ maxLength: 8 }),
    );
    const row = fc
      .tuple(fc.array(cell, { maxLength: 30 }), fc.constantFrom(';', ','))
      .map(([cells, separator]) => cells.join(separator));
    fc.assert(
      fc.property(fc.constantFrom(...headers), fc.array(row, { maxLength: 40 }), (header, rows) =>
        check('PL0037910000001001.csv', new TextEncoder().encode(header + rows.join('\n'))),
      ),
      { numRuns: 400 },
    );
  });
});
