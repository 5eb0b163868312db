/**
 * Numbers and dates in the page's language: `1 234,5 kWh`, `62,5 %`, `12 cze 2025` in Polish;
 * `1,234.5 kWh`, `62.5%`, `12 Jun 2025` in English (the rules live in i18n/formats.ts).
 */
import { i18n } from '../i18n/index.svelte';
import { formatDateTime, formatDay, formatEnergy, formatNumber, formatPercent, percentSign } from '../i18n/formats';

/** An energy in kWh, shown in MWh (one decimal) when large. */
export function energy(kwh: number): { value: string; unit: string } {
  return formatEnergy(kwh, i18n.lang);
}

/** A number with exactly `digits` decimals. */
export function number(x: number, digits = 0): string {
  return formatNumber(x, i18n.lang, digits);
}

/** A ratio 0..1 as a percentage with exactly `digits` decimals. */
export function percent(ratio: number, digits = 1): string {
  return formatPercent(ratio, i18n.lang, digits);
}

/** The percent sign with its spacing (`' %'` in Polish, `'%'` in English). */
export function pct(): string {
  return percentSign(i18n.lang);
}

/** A local (Europe/Warsaw) day: `12 cze 2025`. */
export function day(utcMs: number): string {
  return formatDay(utcMs, i18n.lang);
}

/** A local (Europe/Warsaw) date and time: `12 cze 2025, 14:15`. */
export function dateTime(utcMs: number): string {
  return formatDateTime(utcMs, i18n.lang);
}
