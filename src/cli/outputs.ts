/** `--out <dir>`: intervals.csv (cluster flows per window), members.csv, kpis.json. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BalanceResult } from '../engine/types';

export async function writeOutputs(dir: string, r: BalanceResult): Promise<void> {
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
    ...r.members.map((m) => [m.id, m.import_kwh, m.export_kwh, m.allocated_kwh, m.shared_export_kwh].join(',')),
  ];
  await writeFile(join(dir, 'members.csv'), `${members.join('\n')}\n`);
  await writeFile(join(dir, 'kpis.json'), `${JSON.stringify(r.kpis, null, 2)}\n`);
}
