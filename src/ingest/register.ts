/**
 * The member register (the cluster agreement's list of members):
 * `ppe;nazwa;typ;taryfa;gmina;powiat;osd;pv_kwp;wiatr_kw;biogaz_kw`, one row per metering point.
 * Only the PPE and name columns are required; columns may come in any order and Polish or English
 * names (`powiat` / `county` / `district`, `osd` / `dso` / `operator`). Without an `osd` cell the
 * DSO is inferred from the PPE where its GS1 company prefix is documented (dsoFromPpe).
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
  powiat?: number;
  dso?: number;
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
    powiat: find(names, (n) => /^(powiat|county|district)( |$)/.test(n)),
    dso: find(names, (n) => /^(osd|dso|operator|distribution system operator)( |$)/.test(n)),
    pv: find(names, (n) => /(^|\s)(pv|fotowolt|solar)/.test(n)),
    wind: find(names, (n) => /(^|\s)(wiatr|wind)/.test(n)),
    biogas: find(names, (n) => /(^|\s)(biogaz|biogas|chp|kogener)/.test(n)),
  };
}

/**
 * The member types the engine knows. `parent`: a company holding more than 50 % of a municipal
 * company — the third kind of member that qualifies a cluster under art. 2 pkt 15a of the
 * renewable energy sources act (CLUSTERS.md §2).
 */
const TYPES = new Set(['jst', 'municipal', 'parent', 'business', 'household', 'producer', 'other']);

/** Polish (and a few English) words users write for the member types. */
const TYPE_WORDS: [RegExp, string][] = [
  // Before the municipal words: "holding komunalny" is a parent company, not the municipal one.
  [/^(spolka dominujaca|podmiot dominujacy|spolka matka|holding|parent)/, 'parent'],
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
    const member: Member = {
      id,
      name: text(cols.name) || id,
      type,
      tariff: text(cols.tariff),
      gmina: text(cols.gmina),
      pvKwp: capacity(cols.pv, 'PV power'),
      windKw: capacity(cols.wind, 'wind power'),
      biogasKw: capacity(cols.biogas, 'biogas power'),
    };
    // Optional fields only when known, so that registers without these columns read as before.
    const powiat = text(cols.powiat);
    if (powiat !== '') member.powiat = powiat;
    const dso = dsoName(text(cols.dso)) ?? dsoFromPpe(id);
    if (dso !== undefined) member.dso = dso;
    members.push(member);
  }
  if (rows === 0) {
    throw new ParseError(file, ctx.headerLine + 1, undefined, `no members below the header on line ${ctx.headerLine}`);
  }
  if (unknownTypes > 0) {
    ctx.warnings.push({
      code: 'register',
      message:
        `${file}: ${unknownTypes} member type(s) not recognised (first on line ${firstUnknownLine}); ` +
        "set to 'other' (known: jst, municipal, parent, business, household, producer, other)",
      line: firstUnknownLine,
      count: unknownTypes,
    });
  }
  return { members, dataRows: rows };
}

// ---------------------------------------------------------------------------------------------
// Distribution system operators (OSD).

/** What users write for the big DSOs, and the one name each is compared under. */
const DSO_WORDS: [RegExp, string][] = [
  [/tauron/, 'Tauron Dystrybucja'],
  [/enea/, 'Enea Operator'],
  [/energa/, 'Energa-Operator'],
  // Before PGE: PGE Energetyka Kolejowa (formerly PKP Energetyka) is a DSO of its own.
  [/kolejow|pkp/, 'PGE Energetyka Kolejowa'],
  [/pge/, 'PGE Dystrybucja'],
  [/stoen/, 'Stoen Operator'],
];

/**
 * The DSO a register cell names, under one spelling for the big five (so that "TAURON" and
 * "Tauron Dystrybucja S.A." are the same operator); any other name as written; undefined if empty.
 */
export function dsoName(text: string): string | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return undefined;
  const folded = foldPolish(t.toLowerCase());
  for (const [re, name] of DSO_WORDS) if (re.test(folded)) return name;
  return t;
}

/**
 * GS1 company prefixes of Polish DSOs in PPE codes. Since the renumbering for CSIRE every DSO
 * gives its PPE codes as 18-digit GS1 GSRN numbers: 590 (GS1 Poland) + the DSO's GS1 company
 * number + a serial + a check digit. Each prefix as the DSO itself publishes it:
 * - 5903224 Tauron Dystrybucja — tauron-dystrybucja.pl, news of 14 Sep 2020 (new codes from 19 Sep 2020);
 * - 5903106 Enea Operator — operator.enea.pl, notice 109/2020 (from 20 Sep 2020);
 * - 5902438 Energa-Operator — energa-operator.pl, "Nowe numery Punktów Poboru Energii" (from 15 Apr 2021);
 * - 5903801 Stoen Operator — stoen.pl, notice of 19 May 2022 (renumbered 20 Nov 2022);
 * - 5905435 PGE Dystrybucja — pgedystrybucja.pl, "Renumeracja kodów PPE" (from 26 Jun 2023);
 * - 5905088 PGE Energetyka Kolejowa (PKP Energetyka) — pgeenergetykakolejowa.pl, from 22 May 2023;
 * - 5905527401 Energia Euro Park, 5905413658 TIEW, 5905679002 WM Malta, 5906111757 MA Polska —
 *   each on its own "renumeracja kodów PPE" page (eepark.pl, tiew.pl, wmmalta.pl, mapolska.eu).
 * GS1 company prefixes never overlap, so the first match is the only one.
 *
 * Not inferred: the pre-GS1 codes (`PL` + an operator code, e.g. `PLTAUD…`, `PL0037…`). No DSO
 * publication of those operator codes was found, and guessing an operator from them could only
 * hide a mixed-DSO cluster; such members keep no DSO unless the register's `osd` column names it.
 */
const DSO_PREFIXES: readonly [prefix: string, dso: string][] = [
  ['5903224', 'Tauron Dystrybucja'],
  ['5903106', 'Enea Operator'],
  ['5902438', 'Energa-Operator'],
  ['5903801', 'Stoen Operator'],
  ['5905435', 'PGE Dystrybucja'],
  ['5905088', 'PGE Energetyka Kolejowa'],
  ['5905527401', 'Energia Euro Park'],
  ['5905413658', 'TIEW'],
  ['5905679002', 'WM Malta'],
  ['5906111757', 'MA Polska'],
];

/** Whether 18 digits carry a valid GS1 check digit (weights 3, 1, 3, … from the right). */
export function validGsrn(digits: string): boolean {
  if (!/^\d{18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(digits[i]) * ((17 - i) % 2 === 1 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits[17]);
}

/**
 * The DSO of a PPE from its GS1 company prefix; undefined for a code that is not an 18-digit
 * GSRN with a valid check digit (a typo, an old `PL…` code, a meter number) or whose prefix is
 * not listed above. Spaces, dashes and a leading `(8018)` (GSRN's application identifier on
 * printed barcodes) are ignored.
 */
export function dsoFromPpe(ppe: string): string | undefined {
  const digits = ppe.replace(/^\s*\(8018\)/, '').replace(/[\s-]/g, '');
  if (!validGsrn(digits)) return undefined;
  return DSO_PREFIXES.find(([prefix]) => digits.startsWith(prefix))?.[1];
}
