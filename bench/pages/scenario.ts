/**
 * Scenario edits and the sizing sweep on 1,000 members × 35,040 quarter-hours, against the full
 * recompute of the same cluster measured in the same run:
 * - scenario-edit: a PV size changed (the slider); `kpis_ms` the cluster KPIs (fast path, what the
 *   cards need at once), `full_ms` the whole result incl. member columns, `recompute_ms` a plain
 *   full recompute without any scenario.
 * - sweep: 20 × 20 PV kWp × battery kWh cells.
 * - pv-series: a 1,000 kWp PV series over the 15-minute year (cold: first orientation; warm: the
 *   weather cached).
 */
import kernelsUrl from '../../src/engine/generated/kernels.wasm?url';
import { BalanceEngine } from '../../src/engine/balance';
import { ClusterBalance } from '../../src/engine/cluster-balance';
import { instantiateKernels } from '../../src/engine/kernels';
import { ScenarioEngine } from '../../src/engine/scenario-compute';
import { sweep } from '../../src/engine/sweep';
import { pvSeries } from '../../src/models/pv';
import { newScenario, type Scenario } from '../../src/scenario/model';
import { scenarioSettings } from '../../src/scenario/overlays';
import { report } from './report';
import { syntheticCluster } from './synthetic';

const INTERVALS = 35_040;
const MEMBERS = 1000;
const round = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function scenario(kwp: number): Scenario {
  return newScenario({
    battery: { capacity_kwh: 5000, power_kw: 2500, round_trip: 0.9, dispatch: 'self-consumption' },
    add: [
      { type: 'pv', id: 'PV-farm', kwp, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17, losses: 0.14 },
      { type: 'consumer', id: 'DOM', profile: 'H25', annual_kwh: 3500, count: 10 },
    ],
  });
}

async function run(): Promise<string[]> {
  const bytes = await (await fetch(kernelsUrl)).arrayBuffer();
  const engine = new BalanceEngine(await instantiateKernels(bytes));
  const cluster = new ClusterBalance(await instantiateKernels(bytes));
  const data = syntheticCluster(MEMBERS, INTERVALS);
  engine.load(data);
  const scenarios = new ScenarioEngine(engine, cluster);
  const grid = { startUtcMs: data.startUtcMs, stepMinutes: data.stepMinutes, intervals: INTERVALS };

  // PV model: first orientation (weather built) and a second one (weather cached).
  let t0 = performance.now();
  pvSeries({ kwp: 1000, tilt: 35, azimuth: 180, lat: 50.56, lon: 21.17 }, grid);
  const pvCold = performance.now() - t0;
  t0 = performance.now();
  pvSeries({ kwp: 1000, tilt: 20, azimuth: 135, lat: 50.56, lon: 21.17 }, grid);
  const pvWarm = performance.now() - t0;

  // The plain recompute, warm (as in recompute-1000x35040).
  const settings = scenarioSettings(scenario(0), data);
  for (let i = 0; i < 5; i++) engine.compute(settings);
  const recompute: number[] = [];
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    engine.compute(settings);
    recompute.push(performance.now() - t0);
  }

  // A PV slider: each step a new size. The first edit builds the overlay and the baseline.
  scenarios.compute(scenario(1500), 1);
  scenarios.quickKpis(scenario(1600), 1);
  const kpis: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 9; i++) {
    t0 = performance.now();
    scenarios.quickKpis(scenario(1000 + 100 * i), 1);
    kpis.push(performance.now() - t0);
    t0 = performance.now();
    scenarios.compute(scenario(1050 + 100 * i), 1);
    full.push(performance.now() - t0);
  }
  const recomputeMs = median(recompute);
  const edit = {
    bench: `scenario-edit-${MEMBERS}x${INTERVALS}`,
    kpis_ms: round(median(kpis)),
    full_ms: round(median(full)),
    recompute_ms: round(recomputeMs),
    kpis_vs_frame_16ms: round(median(kpis) / 16),
    full_vs_recompute: round(median(full) / recomputeMs),
  };

  t0 = performance.now();
  const sweepResult = await sweep(scenarios, cluster, scenario(0), { pvKwp: [0, 20_000], batteryKwh: [0, 20_000] }, 1);
  const sweepMs = performance.now() - t0;
  const cells = sweepResult.pvKwp.length * sweepResult.batteryKwh.length;
  const sweepLine = {
    bench: `sweep-${cells}-${MEMBERS}x${INTERVALS}`,
    ms: round(sweepMs),
    per_run_ms: round(sweepMs / cells),
    fast_path: sweepResult.fast,
    vs_goal_1500ms: round(sweepMs / 1500),
    per_run_vs_recompute: round(sweepMs / cells / recomputeMs),
  };
  const pv = { bench: `pv-series-1000kwp-${INTERVALS}`, cold_ms: round(pvCold), warm_ms: round(pvWarm) };
  return [JSON.stringify(edit), JSON.stringify(sweepLine), JSON.stringify(pv)];
}

report(run);
