/**
 * The SQL console's results as a person reads them: times in Warsaw local time, numbers in the
 * page's language, and CSV the way a spreadsheet in that language opens it (Polish Excel: `;`
 * between fields and a decimal comma; English: `,` and `.`; a UTF-8 BOM so Excel reads Polish
 * letters). Plain functions of the values and the language (unit-tested in Node).
 */
import { formatDateTime, formatLocalIso, formatNumber } from '../i18n/formats';
import type { Lang } from '../i18n/plural';
import { csvDialectOf, toCsv as writeCsv, type Cell } from '../export/cells';

/**
 * How a column's values are shown: numbers; instants (TIMESTAMPTZ, and the readings' `ts`, epoch
 * milliseconds) in local time; wall-clock timestamps without a zone and dates as they are; text.
 */
export type ColumnKind = 'number' | 'instant' | 'wall-clock' | 'date' | 'text';

/** Arrow's type ids (apache-arrow `Type`), compared by number: DuckDB may bring its own Arrow copy. */
const ARROW = { Int: 2, Float: 3, Decimal: 7, Date: 8, Timestamp: 10 } as const;

const QUARTER_HOUR_MS = 900_000;

/** The epoch-millisecond range taken as times in a `ts` column: 2000-01-01 … 2100-01-01. */
const EPOCH_MS = [946_684_800_000, 4_102_444_800_000] as const;

export interface ColumnInfo {
  name: string;
  typeId: number;
  /** For timestamps: the zone, if any (TIMESTAMPTZ has 'UTC'). */
  timezone?: string | null;
}

/** The kind of each column, from its Arrow type and (for `ts`-named numbers) its values. */
export function columnKinds(columns: ColumnInfo[], rows: unknown[][]): ColumnKind[] {
  return columns.map((c, i) => {
    if (c.typeId === ARROW.Timestamp) return c.timezone ? 'instant' : 'wall-clock';
    if (c.typeId === ARROW.Date) return 'date';
    if (c.typeId === ARROW.Int || c.typeId === ARROW.Float || c.typeId === ARROW.Decimal) {
      // readings.ts is epoch milliseconds (BIGINT): shown as a time in a column named for it (`ts`,
      // `min(ts)`, `r.ts`, `…_ts`) or whose values are all quarter-hours of this century.
      const values = rows.map((r) => r[i]).filter((v) => v !== null && v !== undefined);
      const epoch = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= EPOCH_MS[0] && v < EPOCH_MS[1];
      if (values.length > 0 && values.every(epoch)) {
        if (/(^|[^a-z0-9])ts($|[^a-z0-9])|_ts$|^ts_/i.test(c.name)) return 'instant';
        if (values.every((v) => (v as number) % QUARTER_HOUR_MS === 0)) return 'instant';
      }
      return 'number';
    }
    return 'text';
  });
}

/** Decimals a numeric column needs (0 for whole numbers, at most 3), so a column lines up. */
export function columnDigits(values: unknown[]): number {
  const fits = (v: number, d: number) => Math.abs(Math.round(v * 10 ** d) - v * 10 ** d) < 1e-6;
  let digits = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    while (digits < 3 && !fits(v, digits)) digits++;
    if (digits === 3) break;
  }
  return digits;
}

const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One value as the grid shows it. */
export function cellText(v: unknown, kind: ColumnKind, lang: Lang, digits = 3): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (kind === 'instant') return formatDateTime(v, lang);
    if (kind === 'wall-clock') return wallClock(v);
    if (kind === 'date') return isoDate(v);
    return formatNumber(v, lang, digits);
  }
  return plainText(v);
}

/** One value as the CSV holds it: full precision, the language's decimal mark, no grouping. */
export function csvValue(v: unknown, kind: ColumnKind, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (kind === 'instant') return formatLocalIso(v);
    if (kind === 'wall-clock') return wallClock(v);
    if (kind === 'date') return isoDate(v);
    const s = String(v);
    return lang === 'pl' ? s.replace('.', ',') : s;
  }
  return plainText(v);
}

function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  const json = (v as { toJSON?: () => unknown }).toJSON?.() ?? v;
  try {
    return JSON.stringify(json, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  } catch {
    return String(v);
  }
}

/** The CSV conventions of a language. */
export function csvDialect(lang: Lang): { separator: string; decimal: string } {
  return lang === 'pl' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };
}

/**
 * A whole result as CSV for a spreadsheet in the user's language: UTF-8 with a BOM, CRLF lines,
 * fields quoted where they hold the separator, a quote or a line break, and text that would start
 * a formula neutralised (export/cells.ts); numbers stay numbers.
 */
export function toCsv(columns: string[], kinds: ColumnKind[], rows: unknown[][], lang: Lang): string {
  const cell = (v: unknown, kind: ColumnKind): Cell =>
    typeof v === 'number' && kind === 'number' ? v : v === null || v === undefined ? null : csvValue(v, kind, lang);
  return writeCsv(
    columns,
    rows.map((row) => row.map((v, i) => cell(v, kinds[i]))),
    csvDialectOf(lang),
  );
}
