/**
 * A scenario applied on top of the loaded data (CLUSTERS.md §4.8), at the data's resolution and
 * before any window sum: members excluded or their consumption scaled, generators added as new
 * producers or behind a member's meter, consumers added from standard profiles. The loaded data
 * are never changed: the result is a new ClusterData. With no overlay it is the input itself,
 * so the baseline and an empty scenario agree exactly.
 */
import type { ClusterData, Member } from '../ingest/cluster-data';
import type { BalanceSettings, Battery, EngineOverlay } from '../engine/types';
import type { Grid } from '../models/grid';
import { weatherId, type WeatherYear } from '../models/weather';
import { pvSeries } from '../models/pv';
import { windSeries } from '../models/wind';
import { biogasSeries } from '../models/biogas';
import { consumerSeries } from '../models/profiles';
import { addedMemberIds, type Added, type Scenario } from './model';
import { memberIndex } from './schema';

/**
 * A loaded profile (a meter file's export, a PVGIS file) on the cluster's grid, by file name;
 * `weather`, when a PVGIS typical year is loaded, drives the PV and wind models instead of the
 * synthetic climatology.
 */
export type ProfileSource = ((file: string, grid: Grid) => { values: Float64Array; renewable: boolean }) & {
  weather?: WeatherYear;
};

/** What one added item contributes, per interval of the grid (kWh). */
export interface AddedSeries {
  /** The item's id (a column of added.csv). */
  id: string;
  item: Added;
  /** Generation (generators) or consumption of one member (consumers), kWh per interval. */
  values: Float64Array;
  /** The member ids it creates (none for a generator behind a meter). */
  memberIds: string[];
}

/** Whether a scenario changes the data (not only how they are balanced). */
export function hasOverlays(s: Scenario): boolean {
  return s.exclude.length > 0 || Object.keys(s.scale).length > 0 || s.add.length > 0;
}

/** The series of every added item on `grid`; the same seed gives the same weather. */
export function addedSeries(s: Scenario, grid: Grid, profile?: ProfileSource): AddedSeries[] {
  const seed = s.seed ?? 1;
  return s.add.map((item) => {
    const behind = item.type !== 'consumer' && item.member !== undefined;
    return {
      id: item.id,
      item,
      values: itemSeries(item, grid, seed, profile, profile?.weather),
      memberIds: behind ? [] : addedMemberIds(item),
    };
  });
}

/**
 * PV output is proportional to kWp: one kWp's series per orientation, site, grid, seed and weather
 * is kept, so that dragging a PV size slider costs a multiplication, not a weather model run.
 */
const unitPv = new Map<string, Float64Array>();
const UNIT_PV_KEPT = 16;

function pvOf(item: Extract<Added, { type: 'pv' }>, grid: Grid, seed: number, weather?: WeatherYear): Float64Array {
  const key = JSON.stringify([
    item.tilt,
    item.azimuth,
    item.lat,
    item.lon,
    item.losses,
    seed,
    grid.startUtcMs,
    grid.stepMinutes,
    grid.intervals,
    weather ? weatherId(weather) : null,
  ]);
  let unit = unitPv.get(key);
  if (!unit) {
    unit = pvSeries(
      { kwp: 1, tilt: item.tilt, azimuth: item.azimuth, lat: item.lat, lon: item.lon, losses: item.losses, seed, weather },
      grid,
    );
    if (unitPv.size >= UNIT_PV_KEPT) unitPv.delete(unitPv.keys().next().value!);
    unitPv.set(key, unit);
  }
  const out = new Float64Array(unit.length);
  for (let t = 0; t < unit.length; t++) out[t] = unit[t]! * item.kwp;
  return out;
}

function itemSeries(item: Added, grid: Grid, seed: number, profile?: ProfileSource, weather?: WeatherYear): Float64Array {
  switch (item.type) {
    case 'pv':
      return pvOf(item, grid, seed, weather);
    case 'wind':
      return windSeries({ kw: item.kw, hubHeightM: item.hub_height_m, seed, weather }, grid);
    case 'biogas':
      return biogasSeries({ kw: item.kw, availability: item.availability, mode: item.mode, seed }, grid);
    case 'consumer':
      return consumerSeries({ profile: item.profile, annualKwh: item.annual_kwh }, grid);
    case 'profile': {
      if (!profile) throw new Error(`add "${item.id}": no file "${item.file}" is loaded to take the profile from`);
      const { values } = profile(item.file, grid);
      if (item.scale === 1) return values;
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = values[i]! * item.scale;
      return out;
    }
  }
}

/**
 * The cluster with the scenario's overlays: members in data order less the excluded ones, then
 * the added producers and consumers in the order given. Throws, naming the field, when the
 * scenario names a member the data do not have.
 */
export function applyOverlays(
  data: ClusterData,
  s: Scenario,
  added: readonly AddedSeries[],
  profile?: ProfileSource,
): ClusterData {
  if (!hasOverlays(s)) return data;
  const ids = data.members.map((m) => m.id);
  const row = (ppe: string, field: string) => {
    const i = memberIndex(ids, ppe);
    if (i < 0) throw new Error(`${field}: no member ${ppe} in the loaded data`);
    return i;
  };
  const n = data.intervals;
  const excluded = new Set(s.exclude.map((p, k) => row(p, `exclude[${k}]`)));
  const scale = new Map(Object.entries(s.scale).map(([p, f]) => [row(p, `scale.${p}`), f]));
  const behind = new Map<number, Float64Array[]>();
  added.forEach((a, k) => {
    if (a.item.type === 'consumer' || a.item.member === undefined) return;
    const r = row(a.item.member, `add[${k}].member`);
    if (excluded.has(r)) throw new Error(`add[${k}].member: ${a.item.member} is excluded from the scenario`);
    behind.set(r, [...(behind.get(r) ?? []), a.values]);
  });
  const kept = data.members.map((_, i) => i).filter((i) => !excluded.has(i));
  const newMembers: { member: Member; imp: Float64Array | null; exp: Float64Array | null }[] = [];
  for (const a of added) {
    for (const id of a.memberIds) {
      newMembers.push(
        a.item.type === 'consumer'
          ? {
              member: addedMember(id, a.item, profile, {
                startUtcMs: data.startUtcMs,
                stepMinutes: data.stepMinutes,
                intervals: n,
              }),
              imp: a.values,
              exp: null,
            }
          : {
              member: addedMember(id, a.item, profile, {
                startUtcMs: data.startUtcMs,
                stepMinutes: data.stepMinutes,
                intervals: n,
              }),
              imp: null,
              exp: a.values,
            },
      );
    }
  }
  const m = kept.length + newMembers.length;
  const imports = new Float64Array(m * n);
  const exports = new Float64Array(m * n);
  const gross = data.grossGeneration ? new Float64Array(m * n) : undefined;
  kept.forEach((src, r) => {
    const imp = imports.subarray(r * n, (r + 1) * n);
    const exp = exports.subarray(r * n, (r + 1) * n);
    imp.set(data.imports.subarray(src * n, (src + 1) * n));
    exp.set(data.exports.subarray(src * n, (src + 1) * n));
    if (gross) gross.set(data.grossGeneration!.subarray(src * n, (src + 1) * n), r * n);
    const f = scale.get(src);
    if (f !== undefined) for (let t = 0; t < n; t++) imp[t] = imp[t]! * f;
    // Behind the meter a generator first covers the member's own import, the rest is exported.
    for (const g of behind.get(src) ?? []) {
      for (let t = 0; t < n; t++) {
        const i = imp[t]!;
        const v = g[t]!;
        imp[t] = i > v ? i - v : 0;
        exp[t] = exp[t]! + (v > i ? v - i : 0);
      }
    }
  });
  newMembers.forEach((nm, k) => {
    const r = kept.length + k;
    if (nm.imp) imports.set(nm.imp, r * n);
    if (nm.exp) exports.set(nm.exp, r * n);
  });
  const out: ClusterData = {
    members: [...kept.map((i) => withSources(data.members[i]!, added, i, ids)), ...newMembers.map((x) => x.member)],
    stepMinutes: data.stepMinutes,
    startUtcMs: data.startUtcMs,
    intervals: n,
    imports,
    exports,
  };
  if (gross) {
    out.grossGeneration = gross;
    out.grossMetered = [...kept.map((i) => data.grossMetered![i]!), ...newMembers.map(() => false)];
  }
  return out;
}

/**
 * The balanced rows of a scenario as the engine takes them (EngineOverlay, no copy of the loaded
 * data) and the members they make: the loaded ones less the excluded, then the added ones.
 */
export function engineOverlay(
  data: Pick<ClusterData, 'members' | 'startUtcMs' | 'stepMinutes' | 'intervals'>,
  s: Scenario,
  added: readonly AddedSeries[],
  profile?: ProfileSource,
): { overlay: EngineOverlay; members: Member[] } {
  const ids = data.members.map((m) => m.id);
  const row = (ppe: string, field: string) => {
    const i = memberIndex(ids, ppe);
    if (i < 0) throw new Error(`${field}: no member ${ppe} in the loaded data`);
    return i;
  };
  const grid: Grid = { startUtcMs: data.startUtcMs, stepMinutes: data.stepMinutes, intervals: data.intervals };
  const excluded = s.exclude.map((p, k) => row(p, `exclude[${k}]`));
  const overlay: EngineOverlay = {
    excluded,
    scale: Object.entries(s.scale).map(([p, f]) => [row(p, `scale.${p}`), f]),
    behind: [],
    members: new Map(),
    added: [],
  };
  added.forEach((a, k) => {
    if (a.item.type !== 'consumer' && a.item.member !== undefined) {
      const r = row(a.item.member, `add[${k}].member`);
      if (excluded.includes(r)) throw new Error(`add[${k}].member: ${a.item.member} is excluded from the scenario`);
      overlay.behind.push([r, a.values]);
      overlay.members!.set(r, withSources(data.members[r]!, added, r, ids));
      return;
    }
    for (const id of a.memberIds) {
      const member = addedMember(id, a.item, profile, grid);
      overlay.added.push(a.item.type === 'consumer' ? { member, imports: a.values } : { member, exports: a.values });
    }
  });
  const gone = new Set(excluded);
  const members = [
    ...data.members.map((m, i) => overlay.members!.get(i) ?? m).filter((_, i) => !gone.has(i)),
    ...overlay.added.map((a) => a.member),
  ];
  return { overlay, members };
}

/** A member with the generators a scenario puts behind its meter added to its sources. */
function withSources(m: Member, added: readonly AddedSeries[], row: number, ids: string[]): Member {
  let out = m;
  for (const a of added) {
    const item = a.item;
    if (item.type === 'consumer' || item.member === undefined || memberIndex(ids, item.member) !== row) continue;
    if (item.type === 'pv') out = { ...out, pvKwp: out.pvKwp + item.kwp };
    else if (item.type === 'wind') out = { ...out, windKw: out.windKw + item.kw };
    else if (item.type === 'biogas') out = { ...out, biogasKw: out.biogasKw + item.kw };
  }
  return out;
}

/** The register entry of an added member: its type and sources decide the renewable checks. */
function addedMember(id: string, item: Added, profile: ProfileSource | undefined, grid: Grid): Member {
  const base: Member = { id, name: id, type: 'producer', tariff: '', gmina: '', pvKwp: 0, windKw: 0, biogasKw: 0 };
  switch (item.type) {
    case 'pv':
      return { ...base, pvKwp: item.kwp };
    case 'wind':
      return { ...base, windKw: item.kw };
    case 'biogas':
      return { ...base, biogasKw: item.kw };
    case 'profile':
      // A PVGIS file is solar; a meter file's export counts as renewable when its meter is.
      return profile?.(item.file, grid).renewable ? { ...base, pvKwp: 1 } : base;
    case 'consumer': {
      const type = item.profile.startsWith('H') ? 'household' : item.profile.startsWith('G') ? 'business' : 'farm';
      return { ...base, type, tariff: item.profile.startsWith('H') ? 'G11' : 'C11' };
    }
  }
}

/**
 * The engine settings a scenario asks for on `data` (the overlaid cluster): shares and the order
 * by member index, member batteries by row. Members not named keep share 0 and follow the named
 * ones in data order.
 */
export function scenarioSettings(s: Scenario, data: Pick<ClusterData, 'members'>): BalanceSettings {
  const ids = data.members.map((m) => m.id);
  const index = (ppe: string, field: string) => {
    const i = memberIndex(ids, ppe);
    if (i < 0) throw new Error(`${field}: no member ${ppe} in the scenario's cluster`);
    return i;
  };
  const settings: BalanceSettings = { windowMinutes: s.window_minutes, key: s.key, battery: communityBattery(s) };
  if (Object.keys(s.shares).length > 0) {
    const shares = new Array<number>(ids.length).fill(0);
    for (const [ppe, share] of Object.entries(s.shares)) shares[index(ppe, `shares.${ppe}`)] = share;
    settings.shares = shares;
  }
  if (s.order.length > 0) settings.order = s.order.map((ppe, k) => index(ppe, `order[${k}]`));
  const own = Object.entries(s.behind_meter);
  if (own.length > 0) {
    settings.behindMeter = own.map(([ppe, b]) => ({
      member: index(ppe, `behind_meter.${ppe}`),
      battery: { capacityKwh: b.capacity_kwh, powerKw: b.power_kw, roundTrip: b.round_trip },
    }));
  }
  return settings;
}

function communityBattery(s: Scenario): Battery | null {
  const b = s.battery;
  if (!b) return null;
  const battery: Battery = { capacityKwh: b.capacity_kwh, powerKw: b.power_kw, roundTrip: b.round_trip };
  if (b.soc_min_kwh !== undefined) battery.socMinKwh = b.soc_min_kwh;
  if (b.soc_max_kwh !== undefined) battery.socMaxKwh = b.soc_max_kwh;
  if (b.dispatch === 'peak-shaving') battery.importLimitKw = b.import_limit_kw ?? 0;
  return battery;
}
