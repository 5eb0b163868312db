/** The `analyze` command: files → cluster → balance → JSON, text and CSV outputs. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ClusterData, Member, MeterSeries } from '../ingest/cluster-data';
import { assembleCluster } from '../ingest/assemble';
import { defaultPeriod, formatPeriod, periodGroups, periodOfLocalDates, spanOf, type Period } from '../ingest/period';
import { unlistedInOrder } from '../engine/settings';
import { ParseError } from '../ingest/index';
import { unpackFile } from '../ingest/unpack';
import { BalanceEngine } from '../engine/balance';
import { loadNodeKernels } from '../engine/kernels-node';
import type { AllocationKey, BalanceSettings } from '../engine/types';
import { ScenarioEngine, type MoneyOptions } from '../engine/scenario-compute';
import type { MoneySummary } from '../money/cluster-money';
import { calendarFor } from '../money/calendar';
import { parseRceCsv, rceExportPrices } from '../money/export-price';
import { decodeBytes } from '../ingest/decode';
import type { ParsedPrices, ParsedPvgis } from '../ingest/parsed-file';
import { readPvgisTmy } from '../models/pvgis';
import { newScenario, type Scenario } from '../scenario/model';
import { formatProblem, memberIndex, memberProblems, parseScenario } from '../scenario/schema';
import { decodeLink, encodeLink } from '../scenario/link';
import { dataFingerprint } from '../scenario/fingerprint';
import type { ProfileSource } from '../scenario/overlays';
import { profileOnGrid } from '../scenario/profile-on-grid';
import { UsageError } from './usage-error';
import { THREADS_FROM_BYTES, parseInThreads, threadCount } from './parse-pool';
import { readPath, type PathRead } from './read-input';

import { textReport, jsonReport } from './report';
import { writeOutputs } from './outputs';
import { projectAt, projectCluster, projectTexts, saveProject } from './project';

export interface AnalyzeOptions {
  files: string[];
  members?: string;
  /** Absent: the scenario's (default 60). */
  window?: string;
  /** Absent: the scenario's (default dynamic). */
  key?: string;
  shares?: string;
  order?: string;
  battery?: string;
  /** `<ppe>:<kWh>,<kW>,<round-trip>`, once per member with its own battery. */
  behindMeter?: string[];
  /** A scenario file (JSON, snake_case) or a link / `#s=…` fragment from the page. */
  scenario?: string;
  json: boolean;
  out?: string;
  /** The period analysed, local dates (YYYY-MM-DD), both inclusive. */
  from?: string;
  to?: string;
  /** Writes the files given and the scenario as a project file here. */
  saveProject?: string;
}

const KEYS: AllocationKey[] = ['dynamic', 'static', 'hybrid', 'priority'];

export async function analyze(o: AnalyzeOptions): Promise<string> {
  if (o.window !== undefined && !['15', '30', '60'].includes(o.window)) {
    throw new UsageError(`--window must be 15, 30 or 60, not "${o.window}"`);
  }
  if (o.key !== undefined && !KEYS.includes(o.key as AllocationKey)) {
    throw new UsageError(`--key must be one of ${KEYS.join(', ')}, not "${o.key}"`);
  }
  // A project file (by its content): its files with their corrections and choices, and its scenario.
  const project = o.files.length === 1 ? await projectAt(o.files[0]!) : null;
  if (project && o.members) throw new UsageError('--members: a project file holds its own register; give the project alone');
  if (project && o.saveProject) throw new UsageError('--save-project: the input is a project file already');
  const asked = o.scenario ? await readScenario(o.scenario) : project ? project.variants.current : newScenario();
  // Files the scenario names (a generator's profile, the export prices) are read as such, not as members.
  const named = new Set([
    ...asked.add.flatMap((a) => (a.type === 'profile' ? [basename(a.file)] : [])),
    ...(asked.money?.export_price && 'file' in asked.money.export_price ? [basename(asked.money.export_price.file)] : []),
  ]);
  const meterFiles = o.files.filter((f) => !named.has(basename(f)));
  const found: { weather?: ParsedPvgis; prices?: ParsedPrices } = {};
  const opened = project ? await projectCluster(project, parsePeriod({ from: o.from, to: o.to })) : null;
  const data = opened ? opened.data : await loadCluster(meterFiles, o.members, { from: o.from, to: o.to }, found);
  if (opened) {
    found.prices = opened.files.pricesFile ?? undefined;
    found.weather = opened.files.weatherFile ?? undefined;
  }
  const ids = data.members.map((m) => m.id);
  const scenario = await withFlags(asked, o, ids);
  if (o.saveProject) {
    const files = [...(o.members ? [o.members] : []), ...o.files];
    await saveProject(o.saveProject, files, { current: scenario, variants: [] }, parsePeriod({ from: o.from, to: o.to }));
  }
  const problems = memberProblems(scenario, ids);
  if (problems.length > 0) throw new UsageError(`the scenario does not fit the data:\n${problems.map(formatProblem).join('\n')}`);
  if (scenario.key === 'priority' && scenario.order.length > 0) {
    const unlisted = unlistedInOrder(
      scenario.order.map((p) => memberIndex(ids, p)),
      ids.length,
    );
    if (unlisted.length > 0) {
      process.stderr.write(
        `klaster: ${unlisted.length} member(s) not in the priority order follow the listed ones in register order: ` +
          `${unlisted.map((i) => ids[i]).join(', ')}\n`,
      );
    }
  }

  const kernels = await loadNodeKernels();
  const base = new BalanceEngine(kernels);
  base.load(data);
  const engine = new ScenarioEngine(base);
  const given = scenario.money?.export_price;
  const loadedPrices = !given && found.prices ? rcePrices(found.prices) : undefined;
  const projectPrices = opened && given && 'file' in given ? opened.files.pricesOf(basename(given.file)) : null;
  if (opened && given && 'file' in given && !projectPrices) {
    throw new UsageError(`money.export_price.file: the project holds no RCE price file named "${given.file}"`);
  }
  const exportPrice = opened ? (projectPrices ? rcePrices(projectPrices) : undefined) : await exportPriceFile(scenario, o.files);
  const money = { year: periodYear(data), exportPrice: exportPrice ?? loadedPrices };
  const profile = opened ? profileSourceFrom(await projectTexts(project!), data) : await profileSource(o.files, data);
  if (found.weather) profile.weather = readPvgisTmy(found.weather.text, found.weather.file);
  const run = engine.compute(scenario, 1, profile, money);
  const link = await encodeLink({ current: scenario, variants: [], fingerprint: dataFingerprint(data) });
  if (o.out)
    await writeOutputs(
      o.out,
      run.scenario,
      { startUtcMs: data.startUtcMs, stepMinutes: data.stepMinutes, intervals: data.intervals },
      run.added,
    );
  if (!o.json) return textReport(run.scenario, { ...data, members: run.members });
  return `${JSON.stringify({
    ...jsonReport(run.scenario, data.intervals),
    money: moneyJson(run.money?.scenario),
    baseline: { ...jsonReport(run.baseline, data.intervals), money: moneyJson(run.money?.baseline) },
    scenario_link: link,
  })}\n`;
}

/** The year the rules are checked for: the one most of the analysed period falls in. */
function periodYear(data: ClusterData): number {
  const middle = data.startUtcMs + (data.intervals * data.stepMinutes * 60_000) / 2;
  return new Date(middle).getUTCFullYear();
}

/** `money.export_price.file`: one of the files on the command line (or a path), PSE's RCE CSV. */
async function exportPriceFile(s: Scenario, files: string[]): Promise<MoneyOptions['exportPrice']> {
  const spec = s.money?.export_price;
  if (!spec || !('file' in spec)) return undefined;
  const path = files.find((f) => basename(f) === basename(spec.file)) ?? spec.file;
  const bytes = await readFile(path).catch(() => {
    throw new UsageError(`money.export_price.file: cannot read "${spec.file}" (give it on the command line)`);
  });
  let series: ReturnType<typeof parseRceCsv>;
  try {
    series = parseRceCsv(decodeBytes(new Uint8Array(bytes)).text, basename(path));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  return (start, minutes, windows) => rceExportPrices(series, calendarFor(start, minutes, windows)).prices;
}

/** An RCE price file given on the command line, as the export price per window. */
function rcePrices(p: ParsedPrices): MoneyOptions['exportPrice'] {
  const series = parseRceCsv(p.text, p.file);
  return (start, minutes, windows) => rceExportPrices(series, calendarFor(start, minutes, windows)).prices;
}

/** The `money` object of --json (issue 9's keys). */
function moneyJson(m: MoneySummary | undefined) {
  if (!m) return undefined;
  return {
    savings_pln: m.savings_pln,
    fee_exemption_pln: m.fee_exemption_pln,
    discount_pln: m.discount_pln,
    battery_account_pln: m.battery_account_pln,
    npv_pln: m.npv_pln,
    payback_years: m.payback_years,
    co2_avoided_t: m.co2_avoided_t,
    ...(m.lcoe ? { lcoe: m.lcoe } : {}),
    members: m.members.map((x) => ({ id: x.id, cost_before_pln: x.cost_before_pln, cost_after_pln: x.cost_after_pln })),
  };
}

/** A scenario file (JSON) or a link from the page, validated; problems name the field. */
async function readScenario(spec: string): Promise<Scenario> {
  const looksLikeLink = spec.includes('#') || spec.startsWith('s=') || spec.startsWith('v=');
  if (looksLikeLink) {
    const r = await decodeLink(spec);
    if (!r.ok) throw new UsageError(`--scenario: ${r.problems.map(formatProblem).join('; ')}`);
    return r.value.current;
  }
  const text = await readFile(spec, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${spec}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`${spec}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = parseScenario(json, 'file');
  if (!r.ok) throw new UsageError(`${spec}:\n${r.problems.map(formatProblem).join('\n')}`);
  return r.scenario;
}

/** Flags given beside --scenario override its fields. */
async function withFlags(s: Scenario, o: AnalyzeOptions, ids: string[]): Promise<Scenario> {
  const out: Scenario = { ...s };
  if (o.window !== undefined) out.window_minutes = Number(o.window) as Scenario['window_minutes'];
  if (o.key !== undefined) out.key = o.key as AllocationKey;
  if (o.shares) {
    const shares = await readShares(o.shares, ids);
    out.shares = Object.fromEntries(ids.map((id, i) => [id, shares[i]!] as const).filter(([, v]) => v > 0));
  }
  if (o.order) out.order = (await readOrder(o.order, ids)).map((i) => ids[i]!);
  if (o.battery) {
    const b = parseBattery(o.battery, '--battery');
    out.battery = { capacity_kwh: b.capacityKwh, power_kw: b.powerKw, round_trip: b.roundTrip, dispatch: 'self-consumption' };
  }
  if (o.behindMeter?.length) {
    out.behind_meter = { ...s.behind_meter };
    for (const spec of o.behindMeter) {
      const [ppe, battery] = spec.split(':');
      if (memberIndex(ids, ppe ?? '') < 0 || battery === undefined) {
        throw new UsageError(`--behind-meter takes <ppe>:<kWh>,<kW>,<round-trip> with a PPE in the data; got "${spec}"`);
      }
      const b = parseBattery(battery, '--behind-meter');
      out.behind_meter[ppe!] = { capacity_kwh: b.capacityKwh, power_kw: b.powerKw, round_trip: b.roundTrip };
    }
  }
  // The merged scenario is validated like any other: a flag can make it invalid too.
  const r = parseScenario(out, 'scenario');
  if (!r.ok) throw new UsageError(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
}

/**
 * `add[].file` profiles: one of the files on the command line (by name), a PVGIS hourly
 * seriescalc CSV (solar) or a meter file whose export is the profile.
 */
async function profileSource(files: string[], data: ClusterData): Promise<ProfileSource> {
  const byName = new Map(files.map((f) => [basename(f), f]));
  const texts = new Map<string, Uint8Array>();
  for (const path of byName.values()) {
    for (const f of await unpackFile(basename(path), new Uint8Array(await readFile(path)))) texts.set(f.name, f.bytes);
  }
  return profileSourceFrom(texts, data);
}

/** `add[].file` profiles from files' bytes by name. */
function profileSourceFrom(texts: Map<string, Uint8Array>, data: ClusterData): ProfileSource {
  const cache = new Map<string, { values: Float64Array; renewable: boolean }>();
  return (file, grid) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const bytes = texts.get(file) ?? texts.get(basename(file));
    if (!bytes) throw new UsageError(`add: the profile file "${file}" is not among the files given`);
    const profile = profileOnGrid(file, bytes, grid, data);
    cache.set(file, profile);
    return profile;
  };
}

/**
 * Reads meter files and an optional register with the same importer as the browser, and
 * assembles the period `from`–`to` (local dates, both inclusive) or the default period. Files
 * whose periods do not overlap need a period: exit 2 naming each file's period.
 */
export async function loadCluster(
  files: string[],
  members?: string,
  period?: { from?: string; to?: string },
  found?: { weather?: ParsedPvgis; prices?: ParsedPrices },
): Promise<ClusterData> {
  if (files.length === 0) throw new UsageError('no meter files given');
  const chosen = parsePeriod(period);
  const series: MeterSeries[] = [];
  const sources: string[] = [];
  const periods: { name: string; period: Period | null }[] = [];
  let register: Member[] = [];
  // A file too large to read is refused from its size, before its bytes are read.
  const { stat } = await import('node:fs/promises');
  const { checkFileSize } = await import('../ingest/file-size');
  const paths = [...(members ? [members] : []), ...files];
  const cannotRead =
    (path: string) =>
    (e: NodeJS.ErrnoException): never => {
      throw new UsageError(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    };
  let totalBytes = 0;
  for (const path of paths) {
    const { size } = await stat(path).catch(cannotRead(path));
    checkFileSize(basename(path), size);
    totalBytes += size;
  }
  const take = ({ inputs, notes }: PathRead) => {
    for (const note of notes) process.stderr.write(`klaster: ${note}\n`);
    for (const { name, parsed } of inputs) {
      if (parsed.kind === 'prices') {
        // PSE's RCE prices: the export price of the bills (unless the scenario gives monthly ones).
        if (found) found.prices = parsed;
      } else if (parsed.kind === 'pvgis') {
        // A typical year is the models' weather; a PV series must be named by the scenario.
        if (parsed.what === 'tmy' && found) found.weather = parsed;
        else {
          throw new UsageError(
            `${name} is a PVGIS ${parsed.what === 'tmy' ? 'typical year' : 'PV series'}: ` +
              (parsed.what === 'tmy'
                ? 'give it with a scenario (--scenario) to drive the PV and wind models'
                : `name it in the scenario as a profile generator: {"type": "profile", "id": "…", "file": "${name}"}`),
          );
        }
      } else if (parsed.kind === 'register') register = register.concat(parsed.members);
      else {
        series.push(...parsed.meters);
        sources.push(...parsed.meters.map(() => name));
        periods.push({ name, period: spanOf(parsed.meters) });
      }
    }
  };
  const threads = threadCount(paths.length);
  if (threads > 1 && totalBytes >= THREADS_FROM_BYTES) {
    // Many megabytes: parsed side by side in worker threads, taken in the order given.
    await parseInThreads(paths, (_, read) => take(read), threads).catch((e: NodeJS.ErrnoException) => {
      if (e instanceof ParseError || e instanceof UsageError) throw e;
      const path = paths.find((p) => e.message.includes(p)) ?? paths[0]!;
      return cannotRead(path)(e);
    });
  } else {
    for (const path of paths) {
      const read = await readPath(path).catch((e: NodeJS.ErrnoException) => {
        if (e instanceof ParseError) throw e;
        return cannotRead(path)(e);
      });
      take(read);
    }
  }
  if (series.length === 0) throw new UsageError('the files hold no meter readings (only a member register?)');
  const groups = periodGroups(periods);
  if (!chosen && groups.length > 1) {
    const list = periods.map((f) => `  ${f.name}: ${f.period ? formatPeriod(f.period) : 'no readings'}`).join('\n');
    throw new UsageError(
      `the files cover periods that do not overlap; choose one with --from YYYY-MM-DD --to YYYY-MM-DD:\n${list}`,
    );
  }
  const { data, report } = assembleCluster(series, register, { period: chosen ?? defaultPeriod(series) ?? undefined, sources });
  for (const o of report.overlaps) {
    process.stderr.write(
      o.differing > 0
        ? `klaster: ${o.id}: ${o.intervals} interval(s) in both ${o.replaced} and ${o.kept}, ${o.differing} differ: the values of ${o.kept} (later on the command line) are used\n`
        : `klaster: ${o.id}: ${o.intervals} interval(s) in both ${o.replaced} and ${o.kept} with the same values: counted once\n`,
    );
  }
  return data;
}

/** `--from`/`--to` as a period; both or neither. */
function parsePeriod(p?: { from?: string; to?: string }): Period | null {
  if (!p?.from && !p?.to) return null;
  if (!p.from || !p.to) throw new UsageError('--from and --to go together (local dates YYYY-MM-DD, both inclusive)');
  const period = periodOfLocalDates(p.from, p.to);
  if (!period) throw new UsageError(`--from ${p.from} --to ${p.to}: not two dates YYYY-MM-DD with --from not after --to`);
  return period;
}

function parseBattery(spec: string, option: string): NonNullable<BalanceSettings['battery']> {
  const parts = spec.split(',').map((x) => Number(x.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) {
    throw new UsageError(`${option} takes <kWh>,<kW>,<round-trip>, e.g. 500,250,0.9; got "${spec}"`);
  }
  const [capacityKwh, powerKw, roundTrip] = parts;
  return { capacityKwh, powerKw, roundTrip: roundTrip > 1 ? roundTrip / 100 : roundTrip };
}

/** Lines of `ppe,share` (a header line is skipped; shares as fractions or percentages). */
async function readShares(path: string, ids: string[]): Promise<number[]> {
  const shares = new Array<number>(ids.length).fill(0);
  const lines = await listFile(path);
  let percent = false;
  const given = lines.map(({ fields, line }) => {
    const [ppe, raw] = fields;
    const share = Number((raw ?? '').replace(',', '.').replace('%', ''));
    if (raw?.includes('%')) percent = true;
    const i = ids.indexOf(ppe);
    if (i < 0) throw new UsageError(`${path} line ${line}: member "${ppe}" is not in the data`);
    if (!Number.isFinite(share) || share < 0) throw new UsageError(`${path} line ${line}, column 2: "${raw}" is not a share`);
    return { i, share };
  });
  const total = given.reduce((a, g) => a + g.share, 0);
  if (!percent && Math.abs(total - 100) < 1e-6) percent = true;
  for (const g of given) shares[g.i] = percent ? g.share / 100 : g.share;
  return shares;
}

async function readOrder(path: string, ids: string[]): Promise<number[]> {
  return (await listFile(path)).map(({ fields, line }) => {
    const i = ids.indexOf(fields[0]);
    if (i < 0) throw new UsageError(`${path} line ${line}: member "${fields[0]}" is not in the data`);
    return i;
  });
}

async function listFile(path: string): Promise<{ fields: string[]; line: number }[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`cannot read ${path}`);
  });
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l, k) => ({ fields: l.split(/[;,\t]/).map((f) => f.trim().replace(/^"|"$/g, '')), line: k + 1 }))
    .filter(({ fields }) => fields[0] !== '' && !/^(ppe|id|meter|member)$/i.test(fields[0]));
}
