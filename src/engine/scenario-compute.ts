/**
 * A scenario computed beside its baseline, on the same engine: the baseline is the loaded data
 * balanced with the scenario's settings (window, key, batteries) but without its overlays; the
 * scenario is the overlaid data (CLUSTERS.md §4.8) balanced the same way. The overlaid cluster
 * lives in a second engine so that the loaded data are never copied again for a settings change,
 * and it is rebuilt only when the overlays (or the data) change.
 */
import type { ClusterData } from '../ingest/cluster-data';
import type { Grid } from '../models/grid';
import { newScenario, type Scenario } from '../scenario/model';
import { memberIndex } from '../scenario/schema';
import {
  addedSeries,
  applyOverlays,
  hasOverlays,
  scenarioSettings,
  type AddedSeries,
  type ProfileSource,
} from '../scenario/overlays';
import type { BalanceEngine } from './balance';
import type { BalanceResult } from './types';

export interface ScenarioResult {
  /** Without overlays. */
  baseline: BalanceResult;
  /** With overlays (the baseline itself when there are none). */
  scenario: BalanceResult;
  /** The overlaid cluster's shape: its members (added ones included). */
  members: ClusterData['members'];
  /** The added items' series (generators and consumers), kWh per data interval. */
  added: AddedSeries[];
}

/** The scenario without what changes the data: what the baseline is computed with. */
export function baselineOf(s: Scenario): Scenario {
  return { ...s, exclude: [], scale: {}, add: [] };
}

export class ScenarioEngine {
  private cacheKey = '';
  private cached: { data: ClusterData; added: AddedSeries[] } | null = null;

  /**
   * `base` holds the loaded data; `overlay` is scratch for the overlaid cluster. `dataVersion`
   * tells when the loaded data changed (the overlaid cluster is then rebuilt).
   */
  constructor(
    private readonly base: BalanceEngine,
    private readonly overlay: BalanceEngine,
  ) {}

  compute(s: Scenario, dataVersion: number, profile?: ProfileSource): ScenarioResult {
    const data = this.base.loaded;
    if (!data) throw new Error('no cluster data loaded');
    // The overlaid cluster is read from the loaded data before the baseline's compute, which may
    // grow kernel memory and so detach these views.
    const overlaid = hasOverlays(s) ? this.overlaid(data, s, dataVersion, profile) : null;
    const baseline = this.base.compute(scenarioSettings(baselineOf(s), data));
    if (!overlaid) return { baseline, scenario: baseline, members: data.members, added: [] };
    const scenario = this.overlay.compute(scenarioSettings(withoutExcluded(s, data), overlaid.data));
    return { baseline, scenario, members: overlaid.data.members, added: overlaid.added };
  }

  private overlaid(data: ClusterData, s: Scenario, dataVersion: number, profile?: ProfileSource) {
    const key = JSON.stringify([dataVersion, s.seed ?? null, s.exclude, s.scale, s.add]);
    if (key !== this.cacheKey || !this.cached) {
      const grid: Grid = { startUtcMs: data.startUtcMs, stepMinutes: data.stepMinutes, intervals: data.intervals };
      const added = addedSeries(s, grid, profile);
      const overlaid = applyOverlays(data, s, added, profile);
      this.overlay.load(overlaid);
      // The engine keeps its own copy; ours can go (only the shape is needed).
      this.cached = { data: { ...overlaid, imports: new Float64Array(0), exports: new Float64Array(0) }, added };
      this.cacheKey = key;
    }
    return { data: this.overlay.loaded!, added: this.cached.added };
  }
}

/** Shares, order and own batteries of excluded members have no one to apply to. */
function withoutExcluded(s: Scenario, data: ClusterData): Scenario {
  if (s.exclude.length === 0) return s;
  const ids = data.members.map((m) => m.id);
  const gone = new Set(s.exclude.map((p) => memberIndex(ids, p)));
  const stays = (ppe: string) => !gone.has(memberIndex(ids, ppe));
  return newScenario({
    ...s,
    shares: Object.fromEntries(Object.entries(s.shares).filter(([p]) => stays(p))),
    order: s.order.filter(stays),
    behind_meter: Object.fromEntries(Object.entries(s.behind_meter).filter(([p]) => stays(p))),
  });
}
