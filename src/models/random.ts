/**
 * Seeded randomness for the synthetic weather and outages. Every model draws from named,
 * independent streams derived from (seed, stream name, year), so a given day's weather does not
 * depend on where the grid starts: the same seed gives the same January whether the grid is a
 * month or a year long, and changing the wind model cannot shift the clouds.
 */

/** mulberry32: a tiny 32-bit generator, good enough for weather noise and fast in JS. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Murmur3's finaliser: spreads the bits of a 32-bit value. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a stream name. */
function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A 32-bit seed for one stream: the user's seed (any finite number; its integer part, all 53
 * bits of it, counts), a stream name and any small integers (year, member index…).
 */
export function streamSeed(seed: number, stream: string, ...parts: number[]): number {
  const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const lo = s >>> 0;
  const hi = Math.floor(s / 4294967296) >>> 0;
  let h = fmix32(lo ^ 0x9e3779b9);
  h = fmix32(h ^ hi);
  h = fmix32(h ^ hashText(stream));
  for (const p of parts) h = fmix32(h ^ (p >>> 0));
  return h;
}

/** A generator for one stream (see streamSeed). */
export function streamRandom(seed: number, stream: string, ...parts: number[]): () => number {
  return mulberry32(streamSeed(seed, stream, ...parts));
}

/** A standard normal draw (Box–Muller; the second value is discarded for simplicity). */
export function gaussian(rand: () => number): number {
  let u = rand();
  while (u <= 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * Standard normal CDF Φ(z) via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): maps an
 * autocorrelated Gaussian to a uniform value, which then becomes any distribution we want
 * (Weibull wind, daily cloudiness) while keeping the autocorrelation.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
