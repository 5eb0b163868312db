/**
 * What the engine worker has loaded: the demo cluster, or the user's files. Files dropped later
 * add to the user's cluster; a file can be read again with corrections (layout, encoding, unit…)
 * or removed. A file that cannot be read is reported (file, line, column) and leaves everything
 * already loaded as it was.
 */
import type { ClusterData, Member, MeterSeries } from '../ingest/cluster-data';
// Straight from the modules, not ../ingest/index: the engine worker needs no parser of its own
// (files are read in the parse worker), and so its script stays small.
import { assembleCluster, type AssemblyReport } from '../ingest/assemble';
import { contentHash } from '../ingest/content-hash';
import { isView, shareRows } from './shared-rows';
import { defaultPeriod, localDates, periodGroups, spanOf, type Period } from '../ingest/period';
import { ParseError, type ParseWarning } from '../ingest/errors';
import { CONTAINER_MAGIC_BYTES, containerKind } from '../ingest/container-kind';
import { columnLetters, sheetErrorMessage } from '../ingest/sheet-location';
import type { ParsedInput, ParsedPrices, ParsedPvgis, ParsedReadings, ParsedRegister } from '../ingest/parsed-file';
import type { ParseOverrides } from '../ingest/overrides';
import { fillGaps, type GapFillMethod } from '../ingest/gap-fill';
import { meterQuality, type MeterQuality } from '../ingest/quality';
import { DAY_MS, MINUTE_MS, warsawMidnightUtc, warsawUtcToLocal } from '../ingest/time';
import type { StoreFailure, StoredBlob, StoredWorkspace } from '../storage/workspace-store';

/** One file as the data report shows it. */
export interface FileReport {
  name: string;
  bytes: number;
  /** The corrections it was read with, if any. */
  overrides?: ParseOverrides;
  /** How it was understood, when it could be read. */
  parsed?: Pick<ParsedReadings | ParsedRegister, 'kind' | 'detection' | 'warnings'> & {
    meters: number;
    preview?: string[][];
    /** Per meter: coverage, gaps, duplicates, DST anomalies, negative values, outliers. */
    quality?: MeterQuality[];
  };
  /** Why it could not be read; `columnName` is the column's letter when the file is a sheet. */
  error?: { message: string; line?: number; column?: number; reason?: string; columnName?: string };
  /** The period its readings cover, local dates (both inclusive). */
  period?: { from: string; to: string; fromUtcMs: number; toUtcMs: number };
  /** Skipped: it holds exactly what this earlier file holds (same readings). */
  duplicateOf?: string;
  /** PSE's RCE prices: the export price of the bills (instead of the monthly values). */
  prices?: Pick<ParsedPrices, 'minutes' | 'from' | 'to'>;
  /** The archive it came out of (`pack.zip`), if any. */
  from?: string;
  /** An archive or workbook that could not be opened: no reading corrections apply to it. */
  container?: true;
  /** A PVGIS file: a PV profile (seriescalc) or the weather year (TMY) for the models, not members. */
  pvgis?: Pick<ParsedPvgis, 'what' | 'kwp' | 'lat' | 'lon' | 'hours'>;
}

/** A file to read (a File in the browser): its bytes are read only when its turn comes. */
export interface SourceFile {
  name: string;
  size: number;
  blob: Blob;
  /** The file's modification time (ms): where two files overlap, the newer one is kept. */
  lastModified?: number;
  /** The archive it came out of (`pack.zip`), if any. */
  from?: string;
  /** What was left out of that archive or workbook (plain English), shown as warnings. */
  notes?: string[];
  /** The sheet it is the text of (a line is a row, a field a column from A). */
  sheet?: string;
}

/**
 * The files a .zip, .gz or workbook holds (in the browser: in the parse worker); rejects with a
 * ParseError naming the container (and entry) when it cannot be opened.
 */
export type UnpackFile = (
  name: string,
  blob: Blob,
) => Promise<{ name: string; bytes: Uint8Array; lastModified?: number; from?: string; notes: string[]; sheet?: string }[]>;

/** Reads one file (in the browser: in a cancellable worker of its own). */
export type ReadFile = (name: string, blob: Blob, overrides?: ParseOverrides) => Promise<ParsedInput>;

export interface Workspace {
  source: 'demo' | 'files';
  files: FileReport[];
  assembly: AssemblyReport | null;
  /** How missing intervals are filled, and what was filled. */
  filled: FilledReport;
  /** Hourly data split into quarter-hours on request (derived values). */
  quarterHours: boolean;
  /** The period analysed (local dates, both inclusive), and whether the user chose it. */
  period: { from: string; to: string; fromUtcMs: number; toUtcMs: number; chosen: boolean } | null;
  /** True when the files' periods do not overlap (only part of the data is analysed). */
  disjoint: boolean;
  /** What the user should know about the files and could not see in the numbers. */
  notices: WorkspaceNotice[];
  /**
   * Whether the user's files are kept in the browser for the next visit: 'saved', 'saving' (being
   * written, after the KPIs), or why not ('quota': the browser's storage is full; 'unavailable');
   * null when there is nothing to keep.
   */
  storage?: 'saved' | 'saving' | StoreFailure | null;
}

/** Plain facts about the loaded files, each rendered in the user's language by the page. */
export type WorkspaceNotice =
  /** A file held exactly what an earlier one holds: skipped, not added up. */
  | { code: 'duplicate-skipped'; file: string; of: string }
  /** Readings of one meter in two files: the kept file's values are used, the user may choose. */
  | {
      code: 'overlap';
      meter: string;
      kept: string;
      replaced: string;
      intervals: number;
      differing: number;
      keptIndex: number;
      replacedIndex: number;
    }
  /** Only register files are left: there are no readings, the demo is shown. */
  | { code: 'no-readings' }
  /** Files outside the analysed period are left out of it. */
  | { code: 'outside-period'; files: string[] };

export interface FilledReport {
  method: GapFillMethod;
  /** Meter-intervals filled (import and export counted once per interval). */
  intervals: number;
  /** Local days (their midnight, UTC ms) holding at least one filled interval, for the charts. */
  days: number[];
}

interface Entry {
  source: SourceFile;
  report: FileReport;
  series: MeterSeries[];
  members: Member[];
  /** What its readings hash to (see contentHash); '' for registers and failed files. */
  hash: string;
  /** Load order, and the moment the user preferred this file's values where files overlap. */
  loaded: number;
  preferred: number;
  /** The corrections its readings were read with (a failed re-read's are only in the report). */
  readWith?: ParseOverrides;
  pvgis?: ParsedPvgis;
  prices?: ParsedPrices;
  /** Its meters' quality, when it is to be worked out after the KPIs (see add's `qualityLater`). */
  qualityFrom?: { meters: MeterSeries[]; warnings: ParseWarning[] };
}

export class UserFiles {
  private entries: Entry[] = [];
  assembly: AssemblyReport | null = null;
  private method: GapFillMethod = 'zero';
  /** 15 to split hourly data into (derived) quarter-hours; default: the coarsest resolution. */
  private stepMinutes: 15 | undefined = undefined;
  /** The period the user chose; null: the default (see defaultPeriod). */
  private chosenPeriod: Period | null = null;
  private counter = 0;

  constructor(
    private readonly readFile: ReadFile,
    private readonly unpack?: UnpackFile,
  ) {}
  filled: FilledReport = { method: 'zero', intervals: 0, days: [] };
  /** The period of the last assembly. */
  period: Workspace['period'] = null;
  disjoint = false;
  notices: WorkspaceNotice[] = [];

  get reports(): FileReport[] {
    return this.entries.map((e) => e.report);
  }

  /** The readings of the file named `name` (for a scenario's `profile` generator), or null. */
  seriesOf(name: string): MeterSeries[] | null {
    const e = this.entries.find((x) => x.report.name === name && x.series.length > 0);
    return e ? e.series : null;
  }

  /** A loaded PVGIS file by name (a scenario's `profile` generator), or null. */
  pvgisOf(name: string): ParsedPvgis | null {
    return this.entries.find((e) => e.report.name === name && e.pvgis)?.pvgis ?? null;
  }

  /** A loaded RCE price file by name, or null. */
  pricesOf(name: string): ParsedPrices | null {
    return this.entries.find((e) => e.report.name === name && e.prices)?.prices ?? null;
  }

  /** The loaded RCE price file (the last one loaded), if any: the export price of the bills. */
  get pricesFile(): ParsedPrices | null {
    return [...this.entries].reverse().find((e) => e.prices)?.prices ?? null;
  }

  /** The loaded PVGIS typical year (TMY), if any: the weather the PV and wind models then use. */
  get weatherFile(): ParsedPvgis | null {
    return this.entries.find((e) => e.pvgis?.what === 'tmy')?.pvgis ?? null;
  }

  /** How many meter series are views of their cluster rows (shared-rows.ts), not copies of their own. */
  get sharedSeries(): number {
    return this.entries.reduce((a, e) => a + e.series.filter((s) => isView(s.import)).length, 0);
  }

  /**
   * Works out the quality reports left for later (add's `qualityLater`); false when there were none.
   */
  completeQuality(): boolean {
    let any = false;
    for (const e of this.entries) {
      if (!e.qualityFrom || !e.report.parsed) continue;
      e.report.parsed.quality = qualityOf(e.qualityFrom.meters, e.qualityFrom.warnings);
      delete e.qualityFrom;
      any = true;
    }
    return any;
  }

  /** Whether any file holds readings (a register alone makes no cluster). */
  get hasReadings(): boolean {
    return this.entries.some((e) => e.series.length > 0);
  }

  /**
   * Reads files (all asked for at once: the reader decides how many run together, and each file's
   * bytes are let go as soon as it is parsed) and returns the cluster they make together with
   * everything read before, or null when nothing usable came. The files keep the order given,
   * whatever order they finish in. A file holding exactly what another holds is skipped with a
   * notice, never added up. `fileRead` hears of each file as soon as it is read.
   */
  async add(
    files: SourceFile[],
    progress?: (doneBytes: number) => void,
    fileRead?: (report: FileReport, index: number, of: number) => void,
    /**
     * The quality report of the file read last is left for completeQuality, after the KPIs: the
     * others' are worked out while the rest are read, but the last one's would hold the KPIs up
     * (a tenth of a second for a year of a hundred quarter-hour meters).
     */
    qualityLater = false,
  ): Promise<ClusterData | null> {
    let done = 0;
    // Containers first: each is replaced by the files it holds (each then stored, read and removed
    // alone); one that cannot be opened is listed as a failed file. Progress counts the bytes
    // dropped: a container's share by its files' sizes.
    const expanded = await Promise.all(files.map((source) => this.expand(source)));
    const items: { source: SourceFile; failed?: ParseError; weight: number }[] = [];
    files.forEach((source, i) => {
      const inner = expanded[i]!;
      if (!Array.isArray(inner)) return items.push({ source, failed: inner, weight: source.size });
      const total = inner.reduce((a, f) => a + f.size, 0);
      for (const f of inner) items.push({ source: f, weight: total > 0 ? (source.size * f.size) / total : 0 });
    });
    const first = this.counter + 1;
    this.counter += items.length;
    // Files still being parsed: counted down as each parse ends, before its report is made.
    let reading = items.filter((x) => !x.failed).length;
    const readFile: ReadFile = async (...args) => {
      try {
        return await this.readFile(...args);
      } finally {
        reading--;
      }
    };
    const fresh = await Promise.all(
      items.map(async ({ source, failed, weight }, i) => {
        const entry = failed
          ? failedEntry(source, failed, first + i)
          : await read(readFile, source, undefined, first + i, () => qualityLater && reading === 0);
        done += weight;
        progress?.(done);
        fileRead?.(entry.report, i, items.length);
        return entry;
      }),
    );
    const known = new Map(this.entries.filter((e) => e.hash).map((e) => [e.hash, e.report.name]));
    for (const f of fresh) {
      if (!f.hash) continue;
      const of = known.get(f.hash);
      if (of !== undefined) {
        f.report.duplicateOf = of;
        f.series = [];
      } else known.set(f.hash, f.report.name);
    }
    const result = this.assemble([...this.entries, ...fresh]);
    if (result.ok) return result.data;
    // The new files do not fit with what is loaded: keep that, list the new files as failed.
    for (const f of fresh) fail(f, result.message);
    this.entries = [...this.entries, ...fresh];
    return this.assembled(this.entries);
  }

  /** The files `source` holds (itself when it is no container), or why it cannot be opened. */
  private async expand(source: SourceFile): Promise<SourceFile[] | ParseError> {
    if (!this.unpack || !(await isContainer(source.blob))) return [source];
    try {
      const files = await this.unpack(source.name, source.blob);
      return files.map((f) => ({
        name: f.name,
        size: f.bytes.length,
        blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]),
        lastModified: f.lastModified ?? source.lastModified,
        ...(f.from !== undefined ? { from: f.from } : {}),
        ...(f.notes.length > 0 ? { notes: f.notes } : {}),
        ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      }));
    } catch (e) {
      if (e instanceof ParseError) return e;
      if (e instanceof Error && e.name === 'Cancelled') throw e;
      const what = e instanceof Error ? e.message : String(e);
      return new ParseError(source.name, undefined, undefined, `could not be opened (${what})`, { cause: e });
    }
  }

  /** Reads file `index` again with corrections; on failure the file keeps what it had. */
  async reread(index: number, overrides: ParseOverrides): Promise<ClusterData | null> {
    const old = this.entries[index];
    if (!old) throw new Error(`no file number ${index}`);
    const entry = await read(this.readFile, old.source, overrides, old.loaded);
    entry.preferred = old.preferred;
    if (!entry.report.error) {
      const result = this.assemble(this.entries.map((e, i) => (i === index ? entry : e)));
      if (result.ok) return result.data;
      entry.report.error = { message: `${old.report.name}: ${result.message}` };
    }
    old.report = { ...old.report, overrides, error: entry.report.error };
    return this.assembled(this.entries);
  }

  /** Fills missing intervals with `method` from now on, and re-assembles. */
  setGapFill(method: GapFillMethod): ClusterData | null {
    const before = this.method;
    this.method = method;
    try {
      return this.assembled(this.entries);
    } catch (e) {
      this.method = before;
      throw e;
    }
  }

  /** Splits hourly data into quarter-hours (derived values) when `quarterHours`, and re-assembles. */
  setQuarterHours(quarterHours: boolean): ClusterData | null {
    const before = this.stepMinutes;
    this.stepMinutes = quarterHours ? 15 : undefined;
    try {
      return this.assembled(this.entries);
    } catch (e) {
      this.stepMinutes = before;
      throw e;
    }
  }

  get quarterHours(): boolean {
    return this.stepMinutes === 15;
  }

  /** Analyses `period` from now on (null: the default period); throws, changing nothing, when it holds no data. */
  setPeriod(period: Period | null): ClusterData | null {
    const before = this.chosenPeriod;
    this.chosenPeriod = period;
    try {
      return this.assembled(this.entries);
    } catch (e) {
      this.chosenPeriod = before;
      throw e;
    }
  }

  /** Where file `index` overlaps another file's readings, use its values. */
  prefer(index: number): ClusterData | null {
    const entry = this.entries[index];
    if (!entry) throw new Error(`no file number ${index}`);
    const before = entry.preferred;
    entry.preferred = ++this.counter;
    try {
      return this.assembled(this.entries);
    } catch (e) {
      entry.preferred = before;
      throw e;
    }
  }

  /** What to keep in the browser to bring this workspace back (see restore); the bytes by file id. */
  stored(): { workspace: StoredWorkspace; blob: (id: number) => StoredBlob | undefined } {
    const byId = new Map(this.entries.map((e) => [e.loaded, e]));
    return {
      workspace: {
        version: 1,
        files: this.entries.map((e) => ({
          id: e.loaded,
          overrides: e.readWith,
          loaded: e.loaded,
          preferred: e.preferred,
          // A file that was read but did not fit the others stays listed as failed, not read again.
          error: e.report.error && e.series.length === 0 && e.members.length === 0 ? e.report.error : undefined,
        })),
        method: this.method,
        quarterHours: this.stepMinutes === 15,
        period: this.chosenPeriod,
      },
      blob: (id) => {
        const e = byId.get(id);
        return e && { id, name: e.source.name, lastModified: e.source.lastModified, blob: e.source.blob };
      },
    };
  }

  /**
   * Brings a kept workspace back: its files read again (through the same reader, in their load
   * order, with their corrections), then its settings; throws, loading nothing, when they no
   * longer make a cluster.
   */
  async restore(
    kept: StoredWorkspace,
    blobs: Map<number, StoredBlob>,
    progress?: (doneBytes: number, totalBytes: number) => void,
  ): Promise<ClusterData | null> {
    const files = [...kept.files].sort((a, b) => a.loaded - b.loaded);
    const total = files.reduce((a, f) => a + (blobs.get(f.id)?.blob.size ?? 0), 0);
    let done = 0;
    const entries: Entry[] = [];
    const known = new Map<string, string>();
    for (const f of files) {
      const b = blobs.get(f.id);
      if (!b) continue;
      const source: SourceFile = { name: b.name, size: b.blob.size, blob: b.blob, lastModified: b.lastModified };
      const entry: Entry = f.error
        ? {
            source,
            report: {
              name: b.name,
              bytes: b.blob.size,
              error: f.error,
              // An archive that could not be opened stays one: no reading corrections for it.
              ...((await isContainer(b.blob)) ? { container: true as const } : {}),
            },
            series: [],
            members: [],
            hash: '',
            loaded: f.loaded,
            preferred: 0,
          }
        : await read(this.readFile, source, f.overrides, f.loaded);
      entry.preferred = f.preferred;
      if (entry.hash) {
        const of = known.get(entry.hash);
        if (of !== undefined) {
          entry.report.duplicateOf = of;
          entry.series = [];
        } else known.set(entry.hash, b.name);
      }
      entries.push(entry);
      done += b.blob.size;
      progress?.(done, total);
    }
    this.counter = Math.max(0, ...files.map((f) => Math.max(f.loaded, f.preferred)));
    this.method = kept.method;
    this.stepMinutes = kept.quarterHours ? 15 : undefined;
    this.chosenPeriod = kept.period;
    return this.assembled(entries);
  }

  /** Forgets file `index`; throws, keeping it, when the files left cannot be assembled. */
  remove(index: number): ClusterData | null {
    const name = this.entries[index]?.report.name ?? `file ${index}`;
    const result = this.assemble(this.entries.filter((_, i) => i !== index));
    if (!result.ok) throw new Error(`${name} cannot be removed: the other files ${result.message}`);
    return result.data;
  }

  /** Assembles `entries`; a failure is an error the page shows, never a silently kept old cluster. */
  private assembled(entries: Entry[]): ClusterData | null {
    const result = this.assemble(entries);
    if (!result.ok) throw new Error(result.message);
    return result.data;
  }

  /** Makes `entries` the loaded files when they assemble (or hold no readings at all). */
  private assemble(entries: Entry[]): { ok: true; data: ClusterData | null } | { ok: false; message: string; data: null } {
    // Precedence where two files hold the same meter's readings: the one the user preferred, else
    // the newer file (modification time), else the one loaded later.
    const ranked = [...entries].sort(
      (a, b) => a.preferred - b.preferred || (a.source.lastModified ?? 0) - (b.source.lastModified ?? 0) || a.loaded - b.loaded,
    );
    const raw = ranked.flatMap((e) => e.series);
    const sources = ranked.flatMap((e) => e.series.map(() => e.report.name));
    const notices: WorkspaceNotice[] = entries
      .filter((e) => e.report.duplicateOf !== undefined)
      .map((e) => ({ code: 'duplicate-skipped', file: e.report.name, of: e.report.duplicateOf! }));
    for (const e of entries) {
      const p = spanOf(e.series);
      e.report.period = p ? { ...localDates(p), ...p } : undefined;
    }
    if (raw.length === 0) {
      this.entries = entries;
      this.assembly = null;
      this.filled = { method: this.method, intervals: 0, days: [] };
      this.period = null;
      this.disjoint = false;
      this.notices = entries.some((e) => e.members.length > 0) ? [...notices, { code: 'no-readings' }] : notices;
      return { ok: true, data: null };
    }
    try {
      const period = this.chosenPeriod ?? defaultPeriod(raw);
      if (!period) throw new Error('the files hold no readings');
      const withPeriods = entries.filter((e) => e.series.length > 0).map((e) => ({ e, period: spanOf(e.series) }));
      const outside = withPeriods.filter((f) => f.period && !overlapsPeriod(f.period, period)).map((f) => f.e.report.name);
      if (this.chosenPeriod && outside.length === withPeriods.length) {
        throw new Error(`no file has readings between ${localDates(period).from} and ${localDates(period).to}`);
      }
      const { data, report } = assembleCluster(
        raw,
        entries.flatMap((e) => e.members),
        { stepMinutes: this.stepMinutes, period, missing: 'nan', sources },
      );
      const filled = fillMissing(data, this.method);
      shareRows(
        entries.map((e) => e.series),
        data,
      );
      this.entries = entries;
      this.assembly = report;
      this.filled = filled;
      const analysed = { fromUtcMs: data.startUtcMs, toUtcMs: data.startUtcMs + data.intervals * data.stepMinutes * MINUTE_MS };
      this.period = { ...localDates(analysed), ...analysed, chosen: this.chosenPeriod !== null };
      this.disjoint = periodGroups(withPeriods).length > 1;
      const index = new Map(entries.map((e, i) => [e.report.name, i]));
      for (const o of report.overlaps) {
        notices.push({
          code: 'overlap',
          meter: o.id,
          kept: o.kept,
          replaced: o.replaced,
          intervals: o.intervals,
          differing: o.differing,
          keptIndex: index.get(o.kept) ?? -1,
          replacedIndex: index.get(o.replaced) ?? -1,
        });
      }
      if (outside.length > 0) notices.push({ code: 'outside-period', files: outside });
      this.notices = notices;
      return { ok: true, data };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e), data: null };
    }
  }
}

function overlapsPeriod(a: Period, b: Period): boolean {
  return a.fromUtcMs < b.toUtcMs && b.fromUtcMs < a.toUtcMs;
}

/**
 * Every member's missing intervals on the cluster's grid (NaN from assembly: holes in a file, and
 * stretches of the period a member's files do not cover) filled in place by `method`, and which
 * local days were touched, so that the charts can mark them as filled rather than measured.
 */
function fillMissing(data: ClusterData, method: GapFillMethod): FilledReport {
  let intervals = 0;
  const days = new Set<number>();
  const n = data.intervals;
  for (let r = 0; r < data.members.length; r++) {
    const rows = [data.imports.subarray(r * n, (r + 1) * n), data.exports.subarray(r * n, (r + 1) * n)];
    // Most members have no gap: nothing to copy (a copy of every row cost ~0.1 s on a year of
    // a hundred quarter-hour meters before the first KPIs).
    if (!rows.some(hasGap)) continue;
    const fills = rows.map((row) => fillGaps(row, data.stepMinutes, data.startUtcMs, method));
    rows.forEach((row, k) => row.set(fills[k]!.values));
    const [imp, exp] = fills;
    for (let i = 0; i < n; i++) {
      if (!imp!.filled[i] && !exp!.filled[i]) continue;
      intervals++;
      days.add(Math.floor(warsawUtcToLocal(data.startUtcMs + i * data.stepMinutes * MINUTE_MS) / DAY_MS));
    }
  }
  return { method, intervals, days: [...days].sort((a, b) => a - b).map(warsawMidnightUtc) };
}

function hasGap(row: Float64Array): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== row[i]) return true;
  return false;
}

/** Whether a file is an archive or a workbook, from its first bytes. */
async function isContainer(blob: Blob): Promise<boolean> {
  return containerKind(new Uint8Array(await blob.slice(0, CONTAINER_MAGIC_BYTES).arrayBuffer())) !== null;
}

/** A container that could not be opened: listed (and kept in the browser) as a failed file. */
function failedEntry(source: SourceFile, e: ParseError, loaded: number): Entry {
  return {
    source,
    report: {
      name: source.name,
      bytes: source.size,
      error: { message: e.message, line: e.line, column: e.column, reason: e.reason },
      container: true,
    },
    series: [],
    members: [],
    hash: '',
    loaded,
    preferred: 0,
  };
}

/** Each meter's quality report; a file's warnings (duplicates…) belong to its meter only when it holds one. */
function qualityOf(meters: readonly MeterSeries[], warnings: ParseWarning[]) {
  return meters.map((m) => meterQuality(m, meters.length === 1 ? { warnings } : {}));
}

function fail(entry: Entry, message: string): void {
  entry.report.error = { message: `${entry.report.name}: ${message}` };
  entry.series = [];
  entry.members = [];
}

/** Reads one file into an entry; a ParseError becomes the entry's report, Cancelled goes up. */
async function read(
  readFile: ReadFile,
  source: SourceFile,
  overrides: ParseOverrides | undefined,
  loaded: number,
  /** Asked once the file is parsed: whether its quality report is left for later. */
  qualityLater: () => boolean = () => false,
): Promise<Entry> {
  const report: FileReport = {
    name: source.name,
    bytes: source.size,
    overrides,
    ...(source.from !== undefined ? { from: source.from } : {}),
  };
  const entry: Entry = { source, report, series: [], members: [], hash: '', loaded, preferred: 0, readWith: overrides };
  try {
    const parsed = await readFile(source.name, source.blob, overrides);
    if (parsed.kind === 'pvgis') {
      entry.pvgis = parsed;
      report.pvgis = { what: parsed.what, kwp: parsed.kwp, lat: parsed.lat, lon: parsed.lon, hours: parsed.hours };
      return entry;
    }
    if (parsed.kind === 'prices') {
      entry.prices = parsed;
      report.prices = { minutes: parsed.minutes, from: parsed.from, to: parsed.to };
      return entry;
    }
    const later = parsed.kind === 'readings' && qualityLater();
    if (later) entry.qualityFrom = { meters: parsed.meters, warnings: parsed.warnings };
    if (parsed.kind === 'register') entry.members = parsed.members;
    else {
      entry.series = parsed.meters;
      entry.hash = contentHash(parsed.meters);
    }
    report.parsed = {
      kind: parsed.kind,
      detection: parsed.detection,
      warnings: parsed.warnings,
      meters: parsed.kind === 'readings' ? parsed.meters.length : parsed.members.length,
      quality: parsed.kind === 'readings' && !later ? qualityOf(parsed.meters, parsed.warnings) : undefined,
      preview: 'preview' in parsed ? (parsed.preview as string[][]) : undefined,
    };
    // What the archive or workbook left out, said on each file that came out of it.
    for (const note of source.notes ?? [])
      report.parsed.warnings = [...report.parsed.warnings, { code: 'container', message: note }];
  } catch (e) {
    if (!(e instanceof ParseError) && e instanceof Error && e.name === 'Cancelled') throw e;
    report.error =
      e instanceof ParseError
        ? { message: e.message, line: e.line, column: e.column, reason: e.reason }
        : { message: `${source.name}: ${e instanceof Error ? e.message : String(e)}` };
    if (e instanceof ParseError && source.sheet !== undefined) {
      report.error.message = sheetErrorMessage(e);
      if (e.column !== undefined) report.error.columnName = columnLetters(e.column);
    }
  }
  return entry;
}
