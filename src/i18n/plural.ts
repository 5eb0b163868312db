/**
 * Counts with their noun, as each language says them: Polish has three plural forms (1 plik,
 * 3 pliki, 22 pliki, 25 plików, 1,5 pliku), English two. Plain functions (no page state), so the
 * CLI and unit tests can use them too.
 */
export type Lang = 'pl' | 'en';

const rules = new Map<Lang, Intl.PluralRules>();
const counts = new Map<Lang, Intl.NumberFormat>();

/**
 * The word for `n` out of `forms`, written `one|few|many|other` for Polish (`plik|pliki|plików|pliku`)
 * and `one|other` for English (`file|files`). A missing form falls back to the last one given.
 */
export function pluralWord(n: number, forms: string, lang: Lang): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  const parts = forms.split('|');
  const order = lang === 'pl' ? ['one', 'few', 'many', 'other'] : ['one', 'other'];
  const at = order.indexOf(r.select(n));
  return parts[Math.min(at < 0 ? parts.length - 1 : at, parts.length - 1)];
}

/** `n` written in the language's digits (`1 234`, `1,234`, `1,5`) and followed by its noun. */
export function pluralCount(n: number, forms: string, lang: Lang): string {
  let f = counts.get(lang);
  if (!f) counts.set(lang, (f = new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 2 })));
  return `${f.format(n)}\u00a0${pluralWord(n, forms, lang)}`;
}
