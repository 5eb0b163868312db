/**
 * Test helpers: the format fixtures (test/fixtures/formats, gunzipped when stored as .gz), the
 * reference totals, and small sums over parsed series. Never reads the shared data folder.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { MeterSeries } from '../../../src/ingest/cluster-data';
import { parseFile, type ParsedFile, type ParsedReadings } from '../../../src/ingest/index';

const DIR = new URL('../../fixtures/formats/', import.meta.url);

/** The bytes of a fixture; `name` without `.gz`. */
export function fixtureBytes(name: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(new URL(name, DIR)));
  } catch {
    return new Uint8Array(gunzipSync(readFileSync(new URL(`${name}.gz`, DIR))));
  }
}

const parsed = new Map<string, ParsedFile>();

/** parseFile of a fixture, cached: the big files are read once per test file. */
export function parseFixture(name: string): ParsedFile {
  let p = parsed.get(name);
  if (!p) {
    p = parseFile(name, fixtureBytes(name));
    parsed.set(name, p);
  }
  return p;
}

/** parseFixture for a readings file. */
export function readingsFixture(name: string): ParsedReadings {
  const p = parseFixture(name);
  if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
  return p;
}

/** Per-member reference totals (identical under every setting of expected.json). */
export function expectedMembers(): Record<string, { import_kwh: number; export_kwh: number }> {
  const json = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8'));
  return json.window_60_dynamic.members;
}

/** Sum of a series' non-NaN values. */
export function total(values: Float64Array): number {
  let s = 0;
  for (const v of values) if (v === v) s += v;
  return s;
}

/** Number of NaN (missing) values. */
export function missing(values: Float64Array): number {
  let n = 0;
  for (const v of values) if (v !== v) n++;
  return n;
}

/** |a − b| / |b| (or |a| when b is 0). */
export function relativeError(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/** A meter's series by id. */
export function meter(p: ParsedReadings, id: string): MeterSeries {
  const m = p.meters.find((s) => s.id === id);
  if (!m) throw new Error(`${p.file} has no meter ${id}`);
  return m;
}

/** A 15-minute series summed to hours (its start must be on the hour). */
export function hourly(values: Float64Array): Float64Array {
  const out = new Float64Array(Math.floor(values.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = values[4 * i]! + values[4 * i + 1]! + values[4 * i + 2]! + values[4 * i + 3]!;
  return out;
}

/** Encodes text as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
