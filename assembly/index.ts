// Balancing kernels of an energy cluster (CLUSTERS.md §4), compiled to WebAssembly with SIMD.
//
// Pure numbers: no I/O, no allocation, nothing imported. The host (src/engine/kernels.ts) owns the
// memory layout: it asks `reserve` for room, writes f64 arrays straight into linear memory and
// passes byte offsets here. Matrices are member-major (member i's row is contiguous), so every
// per-window sum over members is a column sum done two windows at a time with f64x2.
//
// Performance rules kept here because this is where they bite:
// - one streaming pass per input matrix: window aggregation also accumulates the cluster sums;
// - every loop over windows is f64x2 with a scalar tail;
// - the only sequential loop is storage dispatch, over windows (35,040 steps), never members.

/** Room for `bytes` bytes from the returned offset (16-byte aligned); 0 when memory cannot grow. */
export function reserve(bytes: usize): usize {
  const base = (__heap_base + 15) & ~(<usize>15);
  const needed = base + bytes;
  const have = (<usize>memory.size()) << 16;
  if (needed > have) {
    const pages = <i32>((needed - have + 0xffff) >>> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  return base;
}

/** dst[i] = 0 for n values. */
export function zero(dst: usize, n: i32): void {
  memory.fill(dst, 0, (<usize>n) << 3);
}

/**
 * Netting windows (§4 step 2): sums `factor` consecutive intervals of each of `rows` rows of
 * length `n` into rows of length ceil(n / factor) at `dst`, adds every window into `acc`
 * (the cluster sum ΣI or ΣE per window, zeroed by the caller) and writes each row's total over
 * the period into `totals`: all in the one pass over the input that bandwidth allows.
 */
export function windowSums(src: usize, dst: usize, acc: usize, totals: usize, rows: i32, n: i32, factor: i32): void {
  const nw = (n + factor - 1) / factor;
  const full = n / factor;
  for (let r = 0; r < rows; r++) {
    const row = src + ((<usize>r * <usize>n) << 3);
    const out = dst + ((<usize>r * <usize>nw) << 3);
    let w = 0;
    let total = f64x2.splat(0);
    if (factor == 4) {
      // A quarter-hour year into hours, two hours per step: four f64x2 loads give the partial
      // sums (a0, a1) and (b0, b1); one shuffle pairs them so that a single add yields both hours.
      const full2 = full & ~1;
      for (; w < full2; w += 2) {
        const p = row + ((<usize>w) << 5);
        const a = f64x2.add(v128.load(p), v128.load(p, 16));
        const b = f64x2.add(v128.load(p, 32), v128.load(p, 48));
        const hours = f64x2.add(v128.shuffle<f64>(a, b, 0, 2), v128.shuffle<f64>(a, b, 1, 3));
        const o = (<usize>w) << 3;
        v128.store(out + o, hours);
        v128.store(acc + o, f64x2.add(v128.load(acc + o), hours));
        total = f64x2.add(total, hours);
      }
    }
    let rowTotal = f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
    for (; w < full; w++) {
      const p = row + ((<usize>w * <usize>factor) << 3);
      let s = 0.0;
      for (let k = 0; k < factor; k++) s += load<f64>(p + ((<usize>k) << 3));
      const o = (<usize>w) << 3;
      store<f64>(out + o, s);
      store<f64>(acc + o, load<f64>(acc + o) + s);
      rowTotal += s;
    }
    if (nw > full) {
      let s = 0.0;
      for (let k = full * factor; k < n; k++) s += load<f64>(row + ((<usize>k) << 3));
      const o = (<usize>full) << 3;
      store<f64>(out + o, s);
      store<f64>(acc + o, load<f64>(acc + o) + s);
      rowTotal += s;
    }
    store<f64>(totals + ((<usize>r) << 3), rowTotal);
  }
}

/** acc[w] += Σ_r src[r][w] over `rows` rows of length n (windows equal to the data resolution). */
export function columnSums(src: usize, acc: usize, rows: i32, n: i32): void {
  const n2 = n & ~1;
  for (let r = 0; r < rows; r++) {
    const row = src + ((<usize>r * <usize>n) << 3);
    for (let w = 0; w < n2; w += 2) {
      const o = (<usize>w) << 3;
      v128.store(acc + o, f64x2.add(v128.load(acc + o), v128.load(row + o)));
    }
    if (n2 < n) {
      const o = (<usize>n2) << 3;
      store<f64>(acc + o, load<f64>(acc + o) + load<f64>(row + o));
    }
  }
}

/** out[r] = Σ_w src[r][w]: each member's total over the period. */
export function rowSums(src: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    store<f64>(out + ((<usize>r) << 3), sum(src + ((<usize>r * <usize>n) << 3), n));
  }
}

/** Σ x[w]. */
export function sum(x: usize, n: i32): f64 {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  const n4 = n & ~3;
  let w = 0;
  for (; w < n4; w += 4) {
    const p = x + ((<usize>w) << 3);
    a = f64x2.add(a, v128.load(p));
    b = f64x2.add(b, v128.load(p, 16));
  }
  a = f64x2.add(a, b);
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  for (; w < n; w++) s += load<f64>(x + ((<usize>w) << 3));
  return s;
}

/** max x[w], or 0 for an empty series (energies are never negative). */
export function maximum(x: usize, n: i32): f64 {
  let m = 0.0;
  for (let w = 0; w < n; w++) m = max(m, load<f64>(x + ((<usize>w) << 3)));
  return m;
}

/** Σ x[w]·y[w]: a member's allocated energy is its windowed import weighted by a per-window factor. */
export function dot(x: usize, y: usize, n: i32): f64 {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  const n4 = n & ~3;
  let w = 0;
  for (; w < n4; w += 4) {
    const o = (<usize>w) << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    b = f64x2.add(b, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  a = f64x2.add(a, b);
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  for (; w < n; w++) {
    const o = (<usize>w) << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}

/** out[r] = Σ_w src[r][w]·weight[w] for every row. */
export function rowDots(src: usize, weight: usize, out: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    store<f64>(out + ((<usize>r) << 3), dot(src + ((<usize>r * <usize>n) << 3), weight, n));
  }
}

/** out[w] = num[w] / den[w], or 0 where den[w] is 0. */
export function ratio(num: usize, den: usize, out: usize, n: i32): void {
  const zeros = f64x2.splat(0);
  const n2 = n & ~1;
  for (let w = 0; w < n2; w += 2) {
    const o = (<usize>w) << 3;
    const d = v128.load(den + o);
    const q = f64x2.div(v128.load(num + o), d);
    v128.store(out + o, v128.bitselect(zeros, q, f64x2.eq(d, zeros)));
  }
  if (n2 < n) {
    const o = (<usize>n2) << 3;
    const d = load<f64>(den + o);
    store<f64>(out + o, d == 0 ? 0 : load<f64>(num + o) / d);
  }
}

/** Shared energy of the dynamic, hybrid and priority keys (§4 step 3): s[w] = min(ΣI, ΣE). */
export function sharedMin(si: usize, se: usize, s: usize, n: i32): void {
  const n2 = n & ~1;
  for (let w = 0; w < n2; w += 2) {
    const o = (<usize>w) << 3;
    v128.store(s + o, f64x2.min(v128.load(si + o), v128.load(se + o)));
  }
  if (n2 < n) {
    const o = (<usize>n2) << 3;
    store<f64>(s + o, min(load<f64>(si + o), load<f64>(se + o)));
  }
}

/**
 * Static key (§4.5): a = min(I_i, share_i·ΣE) per window. With `hybrid` the remainder is spread
 * over each member's unmet demand: a += (I_i − a)·h with h = min(1, R/Σr) precomputed per window.
 * With `boost` (storage discharge, §4.6) a += (I_i − a)·q. Adds a into `s` when `s` is not 0,
 * and writes each member's total into `out`.
 */
/** out[r][w] = src[r][w] · weight[w]: each member's allocation per window under the dynamic key. */
export function scaleRows(src: usize, weight: usize, out: usize, rows: i32, n: i32): void {
  const n2 = n & ~1;
  for (let r = 0; r < rows; r++) {
    const row = (<usize>r * <usize>n) << 3;
    for (let w = 0; w < n2; w += 2) {
      const o = (<usize>w) << 3;
      v128.store(out + row + o, f64x2.mul(v128.load(src + row + o), v128.load(weight + o)));
    }
    if (n2 < n) {
      const o = (<usize>n2) << 3;
      store<f64>(out + row + o, load<f64>(src + row + o) * load<f64>(weight + o));
    }
  }
}

export function allocateStatic(
  imp: usize,
  se: usize,
  shares: usize,
  hybrid: usize,
  boost: usize,
  s: usize,
  out: usize,
  rows: i32,
  n: i32,
  cells: usize,
): void {
  const n2 = n & ~1;
  for (let r = 0; r < rows; r++) {
    const row = imp + ((<usize>r * <usize>n) << 3);
    const cellRow = cells ? cells + ((<usize>r * <usize>n) << 3) : 0;
    const share = load<f64>(shares + ((<usize>r) << 3));
    const sv = f64x2.splat(share);
    let total = f64x2.splat(0);
    for (let w = 0; w < n2; w += 2) {
      const o = (<usize>w) << 3;
      const i = v128.load(row + o);
      let a = f64x2.min(i, f64x2.mul(sv, v128.load(se + o)));
      if (hybrid) a = f64x2.add(a, f64x2.mul(f64x2.sub(i, a), v128.load(hybrid + o)));
      if (boost) a = f64x2.add(a, f64x2.mul(f64x2.sub(i, a), v128.load(boost + o)));
      if (s) v128.store(s + o, f64x2.add(v128.load(s + o), a));
      if (cellRow) v128.store(cellRow + o, a);
      total = f64x2.add(total, a);
    }
    let t = f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
    if (n2 < n) {
      const o = (<usize>n2) << 3;
      const i = load<f64>(row + o);
      let a = min(i, share * load<f64>(se + o));
      if (hybrid) a += (i - a) * load<f64>(hybrid + o);
      if (boost) a += (i - a) * load<f64>(boost + o);
      if (s) store<f64>(s + o, load<f64>(s + o) + a);
      if (cellRow) store<f64>(cellRow + o, a);
      t += a;
    }
    store<f64>(out + ((<usize>r) << 3), t);
  }
}

/**
 * Hybrid key's second step: h[w] = min(1, R/Σr) with R = ΣE − ΣA_static and Σr = ΣI − ΣA_static,
 * 0 where no demand is left.
 */
export function hybridFactor(si: usize, se: usize, sStatic: usize, h: usize, n: i32): void {
  for (let w = 0; w < n; w++) {
    const o = (<usize>w) << 3;
    const a = load<f64>(sStatic + o);
    const rest = load<f64>(si + o) - a;
    const supply = load<f64>(se + o) - a;
    store<f64>(h + o, rest > 0 ? min(1.0, max(0.0, supply) / rest) : 0.0);
  }
}

/**
 * Priority key (§4.5): members in `order` (i32 row indices) each take min(remaining, I_i).
 * `remaining` starts as a copy of ΣE made by the caller and is consumed. Adds a into `s` when `s`
 * is not 0. With `boost` the member also gets (I_i − a)·q of the storage discharge. Writes each
 * member's total into `out`.
 */
export function allocatePriority(
  imp: usize,
  order: usize,
  remaining: usize,
  boost: usize,
  s: usize,
  out: usize,
  count: i32,
  n: i32,
  cells: usize,
): void {
  const n2 = n & ~1;
  for (let k = 0; k < count; k++) {
    const r = load<i32>(order + ((<usize>k) << 2));
    const row = imp + ((<usize>r * <usize>n) << 3);
    const cellRow = cells ? cells + ((<usize>r * <usize>n) << 3) : 0;
    let total = f64x2.splat(0);
    for (let w = 0; w < n2; w += 2) {
      const o = (<usize>w) << 3;
      const i = v128.load(row + o);
      const rem = v128.load(remaining + o);
      let a = f64x2.min(i, rem);
      v128.store(remaining + o, f64x2.sub(rem, a));
      if (s) v128.store(s + o, f64x2.add(v128.load(s + o), a));
      if (boost) a = f64x2.add(a, f64x2.mul(f64x2.sub(i, a), v128.load(boost + o)));
      if (cellRow) v128.store(cellRow + o, a);
      total = f64x2.add(total, a);
    }
    let t = f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
    if (n2 < n) {
      const o = (<usize>n2) << 3;
      const i = load<f64>(row + o);
      let a = min(i, load<f64>(remaining + o));
      store<f64>(remaining + o, load<f64>(remaining + o) - a);
      if (s) store<f64>(s + o, load<f64>(s + o) + a);
      if (boost) a += (i - a) * load<f64>(boost + o);
      if (cellRow) store<f64>(cellRow + o, a);
      t += a;
    }
    store<f64>(out + ((<usize>r) << 3), t);
  }
}

/** Below this a residual surplus or deficit is rounding, not energy: 1 µWh. Same in reference.ts. */
const NEGLIGIBLE_KWH: f64 = 1e-9;

// Small enough that -O3 inlines it into the dispatch loop.
function residual(x: f64): f64 {
  return x > NEGLIGIBLE_KWH ? x : 0;
}

/**
 * Community storage (§4.6), on what the allocation left. Per window: surplus U = ΣE − S and
 * deficit D = ΣI − S; charge min(U, P·W, (SoC_max − SoC)/η) when only U > 0, discharge
 * min(D, P·W, (SoC − SoC_min)·η) when only D > 0, η = √(round trip). Starts at SoC_min.
 * Writes charge, discharge, SoC at the window's end, and q = discharge / D (each member's share
 * of the discharge is q times its unmet demand). Returns the final SoC. Peak shaving: only the
 * deficit above `keep` (the grid-import limit × W) is discharged, so charge is left for the peaks.
 */
export function storageDispatch(
  si: usize,
  se: usize,
  s: usize,
  charge: usize,
  discharge: usize,
  soc: usize,
  q: usize,
  n: i32,
  socMin: f64,
  socMax: f64,
  chargeLimit: f64,
  dischargeLimit: f64,
  eta: f64,
  keep: f64,
): f64 {
  let level = socMin;
  for (let w = 0; w < n; w++) {
    const o = (<usize>w) << 3;
    const shared = load<f64>(s + o);
    // Rounding leaves residues of ~1e-13 kWh where S = min(ΣI, ΣE); they are not energy.
    const u = residual(load<f64>(se + o) - shared);
    const d = residual(load<f64>(si + o) - shared);
    let c = 0.0;
    let x = 0.0;
    if (u > 0 && d == 0) {
      c = min(u, min(chargeLimit, (socMax - level) / eta));
      if (c < 0) c = 0;
      level += c * eta;
    } else if (d > keep && u == 0) {
      // Peak shaving keeps `keep` kWh of each window's deficit on the grid (0: self-consumption).
      x = min(d - keep, min(dischargeLimit, (level - socMin) * eta));
      if (x < 0) x = 0;
      level -= x / eta;
    }
    store<f64>(charge + o, c);
    store<f64>(discharge + o, x);
    store<f64>(soc + o, level);
    store<f64>(q + o, d > 0 ? x / d : 0.0);
  }
  return level;
}

/**
 * Closing balance per window (§4 steps 3 and 6): shared = S + discharge,
 * grid import = ΣI − shared, grid export = ΣE − S − charge.
 */
export function settle(
  si: usize,
  se: usize,
  s: usize,
  charge: usize,
  discharge: usize,
  shared: usize,
  gridImport: usize,
  gridExport: usize,
  n: i32,
): void {
  const n2 = n & ~1;
  for (let w = 0; w < n2; w += 2) {
    const o = (<usize>w) << 3;
    const sv = v128.load(s + o);
    const total = f64x2.add(sv, v128.load(discharge + o));
    v128.store(shared + o, total);
    v128.store(gridImport + o, f64x2.sub(v128.load(si + o), total));
    v128.store(gridExport + o, f64x2.sub(f64x2.sub(v128.load(se + o), sv), v128.load(charge + o)));
  }
  if (n2 < n) {
    const o = (<usize>n2) << 3;
    const sv = load<f64>(s + o);
    const total = sv + load<f64>(discharge + o);
    store<f64>(shared + o, total);
    store<f64>(gridImport + o, load<f64>(si + o) - total);
    store<f64>(gridExport + o, load<f64>(se + o) - sv - load<f64>(charge + o));
  }
}

/**
 * Dynamic key with storage folded in (§4.5–4.6): a member's allocation in window w is
 * I_i·f + (I_i − I_i·f)·q with f = S/ΣI, i.e. I_i·(f + q·(1 − f)). Writes that weight.
 */
export function dynamicWeight(f: usize, q: usize, out: usize, n: i32): void {
  const one = f64x2.splat(1);
  const n2 = n & ~1;
  for (let w = 0; w < n2; w += 2) {
    const o = (<usize>w) << 3;
    const fv = v128.load(f + o);
    v128.store(out + o, f64x2.add(fv, f64x2.mul(v128.load(q + o), f64x2.sub(one, fv))));
  }
  if (n2 < n) {
    const o = (<usize>n2) << 3;
    const fv = load<f64>(f + o);
    store<f64>(out + o, fv + load<f64>(q + o) * (1 - fv));
  }
}
export * from './behind-meter';
export * from './stats';
