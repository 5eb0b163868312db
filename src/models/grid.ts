/**
 * The time grid every model fills: interval k covers [startUtcMs + k·step, startUtcMs + (k+1)·step).
 * It is the same shape as the loaded cluster data (ClusterData's startUtcMs, stepMinutes,
 * intervals), so a model's output lines up with the members' series without resampling.
 */
import { MINUTE_MS } from '../ingest/time';

export interface Grid {
  /** Start of the first interval (UTC ms). */
  startUtcMs: number;
  /** Interval length in minutes (15 or 60 in practice; any positive whole number works). */
  stepMinutes: number;
  /** Number of intervals. */
  intervals: number;
}

/** Throws a plain-language error for a grid no model can fill. */
export function checkGrid(grid: Grid): void {
  const { startUtcMs, stepMinutes, intervals } = grid;
  if (!Number.isFinite(startUtcMs)) throw new Error(`grid: startUtcMs ${startUtcMs} is not a finite number`);
  if (!Number.isInteger(stepMinutes) || stepMinutes <= 0 || stepMinutes > 1440) {
    throw new Error(`grid: stepMinutes ${stepMinutes} must be a whole number of minutes from 1 to 1440`);
  }
  if (!Number.isInteger(intervals) || intervals < 0) throw new Error(`grid: intervals ${intervals} must be a whole number ≥ 0`);
}

/** Interval length in ms. */
export function stepMs(grid: Grid): number {
  return grid.stepMinutes * MINUTE_MS;
}

/** End of the last interval (UTC ms, exclusive). */
export function gridEndUtcMs(grid: Grid): number {
  return grid.startUtcMs + grid.intervals * stepMs(grid);
}

/** A stable text key for caches. */
export function gridKey(grid: Grid): string {
  return `${grid.startUtcMs}/${grid.stepMinutes}/${grid.intervals}`;
}
