/**
 * A hash of what a file holds (its meters' readings), not of its bytes: the same export saved
 * again, re-encoded or renamed hashes the same. Used to skip a file loaded twice.
 */
import type { MeterSeries } from './cluster-data';
import { meterKey } from './names';

/** 64 bits as 16 hex digits, from the meters' ids, grids and values (order of meters ignored). */
export function contentHash(series: readonly MeterSeries[]): string {
  const parts = series
    .map((s) => {
      const h = new Int32Array([0x811c9dc5 ^ s.stepMinutes, 0x01000193 ^ (s.startUtcMs / 60_000)]);
      for (const ch of meterKey(s.id)) mix(h, ch.charCodeAt(0));
      for (const values of [s.import, s.export, s.generation ?? new Float64Array(0)]) {
        mix(h, values.length);
        mixValues(h, values);
      }
      return (h[0]! >>> 0).toString(16).padStart(8, '0') + (h[1]! >>> 0).toString(16).padStart(8, '0');
    })
    .sort();
  if (parts.length === 1) return parts[0]!;
  let a = 0x9747b28c;
  let b = 0x2545f491;
  for (const p of parts) {
    for (const ch of p) {
      a = Math.imul(a ^ ch.charCodeAt(0), 0x5bd1e995);
      b = Math.imul(b ^ ch.charCodeAt(0), 0x27d4eb2d) ^ (a >>> 15);
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** One number into the two running hashes h[0] and h[1]. */
function mix(h: Int32Array, x: number): void {
  const h1 = Math.imul(h[0]! ^ x, 0x85ebca6b);
  h[0] = h1;
  h[1] = Math.imul(h[1]! ^ x, 0xc2b2ae35) ^ (h1 >>> 13);
}

/**
 * mix over a register's values, the running hashes in locals: it runs once a reading, and a closure
 * writing captured variables was several times slower here (a year of a hundred meters: ~190 ms in
 * the engine before the first KPIs).
 */
function mixValues(h: Int32Array, values: Float64Array): void {
  let h1 = h[0]!;
  let h2 = h[1]!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // Rounded to 1e-6 kWh: the same reading parsed from "0,1" or "0.1000" is the same.
    const x = v === v ? Math.round(v * 1e6) | 0 : -1;
    h1 = Math.imul(h1 ^ x, 0x85ebca6b);
    h2 = Math.imul(h2 ^ x, 0xc2b2ae35) ^ (h1 >>> 13);
  }
  h[0] = h1;
  h[1] = h2;
}
