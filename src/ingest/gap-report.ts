/** The data report's line on intervals missing inside a meter's period. */

import type { ParseWarning } from './errors';
import { formatUtc } from './time';

/** Warns about the intervals of a meter's period that hold no import or export value. */
export function reportGaps(
  file: string,
  id: string,
  start: number,
  step: number,
  imp: Float64Array,
  exp: Float64Array,
  warnings: ParseWarning[],
): void {
  let missing = 0;
  let first = -1;
  for (let i = 0; i < imp.length; i++) {
    if (imp[i] !== imp[i] || exp[i] !== exp[i]) {
      missing++;
      if (first < 0) first = i;
    }
  }
  if (missing > 0) {
    warnings.push({
      code: 'missing-intervals',
      message:
        `${file}: ${id} has no value for ${missing} interval(s) within its period (first ` +
        `${formatUtc(start + first * step)})`,
      count: missing,
    });
  }
}
