/** Money as people in each language read it: `929 955 zł` / `929,955 zł`, `0,4000 zł/kWh`, `2 911,2 t`. */
import { number } from '../format';

/** Whole złoty (a real minus sign, so that a loss reads as one). */
export function pln(x: number, digits = 0): string {
  const s = number(Math.abs(x), digits);
  return `${x < 0 && Number(s.replace(/[^\d]/g, '')) !== 0 ? '\u2212' : ''}${s}\u00a0zł`;
}

/** A change in złoty with its sign: `+5 027 zł`, `−120 zł`. */
export function plnSigned(x: number): string {
  const s = pln(x);
  return x > 0 && Number(s.replace(/[^\d]/g, '')) !== 0 ? `+${s}` : s;
}

/** A price per kWh with four decimals: `0,4000 zł/kWh`. */
export function plnPerKwh(x: number, digits = 4): string {
  return `${number(x, digits)}\u00a0zł/kWh`;
}

/** Tonnes with one decimal. */
export function tonnes(x: number): string {
  return `${number(x, 1)}\u00a0t`;
}

/** An energy in whole kWh. */
export function kwh(x: number): string {
  return `${number(x, 0)}\u00a0kWh`;
}
