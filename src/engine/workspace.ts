/**
 * What the engine worker has loaded: the demo cluster, or the user's files. Files dropped later
 * add to the user's cluster; a file that cannot be read is reported (file, line, column) and
 * leaves everything already loaded as it was.
 */
import type { ClusterData, Member, MeterSeries } from '../ingest/cluster-data';
import { assembleCluster, parseFile, ParseError, type AssemblyReport, type ParsedFile } from '../ingest/index';

/** One file as the data report shows it. */
export interface FileReport {
  name: string;
  bytes: number;
  /** How it was understood, when it could be read. */
  parsed?: Pick<ParsedFile, 'kind' | 'detection' | 'warnings'> & { meters: number };
  /** Why it could not be read. */
  error?: { message: string; line?: number; column?: number };
}

/** A file to read: its bytes are fetched only when its turn comes. */
export interface SourceFile {
  name: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export interface Workspace {
  source: 'demo' | 'files';
  files: FileReport[];
  assembly: AssemblyReport | null;
}

export class UserFiles {
  private readonly series: MeterSeries[] = [];
  private readonly register: Member[] = [];
  readonly reports: FileReport[] = [];
  assembly: AssemblyReport | null = null;

  /**
   * Reads files one at a time (each file's bytes are let go as soon as it is parsed) and returns
   * the cluster they make together with everything read before, or null when none of the files
   * added any readings or register entries that could be used.
   */
  async add(files: SourceFile[], progress?: (doneBytes: number) => void): Promise<ClusterData | null> {
    let done = 0;
    const fresh: FileReport[] = [];
    const series: MeterSeries[] = [];
    const register: Member[] = [];
    for (const f of files) {
      const report: FileReport = { name: f.name, bytes: f.size };
      try {
        const parsed = parseFile(f.name, await f.bytes());
        if (parsed.kind === 'register') register.push(...parsed.members);
        else series.push(...parsed.meters);
        report.parsed = {
          kind: parsed.kind,
          detection: parsed.detection,
          warnings: parsed.warnings,
          meters: parsed.kind === 'readings' ? parsed.meters.length : parsed.members.length,
        };
      } catch (e) {
        report.error =
          e instanceof ParseError
            ? { message: e.message, line: e.line, column: e.column }
            : { message: `${f.name}: ${e instanceof Error ? e.message : String(e)}` };
      }
      fresh.push(report);
      done += f.size;
      progress?.(done);
    }
    const allSeries = [...this.series, ...series];
    const allRegister = [...this.register, ...register];
    let assembled: { data: ClusterData; report: AssemblyReport } | null = null;
    if (allSeries.length > 0) {
      try {
        assembled = assembleCluster(allSeries, allRegister);
      } catch (e) {
        // The new files do not fit with what is loaded: keep the old state, report on the files.
        const message = e instanceof Error ? e.message : String(e);
        for (const r of fresh) if (!r.error) r.error = { message: `${r.name}: ${message}` };
        this.reports.push(...fresh);
        return null;
      }
    }
    this.series.push(...series);
    this.register.push(...register);
    this.reports.push(...fresh);
    if (!assembled) return null;
    this.assembly = assembled.report;
    return assembled.data;
  }

  get hasReadings(): boolean {
    return this.series.length > 0;
  }
}
