/** Bad input gives a ParseError with the right line and column, never anything else. */
import { describe, expect, it } from 'vitest';
import { ParseError, parseFile } from '../../../src/ingest/index';
import { fixtureBytes, utf8 } from './fixtures';

function parseError(name: string, text: string | Uint8Array): ParseError {
  try {
    parseFile(name, typeof text === 'string' ? utf8(text) : text);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`${name} was read without an error`);
}

const LONG = [
  'ppe,timestamp_utc,import_kwh,export_kwh',
  'PL0037910000001001,2024-12-31T23:00:00Z,2.669,0.000',
  'PL0037910000001001,2024-12-31T23:15:00Z,2.847,0.000',
  'PL0037910000001001,2024-12-31T23:30:00Z,2.160,0.000',
];

describe('ParseError', () => {
  it('carries file, line, column and a message that says where', () => {
    const e = new ParseError('tauron-x.csv', 17, 3, '"abc" is not a number');
    expect(e.message).toBe('tauron-x.csv line 17, column 3: "abc" is not a number');
    expect(e).toMatchObject({ name: 'ParseError', file: 'tauron-x.csv', line: 17, column: 3, reason: '"abc" is not a number' });
    expect(new ParseError('f.csv', undefined, undefined, 'is empty').message).toBe('f.csv: is empty');
  });
});

describe('bad files', () => {
  it('empty file', () => {
    expect(parseError('empty.csv', '')).toMatchObject({ line: 1, column: undefined, reason: 'the file is empty' });
    expect(parseError('blank.csv', '\r\n  \n')).toMatchObject({ line: 1, reason: 'the file is empty' });
    expect(parseError('bom.csv', new Uint8Array([0xef, 0xbb, 0xbf]))).toMatchObject({ line: 1 });
  });

  it('header only', () => {
    const e = parseError('long.csv', `${LONG[0]}\n`);
    expect(e).toMatchObject({ line: 2, column: undefined });
    expect(e.message).toBe('long.csv line 2: no data rows below the header on line 1');
    expect(parseError('members.csv', 'ppe;nazwa;typ\n')).toMatchObject({ line: 2 });
    expect(
      parseError('daily.csv', `PPE;Typ;Data;${Array.from({ length: 25 }, (_, i) => `H${i + 1}`).join(';')}\r\n`),
    ).toMatchObject({
      line: 2,
    });
  });

  it('text in a number (the Tauron example)', () => {
    const lines = new TextDecoder().decode(fixtureBytes('tauron-elicznik-PL0037910000001001.csv')).split('\r\n');
    lines[16] = lines[16]!.replace(/;[0-9]+,[0-9]+;/, ';abc;');
    const e = parseError('tauron-x.csv', lines.join('\r\n'));
    expect(e.message).toBe('tauron-x.csv line 17, column 3: "abc" is not a number');
  });

  it('text in a number in other layouts', () => {
    const long = [...LONG];
    long[2] = 'PL0037910000001001,2024-12-31T23:15:00Z,2.847,n.a.';
    expect(parseError('long.csv', long.join('\n'))).toMatchObject({ line: 3, column: 4, reason: '"n.a." is not a number' });
    expect(
      parseError(
        'wide.csv',
        'czas;PL0037910000001001;PL0037910000001002\n2025-01-01T00:00:00+01:00;1,5;2,5\n2025-01-01T00:15:00+01:00;1,5;x\n',
      ),
    ).toMatchObject({
      line: 3,
      column: 3,
    });
    const hours = Array.from({ length: 25 }, (_, i) => `H${i + 1}`).join(';');
    const values = Array.from({ length: 24 }, (_, i) => (i === 6 ? '1,2kWh' : '1,0')).join(';');
    expect(parseError('daily.csv', `PPE;Typ;Data;${hours};Uwagi\r\nX;CP;2025-01-01;${values};;\r\n`)).toMatchObject({
      line: 2,
      column: 10,
      reason: '"1,2kWh" is not a number',
    });
    expect(parseError('members.csv', 'ppe;nazwa;pv_kwp\nA;Dom;5\nB;Szkoła;pięć\n')).toMatchObject({ line: 3, column: 3 });
  });

  it('truncated row', () => {
    const cut = [...LONG];
    cut[3] = 'PL0037910000001001,2024-12-31T23:30:00Z,2.1';
    const e = parseError('long.csv', cut.join('\n'));
    expect(e).toMatchObject({ line: 4, column: 4 });
    expect(e.reason).toContain('no "export_kwh"');
    cut[3] = 'PL0037910000001001,2024-12-31T23:3';
    expect(parseError('long.csv', cut.join('\n'))).toMatchObject({ line: 4, column: 3 });
    cut[3] = 'PL0037910000001001,2024-12-31T23:3,1,0';
    expect(parseError('long.csv', cut.join('\n'))).toMatchObject({
      line: 4,
      column: 2,
      reason: '"2024-12-31T23:3" is not a date and time',
    });
    const enea =
      '\ufeffData;Wolumen energii elektrycznej pobranej z sieci przed bilansowaniem godzinowym;Wolumen energii elektrycznej oddanej do sieci przed bilansowaniem godzinowym\n"=""2025-01-01 00:59""";"1,5";"0,0"\n"=""2025-01-01 01:59""";"1,5"\n';
    expect(parseError('enea.csv', enea)).toMatchObject({ line: 3, column: 3 });
  });

  it('a quoted field that never ends', () => {
    expect(parseError('enea.csv', 'Data;Wolumen energii pobranej\n"=""2025-01-01 00:59""";"1,5\n')).toMatchObject({
      line: 2,
      column: 2,
    });
  });

  it('bad dates and times', () => {
    expect(
      parseError('PL0037910000001001.csv', 'Data;Strefa;Wartość kWh;Rodzaj;\n2025-02-30 1:00;T2;1,0;pobór;\n'),
    ).toMatchObject({ line: 2, column: 1, reason: '"2025-02-30 1:00" is not a date and time' });
    const off = [LONG[0]!];
    for (let q = 0; q < 8; q++) off.push(`X,2025-01-01T0${Math.floor(q / 4)}:${String((q % 4) * 15).padStart(2, '0')}:00Z,1,0`);
    off[6] = 'X,2025-01-01T01:07:00Z,1,0'; // line 7
    expect(parseError('long.csv', off.join('\n'))).toMatchObject({
      line: 7,
      column: 2,
      reason: '2025-01-01 01:07 UTC is not the start of a 15-minute interval (the other readings of X are 15 minutes apart)',
    });
    const far = [...LONG];
    far[3] = 'PL0037910000001001,2099-12-31T23:30:00Z,2.160,0.000';
    expect(parseError('long.csv', far.join('\n'))).toMatchObject({ line: 4, column: 2 });
    const mixed = [...LONG];
    mixed[2] = 'PL0037910000001001,2024-12-31 23:15,2.847,0.000';
    expect(parseError('long.csv', mixed.join('\n'))).toMatchObject({ line: 3, column: 2 });
  });

  it('an unsupported resolution', () => {
    const half = [
      'ppe,timestamp_utc,import_kwh,export_kwh',
      'X,2025-01-01T00:00:00Z,1,0',
      'X,2025-01-01T00:30:00Z,1,0',
      'X,2025-01-01T01:00:00Z,1,0',
    ];
    expect(parseError('long.csv', half.join('\n'))).toMatchObject({ line: 3, column: 2 });
    expect(parseError('long.csv', half.join('\n')).reason).toContain('30 minutes apart');
  });

  it('an unrecognised layout or a workbook', () => {
    const e = parseError('notes.csv', 'hello;world\n1;2\n');
    expect(e).toMatchObject({ line: 1, column: undefined });
    expect(e.reason).toContain('layout is not recognised');
    expect(parseError('x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).reason).toContain('.xlsx');
    expect(parseError('bin.csv', new Uint8Array([0, 1, 2, 3, 255, 254, 7, 8, 9]))).toBeInstanceOf(ParseError);
  });

  it('an empty meter id and a negative capacity', () => {
    const noId = [...LONG];
    noId[2] = ',2024-12-31T23:15:00Z,2.847,0.000';
    expect(parseError('long.csv', noId.join('\n'))).toMatchObject({ line: 3, column: 1 });
    expect(parseError('members.csv', 'ppe;nazwa;pv_kwp\nA;Dom;-5\n')).toMatchObject({ line: 2, column: 3 });
  });
});
