/**
 * The balancing engine on the WebAssembly kernels. The cluster's data is copied once into kernel
 * memory (`load`); every `compute` with new settings reuses it, so a slider move costs one
 * recompute and no copy. The only extra memory a compute holds is the windowed import/export
 * (a quarter of the input at 15-minute data and hourly windows) plus per-window series.
 */
import type { ClusterData } from '../ingest/cluster-data';
import { KERNEL_MEMORY_BYTES, capacityProblem } from '../ingest/capacity';
import type { Kernels } from './kernels';
import {
  batteryBounds,
  completeOrder,
  equalShares,
  grossByRow,
  grossConsumption,
  isRenewable,
  settingsProblem,
} from './settings';
import type { BalanceResult, BalanceSettings, EngineOverlay, Kpis } from './types';
import type { Member } from '../ingest/cluster-data';
import { SERIES, dispatch, windowKpis, windowSeriesOut, type SeriesName } from './window-balance';
import type { ClusterSeries } from './cluster-balance';

const F64 = 8;
export { KERNEL_MEMORY_BYTES };

export class BalanceEngine {
  private data: ClusterData | null = null;
  /** Depends on the data only, not on settings: computed once per load. */
  private grossConsumptionKwh: number | undefined;
  /** Each row's gross consumption (when some generation is metered), for a scenario's total. */
  private grossByRow: Float64Array | undefined;
  private base = 0;

  constructor(private readonly k: Kernels) {}

  /**
   * Copies the cluster's import and export matrices into kernel memory. The caller's arrays are
   * not kept: kernel memory is the one copy the engine holds (see `loaded`).
   */
  load(data: ClusterData): void {
    const cells = data.members.length * data.intervals;
    // Checked first, before any copy: the input alone must leave room for a compute.
    const tooLarge = capacityProblem(data.members.length, data.intervals);
    if (tooLarge) throw new Error(tooLarge);
    if (data.imports.length !== cells || data.exports.length !== cells) {
      throw new Error(`cluster data holds ${data.imports.length} values, expected ${cells}`);
    }
    this.base = this.reserve(2 * cells * F64);
    new Float64Array(this.k.memory.buffer, this.base, cells).set(data.imports);
    new Float64Array(this.k.memory.buffer, this.base + cells * F64, cells).set(data.exports);
    this.grossConsumptionKwh = grossConsumption(data);
    this.grossByRow = this.grossConsumptionKwh === undefined ? undefined : grossByRow(data);
    this.data = { ...data, imports: new Float64Array(0), exports: new Float64Array(0) };
  }

  /**
   * The loaded cluster, its import and export as views into kernel memory: read them before the
   * next compute or load (either may grow memory and detach the views).
   */
  get loaded(): ClusterData | null {
    const data = this.data;
    if (!data) return null;
    const cells = data.members.length * data.intervals;
    return {
      ...data,
      imports: new Float64Array(this.k.memory.buffer, this.base, cells),
      exports: new Float64Array(this.k.memory.buffer, this.base + cells * F64, cells),
    };
  }

  /**
   * Gross consumption (where some generation is metered) of the loaded cluster, or of what
   * `overlay` makes of it: each kept row's own with its import scaled (c + (f − 1)·ΣI), plus added
   * consumers' import. A generator behind a meter does not change what the member uses.
   */
  grossConsumptionOf(overlay?: EngineOverlay): number | undefined {
    const byRow = this.grossByRow;
    if (!overlay || byRow === undefined) return this.grossConsumptionKwh;
    const data = this.loaded!;
    const n = data.intervals;
    const scale = new Map(overlay.scale);
    const excluded = new Set(overlay.excluded);
    let total = 0;
    for (let r = 0; r < data.members.length; r++) {
      if (excluded.has(r)) continue;
      total += byRow[r]!;
      const f = scale.get(r);
      if (f !== undefined) for (let t = r * n; t < (r + 1) * n; t++) total += (f - 1) * data.imports[t]!;
    }
    for (const a of overlay.added) if (a.imports) for (const v of a.imports) total += v;
    return total;
  }

  /**
   * The loaded cluster summed per data interval: consumption, generation, and the export of the
   * members the register lists as renewable sources (the cluster-level fast path's input).
   */
  clusterSeries(): ClusterSeries {
    const data = this.data;
    if (!data) throw new Error('no cluster data loaded');
    const k = this.k;
    const m = data.members.length;
    const n = data.intervals;
    const cells = m * n;
    const out = this.reserve(2 * cells * F64 + 3 * n * F64) + 2 * cells * F64;
    const [si, se, er] = [out, out + n * F64, out + 2 * n * F64];
    for (const p of [si, se, er]) k.zero(p, n);
    k.columnSums(this.base, si, m, n);
    k.columnSums(this.base + cells * F64, se, m, n);
    data.members.forEach((member, r) => {
      if (isRenewable(member)) k.columnSums(this.base + cells * F64 + r * n * F64, er, 1, n);
    });
    const copy = (p: number) => new Float64Array(k.memory.buffer, p, n).slice();
    return {
      startUtcMs: data.startUtcMs,
      stepMinutes: data.stepMinutes,
      consumption: copy(si),
      generation: copy(se),
      renewable: copy(er),
      grossConsumption: this.grossConsumptionKwh,
    };
  }

  /**
   * Balances the loaded cluster with `settings`; with `overlay`, the cluster a scenario makes of
   * it (CLUSTERS.md §4.8) — without copying the loaded data: left-out rows are skipped, changed
   * and added rows are written to scratch at the data's resolution, and only the windowed
   * matrices (which every compute at coarser windows builds anyway) hold the scenario's rows.
   * Member indices in `settings` refer to the overlaid rows: the kept loaded rows in order, then
   * the added ones.
   */
  compute(settings: BalanceSettings, overlay?: EngineOverlay, perWindow?: (view: WindowView) => void): BalanceResult {
    const data = this.data;
    if (!data) throw new Error('no cluster data loaded');
    const k = this.k;
    const n = data.intervals;
    const rows = overlayRows(data, overlay);
    const m = rows.length;
    const gross = this.grossConsumptionOf(overlay);
    const problem = settingsProblem(settings, m, data.stepMinutes);
    if (problem) throw new Error(problem);
    const factor = settings.windowMinutes / data.stepMinutes;
    const nw = Math.ceil(n / factor);

    // Layout after the loaded input: windowed matrices (only when windows are coarser than the
    // data), per-window series, per-member totals and the priority order.
    const imp = this.base;
    // The loaded matrices hold the loaded rows; `m` counts the rows balanced (a scenario's).
    const loadedRows = data.members.length;
    const exp = imp + loadedRows * n * F64;
    let at = exp + loadedRows * n * F64;
    const take = (bytes: number) => {
      const p = at;
      at += (bytes + 15) & ~15;
      return p;
    };
    // Members' own batteries and a scenario's changed or added members rewrite their rows into
    // scratch (the loaded data stay as they were); the windowed matrices are then materialised.
    const behindMeter = settings.behindMeter ?? [];
    const perRow = behindMeter.length > 0 || overlay !== undefined;
    const windowedCopy = factor > 1 || perRow;
    const written = rows.filter((r) => r.write).length;
    const impW = windowedCopy ? take(m * nw * F64) : imp;
    const expW = windowedCopy ? take(m * nw * F64) : exp;
    const ptr = {} as Record<SeriesName, number>;
    for (const name of SERIES) ptr[name] = take(nw * F64);
    const memberImport = take(m * F64);
    const memberExport = take(m * F64);
    const allocated = take(m * F64);
    const sharedExport = take(m * F64);
    const shares = take(m * F64);
    const order = take(m * 4);
    const btmRows = take(behindMeter.length * 2 * n * F64);
    const overlayRowsAt = take(written * 2 * n * F64);
    // Each member's allocation per window, kept only when asked for (bills need it per window).
    const cells = perWindow ? take(m * nw * F64) : 0;
    const btmFlows = take(2 * F64);
    this.reserve(at - this.base);
    const f64 = (p: number, len: number) => new Float64Array(k.memory.buffer, p, len);
    // Every kernel below writes what it computes, but a buffer left from the previous compute must
    // never leak into this one: start the per-member totals at zero.
    for (const p of [memberImport, memberExport, allocated, sharedExport]) k.zero(p, m);

    // Step 1: each row's source at the data's resolution: the loaded row, or the scenario's
    // version of it in scratch, then the member's own battery on top.
    const source: [number, number][] = [];
    let slot = 0;
    for (const r of rows) {
      if (!r.write) {
        source.push([imp + r.src! * n * F64, exp + r.src! * n * F64]);
        continue;
      }
      const at = overlayRowsAt + 2 * slot++ * n * F64;
      const [ri, re] = [f64(at, n), f64(at + n * F64, n)];
      r.write(ri, re, r.src === undefined ? null : [f64(imp + r.src * n * F64, n), f64(exp + r.src * n * F64, n)]);
      source.push([at, at + n * F64]);
    }
    const rowImp = (r: number) => source[r]![0];
    const rowExp = (r: number) => source[r]![1];
    const rewritten = new Map<number, [number, number]>();
    let btmCharged = 0;
    let btmDischarged = 0;
    behindMeter.forEach(({ member, battery }, j) => {
      const outImp = btmRows + 2 * j * n * F64;
      const outExp = outImp + n * F64;
      const { socMin, socMax } = batteryBounds(battery);
      const hours = data.stepMinutes / 60;
      k.behindMeterBattery(
        rowImp(member),
        rowExp(member),
        outImp,
        outExp,
        n,
        socMin,
        socMax,
        battery.powerKw * hours,
        (battery.dischargePowerKw ?? battery.powerKw) * hours,
        Math.sqrt(battery.roundTrip),
        btmFlows,
      );
      const flows = f64(btmFlows, 2);
      btmCharged += flows[0];
      btmDischarged += flows[1];
      rewritten.set(member, [outImp, outExp]);
    });

    // Steps 2–3: window sums and the cluster balance, one pass over each input matrix.
    k.zero(ptr.si, nw);
    k.zero(ptr.se, nw);
    if (perRow) {
      // The leading rows that are the loaded rows as they are (a scenario that only adds members)
      // go in one pass, as without a scenario; the rest row by row.
      let same = 0;
      while (same < m && rows[same]!.src === same && !rows[same]!.write && !rewritten.has(same)) same++;
      if (same > 0) {
        k.windowSums(imp, impW, ptr.si, memberImport, same, n, factor);
        k.windowSums(exp, expW, ptr.se, memberExport, same, n, factor);
      }
      for (let r = same; r < m; r++) {
        const [ri, re] = rewritten.get(r) ?? [rowImp(r), rowExp(r)];
        k.windowSums(ri, impW + r * nw * F64, ptr.si, memberImport + r * F64, 1, n, factor);
        k.windowSums(re, expW + r * nw * F64, ptr.se, memberExport + r * F64, 1, n, factor);
      }
    } else if (factor > 1) {
      k.windowSums(imp, impW, ptr.si, memberImport, m, n, factor);
      k.windowSums(exp, expW, ptr.se, memberExport, m, n, factor);
    } else {
      k.columnSums(imp, ptr.si, m, n);
      k.columnSums(exp, ptr.se, m, n);
      k.rowSums(imp, memberImport, m, n);
      k.rowSums(exp, memberExport, m, n);
    }

    // Step 5, first pass: shared energy S per window under the key.
    const key = settings.key;
    if (key === 'dynamic') {
      k.sharedMin(ptr.si, ptr.se, ptr.s, nw);
    } else if (key === 'static' || key === 'hybrid') {
      f64(shares, m).set(settings.shares ?? equalShares(m));
      k.zero(ptr.s, nw);
      k.allocateStatic(impW, ptr.se, shares, 0, 0, ptr.s, allocated, m, nw, key === 'static' && !settings.battery ? cells : 0);
      if (key === 'hybrid') {
        k.hybridFactor(ptr.si, ptr.se, ptr.s, ptr.h, nw);
        k.sharedMin(ptr.si, ptr.se, ptr.s, nw);
      }
    } else {
      new Int32Array(k.memory.buffer, order, m).set(completeOrder(settings.order, m));
      f64(ptr.h, nw).set(f64(ptr.se, nw)); // scratch: the supply left, consumed member by member
      k.zero(ptr.s, nw);
      k.allocatePriority(impW, order, ptr.h, 0, ptr.s, allocated, m, nw, settings.battery ? 0 : cells);
    }

    // Step 6: storage dispatch; q[w] is each member's share of the discharge per unit unmet demand.
    const battery = settings.battery;
    const levels = dispatch(k, ptr, nw, settings);

    // Step 5, second pass: each member's allocation, storage discharge included.
    const boost = battery ? ptr.q : 0;
    if (key === 'dynamic') {
      k.ratio(ptr.s, ptr.si, ptr.f, nw);
      k.dynamicWeight(ptr.f, ptr.q, ptr.w, nw);
      k.rowDots(impW, ptr.w, allocated, m, nw);
      if (cells) k.scaleRows(impW, ptr.w, cells, m, nw);
    } else if (key === 'static' || key === 'hybrid') {
      if (battery) k.allocateStatic(impW, ptr.se, shares, key === 'hybrid' ? ptr.h : 0, boost, 0, allocated, m, nw, cells);
      else if (key === 'hybrid') k.allocateStatic(impW, ptr.se, shares, ptr.h, 0, 0, allocated, m, nw, cells);
    } else if (battery) {
      f64(ptr.h, nw).set(f64(ptr.se, nw));
      k.allocatePriority(impW, order, ptr.h, boost, 0, allocated, m, nw, cells);
    }
    // Producers: export counted as shared, pro rata to each one's share of ΣE.
    k.ratio(ptr.s, ptr.se, ptr.p, nw);
    k.rowDots(expW, ptr.p, sharedExport, m, nw);

    // Renewable export per window (windowKpis matches S to it and settles the windows).
    k.zero(ptr.eres, nw);
    rows.forEach(({ member }, r) => {
      if (isRenewable(member)) k.columnSums(expW + r * nw * F64, ptr.eres, 1, nw);
    });
    const kpis = windowKpis(k, ptr, nw, settings, levels, {
      behindMeterCharged: btmCharged,
      behindMeterDischarged: btmDischarged,
      grossConsumption: gross,
    });

    const totals = (p: number) => f64(p, m);
    const [mi, me, ma, ms] = [totals(memberImport), totals(memberExport), totals(allocated), totals(sharedExport)];
    const members = rows.map(({ member }, i) => ({
      id: member.id,
      import_kwh: mi[i],
      export_kwh: me[i],
      allocated_kwh: ma[i],
      shared_export_kwh: ms[i],
    }));

    const windows = windowSeriesOut(k, ptr, nw, data.startUtcMs, settings.windowMinutes);
    if (perWindow) {
      // Views into kernel memory, valid during the call only (the next compute overwrites them).
      const row = (p: number) => (r: number) => f64(p + r * nw * F64, nw);
      perWindow({
        kpis,
        members: rows.map((r) => r.member),
        rows: m,
        windows: nw,
        startUtcMs: data.startUtcMs,
        minutes: settings.windowMinutes,
        memberIds: rows.map((r) => r.member.id),
        imports: row(impW),
        exports: row(expW),
        allocated: row(cells),
        consumption: f64(ptr.si, nw),
        generation: f64(ptr.se, nw),
        sharedBeforeStorage: f64(ptr.s, nw),
        renewableExport: f64(ptr.eres, nw),
        charge: f64(ptr.charge, nw),
        discharge: f64(ptr.discharge, nw),
      });
    }
    return { kpis, members, windows };
  }

  private reserve(bytes: number): number {
    // The kernels address 32-bit memory: a larger count would wrap modulo 2^32 and the compute
    // would write over its own input. Refuse before asking.
    const m = this.data?.members.length ?? 0;
    const n = this.data?.intervals ?? 0;
    // The input may fit and a compute's scratch not: `bytes` counts both.
    const problem = capacityProblem(m, n, bytes);
    if (problem) throw new Error(problem);
    const p = this.k.reserve(bytes);
    if (p === 0) {
      throw new Error(
        `the browser gave the engine less than the ${(bytes / 2 ** 30).toFixed(2)} GB that ${m} members × ${n} ` +
          'intervals need: close other tabs, or load fewer members, a shorter period or hourly data',
      );
    }
    return p;
  }
}

/**
 * A compute's per-window numbers, member by member, while they are in kernel memory (for bills,
 * which §5.2 works out per window): each member's windowed import, export and allocation (battery
 * share included), and the cluster's series.
 */
export interface WindowView {
  /** The balance's KPIs (d and X of the bills depend on them). */
  kpis: Kpis;
  /** The balanced rows' register entries, in row order. */
  members: Member[];
  rows: number;
  windows: number;
  startUtcMs: number;
  minutes: number;
  memberIds: string[];
  imports(row: number): Float64Array;
  exports(row: number): Float64Array;
  allocated(row: number): Float64Array;
  consumption: Float64Array;
  generation: Float64Array;
  sharedBeforeStorage: Float64Array;
  renewableExport: Float64Array;
  charge: Float64Array;
  discharge: Float64Array;
}

/** One row of the balanced cluster: a loaded row as it is, or one a scenario writes. */
interface Row {
  member: Member;
  /** The loaded row it comes from (absent for an added member). */
  src?: number;
  /** Writes the row's import and export at the data's resolution (null source: an added member). */
  write?: (imp: Float64Array, exp: Float64Array, source: [Float64Array, Float64Array] | null) => void;
}

/** The rows a compute balances: the loaded ones, or what the overlay makes of them. */
function overlayRows(data: ClusterData, overlay: EngineOverlay | undefined): Row[] {
  if (!overlay) return data.members.map((member, src) => ({ member, src }));
  const excluded = new Set(overlay.excluded);
  const scale = new Map(overlay.scale);
  const behind = new Map<number, Float64Array[]>();
  for (const [row, g] of overlay.behind) behind.set(row, [...(behind.get(row) ?? []), g]);
  const rows: Row[] = [];
  data.members.forEach((base, src) => {
    if (excluded.has(src)) return;
    const f = scale.get(src);
    const gens = behind.get(src);
    const member = overlay.members?.get(src) ?? base;
    if (f === undefined && !gens) return rows.push({ member, src });
    const row: Row = {
      member,
      src,
      write: (imp, exp, from) => {
        const [i0, e0] = from!;
        for (let t = 0; t < imp.length; t++) imp[t] = i0[t]! * (f ?? 1);
        exp.set(e0);
        // Behind the meter a generator first covers the member's own import; the rest is exported.
        for (const g of gens ?? []) {
          for (let t = 0; t < imp.length; t++) {
            const i = imp[t]!;
            const v = g[t]!;
            imp[t] = i > v ? i - v : 0;
            exp[t] = exp[t]! + (v > i ? v - i : 0);
          }
        }
      },
    };
    rows.push(row);
  });
  for (const a of overlay.added) {
    rows.push({
      member: a.member,
      write: (imp, exp) => {
        if (a.imports) imp.set(a.imports);
        else imp.fill(0);
        if (a.exports) exp.set(a.exports);
        else exp.fill(0);
      },
    });
  }
  return rows;
}
