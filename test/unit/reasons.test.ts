/** The importer's reasons in Polish, on the messages the bad-input corpus really produces. */
import { describe, expect, it } from 'vitest';
import { parseFile, ParseError } from '../../src/ingest/index';
import { localReason } from '../../src/i18n/reasons';

function reasonOf(text: string): string {
  try {
    parseFile('x.csv', new TextEncoder().encode(text));
  } catch (e) {
    if (e instanceof ParseError) return e.reason;
  }
  throw new Error('expected a ParseError');
}

describe('localReason', () => {
  it.each([
    ['', 'plik jest pusty'],
    ['ppe,timestamp_utc,import_kwh,export_kwh\n', 'pod nagłówkiem w wierszu 1 nie ma wierszy danych'],
    ['ppe,timestamp_utc,import_kwh,export_kwh\nPL1,2025-01-01T00:00:00Z,abc,0\n', '„abc” nie jest liczbą'],
    ['ppe,timestamp_utc,import_kwh,export_kwh\nPL1,yesterday,1,0\n', '„yesterday” nie jest datą i godziną'],
    [
      'Konto;Kwota\n1;2\n',
      'nie rozpoznano układu pliku; pierwszy wiersz to „Konto;Kwota”. Oczekiwany nagłówek, np. "ppe,timestamp_utc,import_kwh,export_kwh", ' +
        '"Data;Strefa;Wartość kWh;Rodzaj", "PPE;Typ;Data;H1;…;H24", "czas;<PPE>;…" lub "ppe;nazwa;typ;taryfa;gmina;…"',
    ],
  ])('%j', (text, polish) => {
    const reason = reasonOf(text);
    expect(localReason(reason, 'pl')).toBe(polish);
    expect(localReason(reason, 'en')).toBe(reason);
  });

  it('leaves a reason it does not know as it is', () => {
    expect(localReason('something new', 'pl')).toBe('something new');
  });
});
