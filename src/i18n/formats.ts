/**
 * Numbers and dates as people in each language write them, without page state (the page's
 * `views/format.ts` binds them to the current language; the CLI and tests call them directly).
 *
 * Polish: `1 234,5 kWh`, `62,5 %` (a non-breaking space before the percent sign, as Polish
 * typography writes it), `12 cze 2025`. English: `1,234.5 kWh`, `62.5%`, `12 Jun 2025`.
 * Every figure of a kind has the same number of decimals (no `8978` next to `4101,6`).
 */
import type { Lang } from './plural';

export const TIME_ZONE = 'Europe/Warsaw';

export function localeOf(lang: Lang): string {
  return lang === 'pl' ? 'pl-PL' : 'en-GB';
}

const cache = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

/** A number with exactly `digits` decimals. */
export function formatNumber(x: number, lang: Lang, digits = 0): string {
  return formatter(lang, digits).format(x);
}

/** A ratio (0..1) as a percentage with exactly `digits` decimals: `62,5 %` / `62.5%`. */
export function formatPercent(ratio: number, lang: Lang, digits = 1): string {
  return `${formatNumber(ratio * 100, lang, digits)}${percentSign(lang)}`;
}

/** What follows a number to make it a percentage (for chart axes and tooltips too). */
export function percentSign(lang: Lang): string {
  return lang === 'pl' ? '\u00a0%' : '%';
}

/** An energy in kWh: MWh with one decimal from 10 MWh up, else whole kWh. */
export function formatEnergy(kwh: number, lang: Lang): { value: string; unit: 'kWh' | 'MWh' } {
  if (Math.abs(kwh) >= 10_000) return { value: formatNumber(kwh / 1000, lang, 1), unit: 'MWh' };
  return { value: formatNumber(kwh, lang, 0), unit: 'kWh' };
}

const dates = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Lang, kind: 'day' | 'month' | 'datetime' | 'parts'): Intl.DateTimeFormat {
  const key = `${lang}|${kind}`;
  let f = dates.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { day: 'numeric', month: 'short', year: 'numeric' }
        : kind === 'month'
          ? { month: 'long', year: 'numeric' }
          : kind === 'datetime'
            ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : {
                year: 'numeric',
                month: '2-digit',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
                hourCycle: 'h23',
              };
    f = new Intl.DateTimeFormat(kind === 'parts' ? 'en-CA' : localeOf(lang), { ...options, timeZone: TIME_ZONE });
    dates.set(key, f);
  }
  return f;
}

/** A local day in words: `12 cze 2025` / `12 Jun 2025`. */
export function formatDay(utcMs: number, lang: Lang): string {
  return dateFormat(lang, 'day').format(utcMs);
}

/** A local date and time: `12 cze 2025, 14:15` / `12 Jun 2025, 14:15` (the repeated autumn hour says its offset). */
export function formatDateTime(utcMs: number, lang: Lang): string {
  const s = dateFormat(lang, 'datetime').format(utcMs);
  return repeatedHour(utcMs) ? `${s} (UTC${offsetText(utcMs)})` : s;
}

/**
 * A local date and time as spreadsheets read it: `2025-06-12 14:15:00` (Europe/Warsaw). In the hour
 * the clocks go back, which happens twice, the offset is added (`2025-10-26 02:15:00+02:00`).
 */
export function formatLocalIso(utcMs: number): string {
  const p = Object.fromEntries(
    dateFormat('en', 'parts')
      .formatToParts(utcMs)
      .map((x) => [x.type, x.value]),
  );
  const s = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  return repeatedHour(utcMs) ? `${s}${offsetText(utcMs)}` : s;
}

/** Minutes east of UTC in Warsaw at that instant (60 in winter, 120 in summer). */
export function warsawOffsetMinutes(utcMs: number): number {
  const p = Object.fromEntries(
    dateFormat('en', 'parts')
      .formatToParts(utcMs)
      .map((x) => [x.type, Number(x.value)]),
  );
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

function offsetText(utcMs: number): string {
  const m = warsawOffsetMinutes(utcMs);
  return `+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whether the local wall-clock time of `utcMs` also occurs an hour earlier or later (autumn). */
function repeatedHour(utcMs: number): boolean {
  const here = warsawOffsetMinutes(utcMs);
  return warsawOffsetMinutes(utcMs + 3_600_000) - here === -60 || warsawOffsetMinutes(utcMs - 3_600_000) - here === 60;
}
