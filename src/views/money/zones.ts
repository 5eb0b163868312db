/** When a tariff zone applies, in words: `6–13, 15–22 · kwi–wrz · dni robocze`. */
import type { Lang } from '../../i18n/plural';
import type { DayType, HourRange } from '../../money/tariffs';

const MONTHS: Record<Lang, string[]> = {
  pl: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const DAYS: Record<Lang, Record<DayType, string>> = {
  pl: { workdays: 'dni robocze', free: 'soboty, niedziele i święta' },
  en: { workdays: 'working days', free: 'weekends and holidays' },
};
const ALL_DAY: Record<Lang, string> = { pl: 'cała doba', en: 'all day' };

/** `[[6, 13], [15, 22]]` → `6–13, 15–22`; `[[0, 24]]` → all day. */
export function hoursText(hours: readonly HourRange[], lang: Lang): string {
  if (hours.length === 1 && hours[0]![0] === 0 && hours[0]![1] === 24) return ALL_DAY[lang];
  return hours.map(([from, to]) => `${from}–${to}`).join(', ');
}

/** Months as runs: `[4, 5, 6, 7, 8, 9]` → `kwi–wrz`; `[1, 2, 3, 10, 11, 12]` → `sty–mar, paź–gru`. */
export function monthsText(months: readonly number[], lang: Lang): string {
  const ms = [...new Set(months)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const m of ms) {
    const last = runs[runs.length - 1];
    if (last && m === last[1] + 1) last[1] = m;
    else runs.push([m, m]);
  }
  const name = (m: number) => MONTHS[lang][m - 1] ?? String(m);
  return runs.map(([a, b]) => (a === b ? name(a) : `${name(a)}–${name(b)}`)).join(', ');
}

export function zoneWhen(z: { hours: readonly HourRange[]; months?: readonly number[]; days?: DayType }, lang: Lang): string {
  const parts = [hoursText(z.hours, lang)];
  if (z.months && z.months.length < 12) parts.push(monthsText(z.months, lang));
  if (z.days) parts.push(DAYS[lang][z.days]);
  return parts.join(' · ');
}

const ZONE_NAMES_PL: Record<string, string> = {
  'all day': 'całodobowa',
  day: 'dzienna',
  night: 'nocna',
  peak: 'szczytowa',
  'off-peak': 'pozaszczytowa',
  'morning peak': 'szczyt przedpołudniowy',
  'afternoon peak': 'szczyt popołudniowy',
};

/** A default zone's name in the page's language (a name the user gave stays as written). */
export function zoneName(name: string, lang: Lang): string {
  return lang === 'pl' ? (ZONE_NAMES_PL[name] ?? name) : name;
}

/** When a zone applies, or '' where its name says it already ("all day" all day). */
export function zoneWhenShown(
  z: { name: string; hours: readonly HourRange[]; months?: readonly number[]; days?: DayType },
  lang: Lang,
): string {
  const when = zoneWhen(z, lang);
  return when.toLowerCase() === zoneName(z.name, lang).toLowerCase() ? '' : when;
}
