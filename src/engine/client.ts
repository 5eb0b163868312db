/** The page's handle on the engine worker: typed requests, promised answers. */
import type { EngineRequest, EngineResponse, FileRead, KeyComparison, SqlTables, SqlTablesSlice, ViewResult } from './protocol';
import type { Workspace } from './workspace';
import { takeEngineWorker } from './engine-worker';
import type { SweepResult, SweepSpec } from './sweep';
import type { Kpis, WindowSeries } from './types';
import type { MoneySummary } from '../money/cluster-money';
import type { Scenario, Variants } from '../scenario/model';
import { ProjectError } from '../storage/project-error';
import type { ParseOverrides } from '../ingest/overrides';
import type { GapFillMethod } from '../ingest/gap-fill';
import type { Period } from '../ingest/period';

type Progress = (done: number, total: number, file?: FileRead) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each request knows its answer's type
type Pending = { resolve: (r: any) => void; reject: (e: Error) => void; progress?: Progress };

export class EngineClient {
  private readonly worker = takeEngineWorker();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Hears how keeping the user's files in the browser ended (it follows the result, unasked). */
  onStorage: (storage: Workspace['storage']) => void = () => undefined;
  /** Hears the files' reports completed after a result (their quality), for the data of `dataVersion`. */
  onReports: (dataVersion: number, files: Workspace['files']) => void = () => undefined;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<EngineResponse>) => {
      const msg = event.data;
      if (msg.type === 'storage') return this.onStorage(msg.storage);
      if (msg.type === 'reports') return this.onReports(msg.dataVersion, msg.files);
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') return p.progress?.(msg.doneBytes, msg.totalBytes, msg.file);
      this.pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.result);
      else if (msg.type === 'tables') p.resolve(msg.tables);
      else if (msg.type === 'sweep') p.resolve(msg.sweep);
      else if (msg.type === 'windows') p.resolve(msg.windows);
      else if (msg.type === 'keys') p.resolve(msg.keys);
      else if (msg.type === 'compare') p.resolve(msg.kpis);
      else if (msg.type === 'project') p.resolve({ blob: msg.blob, name: msg.name });
      else if (msg.project) p.reject(new ProjectError(msg.project.code, msg.project.detail, msg.message));
      else p.reject(new Error(msg.message));
    };
    this.worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'engine worker failed'));
      this.pending.clear();
    };
  }

  /** Loads the demo cluster found under `siteRoot` (the page's base URL) and computes it. */
  openDemo(scenario: Scenario, siteRoot: string, quick = false): Promise<ViewResult> {
    return this.send({ type: 'open-demo', id: 0, scenario, siteRoot, quick });
  }

  /**
   * Recomputes with new settings. While one compute runs, further requests are coalesced: only
   * the newest waits, and every caller that asked meanwhile gets its result — so dragging a slider
   * over a thousand members never queues up stale work in the worker.
   */
  compute(scenario: Scenario): Promise<ViewResult> {
    if (!this.running) {
      this.running = this.send<ViewResult>({ type: 'compute', id: 0, scenario }).finally(() => this.next());
      return this.running;
    }
    const waiting = (this.waiting ??= { scenario, callers: [] });
    waiting.scenario = scenario;
    return new Promise((resolve, reject) => waiting.callers.push({ resolve, reject }));
  }

  private running: Promise<ViewResult> | null = null;
  private waiting: { scenario: Scenario; callers: Pending[] } | null = null;

  private next(): void {
    this.running = null;
    const w = this.waiting;
    this.waiting = null;
    if (!w) return;
    this.compute(w.scenario).then(
      (r) => w.callers.forEach((c) => c.resolve(r)),
      (e) => w.callers.forEach((c) => c.reject(e)),
    );
  }

  /** Reads the files kept in the browser again (with progress) and computes the cluster they make. */
  restore(scenario: Scenario, progress?: (done: number, total: number) => void): Promise<ViewResult> {
    return this.send({ type: 'restore', id: 0, scenario }, progress);
  }

  /** Removes everything kept in the browser and opens the demo again. */
  clear(scenario: Scenario, siteRoot: string): Promise<ViewResult> {
    return this.send({ type: 'clear', id: 0, scenario, siteRoot });
  }

  /** Reads the user's files in the worker and computes the cluster they make. */
  /** `progress` hears the bytes read and, as soon as each file is read, its report. */
  addFiles(files: File[], scenario: Scenario, progress?: Progress): Promise<ViewResult> {
    return this.send({ type: 'add-files', id: 0, files, scenario }, progress);
  }

  /** Stops reading files (the pending addFiles rejects with 'cancelled'); the cluster stays. */
  cancelReading(): void {
    this.worker.postMessage({ type: 'cancel', id: 0 });
  }

  /** Reads one of the user's files again with corrections to what was detected. */
  reread(index: number, overrides: ParseOverrides, scenario: Scenario): Promise<ViewResult> {
    return this.send({ type: 'reread', id: 0, index, overrides: { ...overrides }, scenario });
  }

  /** Fills missing intervals of the user's files with `method` and recomputes. */
  gapFill(method: GapFillMethod, scenario: Scenario): Promise<ViewResult> {
    return this.send({ type: 'gap-fill', id: 0, method, scenario });
  }

  /** Splits hourly data into derived quarter-hours (or stops doing so) and recomputes. */
  quarterHours(on: boolean, scenario: Scenario): Promise<ViewResult> {
    return this.send({ type: 'quarter-hours', id: 0, on, scenario });
  }

  /** Analyses another period of the user's files (null: back to the default period). */
  setPeriod(period: Period | null, scenario: Scenario): Promise<ViewResult> {
    return this.send({ type: 'period', id: 0, period, scenario });
  }

  /** Where file `index` overlaps another file's readings, uses its values. */
  prefer(index: number, scenario: Scenario): Promise<ViewResult> {
    return this.send({ type: 'prefer', id: 0, index, scenario });
  }

  removeFile(index: number, scenario: Scenario): Promise<ViewResult> {
    return this.send({ type: 'remove-file', id: 0, index, scenario });
  }

  /**
   * The sizing sweep (PV kWp × battery kWh) on top of `scenario`; `progress` hears rows done. It
   * rejects with 'cancelled' after cancelSweep().
   */
  sweep(scenario: Scenario, spec: SweepSpec, progress?: (done: number, total: number) => void): Promise<SweepResult> {
    return this.send({ type: 'sweep', id: 0, scenario, spec: JSON.parse(JSON.stringify(spec)) }, progress);
  }

  cancelSweep(): void {
    this.worker.postMessage({ type: 'cancel-sweep', id: 0 });
  }

  /** The scenario's cluster series per netting window (for the per-interval export). */
  windows(scenario: Scenario): Promise<WindowSeries> {
    return this.send({ type: 'windows', id: 0, scenario });
  }

  /** Every member's allocation under each of the four keys (winners and losers across keys). */
  compareKeys(scenario: Scenario): Promise<KeyComparison> {
    return this.send({ type: 'keys', id: 0, scenario });
  }

  /** Each scenario's KPIs and its baseline's (for the variants' comparison table). */
  compare(scenarios: Scenario[]): Promise<{ scenario: Kpis; baseline: Kpis; money?: MoneySummary }[]> {
    return this.send({ type: 'compare', id: 0, scenarios: JSON.parse(JSON.stringify(scenarios)) });
  }

  /**
   * The user's files, their choices and `variants` as a project file, packed in the worker
   * (progress: bytes packed); cancelReading() stops it.
   */
  saveProject(
    variants: Variants,
    language: 'pl' | 'en',
    progress?: (done: number, total: number) => void,
  ): Promise<{ blob: Blob; name: string }> {
    return this.send({ type: 'save-project', id: 0, variants: JSON.parse(JSON.stringify(variants)), language }, progress);
  }

  /**
   * Opens a project file in place of what is loaded; the result's `project` holds its scenario and
   * variants. A file that is no project, or a damaged one, rejects with a ProjectError and leaves
   * everything loaded as it was.
   */
  openProject(file: File, scenario: Scenario, progress?: (done: number, total: number) => void): Promise<ViewResult> {
    return this.send({ type: 'open-project', id: 0, file, scenario }, progress);
  }

  /**
   * The loaded cluster as Arrow IPC for DuckDB's tables: the members at once, the readings a slice
   * at a time as they are iterated (the next slice is built while the last is inserted). Throws
   * if the data change in between.
   */
  async tables(): Promise<SqlTables> {
    const first = await this.send<SqlTablesSlice>({ type: 'tables', id: 0, slice: 0 });
    const send = <T>(slice: number) => {
      const asked = this.send<T>({ type: 'tables', id: 0, slice });
      // Asked ahead: if its reader stops first (new data came), its failure is nobody's error.
      asked.catch(() => undefined);
      return asked;
    };
    async function* readings(): AsyncGenerator<Uint8Array> {
      let next: Promise<SqlTablesSlice> | null = first.slices > 1 ? send(1) : null;
      yield first.readings;
      for (let k = 1; k < first.slices; k++) {
        const s = await next!;
        next = k + 1 < first.slices ? send(k + 1) : null;
        if (s.version !== first.version) throw new Error('the data changed while their tables were loaded');
        yield s.readings;
      }
    }
    return { members: first.members!, readings: readings() };
  }

  private send<T>(req: EngineRequest, progress?: Progress): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      // Settings come from Svelte state: send a plain copy, proxies cannot be cloned.
      const plain = 'scenario' in req ? { ...req, scenario: JSON.parse(JSON.stringify(req.scenario)) } : req;
      this.worker.postMessage({ ...plain, id });
    });
  }
}
