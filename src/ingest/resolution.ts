/**
 * A file's resolution, measured from its readings rather than assumed: per meter, the most common
 * gap between consecutive readings of the same register.
 */

import { CHANNELS } from './channels';
import type { Readings } from './reading-store';
import { HOUR_MS, MINUTE_MS } from './time';

const QUARTER_MS = 15 * MINUTE_MS;

/**
 * Each meter's resolution in ms: the most common positive gap between consecutive readings of
 * the same meter and register (DST days and gaps are outvoted). `fallbackMs` for a meter with a
 * single interval.
 */
export function measureSteps(
  r: Readings,
  fallbackMs: number,
): { steps: number[]; assumed: string[]; firstLines: (number | undefined)[] } {
  const meters = r.ids.length;
  const last = new Float64Array(meters * CHANNELS).fill(NaN);
  const votes: Map<number, number>[] = [];
  // Line on which each unusual gap first shows, to point at it when it wins the vote.
  const gapLines: Map<number, number>[] = [];
  for (let m = 0; m < meters; m++) {
    votes.push(new Map());
    gapLines.push(new Map());
  }
  // The two usual resolutions are counted in arrays; only odd gaps go through the Maps.
  const quarter = new Int32Array(meters);
  const hour = new Int32Array(meters);
  for (let k = 0; k < r.count; k++) {
    const m = r.meter[k]!;
    const key = m * CHANNELS + r.channel[k]!;
    const t = r.time[k]!;
    const d = t - last[key]!;
    last[key] = t;
    if (d === QUARTER_MS) quarter[m] = quarter[m]! + 1;
    else if (d === HOUR_MS) hour[m] = hour[m]! + 1;
    else if (d > 0) {
      const v = votes[m]!;
      const n = v.get(d);
      if (n === undefined) gapLines[m]!.set(d, r.line[k]!);
      v.set(d, (n ?? 0) + 1);
    }
  }
  for (let m = 0; m < meters; m++) {
    if (quarter[m]! > 0) votes[m]!.set(QUARTER_MS, quarter[m]!);
    if (hour[m]! > 0) votes[m]!.set(HOUR_MS, hour[m]!);
  }
  const steps: number[] = [];
  const assumed: string[] = [];
  const firstLines: (number | undefined)[] = [];
  for (let m = 0; m < meters; m++) {
    let best = 0;
    let bestVotes = 0;
    for (const [d, n] of votes[m]!) {
      if (n > bestVotes || (n === bestVotes && d < best)) {
        best = d;
        bestVotes = n;
      }
    }
    if (bestVotes === 0) {
      best = fallbackMs;
      assumed.push(r.ids[m]!);
    }
    steps.push(best);
    firstLines.push(gapLines[m]!.get(best));
  }
  return { steps, assumed, firstLines };
}
