/**
 * A loaded meter file as a generation profile for a scenario (`add: {type: "profile", file}`): its
 * export register (all its meters summed), placed on the cluster's grid. (A file read whole, PVGIS
 * included: profile-on-grid.ts.)
 */
import type { ClusterData, MeterSeries } from '../ingest/cluster-data';
import { assembleCluster } from '../ingest/assemble';
import type { Grid } from '../models/grid';
import { isRenewable } from '../engine/settings';

/** A meter file's export register (its meters summed) on `grid`, kWh per interval. */
export function profileFromSeries(
  name: string,
  meters: readonly MeterSeries[],
  grid: Grid,
  cluster: Pick<ClusterData, 'members'>,
): { values: Float64Array; renewable: boolean } {
  if (meters.length === 0) throw new Error(`${name}: no readings to take a profile from`);
  const end = grid.startUtcMs + grid.intervals * grid.stepMinutes * 60_000;
  if (grid.stepMinutes !== 15 && grid.stepMinutes !== 60) throw new Error(`${name}: profiles need a 15- or 60-minute grid`);
  const { data } = assembleCluster(meters, [], {
    stepMinutes: grid.stepMinutes,
    period: { fromUtcMs: grid.startUtcMs, toUtcMs: end },
  });
  const values = new Float64Array(grid.intervals);
  for (let r = 0; r < data.members.length; r++) {
    for (let t = 0; t < grid.intervals; t++) values[t] = values[t]! + data.exports[r * data.intervals + t]!;
  }
  const ids = new Set(data.members.map((m) => m.id.replace(/\s+/g, '').toUpperCase()));
  const renewable = cluster.members.some((m) => ids.has(m.id.replace(/\s+/g, '').toUpperCase()) && isRenewable(m));
  return { values, renewable };
}
