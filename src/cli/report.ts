/** The CLI's answers: one JSON object (`--json`) or a short table for people. */
import type { ClusterData } from '../ingest/cluster-data';
import type { BalanceResult } from '../engine/types';

export function jsonReport(r: BalanceResult, dataIntervals: number) {
  const k = r.kpis;
  return {
    intervals: r.windows.consumption.length,
    data_intervals: dataIntervals,
    window_minutes: r.windows.minutes,
    members_count: r.members.length,
    consumption_kwh: k.consumption_kwh,
    generation_kwh: k.generation_kwh,
    shared_kwh: k.shared_kwh,
    grid_import_kwh: k.grid_import_kwh,
    grid_export_kwh: k.grid_export_kwh,
    self_consumption: k.self_consumption,
    self_sufficiency: k.self_sufficiency,
    peak_grid_import_kw: k.peak_grid_import_kw,
    res_generation_share: k.res_generation_share,
    matched_res_kwh: k.matched_res_kwh,
    matched_res_share: k.matched_res_share,
    matched_share: k.matched_share,
    ...(k.autarky !== undefined ? { gross_consumption_kwh: k.gross_consumption_kwh, autarky: k.autarky } : {}),
    battery_charged_kwh: k.battery_charged_kwh,
    battery_discharged_kwh: k.battery_discharged_kwh,
    battery_losses_kwh: k.battery_losses_kwh,
    battery_cycles: k.battery_cycles,
    battery_blocked_windows: k.battery_blocked_windows,
    behind_meter_charged_kwh: k.behind_meter_charged_kwh,
    behind_meter_discharged_kwh: k.behind_meter_discharged_kwh,
    members: r.members.map((m) => ({
      id: m.id,
      import_kwh: m.import_kwh,
      export_kwh: m.export_kwh,
      allocated_kwh: m.allocated_kwh,
    })),
  };
}

export function textReport(r: BalanceResult, data: ClusterData): string {
  const k = r.kpis;
  const kwh = (x: number) => `${Math.round(x).toLocaleString('en-US')} kWh`;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `${data.members.length} members, ${data.intervals} intervals of ${data.stepMinutes} min, netting window ${r.windows.minutes} min`,
    `consumption        ${kwh(k.consumption_kwh)}`,
    `generation         ${kwh(k.generation_kwh)}`,
    `shared             ${kwh(k.shared_kwh)}`,
    `grid import        ${kwh(k.grid_import_kwh)}`,
    `grid export        ${kwh(k.grid_export_kwh)}`,
    `self-consumption   ${pct(k.self_consumption)}`,
    `self-sufficiency   ${pct(k.self_sufficiency)}`,
    `peak grid import   ${k.peak_grid_import_kw.toFixed(1)} kW`,
    `renewable share    ${pct(k.res_generation_share)} of generation; ${pct(k.matched_res_share)} of consumption matched in the same window`,
  ];
  if (k.battery_discharged_kwh > 0 || k.battery_charged_kwh > 0) {
    lines.push(
      `battery discharged ${kwh(k.battery_discharged_kwh)} (${k.battery_cycles.toFixed(1)} cycles, losses ${kwh(k.battery_losses_kwh)})`,
    );
  }
  lines.push('', 'member                  import kWh    export kWh  allocated kWh');
  for (const m of r.members) {
    lines.push(
      `${m.id.padEnd(20)} ${m.import_kwh.toFixed(1).padStart(13)} ${m.export_kwh.toFixed(1).padStart(13)} ${m.allocated_kwh.toFixed(1).padStart(14)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
