/** Messages between the page and the engine's Web Worker. */
import type { Member } from '../ingest/cluster-data';
import type { AllocationKey, BalanceSettings, Kpis, MemberResult, WindowSeries } from './types';
import type { SweepResult, SweepSpec } from './sweep';
import type { MoneySummary } from '../money/cluster-money';
import type { Scenario, Variants } from '../scenario/model';
import type { ProjectProblem } from '../storage/project-error';
import type { FileReport, Workspace } from './workspace';
import type { ParseOverrides } from '../ingest/overrides';
import type { GapFillMethod } from '../ingest/gap-fill';
import type { Period } from '../ingest/period';

export type EngineRequest =
  /** `quick`: a partial result (ViewResult.partial), the KPIs as soon as possible. */
  | { type: 'open-demo'; id: number; scenario: Scenario; siteRoot: string; quick?: boolean }
  /** The demo's readings (gzip) as the page fetched them, or why it could not (see DEMO_SENT_NAME). */
  | { type: 'demo-readings'; id: 0; blob?: Blob; error?: string }
  | { type: 'compute'; id: number; scenario: Scenario }
  /** Reads the files kept in the browser again (progress as for add-files); nothing kept: a compute. */
  | { type: 'restore'; id: number; scenario: Scenario }
  /** Removes everything kept in the browser and opens the demo. */
  | { type: 'clear'; id: number; scenario: Scenario; siteRoot: string }
  /**
   * One slice of the loaded cluster's tables (`slice` 0 also carries the members): the page takes
   * them one at a time, so that neither side ever holds the whole readings table as Arrow.
   */
  | { type: 'tables'; id: number; slice: number }
  /** Adds the user's files to what is loaded (the demo steps aside at the first readings). */
  | { type: 'add-files'; id: number; files: File[]; scenario: Scenario }
  /** Reads one of the user's files again with corrections to what was detected. */
  | { type: 'reread'; id: number; index: number; overrides: ParseOverrides; scenario: Scenario }
  | { type: 'remove-file'; id: number; index: number; scenario: Scenario }
  | { type: 'gap-fill'; id: number; method: GapFillMethod; scenario: Scenario }
  | { type: 'quarter-hours'; id: number; on: boolean; scenario: Scenario }
  /** Analyses another period of the user's files (null: the default period). */
  | { type: 'period'; id: number; period: Period | null; scenario: Scenario }
  /** Where file `index` overlaps another file's readings of a meter, uses its values. */
  | { type: 'prefer'; id: number; index: number; scenario: Scenario }
  /** Stops reading files; what was loaded before stays. */
  | { type: 'cancel'; id: number }
  /** The sizing sweep on the current data (progress as 'progress' messages, rows done / rows). */
  | { type: 'sweep'; id: number; scenario: Scenario; spec: SweepSpec }
  /** Stops a running sweep (it rejects with 'cancelled'). */
  | { type: 'cancel-sweep'; id: number }
  /** Every member's allocation under each of the four keys, for the scenario. */
  | { type: 'keys'; id: number; scenario: Scenario }
  /** The scenario's per-window cluster series (for the per-interval export). */
  | { type: 'windows'; id: number; scenario: Scenario }
  /** Each scenario's KPIs (and its baseline's), e.g. the saved variants, for the comparison table. */
  | { type: 'compare'; id: number; scenarios: Scenario[] }
  /** Packs the user's files, their choices and `variants` into a project file (progress: bytes packed). */
  | { type: 'save-project'; id: number; variants: Variants; language: 'pl' | 'en' }
  /**
   * Opens a project file in place of what is loaded (only when it opens whole), computed with its
   * scenario; the result carries the project's scenario and variants in `project`.
   */
  | { type: 'open-project'; id: number; file: File; scenario: Scenario };

/** One member under each allocation key (winners and losers across keys). */
export interface KeyComparison {
  keys: AllocationKey[];
  members: { id: string; import_kwh: number; allocated_kwh: Record<AllocationKey, number> }[];
  /** Cluster KPIs under each key. */
  kpis: Record<AllocationKey, Kpis>;
}

/** The loaded cluster as Arrow IPC streams for DuckDB (see sql-tables.ts). */
export interface SqlTables {
  /** Slices of whole members, to be appended in order; each is built when it is asked for. */
  readings: AsyncIterable<Uint8Array>;
  members: Uint8Array;
}

/** One slice of the readings table, of `slices`, built from data version `version`. */
export interface SqlTablesSlice {
  readings: Uint8Array;
  slice: number;
  slices: number;
  version: number;
  /** With slice 0 only. */
  members?: Uint8Array;
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

/** Statistics for the charts. */
export interface Insights {
  /** Residual load (ΣI − ΣE) duration curve, downsampled: share of time 0..1 and kW. */
  curve: { timeShare: Float64Array; kw: Float64Array };
  /** Shared over consumed energy per local month × hour cell (month·24 + hour); NaN without data. */
  coverage: Float64Array;
}

/** What a view needs after a compute: small, and its arrays are transferred, not copied. */
export interface ViewResult {
  cluster: ClusterSummary;
  /** The scenario as asked. */
  scenario: Scenario;
  /** The settings computed with (the window follows the data). */
  settings: BalanceSettings;
  /** The window asked for; differs from settings.windowMinutes when the data are coarser. */
  requestedWindowMinutes: number;
  kpis: Kpis;
  members: MemberResult[];
  daily: DailySeries;
  insights: Insights;
  /**
   * Only the KPIs and members' energy (the page's first answer): no money, and the daily series
   * and insights empty. The page asks for the whole result right after.
   */
  partial?: boolean;
  /** Kernel time of this compute, ms. */
  computeMs: number;
  /** Grows with every load of data: a result of newer data wins over any result of older data. */
  dataVersion: number;
  /** Demo or the user's files, with the data report of every file read. */
  workspace: Workspace;
  /**
   * The loaded data without the scenario's overlays (exclusions, scaling, added generators and
   * consumers), balanced with the same settings; null when the scenario has no overlays (the
   * result above is then the baseline). `cluster.members` lists the scenario's members, added
   * ones included; `baseline.memberIds` the loaded ones.
   */
  baseline: { kpis: Kpis; members: MemberResult[]; daily: DailySeries; insights: Insights } | null;
  /** The loaded files' fingerprint (scenario/fingerprint.ts): a link made on these data names it. Empty for the demo. */
  fingerprint: string;
  /** Bills, savings, CO₂ and the investment of the scenario and its baseline (CLUSTERS.md §5.2). */
  money: { scenario: MoneySummary; baseline: MoneySummary } | null;
  /** Set when a project file was just opened: its scenario and variants, to put on screen. */
  project?: Variants;
}

/** One of the files being loaded, read: shown before the whole batch makes a cluster. */
export interface FileRead {
  /** Its place among the files read (an archive's files each have one), and their number. */
  index: number;
  of: number;
  report: FileReport;
}

/** Where the demo's readings and register are, under the site's root. */
export const DEMO_READINGS = 'demo/staszow-2025.arrows.gz';
export const DEMO_REGISTER = 'demo/staszow-members.csv';

/**
 * A worker named this (and the site's root) is sent the demo's readings by the page (as a Blob),
 * which fetched them while the worker's script loaded (a `demo-readings` message; vite.config.ts
 * earlyEngineWorker); it fetches the small register itself.
 */
export const DEMO_SENT_NAME = 'klaster-demo-sent:';

export type EngineResponse =
  | { type: 'result'; id: number; result: ViewResult }
  /** Unasked: how the keeping of the user's files in the browser ended (after the result it follows). */
  | { type: 'storage'; id: 0; storage: Workspace['storage'] }
  /**
   * Unasked: the files' reports completed after the result they follow (the quality of the file
   * read last, worked out once the KPIs were out), for the data of `dataVersion`.
   */
  | { type: 'reports'; id: 0; dataVersion: number; files: Workspace['files'] }
  | { type: 'tables'; id: number; tables: SqlTablesSlice }
  /** `file`: a file just read (its place in the request's list, and its report), while files load. */
  | { type: 'progress'; id: number; doneBytes: number; totalBytes: number; file?: FileRead }
  | { type: 'error'; id: number; message: string; project?: { code: ProjectProblem; detail: string } }
  | { type: 'project'; id: number; blob: Blob; name: string }
  | { type: 'sweep'; id: number; sweep: SweepResult }
  | { type: 'windows'; id: number; windows: WindowSeries }
  | { type: 'keys'; id: number; keys: KeyComparison }
  | { type: 'compare'; id: number; kpis: { scenario: Kpis; baseline: Kpis; money?: MoneySummary }[] };
