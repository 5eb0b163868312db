/**
 * The scenario's cluster series from the loaded cluster's, changed only where the overlay
 * changes something: O(intervals × changed members), so a scenario edit never reads the whole
 * cluster again. The same overlay applied row by row in BalanceEngine gives the same sums.
 */
import type { ClusterData } from '../ingest/cluster-data';
import type { ClusterSeries } from './cluster-balance';
import { isRenewable } from './settings';
import type { EngineOverlay } from './types';

export function overlaidSeries(
  base: ClusterSeries,
  data: ClusterData,
  overlay: EngineOverlay,
  grossConsumption?: number,
): ClusterSeries {
  const n = data.intervals;
  const consumption = base.consumption.slice();
  const generation = base.generation.slice();
  const renewable = base.renewable.slice();
  const row = (r: number) => [data.imports.subarray(r * n, (r + 1) * n), data.exports.subarray(r * n, (r + 1) * n)] as const;
  // Loaded rows leave with what they brought.
  const remove = (r: number) => {
    const [imp, exp] = row(r);
    const res = isRenewable(data.members[r]!);
    for (let t = 0; t < n; t++) {
      consumption[t] = consumption[t]! - imp[t]!;
      generation[t] = generation[t]! - exp[t]!;
      if (res) renewable[t] = renewable[t]! - exp[t]!;
    }
  };
  for (const r of overlay.excluded) remove(r);
  // Changed rows: out with the loaded row, in with the scenario's (scaled, generators behind it).
  const scale = new Map(overlay.scale);
  const behind = new Map<number, Float64Array[]>();
  for (const [r, g] of overlay.behind) behind.set(r, [...(behind.get(r) ?? []), g]);
  for (const r of new Set([...scale.keys(), ...behind.keys()])) {
    remove(r);
    const [imp, exp] = row(r);
    const f = scale.get(r) ?? 1;
    const gens = behind.get(r) ?? [];
    const res = isRenewable(overlay.members?.get(r) ?? data.members[r]!);
    for (let t = 0; t < n; t++) {
      let i = imp[t]! * f;
      let e = exp[t]!;
      for (const g of gens) {
        const v = g[t]!;
        e += v > i ? v - i : 0;
        i = i > v ? i - v : 0;
      }
      consumption[t] = consumption[t]! + i;
      generation[t] = generation[t]! + e;
      if (res) renewable[t] = renewable[t]! + e;
    }
  }
  for (const a of overlay.added) {
    const res = isRenewable(a.member);
    for (let t = 0; t < n; t++) {
      if (a.imports) consumption[t] = consumption[t]! + a.imports[t]!;
      if (a.exports) {
        generation[t] = generation[t]! + a.exports[t]!;
        if (res) renewable[t] = renewable[t]! + a.exports[t]!;
      }
    }
  }
  return { startUtcMs: base.startUtcMs, stepMinutes: base.stepMinutes, consumption, generation, renewable, grossConsumption };
}
