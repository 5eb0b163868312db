/**
 * The shapes every importer produces and the engine consumes.
 *
 * Energies are kWh per interval. Arrays are member-major: member i's series occupies
 * [i * intervals, (i + 1) * intervals). Interval k starts at startUtcMs + k * stepMinutes minutes.
 */

/** One row of the member register (umowa klastra: PPE, name, type, tariff, gmina, sources). */
export interface Member {
  /** PPE code or meter id exactly as in the data. */
  id: string;
  name: string;
  /** jst | municipal | business | household | producer | other */
  type: string;
  /** Tariff group such as G11, C12a, B21. */
  tariff: string;
  gmina: string;
  /** Powiat (county) of the member's connection point, when the register gives it. */
  powiat?: string;
  /**
   * The distribution system operator (OSD) the member is connected to: the register's `osd`
   * column, or inferred from a GS1 PPE code's company prefix (register.ts dsoFromPpe).
   */
  dso?: string;
  pvKwp: number;
  windKw: number;
  biogasKw: number;
  /**
   * false for a meter found in the data but in no member register (its type, gmina and sources
   * are then unknown, not "none"); absent or true for register members.
   */
  registered?: boolean;
}

/** A cluster's metered data on one common time grid. */
export interface ClusterData {
  members: Member[];
  /** 15 or 60. */
  stepMinutes: number;
  /** Start of the first interval, UTC milliseconds. */
  startUtcMs: number;
  /** Number of intervals per member. */
  intervals: number;
  /** Energy drawn from the grid (A+, pobór), member-major, kWh per interval. */
  imports: Float64Array;
  /** Energy injected into the grid (A−, oddanie), member-major, kWh per interval. */
  exports: Float64Array;
  /**
   * Gross generation metered behind the meter (a PV inverter's own meter), member-major, kWh per
   * interval, 0 for members without such a meter; absent when no member has one. With it, gross
   * consumption is import + generation − export (CLUSTERS.md §4 step 1) and gross KPIs exist.
   */
  grossGeneration?: Float64Array;
  /** Per member: whether grossGeneration holds a metered value for it. */
  grossMetered?: boolean[];
}

/** One meter's series as read from a file, before it is placed on the cluster's grid. */
export interface MeterSeries {
  id: string;
  stepMinutes: number;
  startUtcMs: number;
  import: Float64Array;
  export: Float64Array;
  /** Gross generation behind the meter, when the file has it (e.g. a PV column). */
  generation?: Float64Array;
}
