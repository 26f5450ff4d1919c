/** The languages the interface is written in. Kazakh is partial (the welcome); the rest falls back to English. */
export const UI_LANGUAGES = ['en', 'ru', 'kk'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Each language named in itself, as a language menu shows it. */
export const LANGUAGE_NAMES: Readonly<Record<UiLanguage, string>> = {
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
};

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The interface language the system asks for ("ru-RU" → ru), English when it asks for one we do not have. */
export function systemLanguage(preferred: readonly string[] = navigatorLanguages()): UiLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
