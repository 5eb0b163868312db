/**
 * A file given as a scenario's generation profile, read whole (the CLI's path; the page's engine
 * has its files read already and uses profile-file.ts directly): a PVGIS hourly seriescalc file
 * is a PV profile as PVGIS simulated it, any other meter file gives its export register.
 */
import type { ClusterData } from '../ingest/cluster-data';
import { parseFile, parsePvgis } from '../ingest/index';
import type { Grid } from '../models/grid';
import { pvgisProfileOnGrid, readPvgisSeriescalc } from '../models/pvgis';
import { profileFromSeries } from './profile-file';

/** The file's generation on `grid`, kWh per interval, and whether it counts as renewable. */
export function profileOnGrid(
  name: string,
  bytes: Uint8Array,
  grid: Grid,
  cluster: Pick<ClusterData, 'members'>,
): { values: Float64Array; renewable: boolean } {
  const pvgis = parsePvgis(name, bytes);
  if (pvgis?.what === 'tmy') throw new Error(`${name}: a PVGIS typical year is weather, not a profile`);
  if (pvgis) {
    const series = readPvgisSeriescalc(pvgis.text, name);
    return { values: pvgisProfileOnGrid(series, series.kwp, grid), renewable: true };
  }
  const parsed = parseFile(name, bytes);
  if (parsed.kind !== 'readings') throw new Error(`${name}: a member register, not a profile`);
  return profileFromSeries(name, parsed.meters, grid, cluster);
}
