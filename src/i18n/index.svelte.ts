/**
 * The page's language (Polish by default, English on request or from the browser) and messages.
 * The English catalogue is a chunk of its own, fetched before the first render only when the
 * page opens in English (and on the first switch): the Polish first paint does not carry it.
 */
import { pl, type MessageKey } from './pl';
import { pluralCount, pluralWord, type Lang } from './plural';
import { localeOf } from './formats';

export type { Lang };
const catalogues: Partial<Record<Lang, Record<MessageKey, string>>> = { pl };

/** Makes `lang`'s messages available (the English catalogue is loaded on demand). */
export async function loadLang(lang: Lang): Promise<void> {
  if (catalogues[lang] === undefined) catalogues[lang] = (await import('./en')).en;
}

function catalogue(): Record<MessageKey, string> {
  return catalogues[i18n.lang] ?? pl;
}

/** Catalogue keys of nouns in their plural forms (`noun.file`: `plik|pliki|plików|pliku`). */
export type NounKey = Extract<MessageKey, `noun.${string}`>;

export function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem('klaster.lang');
  if (saved === 'pl' || saved === 'en') return saved;
  return 'pl';
}

export const i18n = $state({ lang: initialLang() });

export async function setLang(lang: Lang): Promise<void> {
  await loadLang(lang);
  i18n.lang = lang;
  globalThis.localStorage?.setItem('klaster.lang', lang);
  document.documentElement.lang = lang;
}

/**
 * The message for `key` in the current language, with `{name}` placeholders filled. `{name:noun.x}`
 * writes the count `name` with the noun `noun.x` in the right plural form: `{n:noun.file}` with
 * n = 3 gives "3 pliki" (n = 25: "25 plików"; in English "3 files").
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const message = catalogue()[key] as string | undefined;
  if (message === undefined) return key;
  return message.replace(/\{(\w+)(?::([\w.]+))?\}/g, (_, name: string, noun: string | undefined) => {
    const v = values[name];
    if (noun === undefined) return String(v ?? '');
    return plural(
      typeof v === 'number'
        ? v
        : Number(
            String(v ?? '0')
              .replace(/[\s\u00a0\u202f]/g, '')
              .replace(',', '.'),
          ),
      noun as NounKey,
    );
  });
}

/** A count with its noun in the current language: plural(3, 'noun.file') is "3 pliki" / "3 files". */
export function plural(n: number, noun: NounKey): string {
  return pluralCount(n, catalogue()[noun], i18n.lang);
}

/** Only the noun's form for `n` (for "plików: 25"-style labels where the count stands apart). */
export function pluralNoun(n: number, noun: NounKey): string {
  return pluralWord(n, catalogue()[noun], i18n.lang);
}

/** BCP 47 locale for number and date formatting. */
export function locale(): string {
  return localeOf(i18n.lang);
}

/** Whether `key` names a message (for keys built from data, such as member types). */
export function has(key: string): key is MessageKey {
  return key in pl;
}
