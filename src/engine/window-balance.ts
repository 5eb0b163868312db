/**
 * What every balance does once the cluster's per-window series are in kernel memory: storage
 * dispatch (§4 step 6), the closing balance and the KPIs (§4 steps 3–4). Shared by the full
 * engine (BalanceEngine) and the cluster-level fast path (ClusterBalance), so the two cannot
 * drift apart.
 */
import type { Kernels } from './kernels';
import { batteryBounds } from './settings';
import type { BalanceSettings, Kpis, WindowSeries } from './types';

/** Per-window series a compute uses. */
export const SERIES = [
  'si',
  'se',
  's',
  'f',
  'p',
  'h',
  'q',
  'w',
  'charge',
  'discharge',
  'soc',
  'shared',
  'gi',
  'ge',
  'eres',
] as const;
export type SeriesName = (typeof SERIES)[number];
/** Pointers of the per-window series in kernel memory. */
export type SeriesPointers = Record<SeriesName, number>;

/** As the kernels' residual(): below this a surplus or deficit is rounding, not energy. */
const NEGLIGIBLE_KWH = 1e-9;

/**
 * Dispatches the community battery on what the allocation left (si, se, s), writing charge,
 * discharge, soc and q; without a battery they are zero. Returns the start and end levels.
 */
export function dispatch(k: Kernels, ptr: SeriesPointers, nw: number, settings: BalanceSettings): { start: number; end: number } {
  const battery = settings.battery;
  if (!battery) {
    for (const name of ['charge', 'discharge', 'soc', 'q'] as const) k.zero(ptr[name], nw);
    return { start: 0, end: 0 };
  }
  const { socMin, socMax } = batteryBounds(battery);
  const hours = settings.windowMinutes / 60;
  const end = k.storageDispatch(
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
  return { start: socMin, end };
}

/**
 * Settles the windows (shared, grid import and export) and computes the KPIs. Expects si, se,
 * s (before storage), eres (renewable export) and the dispatch's series; writes p = S/ΣE,
 * shared, gi, ge.
 */
export function windowKpis(
  k: Kernels,
  ptr: SeriesPointers,
  nw: number,
  settings: BalanceSettings,
  levels: { start: number; end: number },
  extras: { behindMeterCharged: number; behindMeterDischarged: number; grossConsumption?: number },
): Kpis {
  k.ratio(ptr.s, ptr.se, ptr.p, nw);
  k.settle(ptr.si, ptr.se, ptr.s, ptr.charge, ptr.discharge, ptr.shared, ptr.gi, ptr.ge, nw);
  const battery = settings.battery;
  const renewableExport = k.sum(ptr.eres, nw);
  const sharedBeforeStorage = k.sum(ptr.s, nw);
  // The part of S matched to renewable export in the same window (p = S/ΣE, before storage).
  const matchedRes = k.dot(ptr.p, ptr.eres, nw);
  const consumption = k.sum(ptr.si, nw);
  const generation = k.sum(ptr.se, nw);
  const sharedTotal = k.sum(ptr.shared, nw);
  const charged = k.sum(ptr.charge, nw);
  const discharged = k.sum(ptr.discharge, nw);
  const f64 = (p: number) => new Float64Array(k.memory.buffer, p, nw);
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
    battery_losses_kwh: battery ? charged - discharged - (levels.end - levels.start) : 0,
    battery_cycles: battery ? discharged / (batteryBounds(battery).socMax - batteryBounds(battery).socMin) : 0,
    res_generation_share: generation > 0 ? renewableExport / generation : 0,
    matched_res_kwh: matchedRes,
    matched_res_share: consumption > 0 ? matchedRes / consumption : 0,
    matched_share: consumption > 0 ? sharedBeforeStorage / consumption : 0,
    battery_blocked_windows: battery ? blockedWindows(f64(ptr.si), f64(ptr.se), f64(ptr.s)) : 0,
    behind_meter_charged_kwh: extras.behindMeterCharged,
    behind_meter_discharged_kwh: extras.behindMeterDischarged,
  };
  if (extras.grossConsumption !== undefined) {
    const c = extras.grossConsumption;
    kpis.gross_consumption_kwh = c;
    kpis.autarky = c > 0 ? (c - kpis.grid_import_kwh) / c : 0;
  }
  return kpis;
}

/** The cluster's per-window series, copied out of kernel memory (the next compute overwrites it). */
export function windowSeriesOut(k: Kernels, ptr: SeriesPointers, nw: number, startUtcMs: number, minutes: number): WindowSeries {
  const out = (name: SeriesName) => new Float64Array(k.memory.buffer, ptr[name], nw).slice();
  return {
    startUtcMs,
    minutes,
    consumption: out('si'),
    generation: out('se'),
    shared: out('shared'),
    gridImport: out('gi'),
    gridExport: out('ge'),
    charge: out('charge'),
    discharge: out('discharge'),
    soc: out('soc'),
  };
}

/**
 * Windows where the battery idled because both unallocated surplus and unmet demand existed
 * (possible only with a static key, §4 step 6): the page explains with this why it barely works.
 */
function blockedWindows(si: Float64Array, se: Float64Array, s: Float64Array): number {
  let blocked = 0;
  for (let w = 0; w < s.length; w++) if (se[w]! - s[w]! > NEGLIGIBLE_KWH && si[w]! - s[w]! > NEGLIGIBLE_KWH) blocked++;
  return blocked;
}
