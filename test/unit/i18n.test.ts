/**
 * Polish and English: plural forms of counted nouns, numbers, percentages and dates in each
 * language, and every warning and reason the importer gives on the shared fixtures in Polish.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pluralCount, pluralWord } from '../../src/i18n/plural';
import { formatDateTime, formatDay, formatEnergy, formatLocalIso, formatNumber, formatPercent } from '../../src/i18n/formats';
import { localReason, localWarning } from '../../src/i18n/reasons';
import { ParseError, parseFileAsync } from '../../src/ingest/index';
import { unpackFile } from '../../src/ingest/unpack';
import { pl } from '../../src/i18n/pl';
import { en } from '../../src/i18n/en';

const FILE = 'plik|pliki|plików|pliku';
/** Normalises the no-break spaces of number formatting for comparison. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('plural forms', () => {
  it.each([
    [1, '1 plik'],
    [2, '2 pliki'],
    [3, '3 pliki'],
    [4, '4 pliki'],
    [5, '5 plików'],
    [11, '11 plików'],
    [12, '12 plików'],
    [14, '14 plików'],
    [21, '21 plików'],
    [22, '22 pliki'],
    [25, '25 plików'],
    [102, '102 pliki'],
    [112, '112 plików'],
    [0, '0 plików'],
    [1.5, '1,5 pliku'],
  ])('Polish: %d → %s', (n, expected) => {
    expect(plain(pluralCount(n, FILE, 'pl'))).toBe(expected);
  });

  it('Polish nouns of the catalogue: członek, licznik, wiersz', () => {
    const say = (n: number, key: keyof typeof pl) => plain(pluralCount(n, pl[key], 'pl'));
    expect([1, 3, 22, 25].map((n) => say(n, 'noun.member'))).toEqual(['1 członek', '3 członków', '22 członków', '25 członków']);
    expect([1, 3, 22, 25].map((n) => say(n, 'noun.meter'))).toEqual(['1 licznik', '3 liczniki', '22 liczniki', '25 liczników']);
    expect([1, 3, 22, 25].map((n) => say(n, 'noun.row'))).toEqual(['1 wiersz', '3 wiersze', '22 wiersze', '25 wierszy']);
    expect(say(1234, 'noun.windowIn')).toBe('1234 oknach');
    expect(say(1, 'noun.windowIn')).toBe('1 oknie');
  });

  it('English: one and other, grouped thousands', () => {
    expect(pluralCount(1, 'file|files', 'en')).toBe('1\u00a0file');
    expect(plain(pluralCount(3, 'file|files', 'en'))).toBe('3 files');
    expect(plain(pluralCount(12_345, 'row|rows', 'en'))).toBe('12,345 rows');
    expect(pluralWord(0, 'file|files', 'en')).toBe('files');
  });

  it('every noun of the catalogues has the forms its language needs', () => {
    for (const key of Object.keys(pl).filter((k) => k.startsWith('noun.')) as (keyof typeof pl)[]) {
      expect(pl[key].split('|'), key).toHaveLength(4);
      expect(en[key].split('|'), key).toHaveLength(2);
    }
  });
});

describe('numbers, percentages and dates in each language', () => {
  it('percent: a space before % in Polish, none in English, the same decimals everywhere', () => {
    expect(formatPercent(0.625, 'pl')).toBe('62,5\u00a0%');
    expect(formatPercent(0.625, 'en')).toBe('62.5%');
    expect(formatPercent(0.8, 'pl')).toBe('80,0\u00a0%');
    expect(formatPercent(0.8, 'en', 0)).toBe('80%');
  });

  it('energy: MWh with one decimal (also for whole numbers), kWh whole', () => {
    expect(plain(formatEnergy(8_978_000, 'pl').value)).toBe('8978,0');
    expect(formatEnergy(8_978_000, 'en')).toEqual({ value: '8,978.0', unit: 'MWh' });
    expect(plain(formatEnergy(12_345_670, 'pl').value)).toBe('12 345,7');
    expect(formatEnergy(1234.4, 'en')).toEqual({ value: '1,234', unit: 'kWh' });
    expect(plain(formatNumber(1234567.891, 'pl', 2))).toBe('1 234 567,89');
  });

  it('days and date-times in Warsaw time', () => {
    const june = Date.UTC(2025, 5, 12, 10);
    expect(formatDay(june, 'pl')).toBe('12 cze 2025');
    expect(formatDay(june, 'en')).toBe('12 Jun 2025');
    expect(formatDateTime(june, 'pl')).toBe('12 cze 2025, 12:00');
    expect(formatDay(Date.UTC(2024, 11, 31, 23), 'pl')).toBe('1 sty 2025');
    expect(formatLocalIso(Date.UTC(2024, 11, 31, 23, 15))).toBe('2025-01-01 00:15:00');
  });

  it('the hour the clocks go back is told apart by its offset', () => {
    const first = Date.UTC(2025, 9, 26, 0, 30);
    const second = Date.UTC(2025, 9, 26, 1, 30);
    expect(formatLocalIso(first)).toBe('2025-10-26 02:30:00+02:00');
    expect(formatLocalIso(second)).toBe('2025-10-26 02:30:00+01:00');
    expect(formatLocalIso(Date.UTC(2025, 2, 30, 1))).toBe('2025-03-30 03:00:00');
  });
});

/** Every file of the shared fixtures, read as the page reads it. */
async function fixtures(): Promise<{ name: string; warnings: { code: string; message: string }[]; reason?: string }[]> {
  const out = [];
  for (const dir of ['formats', 'bad', 'real']) {
    const base = new URL(`../fixtures/${dir}/`, import.meta.url);
    for (const f of readdirSync(base)) {
      if (/\.(md|json|sql)$/.test(f)) continue;
      let bytes: Buffer = readFileSync(new URL(f, base));
      let name = f;
      if (bytes.length > 50e6) continue;
      // Gzipped to keep the repository small (the other .gz files are dropped as they are).
      if (/\.(csv|zip|xlsx)\.gz$/.test(f)) {
        bytes = gunzipSync(bytes);
        name = f.slice(0, -3);
      }
      // As the page reads a file: what an archive or workbook holds first, then each input.
      let inputs: Awaited<ReturnType<typeof unpackFile>>;
      try {
        inputs = await unpackFile(name, new Uint8Array(bytes));
      } catch (e) {
        if (e instanceof ParseError) out.push({ name, warnings: [], reason: e.reason });
        continue;
      }
      for (const input of inputs) {
        const notes = input.notes.map((message) => ({ code: 'container', message }));
        try {
          const p = await parseFileAsync(input.name, input.bytes);
          out.push({ name: input.name, warnings: [...p.warnings, ...notes] });
        } catch (e) {
          if (e instanceof ParseError) out.push({ name: input.name, warnings: notes, reason: e.reason });
        }
      }
    }
  }
  return out;
}

/** Words of an English sentence that a Polish one does not hold. */
const ENGLISH = /\b(the|were|was|is|are|of|and|with|value|values|line|interval|intervals|row|rows|file)\b/;

describe('the importer in Polish', async () => {
  const files = await fixtures();

  it('reads enough of the fixtures to mean something', () => {
    expect(files.filter((f) => f.warnings.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  it('every warning the fixtures give is a Polish sentence, without the file name', () => {
    for (const f of files) {
      for (const w of f.warnings) {
        const polish = localWarning(w, f.name, 'pl');
        expect(polish, w.message).not.toMatch(ENGLISH);
        expect(polish.startsWith(f.name), w.message).toBe(false);
        expect(localWarning(w, f.name, 'en').startsWith(f.name)).toBe(false);
      }
    }
  });

  it('every reason a fixture is refused for is a Polish sentence', () => {
    for (const f of files) {
      if (f.reason === undefined) continue;
      expect(localReason(f.reason, 'pl'), f.reason).not.toMatch(ENGLISH);
    }
  });

  it('a warning of a kind not known yet says its kind, count and line, or stays as written', () => {
    expect(localWarning({ code: 'negative-values', message: 'x.csv: something new', count: 3, line: 7 }, 'x.csv', 'pl')).toBe(
      'wartości ujemne lub cofnięcia licznika: 3 (pierwsza w wierszu 7)',
    );
    expect(localWarning({ code: 'brand-new', message: 'x.csv: brand new' }, 'x.csv', 'pl')).toBe('x.csv: brand new');
  });

  it('UTC times in a warning become local', () => {
    const w = {
      code: 'missing-intervals',
      message: 'a.csv: PL1 has no value for 3 interval(s) within its period (first 2025-06-12 10:00 UTC)',
    };
    expect(plain(localWarning(w, 'a.csv', 'pl'))).toBe(
      'PL1: brak wartości w 3 interwałach w okresie jego danych (pierwszy: 12 cze 2025, 12:00)',
    );
    expect(localWarning(w, 'a.csv', 'en')).toBe('PL1 has no value for 3 intervals within its period (first 12 Jun 2025, 12:00)');
    const one = { code: 'duplicate-intervals', message: 'a.csv: 1 value(s) repeat an interval already read (first on line 6)' };
    expect(localWarning(one, 'a.csv', 'en')).toBe('1 value repeat an interval already read (first on line 6)');
  });
});
