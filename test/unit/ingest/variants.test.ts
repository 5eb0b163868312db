/** Variants of the layouts seen in real exports: generic long files, preambles, units, other labels. */
import { describe, expect, it } from 'vitest';
import { parseFile, type ParsedReadings } from '../../../src/ingest/index';
import { utf8 } from './fixtures';

const H = 3_600_000;

function readings(name: string, text: string | Uint8Array): ParsedReadings {
  const p = parseFile(name, typeof text === 'string' ? utf8(text) : text);
  if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
  return p;
}

/** windows-1250 bytes of a text (only the letters these tests use). */
function cp1250(text: string): Uint8Array {
  const map: Record<string, number> = { ą: 0xb9, ę: 0xea, ó: 0xf3, ś: 0x9c, ł: 0xb3, ż: 0xbf, ź: 0x9f, ć: 0xe6, ń: 0xf1 };
  return Uint8Array.from(Array.from(text, (c) => map[c] ?? c.charCodeAt(0)));
}

describe('generic long files', () => {
  it('value + register column, windows-1250, unit in brackets, Excel serial dates', () => {
    const text = [
      'Data i godzina;Wartość[kWh/kvar];Rodzaj energii',
      '45658,0416666667;1,5;czynna pobrana',
      '45658,0416666667;0,25;czynna oddana',
      '45658,0416666667;0,7;bierna pobrana',
      '45658,0833333333;2,5;czynna pobrana',
      '45658,0833333333;0;czynna oddana',
    ].join('\r\n');
    const p = readings('licznik 590543000000000123 2025.csv', cp1250(text));
    expect(p.detection).toMatchObject({
      layout: 'long',
      encoding: 'windows-1250',
      meterIdSource: 'file-name',
      unit: 'kWh',
      stepMinutes: 60,
    });
    expect(p.meters[0]!.id).toBe('590543000000000123');
    // 45658.0416… is 2025-01-01 01:00 local: no 00:00 or 24:00 label, so start labels are assumed.
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2025, 0, 1, 0));
    expect(Array.from(p.meters[0]!.import)).toEqual([1.5, 2.5]);
    expect(Array.from(p.meters[0]!.export)).toEqual([0.25, 0]);
    expect(p.warnings.map((w) => w.code)).toContain('ignored-rows');
  });

  it('several meters with a register column, naive local labels, Wh', () => {
    const text = [
      'meter;time;direction;energy_wh',
      'A;2025-07-01 00:00;A+;1000',
      'A;2025-07-01 00:00;A-;0',
      'B;2025-07-01 00:00;A+;2500',
      'A;2025-07-01 01:00;A+;500',
      'B;2025-07-01 01:00;A+;1500',
    ].join('\n');
    const p = readings('multi.csv', text);
    expect(p.detection).toMatchObject({ layout: 'long', unit: 'Wh', timeConvention: 'local-start', meterIds: ['A', 'B'] });
    const [a, b] = p.meters;
    expect(a!.startUtcMs).toBe(Date.UTC(2025, 5, 30, 22));
    expect(Array.from(a!.import)).toEqual([1, 0.5]);
    expect(Array.from(a!.export)).toEqual([0, NaN]);
    expect(Array.from(b!.import)).toEqual([2.5, 1.5]);
    expect(Array.from(b!.export)).toEqual([0, 0]); // no export rows at all: 0, with a warning
    expect(p.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['register-absent', 'missing-intervals']));
  });

  it('a title above the header, a sep= hint, tab separators', () => {
    const p = readings(
      'x.csv',
      'sep=\t\nRaport zużycia\tPPE 590000000000000001\n\nppe\ttimestamp\timport\texport\nM\t2025-01-01T00:00:00+01:00\t1.5\t0\nM\t2025-01-01T00:15:00+01:00\t1.25\t0\n',
    );
    expect(p.detection).toMatchObject({
      headerLine: 4,
      separator: '\t',
      timeConvention: 'offset',
      stepMinutes: 15,
      decimalMark: '.',
    });
    expect(Array.from(p.meters[0]!.import)).toEqual([1.5, 1.25]);
  });
});

describe('Tauron variants', () => {
  it('older header with a space before Wartość, netted rows kept apart', () => {
    const text = [
      'Data;Strefa; Wartość kWh;Rodzaj;',
      '2025-05-01 1:00;T2;1,000;pobór;',
      '2025-05-01 1:00;T2;0,000;oddanie;',
      '2025-05-01 1:00;T2;0,900;pobrana po zbilansowaniu;',
      '2025-05-01 1:00;T2;0,000;oddana po zbilansowaniu;',
      '2025-05-01 2:00;T2;2,000;pobór;',
      '2025-05-01 2:00;T2;0,500;oddanie;',
      '2025-05-01 2:00;T2;1,500;pobrana po zbilansowaniu;',
      '2025-05-01 2:00;T2;0,000;oddana po zbilansowaniu;',
    ].join('\r\n');
    const p = readings('Tauron_eLicznik_590310600000000001_2025.csv', text);
    expect(p.detection.layout).toBe('tauron');
    expect(p.meters[0]!.id).toBe('590310600000000001');
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2025, 3, 30, 22)); // 2025-05-01 00:00 CEST
    expect(Array.from(p.meters[0]!.import)).toEqual([1, 2]);
    expect(Array.from(p.netted[0]!.import)).toEqual([0.9, 1.5]);
    expect(p.warnings.map((w) => w.code)).toContain('netted-values');
  });

  it('a file without a PPE in its name is named after the file', () => {
    const p = readings('moje dane.csv', 'Data;Strefa;Wartość kWh;Rodzaj;\n2025-05-01 24:00;T2;1,0;pobór;\n');
    expect(p.meters[0]!.id).toBe('moje dane');
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2025, 4, 1, 21)); // 23:00 CEST
    expect(p.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['step-assumed', 'register-absent']));
  });
});

describe('daily wide variants', () => {
  const header = `PPE;Typ;Data;${Array.from({ length: 25 }, (_, i) => `H${i + 1}`).join(';')};Uwagi`;
  const row = (kind: string, date: string, values: (number | '')[]) =>
    `X;${kind};${date};${values.map((v) => (v === '' ? '' : String(v).replace('.', ','))).join(';')};`;
  it('a spring day labelled by clock hour (H3 empty, H24 filled), CB rows ignored', () => {
    const spring = Array.from({ length: 24 }, (_, i) => (i === 2 ? '' : i + 1)) as (number | '')[];
    const p = readings('d.csv', [header, row('CP', '2025-03-30', [...spring, '']), row('CB', '2025-03-30', spring)].join('\n'));
    const m = p.meters[0]!;
    expect(m.import.length).toBe(23);
    expect(m.import[1]).toBe(2); // 01:00–02:00 CET
    expect(m.import[2]).toBe(4); // 03:00–04:00 CEST
    expect(m.startUtcMs + 2 * H).toBe(Date.UTC(2025, 2, 30, 1));
    expect(p.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['dst-gap', 'ignored-rows']));
  });
  it('a value in H25 on a 24-hour day is reported, not used', () => {
    const values = Array.from({ length: 25 }, () => 1);
    const p = readings('d.csv', [header, row('CP', '2025-01-02', values)].join('\n'));
    expect(p.meters[0]!.import.length).toBe(24);
    expect(p.warnings.map((w) => w.code)).toContain('extra-hours');
  });
});

describe('wide net variants', () => {
  it('naive local time, the autumn hour twice, 590 PPE headers', () => {
    const rows = ['Data;590000000000000001;590000000000000002'];
    const labels = ['01:00', '02:00', '02:00', '03:00'];
    labels.forEach((l, i) => rows.push(`2025-10-26 ${l};${i + 1};-${i + 1}`));
    const p = readings('wide.csv', rows.join('\n'));
    expect(p.detection).toMatchObject({ layout: 'wide-net', timeConvention: 'local-start', stepMinutes: 60 });
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2025, 9, 25, 23));
    expect(Array.from(p.meters[0]!.import)).toEqual([1, 2, 3, 4]);
    expect(Array.from(p.meters[1]!.export)).toEqual([1, 2, 3, 4]);
  });
});

describe('register variants', () => {
  it('columns in another order, Polish type words, a duplicate PPE', () => {
    const p = parseFile(
      'członkowie.csv',
      utf8(
        'Nazwa;Kod PPE;Rodzaj;Moc PV [kWp]\nSzkoła w Osieku;A1;jednostka samorządu;12,5\nPiekarnia;A2;przedsiębiorstwo;\nKowalscy;A3;gospodarstwo domowe;4\nDup;A1;inny;0\nX;A4;kosmiczny;0\n',
      ),
    );
    if (p.kind !== 'register') throw new Error('not a register');
    expect(p.members.map((m) => [m.id, m.name, m.type, m.pvKwp])).toEqual([
      ['A1', 'Szkoła w Osieku', 'jst', 12.5],
      ['A2', 'Piekarnia', 'business', 0],
      ['A3', 'Kowalscy', 'household', 4],
      ['A4', 'X', 'other', 0],
    ]);
    expect(p.warnings.map((w) => w.code)).toEqual(['register', 'register']);
  });
});
