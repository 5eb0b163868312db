/**
 * The balancing engine on the WebAssembly kernels. The cluster's data is copied once into kernel
 * memory (`load`); every `compute` with new settings reuses it, so a slider move costs one
 * recompute and no copy. The only extra memory a compute holds is the windowed import/export
 * (a quarter of the input at 15-minute data and hourly windows) plus per-window series.
 */
import type { ClusterData } from '../ingest/cluster-data';
import { KERNEL_MEMORY_BYTES, capacityProblem } from '../ingest/capacity';
import type { Kernels } from './kernels';
import { batteryBounds, completeOrder, equalShares, grossConsumption, isRenewable, settingsProblem } from './settings';
import type { BalanceResult, BalanceSettings, Kpis, WindowSeries } from './types';

const F64 = 8;
export { KERNEL_MEMORY_BYTES };
/** Per-window series a compute uses (see `compute`). */
const SERIES = ['si', 'se', 's', 'f', 'p', 'h', 'q', 'w', 'charge', 'discharge', 'soc', 'shared', 'gi', 'ge', 'eres'] as const;
type SeriesName = (typeof SERIES)[number];

export class BalanceEngine {
  private data: ClusterData | null = null;
  /** Depends on the data only, not on settings: computed once per load. */
  private grossConsumptionKwh: number | undefined;
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

  compute(settings: BalanceSettings): BalanceResult {
    const data = this.data;
    if (!data) throw new Error('no cluster data loaded');
    const problem = settingsProblem(settings, data.members.length, data.stepMinutes);
    if (problem) throw new Error(problem);
    const k = this.k;
    const m = data.members.length;
    const n = data.intervals;
    const factor = settings.windowMinutes / data.stepMinutes;
    const nw = Math.ceil(n / factor);

    // Layout after the loaded input: windowed matrices (only when windows are coarser than the
    // data), per-window series, per-member totals and the priority order.
    const imp = this.base;
    const exp = imp + m * n * F64;
    let at = exp + m * n * F64;
    const take = (bytes: number) => {
      const p = at;
      at += (bytes + 15) & ~15;
      return p;
    };
    // Members' own batteries rewrite their rows into scratch (the loaded data stays as it was);
    // the windowed matrices are then always materialised.
    const behindMeter = settings.behindMeter ?? [];
    const windowedCopy = factor > 1 || behindMeter.length > 0;
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
    const btmFlows = take(2 * F64);
    this.reserve(at - this.base);
    const f64 = (p: number, len: number) => new Float64Array(k.memory.buffer, p, len);
    // Every kernel below writes what it computes, but a buffer left from the previous compute must
    // never leak into this one: start the per-member totals at zero.
    for (const p of [memberImport, memberExport, allocated, sharedExport]) k.zero(p, m);

    // Step 1: behind-the-meter batteries, at the data's resolution.
    const rowImp = (r: number) => imp + r * n * F64;
    const rowExp = (r: number) => exp + r * n * F64;
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
    if (behindMeter.length > 0) {
      for (let r = 0; r < m; r++) {
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
      k.allocateStatic(impW, ptr.se, shares, 0, 0, ptr.s, allocated, m, nw);
      if (key === 'hybrid') {
        k.hybridFactor(ptr.si, ptr.se, ptr.s, ptr.h, nw);
        k.sharedMin(ptr.si, ptr.se, ptr.s, nw);
      }
    } else {
      new Int32Array(k.memory.buffer, order, m).set(completeOrder(settings.order, m));
      f64(ptr.h, nw).set(f64(ptr.se, nw)); // scratch: the supply left, consumed member by member
      k.zero(ptr.s, nw);
      k.allocatePriority(impW, order, ptr.h, 0, ptr.s, allocated, m, nw);
    }

    // Step 6: storage dispatch; q[w] is each member's share of the discharge per unit unmet demand.
    const battery = settings.battery;
    let endLevel = 0;
    let startLevel = 0;
    if (battery) {
      const { socMin, socMax } = batteryBounds(battery);
      const hours = settings.windowMinutes / 60;
      startLevel = socMin;
      endLevel = k.storageDispatch(
        ptr.si,
        ptr.se,
        ptr.s,
        ptr.charge,
        ptr.discharge,
        ptr.soc,
        ptr.q,
        nw,
        socMin,
        socMax,
        battery.powerKw * hours,
        (battery.dischargePowerKw ?? battery.powerKw) * hours,
        Math.sqrt(battery.roundTrip),
        (battery.importLimitKw ?? 0) * hours,
      );
    } else {
      for (const name of ['charge', 'discharge', 'soc', 'q'] as const) k.zero(ptr[name], nw);
    }

    // Step 5, second pass: each member's allocation, storage discharge included.
    const boost = battery ? ptr.q : 0;
    if (key === 'dynamic') {
      k.ratio(ptr.s, ptr.si, ptr.f, nw);
      k.dynamicWeight(ptr.f, ptr.q, ptr.w, nw);
      k.rowDots(impW, ptr.w, allocated, m, nw);
    } else if (key === 'static' || key === 'hybrid') {
      if (battery) k.allocateStatic(impW, ptr.se, shares, key === 'hybrid' ? ptr.h : 0, boost, 0, allocated, m, nw);
      else if (key === 'hybrid') k.allocateStatic(impW, ptr.se, shares, ptr.h, 0, 0, allocated, m, nw);
    } else if (battery) {
      f64(ptr.h, nw).set(f64(ptr.se, nw));
      k.allocatePriority(impW, order, ptr.h, boost, 0, allocated, m, nw);
    }
    // Producers: export counted as shared, pro rata to each one's share of ΣE.
    k.ratio(ptr.s, ptr.se, ptr.p, nw);
    k.rowDots(expW, ptr.p, sharedExport, m, nw);

    k.settle(ptr.si, ptr.se, ptr.s, ptr.charge, ptr.discharge, ptr.shared, ptr.gi, ptr.ge, nw);

    // Renewable export per window, and the part of S matched to it (p = S/ΣE, before storage).
    k.zero(ptr.eres, nw);
    data.members.forEach((member, r) => {
      if (isRenewable(member)) k.columnSums(expW + r * nw * F64, ptr.eres, 1, nw);
    });
    const renewableExport = k.sum(ptr.eres, nw);
    const sharedBeforeStorage = k.sum(ptr.s, nw);
    const matchedRes = k.dot(ptr.p, ptr.eres, nw);

    const consumption = k.sum(ptr.si, nw);
    const generation = k.sum(ptr.se, nw);
    const sharedTotal = k.sum(ptr.shared, nw);
    const charged = k.sum(ptr.charge, nw);
    const discharged = k.sum(ptr.discharge, nw);
    const kpis: Kpis = {
      consumption_kwh: consumption,
      generation_kwh: generation,
      shared_kwh: sharedTotal,
      grid_import_kwh: k.sum(ptr.gi, nw),
      grid_export_kwh: k.sum(ptr.ge, nw),
      self_consumption: generation > 0 ? sharedTotal / generation : 0,
      self_sufficiency: consumption > 0 ? sharedTotal / consumption : 0,
      peak_grid_import_kw: (k.maximum(ptr.gi, nw) * 60) / settings.windowMinutes,
      battery_charged_kwh: charged,
      battery_discharged_kwh: discharged,
      battery_losses_kwh: battery ? charged - discharged - (endLevel - startLevel) : 0,
      battery_cycles: battery ? discharged / (batteryBounds(battery).socMax - batteryBounds(battery).socMin) : 0,
      res_generation_share: generation > 0 ? renewableExport / generation : 0,
      matched_res_kwh: matchedRes,
      matched_res_share: consumption > 0 ? matchedRes / consumption : 0,
      matched_share: consumption > 0 ? sharedBeforeStorage / consumption : 0,
      battery_blocked_windows: battery ? blockedWindows(f64(ptr.si, nw), f64(ptr.se, nw), f64(ptr.s, nw)) : 0,
      behind_meter_charged_kwh: btmCharged,
      behind_meter_discharged_kwh: btmDischarged,
    };
    if (this.grossConsumptionKwh !== undefined) {
      const c = this.grossConsumptionKwh;
      kpis.gross_consumption_kwh = c;
      kpis.autarky = c > 0 ? (c - kpis.grid_import_kwh) / c : 0;
    }

    const totals = (p: number) => f64(p, m);
    const [mi, me, ma, ms] = [totals(memberImport), totals(memberExport), totals(allocated), totals(sharedExport)];
    const members = data.members.map((member, i) => ({
      id: member.id,
      import_kwh: mi[i],
      export_kwh: me[i],
      allocated_kwh: ma[i],
      shared_export_kwh: ms[i],
    }));

    // Copies out of kernel memory: the next compute overwrites it, and these may be transferred.
    const out = (name: SeriesName) => f64(ptr[name], nw).slice();
    const windows: WindowSeries = {
      startUtcMs: data.startUtcMs,
      minutes: settings.windowMinutes,
      consumption: out('si'),
      generation: out('se'),
      shared: out('shared'),
      gridImport: out('gi'),
      gridExport: out('ge'),
      charge: out('charge'),
      discharge: out('discharge'),
      soc: out('soc'),
    };
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
 * Windows where the battery idled because both unallocated surplus and unmet demand existed
 * (possible only with a static key, §4 step 6): the page explains with this why it barely works.
 */
function blockedWindows(si: Float64Array, se: Float64Array, s: Float64Array): number {
  let blocked = 0;
  for (let w = 0; w < s.length; w++) if (se[w] - s[w] > NEGLIGIBLE_KWH && si[w] - s[w] > NEGLIGIBLE_KWH) blocked++;
  return blocked;
}

/** As the kernels' residual(): below this a surplus or deficit is rounding, not energy. */
const NEGLIGIBLE_KWH = 1e-9;
