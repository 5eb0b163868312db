/** `--out <dir>`: intervals.csv (cluster flows per window), members.csv, kpis.json. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BalanceResult } from '../engine/types';
import type { Grid } from '../models/grid';
import type { AddedSeries } from '../scenario/overlays';
import { csvLine, PLAIN_CSV } from '../export/cells';

/**
 * Writes the result's files; with a scenario's added items also added.csv: one row per data
 * interval (UTC start, `2025-06-01T10:00:00Z`), one column per added member or generator (its
 * whole output, before any netting behind a meter), kWh.
 */
export async function writeOutputs(
  dir: string,
  r: BalanceResult,
  grid?: Grid,
  added: readonly AddedSeries[] = [],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const w = r.windows;
  const step = w.minutes * 60_000;
  const rows = [
    'window_start_utc,consumption_kwh,generation_kwh,shared_kwh,grid_import_kwh,grid_export_kwh,battery_charge_kwh,battery_discharge_kwh,battery_soc_kwh',
  ];
  for (let t = 0; t < w.consumption.length; t++) {
    rows.push(
      [
        new Date(w.startUtcMs + t * step).toISOString(),
        w.consumption[t],
        w.generation[t],
        w.shared[t],
        w.gridImport[t],
        w.gridExport[t],
        w.charge[t],
        w.discharge[t],
        w.soc[t],
      ]
        .map(String)
        .join(','),
    );
  }
  await writeFile(join(dir, 'intervals.csv'), `${rows.join('\n')}\n`);
  const members = [
    'id,import_kwh,export_kwh,allocated_kwh,shared_export_kwh',
    // Member ids come from the user's files: quoted and neutralised (export/cells.ts).
    ...r.members.map((m) => csvLine([m.id, m.import_kwh, m.export_kwh, m.allocated_kwh, m.shared_export_kwh], PLAIN_CSV)),
  ];
  await writeFile(join(dir, 'members.csv'), `${members.join('\n')}\n`);
  await writeFile(join(dir, 'kpis.json'), `${JSON.stringify(r.kpis, null, 2)}\n`);
  if (grid && added.length > 0) await writeFile(join(dir, 'added.csv'), addedCsv(grid, added));
}

function addedCsv(grid: Grid, added: readonly AddedSeries[]): string {
  // A generator behind a meter makes no member but is a column of its own; N consumers are N columns.
  const columns = added.flatMap((a) => (a.memberIds.length > 0 ? a.memberIds : [a.id]).map((id) => ({ id, values: a.values })));
  const lines = [csvLine(['timestamp_utc', ...columns.map((c) => c.id)], PLAIN_CSV)];
  const step = grid.stepMinutes * 60_000;
  for (let t = 0; t < grid.intervals; t++) {
    const time = new Date(grid.startUtcMs + t * step).toISOString().replace('.000Z', 'Z');
    lines.push([time, ...columns.map((c) => String(c.values[t]))].join(','));
  }
  return `${lines.join('\n')}\n`;
}
