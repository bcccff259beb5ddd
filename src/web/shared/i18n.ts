/** Vietnamese first; English as the second language, remembered on the device. */
export type Lang = 'vi' | 'en';

const LANG_KEY = 'ai-race:lang';

export function currentLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode: the switch still works for this visit.
  }
  document.documentElement.lang = lang;
}

/** A page's words: each key in both languages, `{name}` placeholders filled from `values`. */
export function translator<K extends string>(words: Record<K, [vi: string, en: string]>) {
  return (lang: Lang, key: K, values: Record<string, string | number> = {}): string =>
    words[key][lang === 'vi' ? 0 : 1].replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? ''));
}
