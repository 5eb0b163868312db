/** The CSV dialect: separators, quotes, Excel wrappers, numbers. */
import { describe, expect, it } from 'vitest';
import { CsvReader, parseNumber, sniffDecimalMark, sniffSeparator, unwrapExcel } from '../../../src/ingest/csv';
import { ParseError } from '../../../src/ingest/errors';

function records(text: string, sep: ';' | ',' | '\t' = ';'): { line: number; fields: string[] }[] {
  const r = new CsvReader('t.csv', text, sep);
  const out: { line: number; fields: string[] }[] = [];
  while (r.next()) out.push({ line: r.line, fields: r.fields.slice() });
  return out;
}

describe('parseNumber', () => {
  it('reads decimal commas and points', () => {
    expect(parseNumber('14,441', ',')).toBe(14.441);
    expect(parseNumber('2.669', '.')).toBe(2.669);
    expect(parseNumber('-3,498', ',')).toBe(-3.498);
    expect(parseNumber('  0,000 ', ',')).toBe(0);
    expect(Object.is(parseNumber('-0,000', ','), 0)).toBe(true);
    expect(parseNumber('+5', '.')).toBe(5);
    expect(parseNumber(',5', ',')).toBe(0.5);
    expect(parseNumber('5,', ',')).toBe(5);
    expect(parseNumber('\u22121,5', ',')).toBe(-1.5);
  });
  it('reads thousands separators in groups of three', () => {
    expect(parseNumber('1 234,5', ',')).toBe(1234.5);
    expect(parseNumber('1\u00a0234\u00a0567,25', ',')).toBe(1234567.25);
    expect(parseNumber('1.234.567,25', ',')).toBe(1234567.25);
    expect(parseNumber('1,234,567.25', '.')).toBe(1234567.25);
    expect(parseNumber("1'234.5", '.')).toBe(1234.5);
  });
  it('reads exponents and long digit strings like parseFloat', () => {
    expect(parseNumber('1,5e3', ',')).toBe(1500);
    expect(parseNumber('2.5E-3', '.')).toBe(0.0025);
    expect(parseNumber('123456789012345678', '.')).toBe(Number('123456789012345678'));
    expect(parseNumber('0.1234567890123456789', '.')).toBe(Number('0.1234567890123456789'));
  });
  it('equals parseFloat for three-decimal values', () => {
    for (let i = 0; i < 20000; i += 7) {
      const s = (i / 1000).toFixed(3);
      expect(parseNumber(s, '.')).toBe(parseFloat(s));
      expect(parseNumber(s.replace('.', ','), ',')).toBe(parseFloat(s));
    }
  });
  it('returns NaN for garbage', () => {
    for (const bad of [
      '',
      ' ',
      'abc',
      '1,2,3',
      '12a',
      '--1',
      '1..2',
      '1 23',
      '1.5',
      '0.123',
      'e5',
      '1e',
      '1e+',
      '-',
      ',',
      '1,5,',
    ]) {
      expect(parseNumber(bad, ','), JSON.stringify(bad)).toBeNaN();
    }
    expect(parseNumber('1,5', '.')).toBeNaN();
  });
});

describe('sniffers', () => {
  it('finds the separator outside quotes', () => {
    expect(sniffSeparator('a;b;c\n1,5;2,5;3\n').separator).toBe(';');
    expect(sniffSeparator('ppe,timestamp,import\nX,2025-01-01,1.5\n').separator).toBe(',');
    expect(sniffSeparator('a\tb\n1,5\t2\n').separator).toBe('\t');
    expect(sniffSeparator('"a;b","c"\n"1;2","3"\n').separator).toBe(',');
    expect(sniffSeparator('sep=;\na;b\n')).toEqual({ separator: ';', hintLine: true });
    expect(sniffSeparator('sep=\t\na\tb\n')).toEqual({ separator: '\t', hintLine: true });
  });
  it('finds the decimal mark', () => {
    expect(sniffDecimalMark(['2025-01-01', '14,441', '0,000'], ';')).toBe(',');
    expect(sniffDecimalMark(['2.669', '0.000'], ',')).toBe('.');
    expect(sniffDecimalMark(['1.234.567', '2.345.678'], ';')).toBe(',');
    expect(sniffDecimalMark(['1,234,567'], ';')).toBe('.');
    expect(sniffDecimalMark(['12', 'abc'], ';')).toBe(',');
    expect(sniffDecimalMark(['12', 'abc'], ',')).toBe('.');
  });
});

describe('CsvReader', () => {
  it('splits, skips blank lines and counts lines', () => {
    expect(records('a;b\n\n1;2\n;;\n3;4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });
  it('keeps empty trailing fields', () => {
    expect(records('a;b;\n')[0]!.fields).toEqual(['a', 'b', '']);
  });
  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    expect(records('"a;b";"say ""hi""";"two\nlines"\nx;y;z')).toEqual([
      { line: 1, fields: ['a;b', 'say "hi"', 'two\nlines'] },
      { line: 3, fields: ['x', 'y', 'z'] },
    ]);
  });
  it('unwraps Excel\'s ="…" in quoted and bare fields', () => {
    expect(records('"=""2025-01-01 00:59""";"14,441"\n="590123";x')).toEqual([
      { line: 1, fields: ['2025-01-01 00:59', '14,441'] },
      { line: 2, fields: ['590123', 'x'] },
    ]);
    expect(unwrapExcel('=SUM(A1)')).toBe('=SUM(A1)');
  });
  it('treats a quote inside a bare field as text', () => {
    expect(records('a 5" pipe;b')[0]!.fields).toEqual(['a 5" pipe', 'b']);
  });
  it('reports a quote that is never closed', () => {
    const r = new CsvReader('q.csv', 'a;b\n1;"2\n3;4\n', ';');
    r.next();
    try {
      r.next();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect(e).toMatchObject({ file: 'q.csv', line: 2, column: 2 });
    }
  });
  it('stays linear on a long text without separators', () => {
    const text = 'x'.repeat(50).concat('\n').repeat(100_000);
    const t0 = performance.now();
    expect(records(text).length).toBe(100_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
