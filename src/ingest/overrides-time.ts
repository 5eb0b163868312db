/**
 * A timestamp column read under the time convention the user chose (ParseOverrides.timeConvention)
 * instead of the guessed one. Labels that contradict the choice are refused with their line: an
 * offset where local time was chosen, a label without an offset where offsets were.
 */

import { ParseError } from './errors';
import { type LayoutContext, quote, timeCell } from './layout';
import { END_LABELS, type LabelRule, START_LABELS, localLabelsToUtc } from './labels';
import type { TimeConvention } from './file-kinds';
import type { Readings } from './reading-store';
import { MINUTE_MS, newTimestamp } from './time';
import { TimeColumn, measuredSteps } from './time-column';

/** What the layouts need of a timestamp column (TimeColumn's interface). */
export interface TimeReader {
  /** The current row's timestamp, UTC ms or naive wall-clock ms (converted by finish). */
  read(): number;
  /** Measures each meter's resolution and turns wall-clock labels into UTC interval starts. */
  finish(
    r: Readings,
    fallbackRule: LabelRule,
  ): { steps: number[]; stepLines: (number | undefined)[]; timeConvention: TimeConvention };
}

/**
 * The timestamp column of a layout: the guessing TimeColumn, or a ForcedTimeColumn when the user
 * chose a convention. `isUtc`: the column's name says UTC.
 */
export function timeReader(ctx: LayoutContext, column: number, isUtc: boolean): TimeReader {
  const forced = ctx.overrides.timeConvention;
  if (forced === undefined) return new TimeColumn(ctx, column, isUtc);
  if (forced === 'none' || forced === 'local-elapsed-hours') {
    throw new ParseError(
      ctx.file,
      ctx.headerLine,
      column + 1,
      forced === 'none'
        ? 'the time convention cannot be "none" for meter readings: they need their time'
        : '"local-elapsed-hours" applies only to the daily wide layout (PPE;Typ;Data;H1…H25)',
    );
  }
  return new ForcedTimeColumn(ctx, column, forced);
}

/** Timestamps read under a convention chosen by the user. */
class ForcedTimeColumn implements TimeReader {
  private readonly ts = newTimestamp();

  constructor(
    private readonly ctx: LayoutContext,
    private readonly column: number,
    private readonly convention: Exclude<TimeConvention, 'none' | 'local-elapsed-hours'>,
  ) {}

  read(): number {
    const { ctx, ts, column, convention } = this;
    timeCell(ctx, column, ts);
    const text = ctx.reader.fields[column]!;
    const fail = (why: string) => new ParseError(ctx.file, ctx.reader.line, column + 1, `${quote(text)} ${why}`);
    if (!ts.hasTime) throw fail('has no time of day');
    const offset = ts.offsetMinutes;
    const hasOffset = offset === offset;
    if (convention === 'offset') {
      if (!hasOffset) throw fail('has no UTC offset, but the time convention was set to "offset"');
      return ts.naiveMs - offset * MINUTE_MS;
    }
    if (convention === 'utc') {
      if (hasOffset && offset !== 0) throw fail('carries a UTC offset other than 0, so it is not UTC');
      return ts.naiveMs;
    }
    if (hasOffset) throw fail(`carries a UTC offset, so it cannot be read as local time (${convention})`);
    return ts.naiveMs;
  }

  finish(r: Readings): { steps: number[]; stepLines: (number | undefined)[]; timeConvention: TimeConvention } {
    const { ctx, convention } = this;
    const { steps, stepLines } = measuredSteps(ctx, r);
    if (convention !== 'utc' && convention !== 'offset') {
      const rule: LabelRule =
        convention === 'local-start'
          ? START_LABELS
          : convention === 'local-interval-end'
            ? END_LABELS
            : { ending: true, shiftMs: MINUTE_MS };
      localLabelsToUtc(r, steps, rule, ctx.file, ctx.warnings);
    }
    return { steps, stepLines, timeConvention: convention };
  }
}
