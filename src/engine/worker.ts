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
import type { EngineRequest, EngineResponse, ViewResult } from './protocol';
import { membersIpc, readingsIpcChunks } from './sql-tables';
import type { BalanceSettings } from './types';
import { windowForData } from './settings';
import type { ClusterData } from '../ingest/cluster-data';
import { UserFiles, type ReadFile, type Workspace } from './workspace';
import { Parser } from './parser';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Two instances of the same kernels: the engine's memory holds the cluster, the statistics'
// memory is scratch for each result.
let engine: Promise<{ balance: BalanceEngine; stats: SeriesStats }> | null = null;
const parser = new Parser();
const readFile: ReadFile = (name, blob, overrides) => parser.parse(name, blob, overrides);
let userFiles = new UserFiles(readFile);
let source: Workspace['source'] = 'demo';
let siteRoot: string | null = null;

let dataVersion = 0;

function load(e: BalanceEngine, data: ClusterData): void {
  e.load(data);
  dataVersion++;
}

function kernels(): Promise<{ balance: BalanceEngine; stats: SeriesStats }> {
  engine ??= fetch(kernelsUrl)
    .then((r) => r.arrayBuffer())
    .then(async (bytes) => ({
      balance: new BalanceEngine(await instantiateKernels(bytes)),
      stats: new SeriesStats(await instantiateKernels(bytes)),
    }));
  return engine;
}

function compute(e: BalanceEngine, stats: SeriesStats, asked: BalanceSettings): ViewResult {
  const data = e.loaded;
  if (!data) throw new Error('no cluster data loaded');
  // The window follows the data: hourly data net hourly, whatever was asked (the page keeps the
  // user's choice and says so, and it applies again when finer data come back).
  const settings = windowForData(asked, data.stepMinutes);
  const t0 = performance.now();
  const r = e.compute(settings);
  const computeMs = performance.now() - t0;
  return {
    cluster: { members: data.members, stepMinutes: data.stepMinutes, startUtcMs: data.startUtcMs, intervals: data.intervals },
    settings,
    requestedWindowMinutes: asked.windowMinutes,
    kpis: r.kpis,
    members: r.members,
    daily: dailySeries(r.windows),
    insights: insights(stats, r.windows),
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
    },
  };
}

function reply(msg: EngineResponse): void {
  if (msg.type === 'tables')
    return scope.postMessage(msg, [...msg.tables.readings.map((r) => r.buffer), msg.tables.members.buffer]);
  if (msg.type !== 'result') return scope.postMessage(msg);
  const d = msg.result.daily;
  const i = msg.result.insights;
  scope.postMessage(
    msg,
    [
      d.dayStartUtcMs,
      d.consumption,
      d.generation,
      d.shared,
      d.gridImport,
      d.gridExport,
      i.curve.timeShare,
      i.curve.kw,
      i.coverage,
    ].map((a) => a.buffer),
  );
}

scope.onmessage = async (event: MessageEvent<EngineRequest>) => {
  const req = event.data;
  // Cancelling ends the file reader; the request reading files then fails with 'cancelled'.
  if (req.type === 'cancel') return parser.cancel();
  try {
    const { balance: e, stats } = await kernels();
    if (req.type === 'tables') {
      const data = e.loaded;
      if (!data) throw new Error('no cluster data loaded');
      return reply({
        type: 'tables',
        id: req.id,
        tables: { readings: readingsIpcChunks(data), members: membersIpc(data.members) },
      });
    }
    if (req.type === 'open-demo') {
      siteRoot = req.siteRoot;
      load(e, await openDemo(new URL(req.siteRoot)));
      userFiles = new UserFiles(readFile);
      source = 'demo';
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
        data = await userFiles.add(files, (doneBytes) => reply({ type: 'progress', id: req.id, doneBytes, totalBytes: total }));
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
    }
    reply({ type: 'result', id: req.id, result: compute(e, stats, req.settings) });
  } catch (err) {
    reply({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
