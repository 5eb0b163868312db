// Statistics kernels for charts and reports (CLUSTERS.md §4 step 4, §7 item 7): the residual load
// duration curve, month × hour-of-day matrices, histograms, min/max/sum and M4 downsampling.
//
// Same contract as index.ts: f64 series at byte offsets the host chose, nothing allocated, nothing
// imported. Every kernel writes all of its output (zeroing its accumulators itself), so the host
// never has to clear memory between calls. NaN never reaches these kernels (the series come out of
// the balance), so comparisons need no NaN cases.

// ---------------------------------------------------------------------------------------------
// Sorting: LSD radix sort on the f64 bit patterns.
//
// A comparison sort of 35,040–350,400 values costs n·log2(n) ≈ 17–19 compares per value with
// unpredictable branches; radix sort is six sequential passes with no compares. Each f64 is mapped
// to a u64 key whose unsigned order is the descending order of the values, so the passes only ever
// sort keys ascending:
//   value ≥ +0 (sign bit clear): key = bits ^ 0x7FFF…F  (larger value → smaller key, key < 2^63)
//   value ≤ −0 (sign bit set):   key = bits             (more negative → larger key, key ≥ 2^63)
// The xor mask depends only on the sign bit, which it never changes, so the map is its own inverse
// and any pass can encode on load and decode on store with the same three instructions.
// +0 sorts before −0 (as in Float64Array.prototype.sort reversed).

/** Bits per digit: 2048 counters (8 KB) per pass stay in L1; 64 bits take six passes. */
const DIGIT_BITS: i32 = 11;
const DIGITS: i32 = 1 << DIGIT_BITS;
const DIGIT_MASK: u64 = <u64>(DIGITS - 1);
const PASSES: i32 = (64 + DIGIT_BITS - 1) / DIGIT_BITS;

/**
 * The counters of every pass, in the module's static data (below __heap_base, so clear of
 * anything `reserve` hands out). Static, not host-provided, so `scratch` stays exactly n f64.
 */
const COUNTS: usize = memory.data(PASSES * DIGITS * 4, 16);

/** The xor mask that turns bits into a descending key and back (see above). */
function keyMask(bits: u64): u64 {
  return ~(<u64>((<i64>bits) >> 63)) >>> 1;
}

/**
 * dst = the n values at src sorted descending (the load duration curve). `scratch` holds n f64.
 * src, dst and scratch must not overlap; src is left as it was.
 */
export function sortDescending(src: usize, dst: usize, n: i32, scratch: usize): void {
  if (n <= 1) {
    memory.copy(dst, src, (<usize>n) << 3);
    return;
  }
  memory.fill(COUNTS, 0, <usize>(PASSES * DIGITS * 4));
  // One pass counts the digits of all six passes.
  for (let i = 0; i < n; i++) {
    const x = load<u64>(src + ((<usize>i) << 3));
    const key = x ^ keyMask(x);
    for (let p = 0; p < PASSES; p++) {
      const c = COUNTS + ((<usize>(p * DIGITS) + <usize>((key >> (<u64>(p * DIGIT_BITS))) & DIGIT_MASK)) << 2);
      store<u32>(c, load<u32>(c) + 1);
    }
  }
  // A pass where every key has the same digit would only copy: skip it. Meter data often shares
  // the top digit (sign and exponent), and an all-equal series skips every pass.
  const firstKey = load<u64>(src) ^ keyMask(load<u64>(src));
  let needed = 0;
  for (let p = 0; p < PASSES; p++) {
    const counts = COUNTS + ((<usize>(p * DIGITS)) << 2);
    const d = <usize>((firstKey >> (<u64>(p * DIGIT_BITS))) & DIGIT_MASK);
    if (load<u32>(counts + (d << 2)) == <u32>n) {
      store<u32>(counts, 0xffffffff); // marks the pass as skipped
    } else {
      needed++;
      let sum: u32 = 0;
      for (let k = 0; k < DIGITS; k++) {
        const c = counts + ((<usize>k) << 2);
        const v = load<u32>(c);
        store<u32>(c, sum);
        sum += v;
      }
    }
  }
  if (needed == 0) {
    memory.copy(dst, src, (<usize>n) << 3);
    return;
  }
  // The last pass must land in dst, so the first goes to dst when the count is odd.
  let from = src;
  let to = needed & 1 ? dst : scratch;
  let done = 0;
  for (let p = 0; p < PASSES; p++) {
    const counts = COUNTS + ((<usize>(p * DIGITS)) << 2);
    // A needed pass starts its offsets at 0, so the mark is unambiguous.
    if (load<u32>(counts) == 0xffffffff) continue;
    done++;
    // Encode on the way in from src, decode on the way out to dst. The key picks the digit; the
    // stored word is x flipped when exactly one of the two applies (a single pass does both).
    const encodeIn: u64 = from == src ? ~(<u64>0) : 0;
    const decodeOut: u64 = done == needed ? ~(<u64>0) : 0;
    const flipOut = encodeIn ^ decodeOut;
    const shift = <u64>(p * DIGIT_BITS);
    for (let i = 0; i < n; i++) {
      const x = load<u64>(from + ((<usize>i) << 3));
      const m = keyMask(x);
      const key = x ^ (m & encodeIn);
      const c = counts + ((<usize>((key >> shift) & DIGIT_MASK)) << 2);
      const at = load<u32>(c);
      store<u32>(c, at + 1);
      store<u64>(to + ((<usize>at) << 3), x ^ (m & flipOut));
    }
    from = to;
    to = to == dst ? scratch : dst;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Month × hour-of-day profile: for every interval, adds its value into cell month·24 + hour of
 * `sumsOut` (12×24 f64) and 1 into the same cell of `countsOut`. `monthOf` and `hourOf` are u8 per
 * interval (local month 0–11, local hour 0–23), computed once by the host from the time grid; the
 * host checks them and divides for the means. Both outputs are zeroed first. A scatter-add, so
 * scalar: SIMD lanes could hit the same cell.
 */
export function monthHourMatrix(series: usize, n: i32, monthOf: usize, hourOf: usize, sumsOut: usize, countsOut: usize): void {
  memory.fill(sumsOut, 0, 12 * 24 * 8);
  memory.fill(countsOut, 0, 12 * 24 * 8);
  for (let i = 0; i < n; i++) {
    const cell = (<usize>load<u8>(monthOf + <usize>i) * 24 + <usize>load<u8>(hourOf + <usize>i)) << 3;
    store<f64>(sumsOut + cell, load<f64>(sumsOut + cell) + load<f64>(series + ((<usize>i) << 3)));
    store<f64>(countsOut + cell, load<f64>(countsOut + cell) + 1.0);
  }
}

/**
 * Counts of `bins` equal-width bins over [lo, hi] into `countsOut` (f64, zeroed first): bin
 * floor((x − lo)·bins/(hi − lo)), values below lo in the first bin, values at or above hi in the
 * last. When hi ≤ lo (a constant series) every value goes to the first bin. The bin indices are
 * computed two at a time; the increments are a scatter and stay scalar.
 */
export function histogram(series: usize, n: i32, lo: f64, hi: f64, bins: i32, countsOut: usize): void {
  if (bins <= 0) return;
  memory.fill(countsOut, 0, (<usize>bins) << 3);
  if (!(hi > lo)) {
    store<f64>(countsOut, <f64>n);
    return;
  }
  // The reference (stats-reference.ts) computes the same expression in the same order, so both
  // put a value on a bin edge into the same bin.
  const scale = <f64>bins / (hi - lo);
  const last = <f64>(bins - 1);
  const loV = f64x2.splat(lo);
  const scaleV = f64x2.splat(scale);
  const zeroV = f64x2.splat(0);
  const lastV = f64x2.splat(last);
  const n2 = n & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const t = f64x2.floor(f64x2.mul(f64x2.sub(v128.load(series + ((<usize>i) << 3)), loV), scaleV));
    const b = i32x4.trunc_sat_f64x2_s_zero(f64x2.min(f64x2.max(t, zeroV), lastV));
    const c0 = countsOut + ((<usize>i32x4.extract_lane(b, 0)) << 3);
    store<f64>(c0, load<f64>(c0) + 1.0);
    const c1 = countsOut + ((<usize>i32x4.extract_lane(b, 1)) << 3);
    store<f64>(c1, load<f64>(c1) + 1.0);
  }
  if (i < n) {
    const t = floor<f64>((load<f64>(series + ((<usize>i) << 3)) - lo) * scale);
    const c = countsOut + ((<usize>(<i32>min(max(t, 0.0), last))) << 3);
    store<f64>(c, load<f64>(c) + 1.0);
  }
}

/**
 * out3 = [min, max, sum] in one pass, four values per step in two f64x2 accumulators each.
 * An empty series gives [+∞, −∞, 0]. Min and max follow f64.min/max (−0 below +0), as Math.min
 * and Math.max do, so they are exact; the sum's order differs from a sequential one.
 */
export function minMaxSum(series: usize, n: i32, out3: usize): void {
  let lo0 = f64x2.splat(Infinity);
  let lo1 = lo0;
  let hi0 = f64x2.splat(-Infinity);
  let hi1 = hi0;
  let s0 = f64x2.splat(0);
  let s1 = s0;
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const p = series + ((<usize>i) << 3);
    const a = v128.load(p);
    const b = v128.load(p, 16);
    lo0 = f64x2.min(lo0, a);
    lo1 = f64x2.min(lo1, b);
    hi0 = f64x2.max(hi0, a);
    hi1 = f64x2.max(hi1, b);
    s0 = f64x2.add(s0, a);
    s1 = f64x2.add(s1, b);
  }
  lo0 = f64x2.min(lo0, lo1);
  hi0 = f64x2.max(hi0, hi1);
  s0 = f64x2.add(s0, s1);
  let lo = min(f64x2.extract_lane(lo0, 0), f64x2.extract_lane(lo0, 1));
  let hi = max(f64x2.extract_lane(hi0, 0), f64x2.extract_lane(hi0, 1));
  let s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  for (; i < n; i++) {
    const x = load<f64>(series + ((<usize>i) << 3));
    lo = min(lo, x);
    hi = max(hi, x);
    s += x;
  }
  store<f64>(out3, lo);
  store<f64>(out3, hi, 8);
  store<f64>(out3, s, 16);
}

/**
 * M4 aggregation (Jugel et al., VLDB 2014): bucket b of `buckets` covers intervals
 * floor(b·n/buckets) … floor((b+1)·n/buckets) − 1, and gets 8 f64 in `out`: index and value of
 * its first, minimum, maximum and last interval. A line chart drawn through these points is
 * pixel-identical to one drawn through all n. Min and max are the first occurrence (strictly
 * smaller/larger wins), tracked per SIMD lane with the index and merged with ties going to the
 * lower index, which gives exactly the sequential answer. An empty bucket (n < buckets) gets NaN
 * in all 8 places; the host skips it.
 */
export function downsampleM4(series: usize, n: i32, buckets: i32, out: usize): void {
  for (let b = 0; b < buckets; b++) {
    // i64: b·n passes 2^31 at 350,400 intervals and 6,200 pixels.
    const start = <i32>((<i64>b * <i64>n) / <i64>buckets);
    const end = <i32>(((<i64>b + 1) * <i64>n) / <i64>buckets);
    const o = out + ((<usize>b) << 6);
    if (start >= end) {
      for (let k = 0; k < 8; k++) store<f64>(o + ((<usize>k) << 3), NaN);
      continue;
    }
    let minV = f64x2.splat(Infinity);
    let minI = f64x2.splat(-1);
    let maxV = f64x2.splat(-Infinity);
    let maxI = f64x2.splat(-1);
    let idx = f64x2(<f64>start, <f64>(start + 1));
    const two = f64x2.splat(2);
    const pairsEnd = start + ((end - start) & ~1);
    let i = start;
    for (; i < pairsEnd; i += 2) {
      const v = v128.load(series + ((<usize>i) << 3));
      const lt = f64x2.lt(v, minV);
      minV = v128.bitselect(v, minV, lt);
      minI = v128.bitselect(idx, minI, lt);
      const gt = f64x2.gt(v, maxV);
      maxV = v128.bitselect(v, maxV, gt);
      maxI = v128.bitselect(idx, maxI, gt);
      idx = f64x2.add(idx, two);
    }
    // Merge the lanes: the smaller (larger) value, on a tie the lower index. A lane that saw no
    // value holds ±∞ and index −1, and loses to any lane that did.
    let mn = f64x2.extract_lane(minV, 0);
    let mi = f64x2.extract_lane(minI, 0);
    const mn1 = f64x2.extract_lane(minV, 1);
    const mi1 = f64x2.extract_lane(minI, 1);
    if (mi < 0 || (mi1 >= 0 && (mn1 < mn || (mn1 == mn && mi1 < mi)))) {
      mn = mn1;
      mi = mi1;
    }
    let mx = f64x2.extract_lane(maxV, 0);
    let xi = f64x2.extract_lane(maxI, 0);
    const mx1 = f64x2.extract_lane(maxV, 1);
    const xi1 = f64x2.extract_lane(maxI, 1);
    if (xi < 0 || (xi1 >= 0 && (mx1 > mx || (mx1 == mx && xi1 < xi)))) {
      mx = mx1;
      xi = xi1;
    }
    if (i < end) {
      // The odd value out is the bucket's last, so it only wins when strictly beyond.
      const v = load<f64>(series + ((<usize>i) << 3));
      if (mi < 0 || v < mn) {
        mn = v;
        mi = <f64>i;
      }
      if (xi < 0 || v > mx) {
        mx = v;
        xi = <f64>i;
      }
    }
    store<f64>(o, <f64>start);
    store<f64>(o, load<f64>(series + ((<usize>start) << 3)), 8);
    store<f64>(o, mi, 16);
    store<f64>(o, mn, 24);
    store<f64>(o, xi, 32);
    store<f64>(o, mx, 40);
    store<f64>(o, <f64>(end - 1), 48);
    store<f64>(o, load<f64>(series + ((<usize>(end - 1)) << 3)), 56);
  }
}
