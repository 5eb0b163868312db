/**
 * A file's timestamp column, read row by row and then interpreted as a whole: whether it carries
 * UTC offsets, whether its wall-clock labels are interval starts or ends, and the conversion of
 * the collected readings to UTC interval starts.
 */

import { ParseError } from './errors';
import { type LayoutContext, quote, requireColumn } from './layout';
import type { TimeConvention } from './file-kinds';
import { type LabelRule, guessLabelRule, localLabelsToUtc } from './labels';
import type { Readings } from './reading-store';
import { measureSteps } from './resolution';
import type { TimeFlags } from './long-part';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Timestamp, newTimestamp, parseTimestamp } from './time';

/** Reads timestamps from one column and remembers what they looked like. */
export class TimeColumn {
  private withOffset: boolean | undefined;
  private nonZeroOffset = false;
  private sawHour24 = false;
  private sawMidnight = false;
  private readonly ts = newTimestamp();

  constructor(
    private readonly ctx: LayoutContext,
    /** 0-based column. */
    readonly column: number,
    /** The column's name says UTC, so labels without an offset are UTC. */
    private readonly isUtc: boolean,
  ) {}

  /**
   * The current row's timestamp: UTC ms when it carries an offset, else the naive wall-clock ms
   * (converted later by finish). ParseError when it is not a date and time, has no time of day,
   * or carries an offset when earlier rows did not (or the reverse).
   */
  read(): number {
    return this.readText(this.ctx.reader.fields[this.column]);
  }

  /** read() of a given text (the current row's cell); errors name the reader's current line. */
  readText(text: string | undefined): number {
    // Rows of one interval (a row per register, as Tauron writes) repeat the same label: the same
    // text reads the same, and checks the same, as the row above.
    if (text !== undefined && text === this.lastText) return this.lastResult;
    const result = this.parse(text);
    this.lastText = text;
    this.lastResult = result;
    return result;
  }

  private lastText: string | undefined = undefined;
  private lastResult = NaN;

  private parse(text: string | undefined): number {
    const { ctx, ts, column } = this;
    if (text === undefined) requireColumn(ctx, column);
    if (!parseTimestamp(text!, ts)) {
      const what = text!.trim() === '' ? 'the date is empty' : `${quote(text!)} is not a date and time`;
      throw new ParseError(ctx.file, ctx.reader.line, column + 1, what);
    }
    return this.accept(ts, text!);
  }

  /**
   * The checks and notes of a parsed timestamp (`text` is its cell, for messages): the result of
   * read(). A reader of bytes that parsed the cell itself calls this.
   */
  accept(ts: Timestamp, text: string): number {
    const { ctx, column } = this;
    if (!ts.hasTime) {
      throw new ParseError(ctx.file, ctx.reader.line, column + 1, `${quote(text)} has no time of day`);
    }
    const offset = ts.offsetMinutes;
    const hasOffset = offset === offset;
    if (this.withOffset === undefined) this.withOffset = hasOffset;
    else if (this.withOffset !== hasOffset) {
      throw new ParseError(
        ctx.file,
        ctx.reader.line,
        column + 1,
        `${quote(text)} ${hasOffset ? 'has' : 'lacks'} a UTC offset, unlike the rows above`,
      );
    }
    if (hasOffset) {
      if (offset !== 0) this.nonZeroOffset = true;
      return ts.naiveMs - offset * MINUTE_MS;
    }
    if (ts.hour24) this.sawHour24 = true;
    else if (ts.naiveMs % DAY_MS === 0) this.sawMidnight = true;
    return ts.naiveMs;
  }

  /** What the rows read so far said about the column (a part's, to join: long-parts.ts). */
  flags(): TimeFlags {
    return {
      withOffset: this.withOffset,
      nonZeroOffset: this.nonZeroOffset,
      sawHour24: this.sawHour24,
      sawMidnight: this.sawMidnight,
    };
  }

  /** Takes what all of a file's rows said, read in parts by other threads and joined (joinFlags). */
  useFlags(f: TimeFlags): void {
    this.withOffset = f.withOffset;
    this.nonZeroOffset = f.nonZeroOffset;
    this.sawHour24 = f.sawHour24;
    this.sawMidnight = f.sawMidnight;
  }

  /**
   * Measures each meter's resolution and turns wall-clock labels into UTC interval starts
   * (in place). `fallbackRule` says what labels mean when they do not tell.
   */
  finish(
    r: Readings,
    fallbackRule: LabelRule,
  ): { steps: number[]; stepLines: (number | undefined)[]; timeConvention: TimeConvention } {
    const { ctx } = this;
    const { steps, stepLines } = measuredSteps(ctx, r);
    if (this.withOffset) return { steps, stepLines, timeConvention: this.nonZeroOffset ? 'offset' : 'utc' };
    if (this.isUtc) return { steps, stepLines, timeConvention: 'utc' };
    const rule = guessLabelRule(r, this.sawHour24, this.sawMidnight, fallbackRule);
    localLabelsToUtc(r, steps, rule, ctx.file, ctx.warnings);
    const timeConvention: TimeConvention = !rule.ending
      ? 'local-start'
      : rule.shiftMs === 0
        ? 'local-interval-end'
        : 'local-last-minute';
    return { steps, stepLines, timeConvention };
  }
}

/**
 * Each meter's resolution, measured from its timestamps; a meter with a single interval is
 * assumed hourly, and the file's report says so.
 */
export function measuredSteps(ctx: LayoutContext, r: Readings): { steps: number[]; stepLines: (number | undefined)[] } {
  const { steps, assumed, firstLines: stepLines } = measureSteps(r, HOUR_MS);
  if (assumed.length > 0) {
    ctx.warnings.push({
      code: 'step-assumed',
      message: `${ctx.file}: a single interval for ${assumed.join(', ')}; 60-minute resolution assumed`,
      count: assumed.length,
    });
  }
  return { steps, stepLines };
}
