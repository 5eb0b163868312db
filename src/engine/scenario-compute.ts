/**
 * A scenario computed beside its baseline, on one engine: the baseline is the loaded data
 * balanced with the scenario's settings (window, key, batteries) but without its overlays; the
 * scenario is what its overlays make of the loaded data (CLUSTERS.md §4.8), balanced the same
 * way — the engine applies them row by row, without a second copy of the data. The added
 * items' series are rebuilt only when the overlays (or the data) change.
 */
import type { ClusterData, Member } from '../ingest/cluster-data';
import type { Grid } from '../models/grid';
import { newScenario, type Scenario } from '../scenario/model';
import { memberIndex } from '../scenario/schema';
import {
  addedSeries,
  engineOverlay,
  hasOverlays,
  scenarioSettings,
  type AddedSeries,
  type ProfileSource,
} from '../scenario/overlays';
import type { BalanceEngine, WindowView } from './balance';
import { effectivePrices, moneyOf, withInvestment, type MoneySummary } from '../money/cluster-money';
import { effectiveRuleParams } from '../scenario/rules-schema';
import { ClusterBalance, clusterLevel, type ClusterSeries } from './cluster-balance';
import { overlaidSeries } from './scenario-series';
import type { BalanceResult, EngineOverlay, Kpis } from './types';

export interface ScenarioResult {
  /** Without overlays. */
  baseline: BalanceResult;
  /** Money (bills, savings, CO₂, investment) of each, when asked for. */
  money?: { baseline: MoneySummary; scenario: MoneySummary };
  /** With overlays (the baseline itself when there are none). */
  scenario: BalanceResult;
  /** The scenario's members: the loaded ones less the excluded, then the added ones. */
  members: Member[];
  /** The added items' series (generators and consumers), kWh per data interval. */
  added: AddedSeries[];
}

/** What money needs besides the scenario: the year the rules are checked for, an export price series. */
export interface MoneyOptions {
  year: number;
  /** r per window from a loaded price file (RCE); absent: the scenario's monthly prices. */
  exportPrice?: (startUtcMs: number, minutes: number, windows: number) => Float64Array;
}

/** The scenario without what changes the data: what the baseline is computed with. */
export function baselineOf(s: Scenario): Scenario {
  return { ...s, exclude: [], scale: {}, add: [] };
}

export class ScenarioEngine {
  private cacheKey = '';
  private cached: { overlay: EngineOverlay; members: Member[]; added: AddedSeries[] } | null = null;
  private series: { version: number; base: ClusterSeries } | null = null;
  /** The baseline does not change while only overlays do (a PV slider): computed once per settings. */
  private baseline: { key: string; result: BalanceResult; money?: MoneySummary } | null = null;

  /**
   * `engine` holds the loaded data; `cluster` (kernels of its own, small memory) computes the
   * cluster-level fast path.
   */
  constructor(
    private readonly engine: BalanceEngine,
    private readonly cluster?: ClusterBalance,
  ) {}

  /**
   * The scenario's and the baseline's KPIs from cluster sums alone (O(intervals)): exact for every
   * key but the static one and without members' own batteries; null where they do not apply.
   */
  quickKpis(s: Scenario, dataVersion: number, profile?: ProfileSource): { baseline: Kpis; scenario: Kpis } | null {
    const data = this.engine.loaded;
    if (!data || !this.cluster) return null;
    const settings = scenarioSettings(baselineOf(s), data);
    if (!clusterLevel(settings)) return null;
    const base = this.clusterSeries(dataVersion);
    const baseline = this.cluster.compute(base, settings).kpis;
    if (!hasOverlays(s)) return { baseline, scenario: baseline };
    const series = this.scenarioSeries(s, dataVersion, profile)!;
    return { baseline, scenario: this.cluster.compute(series, settings).kpis };
  }

  /** The scenario's cluster series (the loaded cluster's when it has no overlays). */
  scenarioSeries(s: Scenario, dataVersion: number, profile?: ProfileSource): ClusterSeries | null {
    const data = this.engine.loaded;
    if (!data) return null;
    const base = this.clusterSeries(dataVersion);
    if (!hasOverlays(s)) return base;
    const { overlay } = this.overlay(data, s, dataVersion, profile);
    return overlaidSeries(base, this.engine.loaded!, overlay, this.engine.grossConsumptionOf(overlay));
  }

  /** The loaded members (before any overlay). */
  members(): Pick<ClusterData, 'members'> {
    const data = this.engine.loaded;
    if (!data) throw new Error('no cluster data loaded');
    return { members: data.members };
  }

  private clusterSeries(dataVersion: number): ClusterSeries {
    if (this.series?.version !== dataVersion) this.series = { version: dataVersion, base: this.engine.clusterSeries() };
    return this.series.base;
  }

  /**
   * `dataVersion` tells when the loaded data changed (the overlay is then rebuilt). With `money`,
   * the bills of both are worked out per window too (CLUSTERS.md §5.2).
   */
  compute(s: Scenario, dataVersion: number, profile?: ProfileSource, money?: MoneyOptions): ScenarioResult {
    const data = this.engine.loaded;
    if (!data) throw new Error('no cluster data loaded');
    const settings = scenarioSettings(baselineOf(s), data);
    const prices = money ? effectivePrices(s.money) : null;
    const rules = money ? effectiveRuleParams(s.rules, money.year) : null;
    const billsOf = (out: { value?: MoneySummary }) =>
      prices && rules
        ? (view: WindowView) =>
            (out.value = moneyOf(
              view,
              view.members,
              view.kpis,
              prices,
              rules,
              money?.exportPrice?.(view.startUtcMs, view.minutes, view.windows),
            ))
        : undefined;
    const key = JSON.stringify([dataVersion, settings, prices, rules]);
    if (this.baseline?.key !== key) {
      const out: { value?: MoneySummary } = {};
      this.baseline = { key, result: this.engine.compute(settings, undefined, billsOf(out)), money: out.value };
    }
    const baseline = this.baseline.result;
    const baseMoney = this.baseline.money;
    if (!hasOverlays(s)) {
      const m = baseMoney ? { baseline: baseMoney, scenario: baseMoney } : undefined;
      return { baseline, scenario: baseline, members: data.members, added: [], money: m };
    }
    const { overlay, members, added } = this.overlay(data, s, dataVersion, profile);
    const out: { value?: MoneySummary } = {};
    const scenario = this.engine.compute(scenarioSettings(withoutExcluded(s, data), { members }), overlay, billsOf(out));
    const m =
      baseMoney && out.value && prices
        ? {
            baseline: baseMoney,
            scenario: withInvestment(
              out.value,
              baseMoney,
              s,
              prices,
              new Map(added.map((a) => [a.id, a.values.reduce((x, v) => x + v, 0)])),
            ),
          }
        : undefined;
    return { baseline, scenario, members, added, money: m };
  }

  /** The scenario's overlay on the loaded data (cached while the overlays and data stay). */
  overlay(data: ClusterData, s: Scenario, dataVersion: number, profile?: ProfileSource) {
    const key = JSON.stringify([dataVersion, s.seed ?? null, s.exclude, s.scale, s.add, profile?.weather?.source ?? null]);
    if (key !== this.cacheKey || !this.cached) {
      const grid: Grid = { startUtcMs: data.startUtcMs, stepMinutes: data.stepMinutes, intervals: data.intervals };
      const added = addedSeries(s, grid, profile);
      this.cached = { ...engineOverlay(data, s, added, profile), added };
      this.cacheKey = key;
    }
    return this.cached;
  }
}

/** Shares, order and own batteries of excluded members have no one to apply to. */
export function withoutExcluded(s: Scenario, data: Pick<ClusterData, 'members'>): Scenario {
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
