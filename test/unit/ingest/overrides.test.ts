/**
 * Overrides: every correction a user can make to a detection is honoured, or refused with a
 * ParseError saying why; and the preview rows a correction form shows.
 */
import { describe, expect, it } from 'vitest';
import { ParseError, parseFile, type ParsedFile, type ParsedReadings, type ParseOverrides } from '../../../src/ingest/index';
import { fixtureBytes, total, utf8 } from './fixtures';

const P1 = 'PL0037910000001001';
const TAURON = `tauron-elicznik-${P1}.csv`;
const H = 3_600_000;

function parse(name: string, bytes: Uint8Array | string, o?: ParseOverrides): ParsedFile {
  return parseFile(name, typeof bytes === 'string' ? utf8(bytes) : bytes, o);
}

function readings(name: string, bytes: Uint8Array | string, o?: ParseOverrides): ParsedReadings {
  const p = parse(name, bytes, o);
  if (p.kind !== 'readings') throw new Error(`${name} parsed as ${p.kind}`);
  return p;
}

function refusal(name: string, bytes: Uint8Array | string, o: ParseOverrides): ParseError {
  try {
    parse(name, bytes, o);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`${name} was read with ${JSON.stringify(o)}`);
}

/** The first `lines` lines of a fixture. */
function head(name: string, lines: number): string {
  return new TextDecoder().decode(fixtureBytes(name)).split(/\r?\n/).slice(0, lines).join('\n');
}

const LONG = head('long-utc-15min.csv', 9);
const NAMES = ['Urząd Miasta i Gminy', 'PGKiM – stacja uzdatniania wody'];

describe('checking overrides', () => {
  it('refuses unknown settings and values', () => {
    expect(refusal('x.csv', LONG, { layout: 'xlsx' } as unknown as ParseOverrides).reason).toMatch(/^layout cannot be "xlsx"/);
    expect(refusal('x.csv', LONG, { colour: 'red' } as unknown as ParseOverrides).reason).toMatch(/no setting "colour"/);
    expect(refusal('x.csv', LONG, { meterId: '  ' }).reason).toBe('the meter id given is empty');
  });

  it('lists what was applied', () => {
    const p = readings('x.csv', LONG, { decimalMark: '.', separator: ',', values: undefined });
    expect(p.detection.overridden).toEqual(['decimalMark', 'separator']);
    expect(readings('x.csv', LONG).detection.overridden).toBeUndefined();
  });
});

describe('decimal mark', () => {
  it('forcing a comma on a file written with points is honoured: "2.669" is then no number', () => {
    const e = refusal('long.csv', LONG, { decimalMark: ',' });
    expect(e).toMatchObject({ line: 2, column: 3 });
    expect(e.reason).toMatch(/is not a number$/);
  });

  it('forcing the mark the file uses reads as the guess did', () => {
    const guessed = readings('long.csv', LONG);
    const forced = readings('long.csv', LONG, { decimalMark: '.' });
    expect(forced.detection.decimalMark).toBe('.');
    expect(Array.from(forced.meters[0]!.import)).toEqual(Array.from(guessed.meters[0]!.import));
  });

  it('a point forced on a decimal-comma file', () => {
    const text = 'timestamp_utc;import_kwh\n2025-01-01T00:00:00Z;1,5\n2025-01-01T01:00:00Z;2,5\n';
    expect(readings('x.csv', text).meters[0]!.import[0]).toBe(1.5);
    expect(refusal('x.csv', text, { decimalMark: '.' })).toMatchObject({ line: 2, column: 2, reason: '"1,5" is not a number' });
  });
});

describe('encoding', () => {
  const names = (p: ParsedFile) => (p.kind === 'register' ? p.members.map((m) => m.name).slice(0, 2) : []);

  it('windows-1250 or ISO-8859-2 forced on the register copies: the right one gives the Polish names', () => {
    const cp1250 = fixtureBytes('members-cp1250.csv');
    const iso = fixtureBytes('members-iso8859-2.csv');
    expect(names(parse('m.csv', cp1250, { encoding: 'windows-1250' }))).toEqual(NAMES);
    expect(names(parse('m.csv', iso, { encoding: 'iso-8859-2' }))).toEqual(NAMES.map((n) => n.replace('–', '-')));
    const wrong = parse('m.csv', cp1250, { encoding: 'iso-8859-2' });
    expect(wrong.detection.encoding).toBe('iso-8859-2');
    // ą is 0xB9 in windows-1250 and š in ISO-8859-2.
    expect(names(wrong)[0]).toBe('Urzšd Miasta i Gminy');
    // ą is 0xB1 in ISO-8859-2 and ± in windows-1250.
    expect(names(parse('m.csv', iso, { encoding: 'windows-1250' }))[0]).toBe('Urz±d Miasta i Gminy');
  });

  it('UTF-8 or ASCII forced on a code-page file is refused with the line', () => {
    const cp1250 = fixtureBytes('members-cp1250.csv');
    expect(refusal('m.csv', cp1250, { encoding: 'utf-8' })).toMatchObject({
      line: 2,
      reason: 'the bytes are not valid UTF-8 here',
    });
    expect(refusal('m.csv', cp1250, { encoding: 'ascii' }).line).toBe(2);
  });

  it('UTF-8 forced on a UTF-8 file with a BOM reads it', () => {
    const p = readings(`enea-ebok-PL0037910000001004.csv`, fixtureBytes('enea-ebok-PL0037910000001004.csv'), {
      encoding: 'utf-8',
    });
    expect(p.detection.encoding).toBe('utf-8');
    expect(p.detection.layout).toBe('enea');
  });
});

describe('separator and layout', () => {
  it('a wrong separator leaves no header to recognise', () => {
    expect(refusal('long.csv', LONG, { separator: ';' }).reason).toMatch(/^the layout is not recognised/);
    expect(readings('long.csv', LONG, { separator: ',' }).detection.separator).toBe(',');
  });

  it('a layout the header does not fit is refused, naming what it needs', () => {
    const e = refusal(TAURON, head(TAURON, 20), { layout: 'register' });
    expect(e.reason).toMatch(/^no header of the register layout was found \(it needs ppe;nazwa;…\)/);
  });

  it('forcing wide-net reads columns a long layout would take for registers as meters', () => {
    const text = 'czas;import;export\n2025-01-01T00:00:00Z;1;-2\n2025-01-01T01:00:00Z;3;4\n';
    expect(readings('x.csv', text).detection.layout).toBe('long');
    const p = readings('x.csv', text, { layout: 'wide-net' });
    expect(p.detection.layout).toBe('wide-net');
    expect(p.meters.map((m) => m.id)).toEqual(['import', 'export']);
    expect(Array.from(p.meters[1]!.export)).toEqual([2, 0]);
  });
});

describe('meter id', () => {
  it('replaces the id of a single-meter file (Tauron)', () => {
    const p = readings(TAURON, fixtureBytes(TAURON), { meterId: 'PL0037910000009999' });
    expect(p.meters.map((m) => m.id)).toEqual(['PL0037910000009999']);
    expect(p.detection).toMatchObject({ meterIdSource: 'override', meterIds: ['PL0037910000009999'] });
  });

  it('is refused for a file of several meters', () => {
    const text = `${LONG.split('\n').slice(0, 3).join('\n')}\nPL0037910000001002,2024-12-31T23:00:00Z,1.000,0.000\n`;
    const e = refusal('long.csv', text, { meterId: 'X' });
    expect(e.reason).toBe(
      'the file holds 2 meters (PL0037910000001001, PL0037910000001002); a meter id can only be set for a file with one meter',
    );
  });
});

describe('unit', () => {
  it('Wh forced on Tauron divides by 1000', () => {
    const p = readings(TAURON, head(TAURON, 9), { unit: 'Wh' });
    expect(p.detection).toMatchObject({ unit: 'Wh', unitAssumed: false });
    expect(p.meters[0]!.import[0]).toBeCloseTo(0.010143, 15);
  });

  it('kW forced on quarter-hours gives a quarter of each value', () => {
    const p = readings('long.csv', LONG, { unit: 'kW' });
    expect(p.meters[0]!.import[0]).toBeCloseTo(2.669 / 4, 12);
  });

  it('is applied to the daily wide layout too, which reads its own unit', () => {
    const text = head('osd-daily-wide-cp1250.csv', 2);
    const kwh = readings('d.csv', text);
    const mwh = readings('d.csv', text, { unit: 'MWh' });
    expect(mwh.detection.unit).toBe('MWh');
    expect(total(mwh.meters[0]!.import)).toBeCloseTo(1000 * total(kwh.meters[0]!.import), 6);
  });

  it('is refused for a register', () => {
    expect(refusal('m.csv', fixtureBytes('members.csv'), { unit: 'kWh' }).reason).toMatch(
      /^unit cannot be set for a member register/,
    );
  });
});

describe('time convention', () => {
  const naive = 'timestamp;import_kwh\n2025-01-01 00:00;1\n2025-01-01 01:00;2\n';

  it('UTC forced on wall-clock labels', () => {
    expect(readings('x.csv', naive).meters[0]!.startUtcMs).toBe(Date.UTC(2024, 11, 31, 23));
    const p = readings('x.csv', naive, { timeConvention: 'utc' });
    expect(p.detection.timeConvention).toBe('utc');
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2025, 0, 1));
  });

  it('interval ends forced on start labels move every interval an hour back', () => {
    const p = readings('x.csv', naive, { timeConvention: 'local-interval-end' });
    expect(p.meters[0]!.startUtcMs).toBe(Date.UTC(2024, 11, 31, 22));
  });

  it('Tauron read as interval starts', () => {
    const guessed = readings(TAURON, head(TAURON, 9));
    const starts = readings(TAURON, head(TAURON, 9), { timeConvention: 'local-start' });
    expect(starts.meters[0]!.startUtcMs).toBe(guessed.meters[0]!.startUtcMs + H);
  });

  it('local time forced on labels with an offset is refused at the first one', () => {
    const text = 'czas;PL0037910000001001\n2025-01-01T00:00:00+01:00;1\n';
    expect(refusal('x.csv', text, { timeConvention: 'local-start' })).toMatchObject({ line: 2, column: 1 });
    expect(refusal('x.csv', naive, { timeConvention: 'offset' })).toMatchObject({ line: 2, column: 1 });
  });

  it('conventions that belong to other layouts are refused', () => {
    expect(refusal('x.csv', naive, { timeConvention: 'local-elapsed-hours' }).reason).toMatch(/daily wide layout/);
    expect(refusal('d.csv', head('osd-daily-wide-cp1250.csv', 2), { timeConvention: 'utc' }).reason).toMatch(
      /counts hours H1…H25 from local midnight/,
    );
  });
});

describe('values', () => {
  const hourly = (values: number[], column = 'import_kwh') =>
    [`timestamp_utc;${column}`, ...values.map((v, i) => `${new Date(Date.UTC(2025, 0, 1) + i * H).toISOString()};${v}`)].join(
      '\n',
    );

  it('counters forced on a short file no guess would call counters', () => {
    const text = hourly([10, 11, 13]);
    expect(readings('x.csv', text).detection.values).toBe('import-export');
    const p = readings('x.csv', text, { values: 'counter' });
    expect(p.detection).toMatchObject({ values: 'counter', valuesFrom: 'override' });
    expect(Array.from(p.meters[0]!.import)).toEqual([1, 2]);
  });

  it('import-export forced on data guessed to be counters', () => {
    const text = hourly(Array.from({ length: 30 }, (_, i) => 5000 + i));
    expect(readings('x.csv', text).detection.values).toBe('counter');
    const p = readings('x.csv', text, { values: 'import-export' });
    expect(p.detection).toMatchObject({ values: 'import-export', valuesFrom: 'override' });
    expect(p.meters[0]!.import.length).toBe(30);
  });

  it('net forced on a single value column splits it by sign; refused where registers are separate', () => {
    const p = readings('x.csv', hourly([2, -3], 'value'), { values: 'net' });
    expect(p.detection.values).toBe('net');
    expect(Array.from(p.meters[0]!.import)).toEqual([2, 0]);
    expect(Array.from(p.meters[0]!.export)).toEqual([0, 3]);
    expect(refusal('long.csv', LONG, { values: 'net' }).reason).toMatch(/separate import and export columns/);
  });

  it('import-export forced on a wide file: each column is a meter’s import', () => {
    const text = 'czas;A;B\n2025-01-01T00:00:00Z;1;2\n2025-01-01T01:00:00Z;3;4\n';
    const p = readings('x.csv', text, { values: 'import-export' });
    expect(p.detection.values).toBe('import-export');
    expect(p.warnings.map((w) => w.code)).not.toContain('net-values');
  });

  it('counters or net values are refused for the daily wide layout', () => {
    expect(refusal('d.csv', head('osd-daily-wide-cp1250.csv', 2), { values: 'counter' }).reason).toMatch(/CP \(import\) and CO/);
  });
});

describe('preview', () => {
  it('holds the header and the first 8 data rows, split', () => {
    const p = readings(TAURON, fixtureBytes(TAURON));
    expect(p.preview).toHaveLength(9);
    expect(p.preview[0]).toEqual(['Data', 'Strefa', 'Wartość kWh', 'Rodzaj', '']);
    expect(p.preview[1]).toEqual(['2025-01-01 1:00', 'T2', '10,143', 'pobór', '']);
  });

  it('starts at the header below a preamble, and is short for a short file', () => {
    const p = readings('x.csv', 'Raport\nppe;timestamp;import;export\nM;2025-01-01T00:00:00Z;1,5;0\n');
    expect(p.preview).toEqual([
      ['ppe', 'timestamp', 'import', 'export'],
      ['M', '2025-01-01T00:00:00Z', '1,5', '0'],
    ]);
  });

  it('exists for the register', () => {
    const p = parse('members.csv', fixtureBytes('members.csv'));
    expect(p.preview[0]![0]).toBe('ppe');
    expect(p.preview).toHaveLength(9);
  });
});
