/**
 * The member register (the cluster agreement's list of members):
 * `ppe;nazwa;typ;taryfa;gmina;pv_kwp;wiatr_kw;biogaz_kw`, one row per metering point. Only the
 * PPE and name columns are required; columns may come in any order and Polish or English names.
 */

import type { Member } from './cluster-data';
import { ParseError } from './errors';
import { type LayoutContext, numberCell, quote, requireColumn } from './layout';
import { isIdName } from './long';
import { foldPolish, meterKey } from './names';

/** Where a register keeps what (0-based columns). */
export interface RegisterColumns {
  id: number;
  name: number;
  type?: number;
  tariff?: number;
  gmina?: number;
  pv?: number;
  wind?: number;
  biogas?: number;
}

function find(names: readonly string[], test: (n: string) => boolean): number | undefined {
  const i = names.findIndex(test);
  return i < 0 ? undefined : i;
}

/** Recognises a register: a PPE column and a name column. */
export function matchRegister(names: readonly string[]): RegisterColumns | undefined {
  const id = find(names, isIdName);
  const name = find(names, (n) => /^(nazwa|name|czlonek|member|odbiorca|podmiot)( |$)/.test(n));
  if (id === undefined || name === undefined) return undefined;
  return {
    id,
    name,
    type: find(names, (n) => /^(typ|type|rodzaj|kategoria|category)( |$)/.test(n)),
    tariff: find(names, (n) => /^(taryfa|tariff|grupa taryfowa)( |$)/.test(n)),
    gmina: find(names, (n) => /^(gmina|municipality|commune)( |$)/.test(n)),
    pv: find(names, (n) => /(^|\s)(pv|fotowolt|solar)/.test(n)),
    wind: find(names, (n) => /(^|\s)(wiatr|wind)/.test(n)),
    biogas: find(names, (n) => /(^|\s)(biogaz|biogas|chp|kogener)/.test(n)),
  };
}

/** The member types the engine knows. */
const TYPES = new Set(['jst', 'municipal', 'business', 'household', 'producer', 'other']);

/** Polish (and a few English) words users write for the member types. */
const TYPE_WORDS: [RegExp, string][] = [
  [/^(jst|jednostka samorzadu|gmina|samorzad|urzad|starostwo|powiat|local government)/, 'jst'],
  [/^(komunaln|spolka komunalna|zaklad komunalny|municipal)/, 'municipal'],
  [/^(gospodarstwo|dom|prosument|odbiorca indywidualny|household|residential)/, 'household'],
  [/^(wytworca|producent|zrodlo|instalacja|elektrownia|producer|generator)/, 'producer'],
  [/^(firma|przedsiebiorstw|przedsiebiorca|msp|business|company)/, 'business'],
  [/^(inny|inne|pozostal|other)/, 'other'],
];

/** A member type from what the register says; undefined when it is not recognised. */
export function memberType(text: string): string | undefined {
  const t = foldPolish(text.trim().toLowerCase());
  if (TYPES.has(t)) return t;
  for (const [re, type] of TYPE_WORDS) if (re.test(t)) return type;
  return undefined;
}

/** Reads the register rows. */
export function readRegister(ctx: LayoutContext, cols: RegisterColumns): { members: Member[]; dataRows: number } {
  const { reader, file } = ctx;
  const fields = reader.fields;
  const members: Member[] = [];
  const firstLine = new Map<string, number>();
  const text = (column: number | undefined) => (column === undefined ? '' : (fields[column] ?? '').trim());
  const capacity = (column: number | undefined, what: string): number => {
    if (column === undefined) return 0;
    const v = numberCell(ctx, column);
    if (v !== v) return 0;
    if (v < 0) {
      throw new ParseError(file, reader.line, column + 1, `${what} cannot be negative (${quote(fields[column]!)})`);
    }
    return v;
  };
  let rows = 0;
  let unknownTypes = 0;
  let firstUnknownLine = 0;
  while (reader.next()) {
    rows++;
    const line = reader.line;
    requireColumn(ctx, Math.max(cols.id, cols.name));
    const id = text(cols.id);
    if (id === '') throw new ParseError(file, line, cols.id + 1, 'the PPE is empty');
    const key = meterKey(id);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      ctx.warnings.push({
        code: 'register',
        message: `${file} line ${line}: PPE ${id} is already listed on line ${earlier}; this row was ignored`,
        line,
      });
      continue;
    }
    firstLine.set(key, line);
    const typeText = text(cols.type);
    let type = memberType(typeText);
    if (type === undefined) {
      type = 'other';
      if (typeText !== '' || cols.type !== undefined) {
        unknownTypes++;
        if (firstUnknownLine === 0) firstUnknownLine = line;
      }
    }
    members.push({
      id,
      name: text(cols.name) || id,
      type,
      tariff: text(cols.tariff),
      gmina: text(cols.gmina),
      pvKwp: capacity(cols.pv, 'PV power'),
      windKw: capacity(cols.wind, 'wind power'),
      biogasKw: capacity(cols.biogas, 'biogas power'),
    });
  }
  if (rows === 0) {
    throw new ParseError(file, ctx.headerLine + 1, undefined, `no members below the header on line ${ctx.headerLine}`);
  }
  if (unknownTypes > 0) {
    ctx.warnings.push({
      code: 'register',
      message:
        `${file}: ${unknownTypes} member type(s) not recognised (first on line ${firstUnknownLine}); ` +
        "set to 'other' (known: jst, municipal, business, household, producer, other)",
      line: firstUnknownLine,
      count: unknownTypes,
    });
  }
  return { members, dataRows: rows };
}
