/** Numbers as people in the user's locale write them: `1 234,5 kWh`, `62,4 %`. */
import { locale } from '../i18n/index.svelte';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(digits: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${locale()}|${digits}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), {
      style,
      maximumFractionDigits: digits,
      minimumFractionDigits: style === 'percent' ? digits : 0,
    });
    cache.set(key, f);
  }
  return f;
}

/** An energy in kWh, shown in MWh when large. */
export function energy(kwh: number): { value: string; unit: string } {
  if (Math.abs(kwh) >= 10_000) return { value: formatter(1).format(kwh / 1000), unit: 'MWh' };
  return { value: formatter(0).format(kwh), unit: 'kWh' };
}

export function number(x: number, digits = 0): string {
  return formatter(digits).format(x);
}

export function percent(ratio: number, digits = 1): string {
  return formatter(digits, 'percent').format(ratio);
}
