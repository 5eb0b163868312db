/**
 * The balancing engine written plainly, straight from CLUSTERS.md §4: one loop per formula, no
 * tricks. It is the oracle the WebAssembly kernels are tested against and the baseline they are
 * benchmarked against; the product never calls it.
 */
import type { ClusterData } from '../ingest/cluster-data';
import { batteryBounds, completeOrder, equalShares, grossConsumption, isRenewable } from './settings';
import type { BalanceResult, BalanceSettings, Kpis } from './types';

export function referenceBalance(data: ClusterData, settings: BalanceSettings): BalanceResult {
  const m = data.members.length;
  const n = data.intervals;
  const factor = settings.windowMinutes / data.stepMinutes;
  const nw = Math.ceil(n / factor);

  // Step 1: members' own batteries change what crosses their meters.
  const rawI: Float64Array[] = [];
  const rawE: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    rawI.push(data.imports.slice(i * n, (i + 1) * n));
    rawE.push(data.exports.slice(i * n, (i + 1) * n));
  }
  let btmCharged = 0;
  let btmDischarged = 0;
  for (const { member, battery } of settings.behindMeter ?? []) {
    const { socMin, socMax } = batteryBounds(battery);
    const eta = Math.sqrt(battery.roundTrip);
    const hours = data.stepMinutes / 60;
    let level = socMin;
    for (let t = 0; t < n; t++) {
      const c = Math.max(0, Math.min(rawE[member][t], battery.powerKw * hours, (socMax - level) / eta));
      level += c * eta;
      rawE[member][t] -= c;
      const d = Math.max(
        0,
        Math.min(rawI[member][t], (battery.dischargePowerKw ?? battery.powerKw) * hours, (level - socMin) * eta),
      );
      level -= d / eta;
      rawI[member][t] -= d;
      btmCharged += c;
      btmDischarged += d;
    }
  }

  // Step 2: every member's import and export summed per window, separately.
  const I = rawI.map((series) => windowed(series, factor, nw));
  const E = rawE.map((series) => windowed(series, factor, nw));

  // Step 3: the cluster's balance per window.
  const sumI = new Float64Array(nw);
  const sumE = new Float64Array(nw);
  for (let i = 0; i < m; i++) {
    for (let w = 0; w < nw; w++) {
      sumI[w] += I[i][w];
      sumE[w] += E[i][w];
    }
  }

  // Step 5: allocation A[i][w] under the chosen key.
  const A = I.map(() => new Float64Array(nw));
  const shares = settings.shares ?? equalShares(m);
  const order = completeOrder(settings.order, m);
  for (let w = 0; w < nw; w++) {
    if (settings.key === 'dynamic') {
      const S = Math.min(sumI[w], sumE[w]);
      for (let i = 0; i < m; i++) A[i][w] = sumI[w] > 0 ? (S * I[i][w]) / sumI[w] : 0;
    } else if (settings.key === 'static' || settings.key === 'hybrid') {
      let given = 0;
      for (let i = 0; i < m; i++) {
        A[i][w] = Math.min(I[i][w], shares[i] * sumE[w]);
        given += A[i][w];
      }
      if (settings.key === 'hybrid') {
        const remainder = Math.max(0, sumE[w] - given);
        const unmet = sumI[w] - given;
        const h = unmet > 0 ? Math.min(1, remainder / unmet) : 0;
        for (let i = 0; i < m; i++) A[i][w] += (I[i][w] - A[i][w]) * h;
      }
    } else {
      let remaining = sumE[w];
      for (const i of order) {
        A[i][w] = Math.min(remaining, I[i][w]);
        remaining -= A[i][w];
      }
    }
  }
  const S = new Float64Array(nw);
  for (let i = 0; i < m; i++) for (let w = 0; w < nw; w++) S[w] += A[i][w];

  // Step 6: community storage on what the allocation left.
  const charge = new Float64Array(nw);
  const discharge = new Float64Array(nw);
  const soc = new Float64Array(nw);
  const b = settings.battery;
  let blocked = 0;
  if (b) {
    const { socMin, socMax } = batteryBounds(b);
    const eta = Math.sqrt(b.roundTrip);
    const hours = settings.windowMinutes / 60;
    const keep = (b.importLimitKw ?? 0) * hours;
    let level = socMin;
    for (let w = 0; w < nw; w++) {
      const surplus = residual(sumE[w] - S[w]);
      const deficit = residual(sumI[w] - S[w]);
      if (surplus > 0 && deficit > 0) blocked++;
      if (surplus > 0 && deficit === 0) {
        charge[w] = Math.max(0, Math.min(surplus, b.powerKw * hours, (socMax - level) / eta));
        level += charge[w] * eta;
      } else if (deficit > keep && surplus === 0) {
        // Peak shaving leaves `keep` kWh of the deficit to the grid (§4 step 6).
        discharge[w] = Math.max(0, Math.min(deficit - keep, (b.dischargePowerKw ?? b.powerKw) * hours, (level - socMin) * eta));
        level -= discharge[w] / eta;
        // Discharged energy is shared energy, handed out pro rata to unmet demand.
        for (let i = 0; i < m; i++) A[i][w] += (discharge[w] * (I[i][w] - A[i][w])) / deficit;
      }
      soc[w] = level;
    }
  }

  // Closing balance and KPIs (§4 steps 3–4).
  const shared = new Float64Array(nw);
  const gridImport = new Float64Array(nw);
  const gridExport = new Float64Array(nw);
  for (let w = 0; w < nw; w++) {
    shared[w] = S[w] + discharge[w];
    gridImport[w] = sumI[w] - shared[w];
    gridExport[w] = sumE[w] - S[w] - charge[w];
  }
  const total = (x: Float64Array) => x.reduce((a, v) => a + v, 0);
  const consumption = total(sumI);
  const generation = total(sumE);
  const sharedTotal = total(shared);
  const charged = total(charge);
  const discharged = total(discharge);
  const endLevel = b && nw > 0 ? soc[nw - 1] : 0;
  const startLevel = b ? batteryBounds(b).socMin : 0;
  const kpis: Kpis = {
    consumption_kwh: consumption,
    generation_kwh: generation,
    shared_kwh: sharedTotal,
    grid_import_kwh: total(gridImport),
    grid_export_kwh: total(gridExport),
    self_consumption: generation > 0 ? sharedTotal / generation : 0,
    self_sufficiency: consumption > 0 ? sharedTotal / consumption : 0,
    peak_grid_import_kw: (gridImport.reduce((a, v) => Math.max(a, v), 0) * 60) / settings.windowMinutes,
    battery_charged_kwh: charged,
    battery_discharged_kwh: discharged,
    battery_losses_kwh: b ? charged - discharged - (endLevel - startLevel) : 0,
    battery_cycles: b ? discharged / (batteryBounds(b).socMax - batteryBounds(b).socMin) : 0,
    res_generation_share: 0,
    matched_res_kwh: 0,
    matched_res_share: 0,
    matched_share: consumption > 0 ? total(S) / consumption : 0,
    battery_blocked_windows: blocked,
    behind_meter_charged_kwh: 0,
    behind_meter_discharged_kwh: 0,
  };

  // Renewable export matched in the same window, pro rata to its share of ΣE (before storage).
  let renewableExport = 0;
  let matchedRes = 0;
  data.members.forEach((member, i) => {
    if (!isRenewable(member)) return;
    for (let w = 0; w < nw; w++) {
      renewableExport += E[i][w];
      if (sumE[w] > 0) matchedRes += (S[w] * E[i][w]) / sumE[w];
    }
  });
  kpis.res_generation_share = generation > 0 ? renewableExport / generation : 0;
  kpis.matched_res_kwh = matchedRes;
  kpis.matched_res_share = consumption > 0 ? matchedRes / consumption : 0;
  kpis.behind_meter_charged_kwh = btmCharged;
  kpis.behind_meter_discharged_kwh = btmDischarged;
  const gross = grossConsumption(data);
  if (gross !== undefined) {
    kpis.gross_consumption_kwh = gross;
    kpis.autarky = gross > 0 ? (gross - kpis.grid_import_kwh) / gross : 0;
  }

  const Sbefore = S;
  const members = data.members.map((member, i) => ({
    id: member.id,
    import_kwh: total(I[i]),
    export_kwh: total(E[i]),
    allocated_kwh: total(A[i]),
    shared_export_kwh: E[i].reduce((a, e, w) => a + (sumE[w] > 0 ? (Sbefore[w] * e) / sumE[w] : 0), 0),
  }));

  return {
    kpis,
    members,
    windows: {
      startUtcMs: data.startUtcMs,
      minutes: settings.windowMinutes,
      consumption: sumI,
      generation: sumE,
      shared,
      gridImport,
      gridExport,
      charge,
      discharge,
      soc,
    },
  };
}

/** Below this a residual surplus or deficit is rounding, not energy (as in assembly/index.ts). */
const NEGLIGIBLE_KWH = 1e-9;

function residual(x: number): number {
  return x > NEGLIGIBLE_KWH ? x : 0;
}

function windowed(series: Float64Array, factor: number, nw: number): Float64Array {
  const out = new Float64Array(nw);
  for (let k = 0; k < series.length; k++) out[Math.floor(k / factor)] += series[k];
  return out;
}
