/**
 * Tauron eLicznik CSV: `Data;Strefa;Wartość kWh;Rodzaj;` (older files: ` Wartość`), one meter
 * per file (its PPE is only in the file name), hour-ENDING labels `2025-05-01 1:00` … `24:00`
 * with the autumn hour listed twice, tariff zone T1/T2, and one row per register: `pobór`
 * (import), `oddanie` (export), `pobrana/oddana po zbilansowaniu` (after netting, kept apart).
 */

import type { LayoutContext, ReadingsOutcome } from './layout';
import { type LongColumns, matchLong, readLong } from './long';
import { END_LABELS } from './labels';

/** Recognises Tauron's header (normalised names): Data, Strefa, Wartość…, Rodzaj. */
export function matchTauron(names: readonly string[]): LongColumns | undefined {
  if (!names.includes('strefa') || !names.includes('rodzaj')) return undefined;
  if (!names.some((n) => n.startsWith('wartosc'))) return undefined;
  const cols = matchLong(names);
  return cols?.kind !== undefined && cols.id === undefined ? cols : undefined;
}

/** Reads a Tauron eLicznik export. */
export function readTauron(ctx: LayoutContext, cols: LongColumns): ReadingsOutcome {
  return readLong(ctx, cols, {
    layout: 'tauron',
    description: 'Tauron eLicznik export (hour-ending labels, one row per register)',
    // Hour-ending labels: 24:00 is used, 0:00 never; a file cut mid-day shows neither.
    fallbackRule: END_LABELS,
  });
}
