/**
 * The engine's Web Worker: holds the cluster's data in kernel memory and recomputes on request,
 * so the page's thread never blocks on a year of data. Results are transferred, not copied.
 */
import kernelsUrl from './generated/kernels.wasm?url';
import { BalanceEngine } from './balance';
import { instantiateKernels } from './kernels';
import { dailySeries } from './daily';
import { insights } from './insights';
import { SeriesStats } from './stats';
import { openDemo } from './demo-source';
import { DEMO_READINGS, DEMO_SENT_NAME, type EngineRequest, type EngineResponse, type ViewResult } from './protocol';
import { windowForData } from './settings';
import { ScenarioEngine, baselineOf, type MoneyOptions } from './scenario-compute';
import { parseRceCsv, rceExportPrices, type RceSeries } from '../money/export-price';
import { calendarFor } from '../money/calendar';
import { ClusterBalance } from './cluster-balance';
import { sweep } from './sweep';
import { ALLOCATION_KEYS } from '../scenario/model';
import type { KeyComparison } from './protocol';
import type { ClusterData } from '../ingest/cluster-data';
import type { Scenario, Variants } from '../scenario/model';
import { formatProblem, memberProblems } from '../scenario/schema';
import { scenarioSettings, type ProfileSource } from '../scenario/overlays';
import { dataFingerprint } from '../scenario/fingerprint';
import { profileFromSeries } from '../scenario/profile-file';
import type { Grid } from '../models/grid';
import type { WeatherYear } from '../models/weather';
import { pvgisProfileOnGrid, readPvgisSeriescalc, readPvgisTmy } from '../models/pvgis';
import { UserFiles, type ReadFile, type UnpackFile, type Workspace } from './workspace';
import { Parser } from './parser';
import { StoreError, clearStored, loadStored, saveStored } from '../storage/workspace-store';
import { ProjectError } from '../storage/project-error';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Instances of the same kernels: one memory holds the loaded cluster, one a scenario's overlaid
// cluster (built only when a scenario adds, removes or scales members), one is scratch for the
// statistics of each result.
interface Engines {
  balance: BalanceEngine;
  scenario: ScenarioEngine;
  cluster: ClusterBalance;
  stats: SeriesStats;
}
let engine: Promise<Engines> | null = null;
let ready: Engines | null = null;
const parser = new Parser();
const readFile: ReadFile = (name, blob, overrides) => parser.parse(name, blob, overrides);
const unpack: UnpackFile = (name, blob) => parser.unpack(name, blob);
let userFiles = new UserFiles(readFile, unpack);
let source: Workspace['source'] = 'demo';
let siteRoot: string | null = null;

let dataVersion = 0;

/** Whether the user's files are kept in the browser (null: nothing to keep, e.g. the demo). */
let storage: Workspace['storage'] = null;
let saving: Promise<void> = Promise.resolve();

/**
 * Keeps the user's files and choices in the browser after each change (one write at a time);
 * nothing is written while only the demo is loaded. When the browser refuses (storage full), what
 * was kept before is removed too, so that a reload never brings back an older state; the page
 * says so and keeps working.
 */
function persist(): Promise<void> {
  saving = saving.then(async () => {
    if (userFiles.reports.length === 0) {
      if (storage !== null) await clearStored().catch(() => undefined);
      storage = null;
      return;
    }
    const { workspace, blob } = userFiles.stored();
    try {
      await saveStored(workspace, blob);
      storage = 'saved';
    } catch (e) {
      storage = e instanceof StoreError ? e.reason : 'unavailable';
      await clearStored().catch(() => undefined);
    }
  });
  return saving;
}

function load(e: BalanceEngine, data: ClusterData): void {
  e.load(data);
  dataVersion++;
}

function kernels(): Promise<Engines> {
  engine ??= fetch(kernelsUrl)
    .then((r) => r.arrayBuffer())
    // Compiled once, instantiated three times.
    .then((bytes) => WebAssembly.compile(bytes))
    .then(async (module) => {
      const balance = new BalanceEngine(await instantiateKernels(module));
      const cluster = new ClusterBalance(await instantiateKernels(module));
      ready = {
        balance,
        scenario: new ScenarioEngine(balance, cluster),
        cluster,
        stats: new SeriesStats(await instantiateKernels(module)),
      };
      return ready;
    });
  return engine;
}
// Started with the worker, before the first request: the demo's first KPIs wait for the kernels and
// (when the built page's <head> started this worker and sends the demo's readings, DEMO_SENT_NAME)
// the demo's data.
kernels().catch(() => undefined);
let fetchedDemo: { root: string; data: Promise<ClusterData> } | null = null;
/** The demo's readings the page sends: settled by the 'demo-readings' message. */
let sentReadings: { resolve: (bytes: Promise<Uint8Array>) => void; reject: (e: Error) => void } | null = null;
if (scope.name.startsWith(DEMO_SENT_NAME)) {
  const root = scope.name.slice(DEMO_SENT_NAME.length);
  const readings = new Promise<Uint8Array>((resolve, reject) => (sentReadings = { resolve, reject }));
  fetchedDemo = { root, data: openDemo(new URL(root), readings) };
  fetchedDemo.data.catch(() => undefined); // reported when asked for
}

/** The demo under `root`: the one on its way as the worker started (once), else fetched now. */
function demoUnder(root: string): Promise<ClusterData> {
  const early = fetchedDemo;
  fetchedDemo = null;
  return early?.root === root ? early.data : openDemo(new URL(root));
}

let fingerprint = { version: -1, value: '' };
let sweepCancelled = false;

/**
 * What the bills need besides the scenario: the year of the rules, and the export price from a
 * loaded RCE file (the one the scenario names, else the last one loaded) unless the scenario gives
 * monthly prices.
 */
function moneyOptions(e: BalanceEngine, scenario: Scenario): MoneyOptions {
  const spec = scenario.money?.export_price;
  const file = spec && 'file' in spec ? userFiles.pricesOf(spec.file) : spec ? null : userFiles.pricesFile;
  if (!file) return { year: periodYear(e) };
  if (pricesCache?.text !== file.text) pricesCache = { text: file.text, series: parseRceCsv(file.text, file.file) };
  const series = pricesCache.series;
  return {
    year: periodYear(e),
    exportPrice: (start, minutes, n) => rceExportPrices(series, calendarFor(start, minutes, n)).prices,
  };
}
let pricesCache: { text: string; series: RceSeries } | null = null;

/** The year the rules are checked for: the one most of the analysed period falls in. */
function periodYear(e: BalanceEngine): number {
  const d = e.loaded!;
  return new Date(d.startUtcMs + (d.intervals * d.stepMinutes * 60_000) / 2).getUTCFullYear();
}

/** A scenario naming members the data lack cannot be computed: say which, by field. */
function checkMembers(e: BalanceEngine, scenario: Scenario): void {
  const data = e.loaded;
  if (!data) throw new Error('no cluster data loaded');
  const problems = memberProblems(
    scenario,
    data.members.map((m) => m.id),
  );
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('; '));
}

/**
 * The scenario checked against the loaded members, its window fitted to the data (hourly data net
 * hourly whatever was asked).
 */
function fitted(e: BalanceEngine, scenario: Scenario): Scenario {
  checkMembers(e, scenario);
  const step = e.loaded!.stepMinutes;
  const windowMinutes = windowForData({ windowMinutes: scenario.window_minutes, key: scenario.key }, step).windowMinutes;
  return { ...scenario, window_minutes: windowMinutes as Scenario['window_minutes'] };
}

/** The scenario's members under each key (static and hybrid with its shares, or equal ones). */
function compareKeys(engines: Engines, asked: Scenario): KeyComparison {
  const scenario = fitted(engines.balance, asked);
  const runs = ALLOCATION_KEYS.map((key) => ({
    key,
    run: engines.scenario.compute({ ...scenario, key }, dataVersion, profileSource),
  }));
  const first = runs[0]!.run.scenario.members;
  return {
    keys: [...ALLOCATION_KEYS],
    members: first.map((m, i) => ({
      id: m.id,
      import_kwh: m.import_kwh,
      allocated_kwh: Object.fromEntries(
        runs.map(({ key, run }) => [key, run.scenario.members[i]!.allocated_kwh]),
      ) as KeyComparison['members'][number]['allocated_kwh'],
    })),
    kpis: Object.fromEntries(runs.map(({ key, run }) => [key, run.scenario.kpis])) as KeyComparison['kpis'],
  };
}

/**
 * The result the page shows for `scenario`; `partial`: only what the KPI cards need (no money,
 * no daily series or insights), which on the demo saves a fifth of the first answer's wait.
 */
function compute(kernels: Engines, scenario: Scenario, partial = false): ViewResult {
  const e = kernels.balance;
  const data = e.loaded;
  if (!data) throw new Error('no cluster data loaded');
  checkMembers(e, scenario);
  // Only the user's files need one (links and projects made on them); the demo travels in the link.
  if (source === 'files' && fingerprint.version !== dataVersion)
    fingerprint = { version: dataVersion, value: dataFingerprint(data) };
  // The window follows the data: hourly data net hourly, whatever was asked (the page keeps the
  // user's choice and says so, and it applies again when finer data come back).
  const step = data.stepMinutes;
  const settings = windowForData(scenarioSettings(baselineOf(scenario), data), step);
  const fitted: Scenario = { ...scenario, window_minutes: settings.windowMinutes as Scenario['window_minutes'] };
  const t0 = performance.now();
  const run = kernels.scenario.compute(fitted, dataVersion, profileSource, partial ? undefined : moneyOptions(e, scenario));
  const computeMs = performance.now() - t0;
  const overlaid = run.scenario !== run.baseline;
  return {
    cluster: { members: run.members, stepMinutes: step, startUtcMs: data.startUtcMs, intervals: data.intervals },
    scenario,
    settings,
    requestedWindowMinutes: scenario.window_minutes,
    kpis: run.scenario.kpis,
    members: run.scenario.members,
    daily: partial ? noDaily() : dailySeries(run.scenario.windows),
    insights: partial ? noInsights() : insights(kernels.stats, run.scenario.windows),
    ...(partial ? { partial } : {}),
    computeMs,
    dataVersion,
    workspace: {
      source,
      files: userFiles.reports,
      assembly: userFiles.assembly,
      filled: userFiles.filled,
      quarterHours: userFiles.quarterHours,
      period: source === 'files' ? userFiles.period : null,
      disjoint: userFiles.disjoint,
      notices: userFiles.notices,
      storage,
    },
    baseline: overlaid
      ? {
          kpis: run.baseline.kpis,
          members: run.baseline.members,
          daily: partial ? noDaily() : dailySeries(run.baseline.windows),
          insights: partial ? noInsights() : insights(kernels.stats, run.baseline.windows),
        }
      : null,
    fingerprint: source === 'files' ? fingerprint.value : '',
    money: run.money ?? null,
  };
}

const none = () => new Float64Array(0);
/** A partial result's daily series and insights: fresh each time (a result's arrays are transferred). */
const noDaily = (): ViewResult['daily'] => ({
  dayStartUtcMs: none(),
  consumption: none(),
  generation: none(),
  shared: none(),
  gridImport: none(),
  gridExport: none(),
});
const noInsights = (): ViewResult['insights'] => ({ curve: { timeShare: none(), kw: none() }, coverage: none() });

/**
 * A scenario's `profile` generator: one of the user's loaded files, by name — a PVGIS hourly
 * series (a PV profile as PVGIS simulated it) or a meter file (its export). A loaded PVGIS typical
 * year is the weather of the PV and wind models.
 */
const profileSource: ProfileSource = Object.assign(
  (file: string, grid: Grid) => {
    const pvgis = userFiles.pvgisOf(file);
    if (pvgis?.what === 'seriescalc') {
      const series = readPvgisSeriescalc(pvgis.text, pvgis.file);
      return { values: pvgisProfileOnGrid(series, series.kwp, grid), renewable: true };
    }
    const series = userFiles.seriesOf(file);
    if (!series) throw new Error(`no loaded file named "${file}" holds readings or a PVGIS series to take a profile from`);
    return profileFromSeries(file, series, grid, { members: ready?.balance.loaded?.members ?? [] });
  },
  {
    get weather(): WeatherYear | undefined {
      const tmy = userFiles.weatherFile;
      if (!tmy) return undefined;
      if (weatherCache?.text !== tmy.text) weatherCache = { text: tmy.text, year: readPvgisTmy(tmy.text, tmy.file) };
      return weatherCache.year;
    },
  },
);
let weatherCache: { text: string; year: WeatherYear } | null = null;

function reply(msg: EngineResponse): void {
  if (msg.type === 'tables')
    return scope.postMessage(msg, [msg.tables.readings.buffer, ...(msg.tables.members ? [msg.tables.members.buffer] : [])]);
  // A copy of the series: the baseline's stay cached in the engine.
  if (msg.type === 'windows') return scope.postMessage(msg);
  if (msg.type !== 'result') return scope.postMessage(msg);
  const arrays = (d: ViewResult['daily'], i: ViewResult['insights']) => [
    d.dayStartUtcMs,
    d.consumption,
    d.generation,
    d.shared,
    d.gridImport,
    d.gridExport,
    i.curve.timeShare,
    i.curve.kw,
    i.coverage,
  ];
  const r = msg.result;
  const b = r.baseline;
  scope.postMessage(
    msg,
    [...arrays(r.daily, r.insights), ...(b ? arrays(b.daily, b.insights) : [])].map((a) => a.buffer),
  );
}

scope.onmessage = async (event: MessageEvent<EngineRequest>) => {
  const req = event.data;
  if (req.type === 'demo-readings') {
    if (req.blob) sentReadings?.resolve(req.blob.arrayBuffer().then((b) => new Uint8Array(b)));
    else sentReadings?.reject(new Error(`demo data ${DEMO_READINGS}: ${req.error ?? 'not sent'}`));
    sentReadings = null;
    return;
  }
  // Cancelling ends the file reader; the request reading files then fails with 'cancelled'.
  if (req.type === 'cancel') {
    packingCancelled = true;
    return parser.cancel();
  }
  if (req.type === 'cancel-sweep') {
    sweepCancelled = true;
    return;
  }
  // The demo's data are fetched and decoded while the kernels compile: the first KPIs wait for both.
  const demo = req.type === 'open-demo' || req.type === 'clear' ? demoUnder(req.siteRoot) : null;
  demo?.catch(() => undefined); // its failure is reported below, where it is awaited
  try {
    const engines = await kernels();
    const e = engines.balance;
    if (req.type === 'sweep') {
      sweepCancelled = false;
      const result = await sweep(
        engines.scenario,
        engines.cluster,
        fitted(e, req.scenario),
        req.spec,
        dataVersion,
        (done, total) => reply({ type: 'progress', id: req.id, doneBytes: done, totalBytes: total }),
        () => sweepCancelled,
        moneyOptions(e, req.scenario),
      );
      return reply({ type: 'sweep', id: req.id, sweep: result });
    }
    if (req.type === 'keys') return reply({ type: 'keys', id: req.id, keys: compareKeys(engines, req.scenario) });
    if (req.type === 'windows') {
      const run = engines.scenario.compute(fitted(e, req.scenario), dataVersion, profileSource);
      return reply({ type: 'windows', id: req.id, windows: run.scenario.windows });
    }
    if (req.type === 'compare') {
      // Full balances with their money: the comparison table shows savings and NPV too.
      const kpis = req.scenarios.map((asked) => {
        const s = fitted(e, asked);
        const run = engines.scenario.compute(s, dataVersion, profileSource, moneyOptions(e, s));
        return { scenario: run.scenario.kpis, baseline: run.baseline.kpis, money: run.money?.scenario };
      });
      return reply({ type: 'compare', id: req.id, kpis });
    }
    if (req.type === 'tables') {
      const data = e.loaded;
      if (!data) throw new Error('no cluster data loaded');
      // Arrow's writer is loaded on the first request, not with the worker (the first KPIs wait for that).
      const { membersIpc, readingsIpcSlice } = await import('./sql-tables');
      const { chunk, slices } = readingsIpcSlice(data, req.slice);
      return reply({
        type: 'tables',
        id: req.id,
        tables: {
          readings: chunk,
          slice: req.slice,
          slices,
          version: dataVersion,
          ...(req.slice === 0 ? { members: membersIpc(data.members) } : {}),
        },
      });
    }
    if (req.type === 'open-demo' || req.type === 'clear') {
      siteRoot = req.siteRoot;
      load(e, await demo!);
      // Back to the demo discards the user's files, in memory and kept in the browser alike.
      const discarded = userFiles.reports.length > 0;
      userFiles = new UserFiles(readFile, unpack);
      source = 'demo';
      if (discarded) await persist();
      if (req.type === 'clear') {
        await saving;
        await clearStored();
        storage = null;
      }
    }
    if (req.type === 'save-project') {
      if (userFiles.reports.length === 0) {
        throw new Error('no files of your own are loaded: a project file holds your files (the demo travels in the link)');
      }
      packingCancelled = false;
      const { workspace, blob } = userFiles.stored();
      const { safeName, writeProject } = await import('../storage/project-write');
      const packed = await writeProject(
        {
          workspace,
          blob,
          variants: req.variants,
          language: req.language,
          fingerprint: fingerprint.version === dataVersion ? fingerprint.value : undefined,
        },
        (doneBytes, totalBytes) => reply({ type: 'progress', id: req.id, doneBytes, totalBytes }),
        () => packingCancelled,
      );
      return reply({ type: 'project', id: req.id, blob: packed, name: projectName(userFiles.reports[0]!.name, safeName) });
    }
    if (req.type === 'open-project') {
      const opened = await openProject(req.file, req.id);
      load(e, opened.data);
      return reply({ type: 'result', id: req.id, result: { ...compute(engines, opened.scenario), project: opened.variants } });
    }
    if (req.type === 'restore') {
      // The files kept in the browser, read again through the same path (with progress).
      const kept = await loadStored();
      if (kept) {
        const restored = new UserFiles(readFile, unpack);
        const data = await restored.restore(kept.workspace, kept.blobs, (doneBytes, totalBytes) =>
          reply({ type: 'progress', id: req.id, doneBytes, totalBytes }),
        );
        parser.release();
        userFiles = restored;
        storage = 'saved';
        if (data) {
          load(e, data);
          source = 'files';
        }
      }
    }
    if (
      req.type === 'add-files' ||
      req.type === 'reread' ||
      req.type === 'remove-file' ||
      req.type === 'gap-fill' ||
      req.type === 'quarter-hours' ||
      req.type === 'period' ||
      req.type === 'prefer'
    ) {
      let data: ClusterData | null;
      if (req.type === 'add-files') {
        const total = req.files.reduce((a, f) => a + f.size, 0);
        const files = req.files.map((f) => ({ name: f.name, size: f.size, blob: f, lastModified: f.lastModified }));
        let doneBytes = 0;
        data = await userFiles.add(
          files,
          (done) => (doneBytes = done),
          // Each file's line as soon as it is read; the KPIs once all are in.
          (report, index, of) =>
            reply({ type: 'progress', id: req.id, doneBytes, totalBytes: total, file: { index, of, report } }),
          true,
        );
      } else if (req.type === 'reread') {
        data = await userFiles.reread(req.index, req.overrides);
      } else if (req.type === 'gap-fill') {
        data = userFiles.setGapFill(req.method);
      } else if (req.type === 'quarter-hours') {
        data = userFiles.setQuarterHours(req.on);
      } else if (req.type === 'period') {
        data = userFiles.setPeriod(req.period);
      } else if (req.type === 'prefer') {
        data = userFiles.prefer(req.index);
      } else {
        data = userFiles.remove(req.index);
      }
      parser.release();
      if (data) {
        load(e, data);
        source = 'files';
      } else if (!userFiles.hasReadings && siteRoot && (source === 'files' || !e.loaded)) {
        // No readings left (every file removed, or only a register): the demo comes back, and the
        // page says so; the removed meters never stay on screen.
        load(e, await openDemo(new URL(siteRoot)));
        source = 'demo';
      }
      if (!e.loaded) throw new Error('no cluster data loaded');
      // Kept in the browser after the KPIs are out: the user never waits for the storage.
      if (userFiles.reports.length > 0) storage = 'saving';
      reply({ type: 'result', id: req.id, result: compute(engines, req.scenario) });
      // The last file's quality report, left until the KPIs were out (UserFiles.add).
      if (userFiles.completeQuality()) reply({ type: 'reports', id: 0, dataVersion, files: userFiles.reports });
      return void persist().then(() => reply({ type: 'storage', id: 0, storage }));
    }
    const partial = req.type === 'open-demo' && req.quick === true;
    reply({ type: 'result', id: req.id, result: compute(engines, req.scenario, partial) });
  } catch (err) {
    const project = err instanceof ProjectError ? { code: err.code, detail: err.detail } : undefined;
    reply({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err), project });
  }
};

/** Set by 'cancel' while a project file is being packed. */
let packingCancelled = false;

/**
 * Reads a project file and its files (through the same reader, with their corrections) and makes
 * it the workspace — only once all of it has been read and fits, so that a broken project leaves
 * everything loaded as it was. What was kept in the browser is replaced by the project.
 */
async function openProject(file: File, id: number): Promise<{ data: ClusterData; scenario: Scenario; variants: Variants }> {
  // The zip reader is loaded when first needed, not with the worker.
  const [{ ZIP_LIMITS }, { readProject }] = await Promise.all([import('../ingest/zip'), import('../storage/project-read')]);
  if (file.size > ZIP_LIMITS.totalBytes) {
    throw new ProjectError(
      'too-large',
      file.name,
      `${file.name}: the project file is larger (${Math.round(file.size / 1e6)} MB) than the ${ZIP_LIMITS.totalBytes / 1e6} MB it may be`,
    );
  }
  const opened = await readProject(file.name, new Uint8Array(await file.arrayBuffer()));
  const restored = new UserFiles(readFile, unpack);
  const data = await restored.restore(opened.workspace, opened.blobs, (doneBytes, totalBytes) =>
    reply({ type: 'progress', id, doneBytes, totalBytes }),
  );
  parser.release();
  if (!data) throw new Error(`${file.name}: the project's files hold no meter readings`);
  const problems = memberProblems(
    opened.variants.current,
    data.members.map((m) => m.id),
  );
  if (problems.length > 0) throw new Error(`${file.name}: scenario: ${problems.map(formatProblem).join('; ')}`);
  userFiles = restored;
  source = 'files';
  // The ids of the project's files may be those of other files kept before: start afresh.
  await saving;
  await clearStored().catch(() => undefined);
  storage = null;
  await persist();
  return { data, scenario: opened.variants.current, variants: opened.variants };
}

/** `<first file's name>-<local date>.klaster.zip` (`safeName`: project-write.ts's, loaded with it). */
function projectName(first: string, safeName: (name: string) => string): string {
  const stem = safeName(first.replace(/(\.(csv|tsv|txt|parquet|arrows?|xlsx?|zip|gz))+$/i, '')) || 'klaster';
  const d = new Date();
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${stem}-${date}.klaster.zip`;
}
