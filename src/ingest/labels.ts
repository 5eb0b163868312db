/**
 * What a file's wall-clock labels mean (interval start, interval end, last minute of the
 * interval) and their conversion to UTC interval starts, the autumn hour resolved by order of
 * appearance and the spring gap reported.
 */

import type { ParseWarning } from './errors';
import type { Readings } from './reading-store';
import { LocalClock, MINUTE_MS } from './time';

/** How a local-time label relates to the interval it stands for. */
export interface LabelRule {
  /** The label marks the end of the interval (hour-ending `1:00…24:00`, `HH:59`). */
  ending: boolean;
  /** Added to the label before the interval length is subtracted (1 min for `HH:59`). */
  shiftMs: number;
}

/** Labels are interval starts. */
export const START_LABELS: LabelRule = { ending: false, shiftMs: 0 };
/** Labels are interval ends (hour-ending `1:00` … `24:00`). */
export const END_LABELS: LabelRule = { ending: true, shiftMs: 0 };

/**
 * What a file's wall-clock labels mean, from the labels themselves: `24:00` only occurs when
 * labels are interval ends and `00:00` only when they are starts; labels all one minute (or
 * second) short of a quarter-hour mark (`00:59`, `00:14`) stand for the interval they close.
 * `fallback` when the labels do not tell.
 */
export function guessLabelRule(r: Readings, sawHour24: boolean, sawMidnight: boolean, fallback: LabelRule): LabelRule {
  if (sawHour24 && !sawMidnight) return END_LABELS;
  const quarter = 15 * MINUTE_MS;
  let remainder = -1;
  for (let k = 0; k < r.count; k++) {
    const rem = ((r.time[k]! % quarter) + quarter) % quarter;
    if (remainder < 0) remainder = rem;
    else if (rem !== remainder) {
      remainder = -1;
      break;
    }
  }
  if (remainder > 0) return { ending: true, shiftMs: quarter - remainder };
  if (sawMidnight && !sawHour24) return START_LABELS;
  return fallback;
}

/**
 * Converts local wall-clock labels (naive ms) to UTC interval starts in place, resolving the
 * autumn hour by order of appearance per meter and register. Readings in the spring gap are
 * dropped when zero (some exports list the missing hour with 0) and otherwise kept as winter
 * time with a warning.
 */
export function localLabelsToUtc(
  r: Readings,
  steps: readonly number[],
  rule: LabelRule,
  file: string,
  warnings: ParseWarning[],
): void {
  const clock = new LocalClock();
  let droppedGap = 0;
  let keptGap = 0;
  let firstGapLine = 0;
  for (let k = 0; k < r.count; k++) {
    let t = r.time[k]!;
    if (rule.ending) t += rule.shiftMs - steps[r.meter[k]!]!;
    t = clock.toUtc(t, r.meter[k]! * 4 + r.channel[k]!);
    r.time[k] = t;
    if (clock.lastNonexistent) {
      if (firstGapLine === 0) firstGapLine = r.line[k]!;
      if (r.value[k] === 0) {
        r.meter[k] = -1;
        droppedGap++;
      } else {
        keptGap++;
      }
    }
  }
  if (keptGap > 0) {
    warnings.push({
      code: 'dst-gap',
      message:
        `${file}: ${keptGap} non-zero value(s) are labelled with a local time that does not exist ` +
        `(the spring DST change, first on line ${firstGapLine}); read as winter time`,
      line: firstGapLine,
      count: keptGap,
    });
  } else if (droppedGap > 0) {
    warnings.push({
      code: 'dst-gap',
      message:
        `${file}: ${droppedGap} zero value(s) for the local hour skipped by the spring DST change ` +
        `were ignored (first on line ${firstGapLine})`,
      line: firstGapLine,
      count: droppedGap,
    });
  }
}
