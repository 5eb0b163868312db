/**
 * Which layout a file is in, from its header row. The header is looked for in the first few
 * records, because some exports put a title or the customer's details above it.
 */

import { type DailyWideColumns, matchDailyWide } from './daily-wide';
import { matchEnea } from './enea';
import type { RowReader } from './layout';
import { type LongColumns, matchLong } from './long';
import { normaliseName } from './names';
import type { Layout } from './file-kinds';
import { type RegisterColumns, matchRegister } from './register';
import { matchTauron } from './tauron';
import { type WideNetColumns, matchWideNet } from './wide-net';

/** A recognised layout and where its columns are. */
export type LayoutMatch =
  | { layout: 'register'; columns: RegisterColumns }
  | { layout: 'daily-wide'; columns: DailyWideColumns }
  | { layout: 'tauron'; columns: LongColumns }
  | { layout: 'enea'; columns: LongColumns }
  | { layout: 'long'; columns: LongColumns }
  | { layout: 'wide-net'; columns: WideNetColumns };

/**
 * The layout a header row announces, or undefined. The most specific layouts are tried first:
 * Tauron's and Enea's headers would also pass as generic long ones. With `forced`, only that
 * layout's rules are tried (a wide file is then accepted even if its names look like a long one's).
 */
export function matchLayout(header: readonly string[], forced?: Layout): LayoutMatch | undefined {
  const names = header.map(normaliseName);
  if (forced !== undefined) return matchOnly(names, header, forced);
  const register = matchRegister(names);
  if (register) return { layout: 'register', columns: register };
  const daily = matchDailyWide(names);
  if (daily) return { layout: 'daily-wide', columns: daily };
  const tauron = matchTauron(names);
  if (tauron) return { layout: 'tauron', columns: tauron };
  const enea = matchEnea(names);
  if (enea) return { layout: 'enea', columns: enea };
  const long = matchLong(names);
  if (long) return { layout: 'long', columns: long };
  const wide = matchWideNet(names, header);
  if (wide) return { layout: 'wide-net', columns: wide };
  return undefined;
}

function matchOnly(names: readonly string[], header: readonly string[], layout: Layout): LayoutMatch | undefined {
  switch (layout) {
    case 'register': {
      const columns = matchRegister(names);
      return columns && { layout, columns };
    }
    case 'daily-wide': {
      const columns = matchDailyWide(names);
      return columns && { layout, columns };
    }
    case 'tauron': {
      const columns = matchTauron(names);
      return columns && { layout, columns };
    }
    case 'enea': {
      const columns = matchEnea(names);
      return columns && { layout, columns };
    }
    case 'long': {
      const columns = matchLong(names);
      return columns && { layout, columns };
    }
    case 'wide-net': {
      const columns = matchWideNet(names, header, true);
      return columns && { layout, columns };
    }
  }
}

/** What a header of each layout needs, for the error when a forced layout finds none. */
export const LAYOUT_NEEDS: Record<Layout, string> = {
  tauron: 'Data;Strefa;Wartość kWh;Rodzaj',
  enea: 'Data;Wolumen energii elektrycznej pobranej z sieci przed bilansowaniem godzinowym;…',
  'daily-wide': 'PPE;Typ;Data;H1;…;H24',
  long: 'a timestamp column and import/export (or value and register) columns',
  'wide-net': 'a timestamp column and one column per meter',
  register: 'ppe;nazwa;…',
};

/** A header row found in a file. */
export interface HeaderFound {
  match: LayoutMatch;
  header: string[];
  names: string[];
  /** 1-based line of the header. */
  line: number;
}

/** How many records may precede the header (titles, customer details). */
const MAX_PREAMBLE = 10;

/**
 * Reads records until one is a recognised header (of the `forced` layout only, when given) and
 * leaves the reader just after it. Undefined when none of the first records is; `firstLine` then
 * holds the first record seen.
 */
export function findHeader(
  reader: RowReader,
  forced?: Layout,
): { found: HeaderFound } | { found: undefined; firstLine: number; firstText: string } {
  let firstLine = 0;
  let firstText = '';
  for (let i = 0; i < MAX_PREAMBLE && reader.next(); i++) {
    const header = reader.fields.slice();
    if (i === 0) {
      firstLine = reader.line;
      firstText = header.join(reader.separator === undefined ? ', ' : reader.separator === '\t' ? ' ' : reader.separator);
    }
    const match = matchLayout(header, forced);
    if (match) return { found: { match, header, names: header.map(normaliseName), line: reader.line } };
  }
  return { found: undefined, firstLine, firstText };
}
