/**
 * The cluster's KPIs from its summed series alone: under every key but the static one the shared
 * energy is min(ΣI, ΣE) per window (CLUSTERS.md §4.3), and the community battery works on what
 * that leaves, so the cluster-level numbers need only ΣI, ΣE and the renewable export per data
 * interval — O(intervals) work, whatever the number of members. A scenario edit that adds
 * generation or a battery, and every cell of a sizing sweep, is computed so; the member columns
 * follow from the full engine only when they are shown.
 */
import type { Kernels } from './kernels';
import type { BalanceSettings, Kpis, WindowSeries } from './types';
import { SERIES, dispatch, windowKpis, windowSeriesOut, type SeriesPointers } from './window-balance';

/** The cluster summed per data interval (kWh): consumption ΣI, generation ΣE, renewable export. */
export interface ClusterSeries {
  startUtcMs: number;
  stepMinutes: number;
  consumption: Float64Array;
  generation: Float64Array;
  renewable: Float64Array;
  /** Gross consumption over the period, where some generation is metered (for autarky). */
  grossConsumption?: number;
}

const F64 = 8;

/** Whether the cluster series alone give the exact KPIs for these settings. */
export function clusterLevel(settings: BalanceSettings): boolean {
  return settings.key !== 'static' && (settings.behindMeter?.length ?? 0) === 0;
}

export class ClusterBalance {
  constructor(private readonly k: Kernels) {}

  /** KPIs (and the per-window series) of the cluster; only for settings where clusterLevel holds. */
  compute(c: ClusterSeries, settings: BalanceSettings): { kpis: Kpis; windows: WindowSeries } {
    if (!clusterLevel(settings)) throw new Error('the cluster series alone do not give a static key or members’ own batteries');
    const k = this.k;
    const n = c.consumption.length;
    const factor = settings.windowMinutes / c.stepMinutes;
    if (!Number.isInteger(factor) || factor < 1) {
      throw new Error(`a ${settings.windowMinutes}-minute window cannot be made from ${c.stepMinutes}-minute data`);
    }
    const nw = Math.ceil(n / factor);
    // Layout: the three inputs, scratch for a windowed row, per-window series, one total.
    const sizes = [n, n, n, nw, ...SERIES.map(() => nw), 1];
    const base = k.reserve(sizes.reduce((a, len) => a + ((len * F64 + 15) & ~15), 0));
    if (base === 0) throw new Error('not enough memory for the cluster series');
    let at = base;
    const take = (len: number) => {
      const p = at;
      at += (len * F64 + 15) & ~15;
      return p;
    };
    const [inI, inE, inR, scratch] = [take(n), take(n), take(n), take(nw)];
    const ptr = {} as SeriesPointers;
    for (const name of SERIES) ptr[name] = take(nw);
    const total = take(1);
    new Float64Array(k.memory.buffer, inI, n).set(c.consumption);
    new Float64Array(k.memory.buffer, inE, n).set(c.generation);
    new Float64Array(k.memory.buffer, inR, n).set(c.renewable);
    for (const [src, dst] of [
      [inI, ptr.si],
      [inE, ptr.se],
      [inR, ptr.eres],
    ] as const) {
      k.zero(dst, nw);
      k.windowSums(src, scratch, dst, total, 1, n, factor);
    }
    k.sharedMin(ptr.si, ptr.se, ptr.s, nw);
    const levels = dispatch(k, ptr, nw, settings);
    const kpis = windowKpis(k, ptr, nw, settings, levels, {
      behindMeterCharged: 0,
      behindMeterDischarged: 0,
      grossConsumption: c.grossConsumption,
    });
    return { kpis, windows: windowSeriesOut(k, ptr, nw, c.startUtcMs, settings.windowMinutes) };
  }
}
