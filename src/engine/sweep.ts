/**
 * The sizing sweep: a grid of PV sizes × community battery capacities on top of a scenario, each
 * cell's self-sufficiency, self-consumption and grid export. Where the cluster sums alone give the
 * exact answer (every key but the static one, no members' own batteries) a cell costs one pass
 * over the cluster series; otherwise each cell is a full balance. Rows are computed one at a time
 * with a pause between them, so that progress can be shown and a cancel heard.
 */
import { pvSeries } from '../models/pv';
import { addedDefaults, type AddedPv, type Scenario } from '../scenario/model';
import { scenarioSettings } from '../scenario/overlays';
import type { ClusterBalance } from './cluster-balance';
import { clusterLevel } from './cluster-balance';
import { baselineOf, type MoneyOptions, type ScenarioEngine } from './scenario-compute';
import type { BalanceSettings, Kpis } from './types';

export interface SweepSpec {
  /** PV peak power range, kWp (first and last value, both included). */
  pvKwp: [number, number];
  /** Community battery capacity range, kWh (0 = no battery). */
  batteryKwh: [number, number];
  /** Values per axis (default 20 × 20). */
  steps?: [number, number];
  /** Battery power per kWh of capacity, kW (default 0.5: a two-hour battery). */
  cRate?: number;
  /** The swept PV's orientation and site (default: the scenario's defaults, south 35°, Staszów). */
  pv?: Partial<Pick<AddedPv, 'tilt' | 'azimuth' | 'lat' | 'lon' | 'losses'>>;
  /**
   * Also each cell's NPV of the swept PV (issue 9): it needs every member's bill, so each cell is
   * a full balance with money — slower than the cluster-level cells.
   */
  npv?: boolean;
}

export interface SweepResult {
  pvKwp: number[];
  batteryKwh: number[];
  /** Row-major by PV size: cell (i, j) is at i · batteryKwh.length + j. */
  self_sufficiency: number[];
  self_consumption: number[];
  grid_export_kwh: number[];
  /** Each cell's NPV of the swept PV against the baseline, PLN (NaN: none), when asked for. */
  npv_pln?: number[];
  /** Whether each cell was the cluster-level fast path (true) or a full balance. */
  fast: boolean;
}

/** The id of the swept PV in a scenario adopted from a sweep cell. */
export const SWEEP_PV_ID = 'PV-sweep';

/** `count` values from `a` to `b`, both included. */
export function axis([a, b]: [number, number], count: number): number[] {
  if (count <= 1) return [a];
  return Array.from({ length: count }, (_, i) => a + ((b - a) * i) / (count - 1));
}

/** The scenario a sweep cell stands for: the swept PV added (a new producer), the battery set. */
export function cellScenario(s: Scenario, spec: SweepSpec, kwp: number, kwh: number): Scenario {
  const pv: AddedPv = { type: 'pv', id: SWEEP_PV_ID, kwp, ...addedDefaults.pv, ...spec.pv };
  const add = [...s.add.filter((a) => a.id !== SWEEP_PV_ID), ...(kwp > 0 ? [pv] : [])];
  const roundTrip = s.battery?.round_trip ?? 0.9;
  const battery =
    kwh > 0
      ? {
          ...(s.battery ?? { dispatch: 'self-consumption' as const }),
          capacity_kwh: kwh,
          power_kw: kwh * (spec.cRate ?? 0.5),
          round_trip: roundTrip,
        }
      : null;
  if (battery) {
    delete battery.soc_min_kwh;
    delete battery.soc_max_kwh;
  }
  return { ...s, add, battery };
}

export async function sweep(
  engine: ScenarioEngine,
  cluster: ClusterBalance,
  s: Scenario,
  spec: SweepSpec,
  dataVersion: number,
  progress: (done: number, total: number) => void = () => {},
  cancelled: () => boolean = () => false,
  money?: MoneyOptions,
): Promise<SweepResult> {
  const [np, nb] = spec.steps ?? [20, 20];
  const pvKwp = axis(spec.pvKwp, np);
  const batteryKwh = axis(spec.batteryKwh, nb);
  const out: SweepResult = {
    pvKwp,
    batteryKwh,
    self_sufficiency: [],
    self_consumption: [],
    grid_export_kwh: [],
    fast: false,
  };
  const withoutSweep = { ...s, add: s.add.filter((a) => a.id !== SWEEP_PV_ID) };
  const series = engine.scenarioSeries(withoutSweep, dataVersion);
  if (!series) throw new Error('no cluster data loaded');
  const probe = scenarioSettings(baselineOf(cellScenario(withoutSweep, spec, 0, 0)), engine.members());
  out.fast = clusterLevel(probe);
  // One kWp of the swept PV on the data's grid: every size is a multiple of it.
  const unit = out.fast
    ? pvSeries(
        { kwp: 1, ...addedDefaults.pv, ...spec.pv, seed: s.seed ?? 1 },
        { startUtcMs: series.startUtcMs, stepMinutes: series.stepMinutes, intervals: series.consumption.length },
      )
    : null;
  const record = (k: Kpis) => {
    out.self_sufficiency.push(k.self_sufficiency);
    out.self_consumption.push(k.self_consumption);
    out.grid_export_kwh.push(k.grid_export_kwh);
  };
  for (let i = 0; i < np; i++) {
    if (cancelled()) throw Object.assign(new Error('cancelled'), { name: 'Cancelled' });
    if (unit) {
      const generation = series.generation.slice();
      const renewable = series.renewable.slice();
      for (let t = 0; t < unit.length; t++) {
        generation[t] = generation[t]! + pvKwp[i]! * unit[t]!;
        renewable[t] = renewable[t]! + pvKwp[i]! * unit[t]!;
      }
      const cellSeries = { ...series, generation, renewable };
      for (const kwh of batteryKwh) {
        const settings: BalanceSettings = scenarioSettings(
          baselineOf(cellScenario(withoutSweep, spec, 0, kwh)),
          engine.members(),
        );
        record(cluster.compute(cellSeries, settings).kpis);
      }
    } else {
      for (const kwh of batteryKwh)
        record(engine.compute(cellScenario(withoutSweep, spec, pvKwp[i]!, kwh), dataVersion).scenario.kpis);
    }
    if (spec.npv && money) {
      out.npv_pln ??= [];
      for (const kwh of batteryKwh) {
        const run = engine.compute(cellScenario(withoutSweep, spec, pvKwp[i]!, kwh), dataVersion, undefined, money);
        out.npv_pln.push(run.money?.scenario.npv_pln ?? Number.NaN);
      }
    }
    progress(i + 1, np);
    // A pause between rows: a cancel (and the page) can be heard.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}
