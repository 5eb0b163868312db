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
import { ParseError } from '../ingest/errors';
import type { ParsedFile } from '../ingest/parsed-file';
import type { ParseOverrides } from '../ingest/overrides';
import { fillGaps, type GapFillMethod } from '../ingest/gap-fill';
import { meterQuality, type MeterQuality } from '../ingest/quality';
import { DAY_MS, warsawMidnightUtc, warsawUtcToLocal } from '../ingest/time';

/** One file as the data report shows it. */
export interface FileReport {
  name: string;
  bytes: number;
  /** The corrections it was read with, if any. */
  overrides?: ParseOverrides;
  /** How it was understood, when it could be read. */
  parsed?: Pick<ParsedFile, 'kind' | 'detection' | 'warnings'> & {
    meters: number;
    preview?: string[][];
    /** Per meter: coverage, gaps, duplicates, DST anomalies, negative values, outliers. */
    quality?: MeterQuality[];
  };
  /** Why it could not be read. */
  error?: { message: string; line?: number; column?: number; reason?: string };
}

/** A file to read (a File in the browser): its bytes are read only when its turn comes. */
export interface SourceFile {
  name: string;
  size: number;
  blob: Blob;
}

/** Reads one file (in the browser: in a cancellable worker of its own). */
export type ReadFile = (name: string, blob: Blob, overrides?: ParseOverrides) => Promise<ParsedFile>;

export interface Workspace {
  source: 'demo' | 'files';
  files: FileReport[];
  assembly: AssemblyReport | null;
  /** How missing intervals are filled, and what was filled. */
  filled: FilledReport;
  /** Hourly data split into quarter-hours on request (derived values). */
  quarterHours: boolean;
}

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
}

export class UserFiles {
  private entries: Entry[] = [];
  assembly: AssemblyReport | null = null;
  private method: GapFillMethod = 'zero';
  /** 15 to split hourly data into (derived) quarter-hours; default: the coarsest resolution. */
  private stepMinutes: 15 | undefined = undefined;

  constructor(private readonly readFile: ReadFile) {}
  filled: FilledReport = { method: 'zero', intervals: 0, days: [] };

  get reports(): FileReport[] {
    return this.entries.map((e) => e.report);
  }

  /**
   * Reads files one at a time (each file's bytes are let go as soon as it is parsed) and returns
   * the cluster they make together with everything read before, or null when nothing usable came.
   */
  async add(files: SourceFile[], progress?: (doneBytes: number) => void): Promise<ClusterData | null> {
    let done = 0;
    const fresh: Entry[] = [];
    for (const source of files) {
      fresh.push(await read(this.readFile, source));
      done += source.size;
      progress?.(done);
    }
    const result = this.assemble([...this.entries, ...fresh]);
    if (result.ok) return result.data;
    // The new files do not fit with what is loaded: keep that, list the new files as failed.
    for (const f of fresh) fail(f, result.message);
    this.entries = [...this.entries, ...fresh];
    return this.assemble(this.entries).data;
  }

  /** Reads file `index` again with corrections; on failure the file keeps what it had. */
  async reread(index: number, overrides: ParseOverrides): Promise<ClusterData | null> {
    const old = this.entries[index];
    if (!old) throw new Error(`no file number ${index}`);
    const entry = await read(this.readFile, old.source, overrides);
    if (!entry.report.error) {
      const result = this.assemble(this.entries.map((e, i) => (i === index ? entry : e)));
      if (result.ok) return result.data;
      entry.report.error = { message: `${old.report.name}: ${result.message}` };
    }
    old.report = { ...old.report, overrides, error: entry.report.error };
    return this.assemble(this.entries).data;
  }

  /** Fills missing intervals with `method` from now on, and re-assembles. */
  setGapFill(method: GapFillMethod): ClusterData | null {
    this.method = method;
    return this.assemble(this.entries).data;
  }

  /** Splits hourly data into quarter-hours (derived values) when `quarterHours`, and re-assembles. */
  setQuarterHours(quarterHours: boolean): ClusterData | null {
    this.stepMinutes = quarterHours ? 15 : undefined;
    return this.assemble(this.entries).data;
  }

  get quarterHours(): boolean {
    return this.stepMinutes === 15;
  }

  /** Forgets file `index`. */
  remove(index: number): ClusterData | null {
    return this.assemble(this.entries.filter((_, i) => i !== index)).data;
  }

  /** Makes `entries` the loaded files when they assemble (or hold no readings at all). */
  private assemble(entries: Entry[]): { ok: true; data: ClusterData | null } | { ok: false; message: string; data: null } {
    const raw = entries.flatMap((e) => e.series);
    if (raw.length === 0) {
      this.entries = entries;
      this.assembly = null;
      this.filled = { method: this.method, intervals: 0, days: [] };
      return { ok: true, data: null };
    }
    try {
      const { series, filled } = filledSeries(raw, this.method);
      const { data, report } = assembleCluster(
        series,
        entries.flatMap((e) => e.members),
        { stepMinutes: this.stepMinutes },
      );
      this.entries = entries;
      this.assembly = report;
      this.filled = filled;
      return { ok: true, data };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e), data: null };
    }
  }
}

/**
 * Every meter's missing intervals (NaN from the importer) filled by `method`, and which local
 * days were touched, so that the charts can mark them as filled rather than measured.
 */
function filledSeries(series: MeterSeries[], method: GapFillMethod): { series: MeterSeries[]; filled: FilledReport } {
  let intervals = 0;
  const days = new Set<number>();
  const out = series.map((s) => {
    const imp = fillGaps(s.import, s.stepMinutes, s.startUtcMs, method);
    const exp = fillGaps(s.export, s.stepMinutes, s.startUtcMs, method);
    for (let i = 0; i < imp.filled.length; i++) {
      if (!imp.filled[i] && !exp.filled[i]) continue;
      intervals++;
      days.add(Math.floor(warsawUtcToLocal(s.startUtcMs + i * s.stepMinutes * 60_000) / DAY_MS));
    }
    return { ...s, import: imp.values, export: exp.values };
  });
  return {
    series: out,
    filled: { method, intervals, days: [...days].sort((a, b) => a - b).map(warsawMidnightUtc) },
  };
}

function fail(entry: Entry, message: string): void {
  entry.report.error = { message: `${entry.report.name}: ${message}` };
  entry.series = [];
  entry.members = [];
}

/** Reads one file into an entry; a ParseError becomes the entry's report, Cancelled goes up. */
async function read(readFile: ReadFile, source: SourceFile, overrides?: ParseOverrides): Promise<Entry> {
  const report: FileReport = { name: source.name, bytes: source.size, overrides };
  const entry: Entry = { source, report, series: [], members: [] };
  try {
    const parsed = await readFile(source.name, source.blob, overrides);
    if (parsed.kind === 'register') entry.members = parsed.members;
    else entry.series = parsed.meters;
    report.parsed = {
      kind: parsed.kind,
      detection: parsed.detection,
      warnings: parsed.warnings,
      meters: parsed.kind === 'readings' ? parsed.meters.length : parsed.members.length,
      // A file's warnings (duplicates…) belong to its meter only when it holds one.
      quality:
        parsed.kind === 'readings'
          ? parsed.meters.map((m) => meterQuality(m, parsed.meters.length === 1 ? { warnings: parsed.warnings } : {}))
          : undefined,
      preview: 'preview' in parsed ? (parsed.preview as string[][]) : undefined,
    };
  } catch (e) {
    if (!(e instanceof ParseError) && e instanceof Error && e.name === 'Cancelled') throw e;
    report.error =
      e instanceof ParseError
        ? { message: e.message, line: e.line, column: e.column, reason: e.reason }
        : { message: `${source.name}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return entry;
}
