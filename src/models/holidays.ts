/**
 * Polish public holidays (ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy), which the
 * standard load profiles treat as Sundays: offices, shops and schools are shut, households are at
 * home. Fixed dates plus those hanging on Easter. Changes over time that matter for meter data:
 * Epiphany (6 January) is a holiday from 2011, Christmas Eve (24 December) from 2025. Years
 * before 1990 are not modelled (the list was different then).
 */
import { civilFromDays, daysFromCivil } from '../ingest/time';

export interface Holiday {
  /** Day number (days since 1970-01-01). */
  days: number;
  /** Polish name. */
  name: string;
}

/** Easter Sunday of a Gregorian year as a day number (anonymous Gregorian algorithm, Meeus). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/** The public holidays of a year, in date order. */
export function polishHolidays(year: number): Holiday[] {
  const fixed = (month: number, day: number, name: string): Holiday => ({ days: daysFromCivil(year, month, day), name });
  const easter = easterSunday(year);
  const list: Holiday[] = [
    fixed(1, 1, 'Nowy Rok'),
    ...(year >= 2011 ? [fixed(1, 6, 'Święto Trzech Króli')] : []),
    { days: easter, name: 'Wielkanoc' },
    { days: easter + 1, name: 'Poniedziałek Wielkanocny' },
    fixed(5, 1, 'Święto Pracy'),
    fixed(5, 3, 'Święto Konstytucji 3 Maja'),
    { days: easter + 49, name: 'Zielone Świątki' },
    { days: easter + 60, name: 'Boże Ciało' },
    fixed(8, 15, 'Wniebowzięcie Najświętszej Maryi Panny'),
    fixed(11, 1, 'Wszystkich Świętych'),
    fixed(11, 11, 'Narodowe Święto Niepodległości'),
    ...(year >= 2025 ? [fixed(12, 24, 'Wigilia Bożego Narodzenia')] : []),
    fixed(12, 25, 'Boże Narodzenie (pierwszy dzień)'),
    fixed(12, 26, 'Boże Narodzenie (drugi dzień)'),
  ];
  return list.sort((x, y) => x.days - y.days);
}

const byYear = new Map<number, Set<number>>();

/** Whether a day number is a Polish public holiday. */
export function isPolishHoliday(days: number): boolean {
  const [year] = civilFromDays(days);
  let set = byYear.get(year);
  if (!set) {
    set = new Set(polishHolidays(year).map((h) => h.days));
    byYear.set(year, set);
  }
  return set.has(days);
}
