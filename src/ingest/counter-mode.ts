/**
 * Whether a layout's values are counter readings or energy per interval: what the user said, what
 * a column's name says (`stan licznika`, `counter`, `cumulative`…), else a guess left to the data
 * (counters.ts).
 */

import type { CounterMode } from './counters';
import { ParseError } from './errors';
import type { ValuesFrom } from './file-kinds';
import type { LayoutContext } from './layout';
import { isPowerUnit, normaliseName, type ValueUnit } from './names';

// Names of a column of counter readings. `licznik` alone names the meter (its id), so only the
// phrases that say "reading of the meter" count.
const COUNTER_NAME =
  /(^|\s)(counter|cumulative|cumulated|meter reading|meter readings|reading|readings|odczyt|odczyty|stan licznika|stany licznika|wskazanie|wskazania|licznik (pobor|oddan|energii|import|export)|zahlerstand)(\s|$)/;

/** Whether a column's name says it holds counter readings. */
export function isCounterName(name: string): boolean {
  return COUNTER_NAME.test(normaliseName(name));
}

/**
 * How a layout should treat its value columns: counters when the user or a column name says so,
 * energy per interval when the user says so or the values are power, else a guess from the data.
 */
export function counterMode(
  ctx: LayoutContext,
  valueColumns: readonly number[],
  unit: ValueUnit,
): { mode: CounterMode; from: ValuesFrom } {
  const forced = ctx.overrides.values;
  if (forced === 'counter') {
    if (isPowerUnit(unit)) {
      throw new ParseError(
        ctx.file,
        ctx.headerLine,
        undefined,
        `the values cannot be counters and ${unit} at once: a counter holds energy (kWh, Wh, MWh)`,
      );
    }
    return { mode: 'counter', from: 'override' };
  }
  if (forced !== undefined) return { mode: 'interval', from: 'override' };
  const named = valueColumns.find((c) => isCounterName(ctx.header[c] ?? ''));
  if (named !== undefined) {
    if (isPowerUnit(unit)) {
      throw new ParseError(
        ctx.file,
        ctx.headerLine,
        named + 1,
        `"${ctx.header[named]!.trim()}" names counter readings, but the unit is ${unit}: a counter ` +
          'holds energy; set the unit or the kind of values by hand',
      );
    }
    return { mode: 'counter', from: 'header' };
  }
  // Average power never only grows for long; guessing would only risk a wrong answer.
  if (isPowerUnit(unit)) return { mode: 'interval', from: 'layout' };
  return { mode: 'guess', from: 'layout' };
}
