/**
 * What the balancing engine is asked (settings) and what it answers (results).
 * Energies in kWh, powers in kW, ratios 0..1 (CLUSTERS.md §4).
 */
import type { Member } from '../ingest/cluster-data';

/** How shared energy is handed to consumers in each netting window (§4 step 5). */
export type AllocationKey = 'dynamic' | 'static' | 'hybrid' | 'priority';

/** A community battery (§4 step 6). */
export interface Battery {
  capacityKwh: number;
  /** Charge and discharge power limit, kW. */
  powerKw: number;
  /** Discharge power limit when it differs from the charge limit, kW. */
  dischargePowerKw?: number;
  /** Round-trip efficiency, 0..1. */
  roundTrip: number;
  /** Lowest state of charge, kWh (default 0). */
  socMinKwh?: number;
  /** Highest state of charge, kWh (default: the capacity). */
  socMaxKwh?: number;
  /**
   * Peak-shaving dispatch (§4 step 6): discharge only the deficit above this grid import, kW, so
   * the battery is full when the peaks come. Absent: self-consumption (cover every deficit).
   */
  importLimitKw?: number;
}

export interface BalanceSettings {
  /** Netting window: 15, 30 or 60 minutes, a multiple of the data resolution. */
  windowMinutes: number;
  key: AllocationKey;
  /** Static and hybrid keys: one share per member in data order, summing to 1 (default equal). */
  shares?: number[];
  /** Priority key: member indices, first served first (default data order). */
  order?: number[];
  battery?: Battery | null;
  /** Members' own batteries behind their meters, applied before cluster netting. */
  behindMeter?: { member: number; battery: Battery }[];
}

/**
 * A scenario's overlays as the engine applies them (CLUSTERS.md §4.8), by row of the loaded
 * data, values in kWh per data interval. The balanced rows are the loaded ones less `excluded`,
 * then `added` in order.
 */
export interface EngineOverlay {
  excluded: number[];
  /** Factor on a loaded row's import. */
  scale: [row: number, factor: number][];
  /** Generation behind a loaded row's meter. */
  behind: [row: number, generation: Float64Array][];
  /** A loaded row's register entry as the scenario sees it (e.g. with PV behind its meter). */
  members?: Map<number, Member>;
  added: { member: Member; imports?: Float64Array; exports?: Float64Array }[];
}

/** Headline numbers; the keys are the ones the page's data-metric attributes and the CLI use. */
export interface Kpis {
  consumption_kwh: number;
  generation_kwh: number;
  shared_kwh: number;
  grid_import_kwh: number;
  grid_export_kwh: number;
  self_consumption: number;
  self_sufficiency: number;
  peak_grid_import_kw: number;
  battery_charged_kwh: number;
  battery_discharged_kwh: number;
  battery_losses_kwh: number;
  battery_cycles: number;
  /** Share of the members' export that comes from renewable sources (register: PV, wind, biogas). */
  res_generation_share: number;
  /** Shared energy matched to renewable export in the same window (§4 step 4). */
  matched_res_kwh: number;
  /** matched_res_kwh over the members' consumption: the support scheme's "same hour" share. */
  matched_res_share: number;
  /**
   * Shared energy before storage ÷ members' consumption: the same-window matched share that the
   * distribution-fee discount ladder is measured on (CLUSTERS.md §2). Equals self_sufficiency
   * without a community battery.
   */
  matched_share: number;
  /**
   * Windows in which the community battery stood idle although it had room or charge, because
   * both unallocated surplus and unmet demand existed (a static key, §4 step 6).
   */
  battery_blocked_windows: number;
  behind_meter_charged_kwh: number;
  behind_meter_discharged_kwh: number;
  /**
   * Gross consumption (import + metered generation − export of members whose generation is
   * metered; import alone for the others) and autarky = (gross consumption − grid import) / gross
   * consumption (§4 step 4). Present only when some member's generation is metered.
   */
  gross_consumption_kwh?: number;
  autarky?: number;
}

export interface MemberResult {
  id: string;
  import_kwh: number;
  export_kwh: number;
  /** Shared energy allocated to this member as a consumer. */
  allocated_kwh: number;
  /** This member's export counted as shared (S · E_j / ΣE), as a producer. */
  shared_export_kwh: number;
}

/** Cluster flows per netting window. */
export interface WindowSeries {
  startUtcMs: number;
  minutes: number;
  consumption: Float64Array;
  generation: Float64Array;
  shared: Float64Array;
  gridImport: Float64Array;
  gridExport: Float64Array;
  charge: Float64Array;
  discharge: Float64Array;
  /** State of charge at each window's end. */
  soc: Float64Array;
}

export interface BalanceResult {
  kpis: Kpis;
  members: MemberResult[];
  windows: WindowSeries;
}
