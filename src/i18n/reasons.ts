/**
 * Polish for the importer's most frequent reasons (ParseError.reason is English, the language of
 * the code and the CLI). A reason with no pattern here is shown as it is.
 */
type Rule = [RegExp, (m: RegExpMatchArray) => string];

const q = (s: string) => `„${s}”`;

const POLISH: Rule[] = [
  [/^the file is empty$/, () => 'plik jest pusty'],
  [/^no data rows below the header on line (\d+)$/, (m) => `pod nagłówkiem w wierszu ${m[1]} nie ma wierszy danych`],
  [
    /^the row has (\d+) field\(s\) but needs at least (\d+) \(no "(.*)"\) — is it cut short\?$/,
    (m) => `wiersz ma pól: ${m[1]}, a potrzeba co najmniej ${m[2]} (brak ${q(m[3])}) — czy plik nie jest ucięty?`,
  ],
  [/^a quoted field is never closed/, () => 'pole w cudzysłowie nie zostało zamknięte (brak znaku ")'],
  [/^"(.*)" is not a number$/, (m) => `${q(m[1])} nie jest liczbą`],
  [/^"(.*)" is not a date and time$/, (m) => `${q(m[1])} nie jest datą i godziną`],
  [/^"(.*)" has no time of day$/, (m) => `${q(m[1])} nie zawiera godziny`],
  [
    /^"(.*)" is out of range: more than 1,000,000,000 kWh in one value/,
    (m) =>
      `${q(m[1])} jest poza zakresem: ponad 1 000 000 000 kWh w jednej wartości — czy w kolumnie wartości nie ma PPE lub daty?`,
  ],
  [
    /^the layout is not recognised; the first line reads (".*?")\. Expected a header such as (.*)$/,
    (m) =>
      `nie rozpoznano układu pliku; pierwszy wiersz to ${q(m[1].slice(1, -1))}. Oczekiwany nagłówek, np. ${m[2].replace(/ or /g, ' lub ')}`,
  ],
  [/^no meter readings were found$/, () => 'nie znaleziono odczytów liczników'],
  [/^no import or export values were found/, () => 'nie znaleziono wartości poboru ani oddania'],
  [/^the meter id \(PPE\) is empty$|^the PPE is empty$/, () => 'identyfikator licznika (PPE) jest pusty'],
];

/** The reason in the user's language: Polish where a pattern is known, else as given. */
export function localReason(reason: string, lang: 'pl' | 'en'): string {
  if (lang === 'en') return reason;
  for (const [pattern, say] of POLISH) {
    const m = reason.match(pattern);
    if (m) return say(m);
  }
  return reason;
}
