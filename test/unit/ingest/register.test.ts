/**
 * The member register's optional columns for the registration checks: `powiat` (county,
 * district) and `osd` (dso, operator) under Polish and English names; the DSO inferred from a
 * GS1 PPE code's company prefix where the DSO publishes it (never from the old `PL…` codes);
 * the `parent` member type (a company holding more than 50 % of a municipal company).
 */
import { describe, expect, it } from 'vitest';
import { parseFile, type ParsedRegister } from '../../../src/ingest/index';
import { dsoFromPpe, dsoName, matchRegister, memberType, validGsrn } from '../../../src/ingest/register';
import { normaliseName } from '../../../src/ingest/names';

const register = (text: string): ParsedRegister => {
  const p = parseFile('czlonkowie.csv', new TextEncoder().encode(text));
  if (p.kind !== 'register') throw new Error(`parsed as ${p.kind}`);
  return p;
};

/** A GSRN: 17 digits and their GS1 check digit. */
function gsrn(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ((17 - i) % 2 === 1 ? 3 : 1);
  return first17 + String((10 - (sum % 10)) % 10);
}

const TAURON = gsrn('59032240000123456');
const ENEA = gsrn('59031060000123456');
const PGE = gsrn('59054350000123456');
const ENERGA = gsrn('59024380000123456');
const STOEN = gsrn('59038010000123456');

describe('register columns powiat and osd', () => {
  it.each([
    ['ppe;nazwa;typ;gmina;powiat;osd', 4, 5],
    ['PPE;Name;Type;Municipality;County;DSO', 4, 5],
    ['ppe;name;type;commune;district;operator', 4, 5],
    ['Kod PPE;Nazwa;Gmina;Powiat;Operator systemu dystrybucyjnego', 3, 4],
  ])('%s', (header, powiat, dso) => {
    const cols = matchRegister(header.split(';').map(normaliseName));
    expect(cols).toMatchObject({ powiat, dso });
  });

  it('are optional: a register without them reads as before, with no powiat or DSO', () => {
    const r = register('ppe;nazwa;typ;gmina\nPL0037910000100001;Urząd Miasta i Gminy Staszów;jst;Staszów\n');
    expect(r.members[0]).toEqual({
      id: 'PL0037910000100001',
      name: 'Urząd Miasta i Gminy Staszów',
      type: 'jst',
      tariff: '',
      gmina: 'Staszów',
      pvKwp: 0,
      windKw: 0,
      biogasKw: 0,
    });
    expect('powiat' in r.members[0]!).toBe(false);
    expect('dso' in r.members[0]!).toBe(false);
  });

  it('reads powiat and osd cells; the big DSOs under one spelling', () => {
    const r = register(
      [
        'ppe;nazwa;typ;gmina;powiat;osd;pv_kwp',
        'PL0037910000100001;Gmina Staszów;jst;Staszów;staszowski;Enea Operator Sp. z o.o.;40',
        'PL0037910000100002;Gmina Tuczępy;jst;Tuczępy;buski;ENEA;0',
        'PL0037910000100003;Firma;business;Kraków;Kraków;TAURON Dystrybucja S.A.;0',
        'PL0037910000100004;Sklep;business;Osiek;;;0',
      ].join('\n'),
    );
    expect(r.members.map((m) => [m.gmina, m.powiat, m.dso])).toEqual([
      ['Staszów', 'staszowski', 'Enea Operator'],
      ['Tuczępy', 'buski', 'Enea Operator'],
      ['Kraków', 'Kraków', 'Tauron Dystrybucja'],
      ['Osiek', undefined, undefined],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('infers the DSO from a GS1 PPE where the cell is empty; the cell wins over the code', () => {
    const r = register(
      [
        'ppe;nazwa;osd',
        `${TAURON};A;`,
        `${ENEA};B;`,
        `${PGE};C;`,
        `${ENERGA};D;`,
        `${STOEN};E;`,
        `${TAURON.slice(0, 17)}${(Number(TAURON[17]) + 1) % 10};typo in the check digit;`,
        'PL0037910000100001;old PL code;',
        `${gsrn('59099990000123456')};unknown prefix;`,
        `${gsrn('59031060000999999')};the register says otherwise;Energa-Operator SA`,
      ].join('\n'),
    );
    expect(r.members.map((m) => m.dso)).toEqual([
      'Tauron Dystrybucja',
      'Enea Operator',
      'PGE Dystrybucja',
      'Energa-Operator',
      'Stoen Operator',
      undefined,
      undefined,
      undefined,
      'Energa-Operator',
    ]);
  });

  it('infers the DSO with no osd column at all', () => {
    const r = register(`ppe;nazwa\n${PGE};Szkoła\n`);
    expect(r.members[0]!.dso).toBe('PGE Dystrybucja');
  });
});

describe('DSO from a PPE', () => {
  it('checks the GS1 check digit (an SSCC example from GS1: 106141411234567897)', () => {
    expect(validGsrn('106141411234567897')).toBe(true);
    expect(validGsrn('106141411234567891')).toBe(false);
    expect(validGsrn('10614141123456789')).toBe(false);
    expect(validGsrn('10614141123456789A')).toBe(false);
  });

  it('ignores spaces, dashes and a printed (8018) application identifier', () => {
    const spaced = `${TAURON.slice(0, 3)} ${TAURON.slice(3, 7)} ${TAURON.slice(7)}`;
    expect(dsoFromPpe(spaced)).toBe('Tauron Dystrybucja');
    expect(dsoFromPpe(`(8018)${ENEA}`)).toBe('Enea Operator');
    expect(dsoFromPpe(ENEA.replace(/(\d{6})/, '$1-'))).toBe('Enea Operator');
  });

  it('the small DSOs with 10-digit company prefixes, and PGE Energetyka Kolejowa apart from PGE Dystrybucja', () => {
    expect(dsoFromPpe(gsrn('59055274010001234'))).toBe('Energia Euro Park');
    expect(dsoFromPpe(gsrn('59054136580001234'))).toBe('TIEW');
    expect(dsoFromPpe(gsrn('59056790020001234'))).toBe('WM Malta');
    expect(dsoFromPpe(gsrn('59061117570001234'))).toBe('MA Polska');
    expect(dsoFromPpe(gsrn('59050880000001234'))).toBe('PGE Energetyka Kolejowa');
  });

  it('does not guess from old PL… codes or meter numbers', () => {
    expect(dsoFromPpe('PL0037910000100001')).toBeUndefined();
    expect(dsoFromPpe('PLTAUD000000012345')).toBeUndefined();
    expect(dsoFromPpe('12345678')).toBeUndefined();
  });

  it('names DSOs written in many ways', () => {
    expect(dsoName('  tauron  ')).toBe('Tauron Dystrybucja');
    expect(dsoName('PGE Dystrybucja S.A. Oddział Skarżysko-Kamienna')).toBe('PGE Dystrybucja');
    expect(dsoName('PKP Energetyka')).toBe('PGE Energetyka Kolejowa');
    expect(dsoName('PGE Energetyka Kolejowa')).toBe('PGE Energetyka Kolejowa');
    expect(dsoName('innogy Stoen Operator')).toBe('Stoen Operator');
    expect(dsoName('Lokalny  Operator')).toBe('Lokalny Operator');
    expect(dsoName(' ')).toBeUndefined();
  });
});

describe('member types', () => {
  it.each([
    ['spółka dominująca', 'parent'],
    ['Spółka dominująca wobec PGKiM', 'parent'],
    ['holding komunalny', 'parent'],
    ['parent company', 'parent'],
    ['parent', 'parent'],
    ['spółka komunalna', 'municipal'],
    ['JST', 'jst'],
    ['Starostwo', 'jst'],
  ])('%s → %s', (text, type) => {
    expect(memberType(text)).toBe(type);
  });

  it('a parent company in a register is recognised, with no warning', () => {
    const r = register('ppe;nazwa;typ\nPL0037910000100001;Holding Miejski;spółka dominująca\n');
    expect(r.members[0]!.type).toBe('parent');
    expect(r.warnings).toEqual([]);
  });
});
