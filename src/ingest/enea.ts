/**
 * Enea eBOK CSV: `Data;Wolumen energii elektrycznej pobranej z sieci przed bilansowaniem
 * godzinowym;…oddanej do sieci przed…;…pobranej z sieci po bilansowaniu godzinowym;…oddanej…po…`.
 * One meter per file (PPE in the file name); labels Excel-quoted `"=""2024-05-01 04:59"""`, where
 * HH:59 stands for the hour starting at HH:00; quoted decimal commas; a UTF-8 BOM and sometimes
 * NUL bytes (both handled by decodeBytes). The "po bilansowaniu" columns are the DSO's hourly
 * netting, kept apart for comparison.
 */

import type { LayoutContext, ReadingsOutcome } from './layout';
import { type LongColumns, matchLong, readLong } from './long';
import { MINUTE_MS } from './time';

/** Recognises Enea's header (normalised names): Data and "Wolumen energii …" columns. */
export function matchEnea(names: readonly string[]): LongColumns | undefined {
  if (!names.some((n) => n.startsWith('wolumen energii'))) return undefined;
  const cols = matchLong(names);
  return cols !== undefined && cols.kind === undefined && cols.id === undefined ? cols : undefined;
}

/** Reads an Enea eBOK export. */
export function readEnea(ctx: LayoutContext, cols: LongColumns): ReadingsOutcome {
  return readLong(ctx, cols, {
    layout: 'enea',
    description: 'Enea eBOK export (HH:59 labels, registers before and after hourly netting)',
    fallbackRule: { ending: true, shiftMs: MINUTE_MS },
  });
}
