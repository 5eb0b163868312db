/**
 * The one period a cluster is analysed over. Files from different periods (a 2024 export next to
 * a 2025 one) must not become one long timeline with members zero-filled for a year: by default
 * the longest stretch covered by most members' data is analysed, and the user may pick another.
 */
import type { MeterSeries } from './cluster-data';
import { meterKey } from './names';
import { DAY_MS, HOUR_MS, MINUTE_MS, civilFromDays, daysFromCivil, warsawMidnightUtc, warsawUtcToLocal } from './time';

/** A stretch of time, UTC milliseconds, `toUtcMs` exclusive. */
export interface Period {
  fromUtcMs: number;
  toUtcMs: number;
}

/** From the first to the end of the last interval holding a value (import or export). */
export function seriesPeriod(s: MeterSeries): Period | null {
  const step = s.stepMinutes * MINUTE_MS;
  let first = -1;
  let last = -1;
  for (let i = 0; i < s.import.length; i++) {
    if (s.import[i] === s.import[i] || s.export[i] === s.export[i]) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return null;
  return { fromUtcMs: s.startUtcMs + first * step, toUtcMs: s.startUtcMs + (last + 1) * step };
}

/** The period spanned by several series (null when none holds a value). */
export function spanOf(series: readonly MeterSeries[]): Period | null {
  let from = Infinity;
  let to = -Infinity;
  for (const s of series) {
    const p = seriesPeriod(s);
    if (!p) continue;
    from = Math.min(from, p.fromUtcMs);
    to = Math.max(to, p.toUtcMs);
  }
  return from < to ? { fromUtcMs: from, toUtcMs: to } : null;
}

/**
 * The default period: the longest stretch in which more than half as many members have data as
 * at the best-covered moment, without a break in which no member carries over from one stretch
 * to the next (so two files of different members and different years stay apart even when one
 * ends where the other begins). Ties go to the later stretch. Whole hours: windows start on the
 * hour (UTC offsets in Poland are whole hours, so UTC hours are local hours).
 */
export function defaultPeriod(series: readonly MeterSeries[]): Period | null {
  // Each member's coverage: the union of its series' periods.
  const byMember = new Map<string, Period[]>();
  for (const s of series) {
    const p = seriesPeriod(s);
    if (!p) continue;
    const key = meterKey(s.id);
    byMember.set(key, [...(byMember.get(key) ?? []), p]);
  }
  if (byMember.size === 0) return null;
  const spans: { member: string; p: Period }[] = [];
  for (const [member, ps] of byMember) for (const p of merge(ps)) spans.push({ member, p });

  const cuts = [...new Set(spans.flatMap((s) => [s.p.fromUtcMs, s.p.toUtcMs]))].sort((a, b) => a - b);
  const segments = cuts.slice(0, -1).map((from, k) => {
    const to = cuts[k + 1]!;
    const members = new Set(spans.filter((s) => s.p.fromUtcMs <= from && s.p.toUtcMs >= to).map((s) => s.member));
    return { from, to, members };
  });
  const best = Math.max(...segments.map((s) => s.members.size));
  const enough = Math.floor(best / 2) + 1;

  let chosen: Period | null = null;
  let run: Period | null = null;
  let previous: Set<string> | null = null;
  for (const seg of segments) {
    const ok = seg.members.size >= enough;
    const continues = run !== null && ok && previous !== null && [...seg.members].some((m) => previous!.has(m));
    if (!ok) run = null;
    else if (continues) run = { fromUtcMs: run!.fromUtcMs, toUtcMs: seg.to };
    else run = { fromUtcMs: seg.from, toUtcMs: seg.to };
    previous = ok ? seg.members : null;
    if (run && (!chosen || run.toUtcMs - run.fromUtcMs >= chosen.toUtcMs - chosen.fromUtcMs)) chosen = { ...run };
  }
  return chosen && onTheHour(chosen);
}

/** Starting on a whole hour, so that every netting window starts on the clock. */
export function onTheHour(p: Period): Period {
  return { fromUtcMs: Math.floor(p.fromUtcMs / HOUR_MS) * HOUR_MS, toUtcMs: p.toUtcMs };
}

/** Whether two periods share any time. */
export function overlaps(a: Period, b: Period): boolean {
  return a.fromUtcMs < b.toUtcMs && b.fromUtcMs < a.toUtcMs;
}

/**
 * Groups of files whose periods chain together by overlapping; more than one group means the
 * files' periods are disjoint and a period must be chosen.
 */
export function periodGroups<T extends { period: Period | null }>(files: readonly T[]): T[][] {
  const groups: { span: Period; files: T[] }[] = [];
  const sorted = files.filter((f) => f.period).sort((a, b) => a.period!.fromUtcMs - b.period!.fromUtcMs);
  for (const f of sorted) {
    const last = groups[groups.length - 1];
    if (last && overlaps(last.span, f.period!)) {
      last.files.push(f);
      last.span = { fromUtcMs: last.span.fromUtcMs, toUtcMs: Math.max(last.span.toUtcMs, f.period!.toUtcMs) };
    } else groups.push({ span: { ...f.period! }, files: [f] });
  }
  return groups.map((g) => g.files);
}

/** Local calendar date (Europe/Warsaw) of an instant: `2025-06-12`. */
export function localDate(utcMs: number): string {
  const [y, m, d] = civilFromDays(Math.floor(warsawUtcToLocal(utcMs) / DAY_MS));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A period in local dates, both inclusive: a 2024 file is `2024-01-01 – 2024-12-31`. */
export function localDates(p: Period): { from: string; to: string } {
  return { from: localDate(p.fromUtcMs), to: localDate(p.toUtcMs - 1) };
}

export function formatPeriod(p: Period): string {
  const { from, to } = localDates(p);
  return `${from} – ${to}`;
}

/**
 * The period from local date `from` to local date `to`, both inclusive (`YYYY-MM-DD`): from the
 * first local midnight to the midnight after the last day. Null when a date is not a real date or
 * `to` is before `from`.
 */
export function periodOfLocalDates(from: string, to: string): Period | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null || b < a) return null;
  return { fromUtcMs: warsawMidnightUtc(a), toUtcMs: warsawMidnightUtc(b + 1) };
}

function dayNumber(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = daysFromCivil(y, mo, d);
  const [y2, mo2, d2] = civilFromDays(days);
  return y2 === y && mo2 === mo && d2 === d ? days : null;
}

function merge(ps: Period[]): Period[] {
  const sorted = [...ps].sort((a, b) => a.fromUtcMs - b.fromUtcMs);
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.fromUtcMs <= last.toUtcMs) last.toUtcMs = Math.max(last.toUtcMs, p.toUtcMs);
    else out.push({ ...p });
  }
  return out;
}
