/**
 * The money schema's problems (money/schema.ts, plain English) in the page's language where the
 * catalogue has the message; otherwise as the schema wrote them, with the field named.
 */
import { t } from '../../i18n/index.svelte';
import type { MoneyProblem } from '../../money/schema';
import { number } from '../format';

const n = (s: string) => Number(s.replace(/,/g, ''));
const shown = (x: number) => number(x, Number.isInteger(x) ? 0 : 4);

const PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /^must be a price in PLN\/kWh from (-?[\d,.]+) to (-?[\d,.]+)/,
    (m) => t('field.range', { min: shown(n(m[1]!)), max: shown(n(m[2]!)), unit: 'zł/kWh' }),
  ],
  [
    /^must be a number from (-?[\d,.]+) to (-?[\d,.]+)/,
    (m) => t('problem.between', { min: shown(n(m[1]!)), max: shown(n(m[2]!)) }),
  ],
  [
    /^must be a whole number from (-?[\d,.]+) to (-?[\d,.]+)/,
    (m) => t('problem.whole', { min: shown(n(m[1]!)), max: shown(n(m[2]!)) }),
  ],
  [/^must be an amount in PLN/, () => t('prices.problem.amount')],
  [/^must hold 12 prices/, () => t('prices.problem.months')],
];

/** A money problem as the page says it. */
export function moneyProblemText(p: MoneyProblem): string {
  for (const [re, say] of PATTERNS) {
    const m = p.message.match(re);
    if (m) return say(m);
  }
  return p.path ? `${p.path}: ${p.message}` : p.message;
}
