/** The KPI keys the issues name, shared by the tests that compare results across hosts. */

/** The cluster KPIs on every page, in every CLI answer and in expected.json. */
export const CLUSTER_KPIS = [
  'consumption_kwh',
  'generation_kwh',
  'shared_kwh',
  'grid_import_kwh',
  'grid_export_kwh',
  'self_consumption',
  'self_sufficiency',
] as const;

/** CLUSTER_KPIS plus the peak, which needs the window length. */
export const BALANCE_KPIS = [...CLUSTER_KPIS, 'peak_grid_import_kw'] as const;

/** What expected.json holds for every setting. */
export const EXPECTED_KPIS = [...BALANCE_KPIS, 'battery_discharged_kwh'] as const;
