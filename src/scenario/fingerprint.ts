/**
 * A fingerprint of a cluster's readings, so that a link made on user files can tell whether the
 * files loaded now are the same data. It depends on the readings only — member ids (ignoring
 * spaces and case), the time grid, and every import and export value rounded to 1e-6 kWh — not on
 * file names, on how the data were split into files, or on the order of files or members. The
 * page and the CLI call the same function on the assembled ClusterData.
 *
 * Not cryptographic: two 32-bit lanes of MurmurHash3-style mixing over the quantised values
 * (64 bits, 16 hex digits), fast enough for 1,000 members × 35,040 quarter-hours × 2 registers.
 */
import type { ClusterData } from '../ingest/cluster-data';
import { meterKey } from '../ingest/names';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const C3 = 0x85ebca6b;
const C4 = 0xc2b2ae35;
const TWO32 = 4294967296;
const MAX_Q = Number.MAX_SAFE_INTEGER;
const SCRATCH_F64 = new Float64Array(1);
const SCRATCH_U32 = new Uint32Array(SCRATCH_F64.buffer);

/** Fingerprint format; changes whenever what is hashed or how changes. */
const FORMAT = 1;

class Hasher {
  h1 = 0x9747b28c ^ FORMAT;
  h2 = 0x5bd1e995 ^ FORMAT;

  /** Absorbs a 64-bit word given as its low and high 32 bits. */
  word(lo: number, hi: number): void {
    let k = Math.imul(lo, C1);
    k = (k << 15) | (k >>> 17);
    let h1 = this.h1 ^ Math.imul(k, C2);
    h1 = (h1 << 13) | (h1 >>> 19);
    this.h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    let j = Math.imul(hi ^ ((lo << 16) | (lo >>> 16)), C3);
    j = (j << 17) | (j >>> 15);
    let h2 = this.h2 ^ Math.imul(j, C4);
    h2 = (h2 << 15) | (h2 >>> 17);
    this.h2 = (Math.imul(h2, 5) + 0x38495ab5) | 0;
  }

  /** An integer up to 2^53 in magnitude. */
  int(x: number): void {
    const lo = x >>> 0;
    this.word(lo, ((x - lo) / TWO32) | 0);
  }

  text(s: string): void {
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i), 0x74657874);
  }

  /**
   * Each value rounded to 1e-6 kWh. The loop is the hot path: it inlines word() so that a year
   * of quarter-hours for a thousand members hashes in a fraction of a second.
   */
  values(a: Float64Array, from: number, to: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = from; i < to; i++) {
      // floor(x · 1e6 + 0.5): Math.round, but with a fast path for the usual 0 … 2,147 kWh
      // (Math.round itself is several times slower here and dominates the loop).
      const y = a[i] * 1e6 + 0.5;
      let lo: number;
      let hi = 0;
      if (y >= 0 && y < 2147483648) {
        lo = y | 0;
      } else {
        const q = Math.floor(y);
        if (q >= -MAX_Q && q <= MAX_Q) {
          lo = q >>> 0;
          hi = ((q - lo) / TWO32) | 0;
        } else if (q !== q) {
          // NaN (a missing value): one code, whatever its payload.
          lo = 1;
          hi = 0x7ff80000;
        } else {
          // ±Infinity or beyond 2^53 µWh: the double's own bits, outside the range above.
          SCRATCH_F64[0] = q;
          lo = SCRATCH_U32[0];
          hi = SCRATCH_U32[1] | 0;
        }
      }
      let k = Math.imul(lo, C1);
      k = (k << 15) | (k >>> 17);
      h1 ^= Math.imul(k, C2);
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      let j = Math.imul(hi ^ ((lo << 16) | (lo >>> 16)), C3);
      j = (j << 17) | (j >>> 15);
      h2 ^= Math.imul(j, C4);
      h2 = (h2 << 15) | (h2 >>> 17);
      h2 = (Math.imul(h2, 5) + 0x38495ab5) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  hex(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, C3);
  h ^= h >>> 13;
  h = Math.imul(h, C4);
  return h ^ (h >>> 16);
}

/**
 * 16 hex digits identifying the readings: the same for the same data however they were split into
 * files or ordered, different when any import or export value differs by 1e-6 kWh or more (up to
 * rounding at the boundary) or when a member id, the resolution, the start or the length differ.
 * Member register fields (names, types, tariffs) do not count.
 */
export function dataFingerprint(data: ClusterData): string {
  const h = new Hasher();
  h.int(data.stepMinutes);
  h.int(data.startUtcMs);
  h.int(data.intervals);
  h.int(data.members.length);
  const byId = data.members
    .map((m, i) => ({ key: meterKey(m.id), i }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const n = data.intervals;
  for (const { key, i } of byId) {
    h.text(key);
    h.values(data.imports, i * n, (i + 1) * n);
    h.values(data.exports, i * n, (i + 1) * n);
  }
  return h.hex();
}
