/**
 * What the page exports, as plain tables (a header and rows of cells): the members, the cluster's
 * intervals, a summary of the KPIs and money, and the assumptions (prices with their sources,
 * models, the data files and their fingerprint). The CSV and the XLSX writers take these tables;
 * the headers are stable machine names (the same in Polish and English, as the CLI writes them),
 * the values numbers where they are numbers.
 */
import type { Member } from '../ingest/cluster-data';
import type { Kpis, MemberResult, WindowSeries } from '../engine/types';
import type { ViewResult } from '../engine/protocol';
import type { MoneySummary } from '../money/cluster-money';
import type { Scenario } from '../scenario/model';
import { compactScenario } from '../scenario/link';
import { SCENARIO_VERSION } from '../scenario/model';
import { EXPORT_PRICE_SOURCES, MONEY_SOURCES } from '../money/schema';
import { DEFAULT_TARIFF_SOURCES, memberGroup, type Provenance, type TariffGroup } from '../money/tariffs';
import { MONEY_DEFAULTS } from '../money/schema';
import { formatLocalIso } from '../i18n/formats';
import type { Cell } from './cells';

export interface Table {
  header: string[];
  rows: Cell[][];
}

/** The part of a view result the exports read. */
export type ExportSource = Pick<
  ViewResult,
  'cluster' | 'kpis' | 'members' | 'daily' | 'baseline' | 'money' | 'settings' | 'workspace' | 'fingerprint'
>;

/** Every member's year: who it is, its flows, and its bill without and with the cluster when money is computed. */
export function membersTable(r: ExportSource): Table {
  const byId = new Map<string, Member>(r.cluster.members.map((m) => [m.id, m]));
  const money = new Map((r.money?.scenario.members ?? []).map((m) => [m.id, m]));
  const withMoney = money.size > 0;
  const header = ['id', 'name', 'type', 'tariff', 'import_kwh', 'export_kwh', 'allocated_kwh', 'coverage'];
  if (withMoney) header.push('cost_before_pln', 'cost_after_pln', 'gain_pln');
  const rows = r.members.map((m: MemberResult) => {
    const reg = byId.get(m.id);
    const coverage = m.import_kwh > 0 ? m.allocated_kwh / m.import_kwh : null;
    const row: Cell[] = [
      m.id,
      reg?.name ?? '',
      reg?.type ?? '',
      reg?.tariff ?? '',
      m.import_kwh,
      m.export_kwh,
      m.allocated_kwh,
      coverage,
    ];
    if (withMoney) {
      const b = money.get(m.id);
      row.push(b?.cost_before_pln ?? null, b?.cost_after_pln ?? null, b ? b.cost_before_pln - b.cost_after_pln : null);
    }
    return row;
  });
  return { header, rows };
}

/**
 * The cluster's flows per interval. The page holds the flows per local day (the engine's daily
 * series); per netting window once the engine sends the window series (`windows`, see the report
 * of issue 10). Starts in local time (Europe/Warsaw) and UTC; battery columns where known.
 */
export interface IntervalSeries {
  /** Each interval's start, UTC ms. */
  startUtcMs: ArrayLike<number>;
  /** Length in minutes; null for local days (23–25 h). */
  minutes: number | null;
  consumption: ArrayLike<number>;
  generation: ArrayLike<number>;
  shared: ArrayLike<number>;
  gridImport: ArrayLike<number>;
  gridExport: ArrayLike<number>;
  charge?: ArrayLike<number>;
  discharge?: ArrayLike<number>;
  soc?: ArrayLike<number>;
}

export function dailyIntervals(daily: ViewResult['daily']): IntervalSeries {
  return { startUtcMs: daily.dayStartUtcMs, minutes: null, ...daily };
}

/** The engine's per-window series (the CLI's BalanceResult.windows; in the page once the worker sends it). */
export function windowIntervals(w: WindowSeries): IntervalSeries {
  const step = w.minutes * 60_000;
  return {
    ...w,
    startUtcMs: Array.from({ length: w.consumption.length }, (_, t) => w.startUtcMs + t * step),
    minutes: w.minutes,
  };
}

export function intervalsTable(s: IntervalSeries): Table {
  const header = [
    'start_local',
    'start_utc',
    'length',
    'consumption_kwh',
    'generation_kwh',
    'shared_kwh',
    'grid_import_kwh',
    'grid_export_kwh',
    'battery_charge_kwh',
    'battery_discharge_kwh',
    'battery_soc_kwh',
  ];
  const rows: Cell[][] = [];
  const at = (a: ArrayLike<number> | undefined, i: number): Cell => (a ? a[i] : null);
  for (let i = 0; i < s.startUtcMs.length; i++) {
    const start = s.startUtcMs[i];
    rows.push([
      formatLocalIso(start),
      new Date(start).toISOString().replace('.000Z', 'Z'),
      s.minutes === null ? '1d' : `${s.minutes}min`,
      s.consumption[i],
      s.generation[i],
      s.shared[i],
      s.gridImport[i],
      s.gridExport[i],
      at(s.charge, i),
      at(s.discharge, i),
      at(s.soc, i),
    ]);
  }
  return { header, rows };
}

const KPI_KEYS: (keyof Kpis)[] = [
  'consumption_kwh',
  'generation_kwh',
  'shared_kwh',
  'grid_import_kwh',
  'grid_export_kwh',
  'self_consumption',
  'self_sufficiency',
  'autarky',
  'peak_grid_import_kw',
  'matched_res_share',
  'matched_share',
  'res_generation_share',
  'battery_charged_kwh',
  'battery_discharged_kwh',
];

const MONEY_KEYS: (keyof MoneySummary)[] = [
  'savings_pln',
  'fee_exemption_pln',
  'discount_pln',
  'battery_account_pln',
  'npv_pln',
  'payback_years',
  'co2_avoided_t',
];

/** The headline numbers: one row per metric, the scenario's value and (with overlays) the baseline's. */
export function summaryTable(r: ExportSource, scenarioName: string, link: string): Table {
  const rows: Cell[][] = [
    ['scenario', scenarioName, null],
    ['link', link, null],
    ['data_fingerprint', r.fingerprint, null],
    ['members', r.cluster.members.length, null],
    ['window_minutes', r.settings.windowMinutes, null],
    ['allocation_key', r.settings.key, null],
  ];
  if (r.workspace.period) rows.push(['period', `${r.workspace.period.from} – ${r.workspace.period.to}`, null]);
  for (const k of KPI_KEYS) {
    const v = r.kpis[k];
    if (v === undefined) continue;
    rows.push([k, v, r.baseline ? (r.baseline.kpis[k] ?? null) : null]);
  }
  if (r.money) {
    for (const k of MONEY_KEYS) {
      const v = r.money.scenario[k];
      if (v === undefined) continue;
      rows.push([k, v as number | null, r.baseline ? ((r.money.baseline[k] as number | null) ?? null) : null]);
    }
  }
  return { header: ['metric', 'value', 'baseline'], rows };
}

/** One assumption: what, its value, its unit, where it comes from and when. */
export interface Assumption {
  kind: 'price' | 'model' | 'data' | 'setting';
  name: string;
  value: Cell;
  unit: string;
  source: string;
  date: string;
}

const MODELS: Assumption[] = [
  {
    kind: 'model',
    name: 'PV',
    value: 'NOAA solar position, Ineichen–Perez clear sky, Staszów monthly climatology, Erbs, Hay–Davies, 14 % losses',
    unit: '',
    source: 'README "Generation models" (src/models/)',
    date: '2026',
  },
  {
    kind: 'model',
    name: 'wind',
    value: 'power curve 3/12/25 m/s on seeded Weibull winds',
    unit: '',
    source: 'src/models/',
    date: '2026',
  },
  { kind: 'model', name: 'biogas', value: 'flat or heat-led', unit: '', source: 'src/models/', date: '2026' },
  {
    kind: 'model',
    name: 'load profiles',
    value: 'BDEW standard load profiles, Polish public holidays as Sundays',
    unit: '',
    source: 'BDEW via oemof/demandlib (MIT)',
    date: '2025',
  },
];

function provenance(kind: Assumption['kind'], name: string, value: Cell, unit: string, p: Provenance | undefined): Assumption {
  return { kind, name, value, unit, source: p?.source ?? '', date: p?.date ?? '' };
}

/**
 * The assumptions behind the numbers: the settings, the prices (the scenario's own where it sets
 * them, else the defaults with their sources), the models, and the data (each file, its period,
 * and the fingerprint of all the readings).
 */
export function assumptions(r: ExportSource, scenario: Scenario): Assumption[] {
  const out: Assumption[] = [
    { kind: 'setting', name: 'window_minutes', value: r.settings.windowMinutes, unit: 'min', source: '', date: '' },
    { kind: 'setting', name: 'allocation_key', value: r.settings.key, unit: '', source: '', date: '' },
  ];
  const money = scenario.money as Record<string, unknown> | undefined;
  const given = (k: string) => money !== undefined && money[k] !== undefined;
  const scalar = (k: keyof typeof MONEY_SOURCES, unit: string) => {
    const v = given(k) ? (money![k] as number) : (MONEY_DEFAULTS[k] as number);
    out.push(
      given(k)
        ? { kind: 'price', name: k, value: v, unit, source: 'scenario', date: '' }
        : provenance('price', k, v, unit, MONEY_SOURCES[k]),
    );
  };
  scalar('internal_price', 'PLN/kWh');
  scalar('emission_factor_t_per_mwh', 't/MWh');
  scalar('discount_rate', '');
  scalar('horizon_years', 'years');
  if (given('export_price'))
    out.push({
      kind: 'price',
      name: 'export_price',
      value: JSON.stringify(money!.export_price),
      unit: 'PLN/kWh',
      source: 'scenario',
      date: '',
    });
  else
    EXPORT_PRICE_SOURCES.forEach((p, i) =>
      out.push(
        provenance(
          'price',
          `export_price[${i + 1}]`,
          (MONEY_DEFAULTS.export_price as { monthly: number[] }).monthly[i] ?? null,
          'PLN/kWh',
          p,
        ),
      ),
    );
  // The tariff groups the members are billed in, each zone's energy and network rate with its source.
  const tariffs = { ...MONEY_DEFAULTS.tariffs, ...((money?.tariffs as typeof MONEY_DEFAULTS.tariffs | undefined) ?? {}) };
  const groups = [...new Set(r.cluster.members.map((m) => memberGroup(m, tariffs).group))].sort();
  for (const g of groups) {
    const own = (money?.tariffs as Record<string, unknown> | undefined)?.[g] !== undefined;
    const tariff = tariffs[g];
    if (!tariff) continue;
    tariff.zones.forEach((z, i) => {
      for (const part of ['energy', 'network'] as const) {
        const p = own ? undefined : DEFAULT_TARIFF_SOURCES[g as TariffGroup]?.[`zones[${i}].${part}`];
        out.push({
          kind: 'price',
          name: `${g} ${z.name} ${part}`,
          value: z[part],
          unit: 'PLN/kWh',
          source: own ? 'scenario' : (p?.source ?? ''),
          date: p?.date ?? '',
        });
      }
    });
  }
  out.push(...MODELS);
  for (const f of r.workspace.files) {
    const what = f.error ? `error: ${f.error.message}` : f.duplicateOf ? `duplicate of ${f.duplicateOf}` : (f.parsed?.kind ?? '');
    out.push({
      kind: 'data',
      name: f.name,
      value: what,
      unit: `${f.bytes} B`,
      source: f.period ? `${f.period.from} – ${f.period.to}` : '',
      date: '',
    });
  }
  out.push({
    kind: 'data',
    name: r.workspace.source === 'demo' ? 'demo: staszow-2025.arrows.gz' : 'readings',
    value: r.fingerprint,
    unit: 'fingerprint',
    source: 'dataFingerprint (the same in the page and the CLI)',
    date: '',
  });
  return out;
}

export function assumptionsTable(list: readonly Assumption[]): Table {
  return {
    header: ['kind', 'name', 'value', 'unit', 'source', 'date'],
    rows: list.map((a) => [a.kind, a.name, a.value, a.unit, a.source, a.date]),
  };
}

/** The scenario file (README "Scenarios"): snake_case JSON, defaults left out, `version` first. */
export function scenarioJson(s: Scenario): string {
  const { version: _v, ...rest } = compactScenario(s);
  void _v;
  return `${JSON.stringify({ version: SCENARIO_VERSION, ...rest }, null, 2)}\n`;
}
