/** The page's language (Polish by default, English on request or from the browser) and messages. */
import { en } from './en';
import { pl, type MessageKey } from './pl';

export type Lang = 'pl' | 'en';
const catalogues: Record<Lang, Record<MessageKey, string>> = { pl, en };

function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem('klaster.lang');
  if (saved === 'pl' || saved === 'en') return saved;
  return 'pl';
}

export const i18n = $state({ lang: initialLang() });

export function setLang(lang: Lang): void {
  i18n.lang = lang;
  globalThis.localStorage?.setItem('klaster.lang', lang);
  document.documentElement.lang = lang;
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const message = catalogues[i18n.lang][key] as string | undefined;
  if (message === undefined) return key;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** BCP 47 locale for number and date formatting. */
export function locale(): string {
  return i18n.lang === 'pl' ? 'pl-PL' : 'en-GB';
}

/** Whether `key` names a message (for keys built from data, such as member types). */
export function has(key: string): key is MessageKey {
  return key in pl;
}
