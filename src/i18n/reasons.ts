/**
 * Polish for the importer's most frequent reasons (ParseError.reason is English, the language of
 * the code and the CLI). A reason with no pattern here is shown as it is.
 */
import { formatDateTime } from './formats';
import { pluralCount } from './plural';

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
  [/^no members below the header on line (\d+)$/, (m) => `pod nagłówkiem w wierszu ${m[1]} nie ma członków`],
  [/^"(.*)" is not a date$/, (m) => `${q(m[1])} nie jest datą`],
  [
    /^this is an \.xls workbook, not a CSV text/,
    () => 'to skoroszyt .xls, a nie tekst CSV; otwórz go w arkuszu kalkulacyjnym i zapisz jako CSV',
  ],
  [
    /^this is a zip archive or an \.xlsx workbook, not a CSV text/,
    () => 'to archiwum zip lub skoroszyt .xlsx, a nie tekst CSV; otwórz go w arkuszu kalkulacyjnym i zapisz jako CSV',
  ],
  [
    /^the Parquet file uses a compression this reader does not decode \((.*)\); save it with snappy or no compression$/,
    (m) =>
      `plik Parquet używa kompresji, której ten czytnik nie obsługuje (${m[1]}); zapisz go z kompresją snappy lub bez kompresji`,
  ],
  [
    /^the readings of (.+) are (\d+) minutes apart; only 15- and 60-minute data are supported$/,
    (m) => `odczyty ${m[1]} są co ${m[2]} min; obsługiwane są tylko dane 15- i 60-minutowe`,
  ],
  [
    /^(\d{4}-\d\d-\d\d \d\d:\d\d) UTC is not the start of a (\d+)-minute interval \(the other readings of (.+) are (\d+) minutes apart\)$/,
    (m) =>
      `${formatDateTime(Date.parse(`${m[1].replace(' ', 'T')}:00Z`), 'pl')} nie jest początkiem interwału ${m[2]}-minutowego (pozostałe odczyty ${m[3]} są co ${m[4]} min)`,
  ],
  // Archives and workbooks (ingest/unpack.ts, zip.ts, workbook.ts).
  [
    /^is a Klaster project file: open it with “Open project”$/,
    () => 'to plik projektu Klastra: otwórz go przyciskiem „Otwórz projekt”',
  ],
  [
    /^the archive holds no file that can be read(?:: (.*))?$/,
    (m) => `archiwum nie zawiera pliku, który można odczytać${m[1] ? `: ${archiveNotes(m[1])}` : ''}`,
  ],
  [
    /^the zip archive is broken or incomplete \((.*)\)$/,
    (m) => `archiwum zip jest uszkodzone lub niekompletne (${zipDetail(m[1])})`,
  ],
  [
    /^the zip archive is (?:broken|incomplete|damaged): (.*)$/,
    (m) => `archiwum zip jest uszkodzone lub niekompletne: ${zipDetail(m[1])}`,
  ],
  [/^the gzip file is broken or incomplete \((.*)\)$/, (m) => `plik gzip jest uszkodzony lub niekompletny (${zipDetail(m[1])})`],
  [
    /^(.*) unpacks to more than ([\d.,]+) MB, /,
    (m) =>
      `${m[1] === 'the gzip file' ? 'plik gzip' : quotes(m[1])} po rozpakowaniu ma ponad ${m[2]} MB — więcej, niż może tu mieć plik lub ` +
      'archiwum (bomba zip albo eksport dużo większy niż rok danych kwadransowych); rozpakuj go samodzielnie i wczytaj pliki częściami',
  ],
  [
    /^the archive lists ([\d,]+) entries, more than the ([\d,]+) it may have/,
    (m) => `archiwum ma ${m[1]} pozycji, więcej niż dozwolone ${m[2]}; rozpakuj je i wczytaj pliki częściami`,
  ],
  [
    /^this is a tar archive, which is not read here/,
    () => 'to archiwum tar, którego tu się nie odczytuje; spakuj pliki jako .zip',
  ],
  [
    /^a zip archive inside an archive is not opened/,
    () => 'archiwum zip wewnątrz archiwum nie jest otwierane; rozpakuj je i wczytaj jego pliki',
  ],
  [
    /^it holds another archive \((.*)\)/,
    (m) => `zawiera kolejne archiwum (${m[1]}); rozpakuj je samodzielnie i wczytaj pliki, które zawiera`,
  ],
  [
    /^the workbook is password-protected/,
    () => 'skoroszyt jest chroniony hasłem; otwórz go w arkuszu kalkulacyjnym, usuń hasło i zapisz ponownie',
  ],
  [
    /^the workbook is broken, incomplete or not a workbook \(the spreadsheet reader says: (.*)\)$/,
    (m) => `skoroszyt jest uszkodzony, niekompletny albo nie jest skoroszytem (komunikat czytnika arkuszy: ${m[1]})`,
  ],
  [/^the workbook holds no data on any sheet$/, () => 'skoroszyt nie zawiera danych w żadnym arkuszu'],
  [
    /^the workbook holds more than ([\d,]+) cells/,
    (m) => `skoroszyt ma ponad ${m[1]} komórek, więcej niż można tu odczytać; zapisz każdy arkusz jako CSV i wczytaj pliki`,
  ],
  [
    /^the line has more than (\d+) fields separated by "(.*)"; no meter export or register is that wide$/,
    (m) => `wiersz ma ponad ${m[1]} pól rozdzielonych ${q(m[2])}; żaden eksport liczników ani rejestr nie jest tak szeroki`,
  ],
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

/** A warning as the importer gives it (ingest/errors.ts ParseWarning), without importing ingest. */
export interface WarningLike {
  code: string;
  message: string;
  line?: number;
  count?: number;
}

type Lang = 'pl' | 'en';

const n = (x: string | number, forms: string) => pluralCount(Number(x), forms, 'pl');
const LINE = 'wiersz|wiersze|wierszy|wiersza';
const VALUE = 'wartość|wartości|wartości|wartości';
const INTERVAL = 'interwał|interwały|interwałów|interwału';
const INTERVALS_IN = 'interwale|interwałach|interwałach|interwałach';
const ROW = LINE;
const firstOnLine = (line: string) => `pierwsza w wierszu ${line}`;

/** Polish for every warning the importer writes, by its English sentence (file name stripped). */
const WARNINGS: Rule[] = [
  [
    /^(?:(.+?): )?sheet\(s\) (.*) left out: no meter data or member register header was found on them$/,
    (m) =>
      `${m[1] ? `${m[1]}: ` : ''}pominięto arkusze ${quotes(m[2])}: nie znaleziono w nich nagłówka danych pomiarowych ani rejestru członków`,
  ],
  [
    /^(?:(.+?): )?sheet "(.*)": read as empty: (\d+) cell\(s\) with a formula saved without its value, or with an error/,
    (m) =>
      `${m[1] ? `${m[1]}: ` : ''}arkusz „${m[2]}”: odczytano jako puste ${n(m[3], 'komórkę|komórki|komórek|komórki')} z formułą zapisaną bez wartości lub z błędem ` +
      '(formuły nie są tu obliczane: otwórz skoroszyt w arkuszu kalkulacyjnym, zapisz go i wczytaj ponownie)',
  ],
  [/^([^:]+\.(?:zip|gz|gzip|xlsx|xlsm|xls|ods)): (".*; left out.*)$/i, (m) => `${m[1]}: ${archiveNotes(m[2])}`],
  [/^(\d+) NUL byte\(s\) were removed$/, (m) => `usunięto ${n(m[1], 'bajt NUL|bajty NUL|bajtów NUL|bajtu NUL')}`],
  [
    /^(\d+) line\(s\) are UTF-8 and (\d+) (\S+), as after editing with two programs; each line was read in its own encoding$/,
    (m) =>
      `${n(m[1], LINE)} w UTF-8 i ${m[2]} w ${m[3]}, jak po edycji dwoma programami; każdy wiersz odczytano w jego kodowaniu`,
  ],
  [
    /^the values after the DSO's hourly netting/,
    () =>
      'wartości po godzinowym bilansowaniu OSD („po bilansowaniu”) zachowano osobno do porównania; pobór i oddanie to rejestry przed bilansowaniem',
  ],
  [
    /^values are net \(import − export\) per interval and were split by sign; energy a meter both drew/,
    () =>
      'wartości to saldo (pobór − oddanie) w każdym interwale, rozdzielone według znaku; energii pobranej i oddanej w tym samym interwale nie da się odtworzyć',
  ],
  [
    /^values are net \(import − export\) per interval and were split by sign, as set by hand$/,
    () => 'wartości to saldo (pobór − oddanie) w każdym interwale, rozdzielone według znaku, jak ustawiono ręcznie',
  ],
  [
    /^(.+) has no value for (\d+) interval\(s\) within its period \(first (.+)\)$/,
    (m) => `${m[1]}: brak wartości w ${n(m[2], INTERVALS_IN)} w okresie jego danych (pierwszy: ${m[3]})`,
  ],
  [
    /^(\d+) gap\(s\) between counter readings; the growth across each was spread evenly over its (\d+) interval\(s\) in all \(longest (\d+) intervals from (.+)\)$/,
    (m) =>
      `${n(m[1], 'luka|luki|luk|luki')} między odczytami licznika; przyrost rozłożono równo na ${n(m[2], INTERVAL)} (najdłuższa: ${n(m[3], INTERVAL)} od ${m[4]})`,
  ],
  [
    /^(\d+) value\(s\) repeat an interval already read \(first on line (\d+)\); (\d+) of them differ; the later value was kept$/,
    (m) => `powtórzone interwały: ${n(m[1], VALUE)} (${firstOnLine(m[2])}), w tym różnych: ${m[3]}; zachowano późniejszą wartość`,
  ],
  [
    /^(\d+) negative import or export value\(s\) were set to 0 \(first on line (\d+)\)$/,
    (m) =>
      `zastąpiono zerem ${n(m[1], 'ujemną wartość|ujemne wartości|ujemnych wartości|ujemnej wartości')} poboru lub oddania (${firstOnLine(m[2])})`,
  ],
  [
    /^(\d+) counter reset\(s\): a reading fell below half the one before \(first on line (\d+)\); counted from 0 after each$/,
    (m) =>
      `${n(m[1], 'wyzerowanie licznika|wyzerowania licznika|wyzerowań licznika|wyzerowania licznika')}: odczyt spadł poniżej połowy poprzedniego (pierwsze w wierszu ${m[2]}); liczono od 0 po każdym`,
  ],
  [
    /^(\d+) counter reading\(s\) a little lower than the one before \(first on line (\d+)\); those intervals were given 0$/,
    (m) =>
      `odczyty licznika nieco niższe od poprzednich: ${n(m[1], 'odczyt|odczyty|odczytów|odczytu')} (pierwszy w wierszu ${m[2]}); tym interwałom przypisano 0`,
  ],
  [
    /^(\d+) non-zero value\(s\) are labelled with a local time that does not exist \(the spring DST change, first on line (\d+)\); read as winter time$/,
    (m) =>
      `${n(m[1], 'niezerowa wartość ma|niezerowe wartości mają|niezerowych wartości ma|niezerowej wartości ma')} godzinę, której nie ma (wiosenna zmiana czasu, ${firstOnLine(m[2])}); odczytano jako czas zimowy`,
  ],
  [
    /^(\d+) zero value\(s\) for the local hour skipped by the spring DST change were ignored \(first on line (\d+)\)$/,
    (m) =>
      `pominięto ${n(m[1], 'zerową wartość|zerowe wartości|zerowych wartości|zerowej wartości')} dla godziny opuszczonej przy wiosennej zmianie czasu (${firstOnLine(m[2])})`,
  ],
  [
    /^(\d+) spring-day row\(s\) leave H3 empty: read as clock hours$/,
    (m) => `puste H3 w dniu wiosennej zmiany czasu: ${n(m[1], ROW)}; odczytano je jako godziny zegarowe`,
  ],
  [
    /^(\d+) row\(s\) with a type other than CP \(import\) or CO \(export\) were ignored \((.*); first on line (\d+)\)$/,
    (m) => `pominięto ${n(m[1], ROW)} o typie innym niż CP (pobór) i CO (oddanie) (${quotes(m[2])}; pierwszy w wierszu ${m[3]})`,
  ],
  [
    /^(\d+) column\(s\) not used \(sub-metering or other data; only import, export and generation are read\): (.*)$/,
    (m) =>
      `${n(m[1], 'kolumna nieużyta|kolumny nieużyte|kolumn nieużytych|kolumny nieużytej')} (podliczniki lub inne dane; czytane są tylko pobór, oddanie i produkcja): ${quotes(m[2])}`,
  ],
  [
    /^(\d+) row\(s\) of other registers were ignored \((.*); first on line (\d+)\)$/,
    (m) => `pominięto ${n(m[1], ROW)} innych rejestrów (${quotes(m[2])}; pierwszy w wierszu ${m[3]})`,
  ],
  [
    /^(\d+) non-zero value\(s\) in hour columns beyond the length of their day were ignored \(first on line (\d+)\)$/,
    (m) =>
      `pominięto ${n(m[1], 'niezerową wartość|niezerowe wartości|niezerowych wartości|niezerowej wartości')} w kolumnach godzin poza długością doby (${firstOnLine(m[2])})`,
  ],
  [
    /^no (import|export) values for (.+); (?:import|export) taken as 0$/,
    (m) => `brak wartości ${m[1] === 'import' ? 'poboru' : 'oddania'} dla ${m[2]}; przyjęto 0`,
  ],
  [
    /^a single interval for (.+); 60-minute resolution assumed$/,
    (m) => `tylko jeden interwał dla ${m[1]}; przyjęto rozdzielczość 60 min`,
  ],
  [
    /^PPE (.+) is already listed on line (\d+); this row was ignored$/,
    (m) => `PPE ${m[1]} jest już w wierszu ${m[2]}; ten wiersz pominięto`,
  ],
  [
    /^(\d+) member type\(s\) not recognised \(first on line (\d+)\); set to 'other'/,
    (m) =>
      `nie rozpoznano ${n(m[1], 'typu członka|typów członków|typów członków|typu członka')} (pierwszy w wierszu ${m[2]}); przyjęto „inny” (znane: jst, municipal, business, household, producer, other)`,
  ],
  [
    /^(meters?) (.+?) (?:has|have) gross consumption and generation, not import and export registers: they were netted interval by interval .*?gross consumption and generation are kept(?:; (\d+) interval\(s\) without a generation value were taken as no generation)?$/,
    (m) =>
      `${m[1] === 'meter' ? 'licznik' : 'liczniki'} ${m[2].replace(/ and (\d+) more$/, ' i $1 innych')} ${m[1] === 'meter' ? 'mierzy' : 'mierzą'} zużycie i produkcję brutto, a nie pobór i oddanie: zbilansowano je w każdym interwale (pobór = zużycie − produkcja, oddanie = produkcja − zużycie, gdy dodatnie); zużycie i produkcja brutto zostają do autarkii` +
      (m[3] ? `; w ${n(m[3], INTERVALS_IN)} bez wartości produkcji przyjęto brak produkcji` : ''),
  ],
];

/** Why an archive is broken (ingest/zip.ts), in Polish where the phrase is known. */
function zipDetail(text: string): string {
  const known: [RegExp, string][] = [
    [
      /^no end of central directory: was the download cut short\?$/,
      'brak końca katalogu archiwum: czy pobieranie nie zostało przerwane?',
    ],
    [
      /^its check sum does not match: was the download cut short\?$/,
      'suma kontrolna się nie zgadza: czy pobieranie nie zostało przerwane?',
    ],
    [/^unexpected EOF$/, 'plik urywa się przed końcem'],
    [/^the directory lies past the end of the file$/, 'katalog archiwum leży za końcem pliku'],
    [/^(".*") is not where the directory says$/, '$1 nie leży tam, gdzie wskazuje katalog archiwum'],
    [/^(".*") is cut short$/, '$1 jest ucięty'],
    [/^(".*") does not match its check sum$/, '$1 nie zgadza się z sumą kontrolną'],
    [/^(".*") cannot be inflated$/, 'nie da się rozpakować $1'],
  ];
  for (const [pattern, say] of known) if (pattern.test(text)) return quotes(text.replace(pattern, say));
  return text;
}

/** What an archive left out (the notes of ingest/unpack.ts), in Polish. */
function archiveNotes(text: string): string {
  return text
    .replace(
      /"([^"]*)" points outside the archive \(an absolute path or "\.\."\); left out/g,
      'pominięto „$1”: wskazuje poza archiwum (ścieżka bezwzględna lub „..”)',
    )
    .replace(/"([^"]*)" is a link, not a file; left out/g, 'pominięto „$1”: to dowiązanie, nie plik')
    .replace(/"([^"]*)" is encrypted \(password-protected\); left out/g, 'pominięto „$1”: jest zaszyfrowany (chroniony hasłem)')
    .replace(
      /"([^"]*)" is compressed with method (\d+); only stored and deflated entries are read; left out/g,
      'pominięto „$1”: skompresowany metodą $2; odczytywane są tylko pozycje niespakowane i deflate',
    )
    .replace(
      /"([^"]*)" is an archive inside the archive; left out \(unpack it and load its files\)/g,
      'pominięto „$1”: to archiwum w archiwum (rozpakuj je i wczytaj jego pliki)',
    )
    .replace(
      /"([^"]*)" cannot be read \((.*?)\); left out/g,
      (_, f: string, why: string) => `pominięto „${f}”: nie da się go odczytać (${localReason(why, 'pl')})`,
    );
}

/** When a warning's sentence is not known: its kind in Polish, with the count and line it carries. */
const POLISH_BY_CODE: Record<string, (w: WarningLike) => string> = {
  'nul-bytes': (w) => `usunięto bajty NUL${count(w)}`,
  'mixed-encoding': () => 'część wierszy w UTF-8, część w innym kodowaniu; każdy odczytano w jego kodowaniu',
  'netted-values': () => 'wartości po bilansowaniu OSD zachowano osobno do porównania',
  'net-values': () => 'wartości to saldo (pobór − oddanie), rozdzielone według znaku',
  'missing-intervals': (w) => `interwały bez danych w okresie pliku${count(w)}`,
  'duplicate-intervals': (w) => `powtórzone interwały; zachowano późniejszą wartość${count(w)}${at(w)}`,
  'negative-values': (w) => `wartości ujemne lub cofnięcia licznika${count(w)}${at(w)}`,
  'dst-gap': (w) => `wartości w godzinie opuszczonej przy zmianie czasu${count(w)}${at(w)}`,
  'ignored-rows': (w) => `pominięte wiersze lub kolumny, których importer nie używa${count(w)}${at(w)}`,
  'extra-hours': (w) => `wartości w kolumnach godzin poza długością doby pominięto${count(w)}${at(w)}`,
  'register-absent': () => 'brak jednego z rejestrów (pobór lub oddanie); przyjęto 0',
  'step-assumed': () => 'rozdzielczości nie dało się zmierzyć; przyjęto 60 min',
  'gross-netted': () => 'zużycie i produkcję brutto zbilansowano w każdym interwale; wartości brutto zostają do autarkii',
  register: (w) => `uwaga w rejestrze członków${at(w)}`,
  container: () => 'pominięto część zawartości archiwum lub skoroszytu',
};

function count(w: WarningLike): string {
  return w.count !== undefined ? `: ${w.count}` : '';
}
function at(w: WarningLike): string {
  return w.line !== undefined ? ` (pierwsza w wierszu ${w.line})` : '';
}
function quotes(list: string): string {
  return list.replace(/"([^"]*)"/g, '„$1”');
}

/**
 * A file's warning in the user's language, without the file name it starts with (the data report
 * shows it under the file). Polish by the warning's sentence where known, else by its code with
 * its count and line; a warning of an unknown kind is shown as the importer wrote it. UTC times
 * in the sentence become local (Europe/Warsaw) dates and times.
 */
export function localWarning(w: WarningLike, file: string, lang: Lang): string {
  let text = w.message;
  for (const prefix of [`${file}: `, `${file} line `]) {
    if (text.startsWith(prefix)) {
      text = prefix.endsWith('line ') ? text.slice(prefix.length).replace(/^\d+: /, '') : text.slice(prefix.length);
      break;
    }
  }
  text = text.replace(/(\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC/g, (_, d: string, hm: string) =>
    formatDateTime(Date.parse(`${d}T${hm}:00Z`), lang),
  );
  // "1 interval(s)" → "1 interval", "3 interval(s)" → "3 intervals".
  if (lang === 'en')
    return text.replace(
      /\b(\d+) ((?:[a-z-]+ )*?[a-z-]+)\(s\)/gi,
      (_, n: string, word: string) => `${n} ${word}${n === '1' ? '' : 's'}`,
    );
  for (const [pattern, say] of WARNINGS) {
    const m = text.match(pattern);
    if (m) return say(m);
  }
  const byCode = POLISH_BY_CODE[w.code];
  return byCode ? byCode(w) : w.message;
}
