/**
 * Gross consumption and generation turned into import and export (CLUSTERS.md §4 step 1): a meter
 * metered as consumption plus its own generation, without export registers, is netted behind the
 * meter at the data resolution.
 */

import { CHANNELS, EXPORT, GENERATION, IMPORT, NETTED_EXPORT } from './channels';
import type { ParseWarning } from './errors';
import type { Readings } from './reading-store';

/**
 * Meters with generation and consumption but no export register at all (CLUSTERS.md §4 step 1):
 * their import channel holds gross consumption c, which is netted against the generation g
 * interval by interval, in place: I = max(0, c − g), E = max(0, g − c); g stays as it is, so gross
 * consumption I + g − E = c remains for the gross KPIs. A missing g counts as no generation (as the
 * assembler counts it: I + 0 − 0 = c); a missing c leaves I and E missing. Returns, per meter,
 * whether it was netted, and warns once for the file.
 */
export function netGross(
  r: Readings,
  min: Float64Array,
  grids: readonly (Float64Array | null)[],
  present: Uint8Array,
  file: string,
  warnings: ParseWarning[],
): Uint8Array {
  const netted = new Uint8Array(r.ids.length);
  const ids: string[] = [];
  let noGeneration = 0;
  for (let m = 0; m < r.ids.length; m++) {
    const base = m * CHANNELS;
    if (min[m] === Infinity || !present[base + GENERATION] || !present[base + IMPORT]) continue;
    if (present[base + EXPORT] || present[base + NETTED_EXPORT]) continue;
    const c = grids[base + IMPORT]!;
    const g = grids[base + GENERATION]!;
    const e = grids[base + EXPORT]!;
    for (let i = 0; i < c.length; i++) {
      const ci = c[i]!;
      const gi = g[i]!;
      if (ci !== ci) {
        e[i] = NaN;
      } else if (gi !== gi) {
        noGeneration++;
      } else {
        const d = ci - gi;
        c[i] = d > 0 ? d : 0;
        e[i] = d < 0 ? -d : 0;
      }
    }
    netted[m] = 1;
    ids.push(r.ids[m]!);
  }
  if (ids.length > 0) {
    const named = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
    warnings.push({
      code: 'gross-netted',
      message:
        `${file}: ${ids.length === 1 ? `meter ${named} has` : `meters ${named} have`} gross consumption and ` +
        'generation, not import and export registers: they were netted interval by interval (import = ' +
        'consumption − generation, export = generation − consumption, whichever is positive); gross ' +
        'consumption and generation are kept' +
        (noGeneration > 0 ? `; ${noGeneration} interval(s) without a generation value were taken as no generation` : ''),
      count: ids.length,
    });
  }
  return netted;
}
