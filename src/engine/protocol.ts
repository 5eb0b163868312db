/** Messages between the page and the engine's Web Worker. */
import type { Member } from '../ingest/cluster-data';
import type { BalanceSettings, Kpis, MemberResult } from './types';

export type EngineRequest =
  | { type: 'open-demo'; id: number; settings: BalanceSettings; siteRoot: string }
  | { type: 'compute'; id: number; settings: BalanceSettings }
  | { type: 'tables'; id: number };

/** The loaded cluster as Arrow IPC streams for DuckDB (see sql-tables.ts). */
export interface SqlTables {
  readings: Uint8Array;
  members: Uint8Array;
}

/** Cluster flows per local (Europe/Warsaw) day, for the year chart. */
export interface DailySeries {
  /** Local midnight of each day, as UTC milliseconds. */
  dayStartUtcMs: Float64Array;
  consumption: Float64Array;
  generation: Float64Array;
  shared: Float64Array;
  gridImport: Float64Array;
  gridExport: Float64Array;
}

export interface ClusterSummary {
  members: Member[];
  stepMinutes: number;
  startUtcMs: number;
  intervals: number;
}

/** What a view needs after a compute: small, and its arrays are transferred, not copied. */
export interface ViewResult {
  cluster: ClusterSummary;
  settings: BalanceSettings;
  kpis: Kpis;
  members: MemberResult[];
  daily: DailySeries;
  /** Kernel time of this compute, ms. */
  computeMs: number;
}

export type EngineResponse =
  | { type: 'result'; id: number; result: ViewResult }
  | { type: 'tables'; id: number; tables: SqlTables }
  | { type: 'error'; id: number; message: string };
