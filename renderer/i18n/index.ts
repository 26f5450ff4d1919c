/**
 * The interface's words in English and Russian (Kazakh for the welcome).
 *
 * i18next + react-i18next with the ICU plugin rather than FormatJS: the same `t` serves React views
 * (`useT`) and plain modules outside React — command titles, notices built in hooks and actions —
 * without threading an `intl` object through them, and a language switch re-renders every `useT` view
 * live. Messages are ICU (intl-messageformat), so counts are `{count, plural, …}` with each language's
 * own plural categories (Russian one / few / many), never a string built by hand.
 */
import i18next, { type i18n as I18n } from 'i18next';
import ICU from 'i18next-icu';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';
import { systemLanguage, type UiLanguage } from './languages';

export { LANGUAGE_NAMES, UI_LANGUAGES, isUiLanguage, systemLanguage, type UiLanguage } from './languages';

export const CATALOGUES = { en, ru, kk } as const;

export const i18n: I18n = i18next.createInstance();
void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, ru: { translation: ru }, kk: { translation: kk } },
    lng: systemLanguage(),
    fallbackLng: 'en',
    // Command ids hold colons ('navigate:sources'): no namespaces in keys.
    nsSeparator: false,
    // Resources are bundled: ready synchronously, so the first render is already in the right language.
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

function syncDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Translates outside React (command titles, notices); views use `useT` so they follow a language switch. */
export function t(key: string, values?: Record<string, unknown>): string {
  return values === undefined ? words(key) : i18n.t(key, values);
}

/**
 * A message without values (a column's name, a value's label, a scale's words) in the interface language,
 * looked up once per language: the register's inspector and grid ask for the same few dozen on every
 * render, and each i18next lookup (key resolution, the ICU plugin, the fallback chain) costs more than the
 * render of the words themselves. Forgotten when the language changes or a catalogue is added to.
 */
const plainWords = new Map<string, string>();
i18n.on('languageChanged', () => plainWords.clear());
i18n.store.on('added', () => plainWords.clear());

export function words(key: string, defaultValue?: string): string {
  const cacheKey = defaultValue === undefined ? key : `${key}\u0000${defaultValue}`;
  let found = plainWords.get(cacheKey);
  if (found === undefined) {
    found = i18n.t(key, defaultValue === undefined ? {} : { defaultValue });
    plainWords.set(cacheKey, found);
  }
  return found;
}

/** The translate function of a view; the view re-renders when the language changes. */
export function useT(): (key: string, values?: Record<string, unknown>) => string {
  const { t: translate } = useTranslation(undefined, { i18n });
  // A new function in each language (as react-i18next's own), so views that memoise on it follow a switch.
  return useMemo(
    () => (key: string, values?: Record<string, unknown>) =>
      values === undefined
        ? words(key)
        : (translate as (key: string, values: Record<string, unknown>) => string)(key, values),
    [translate],
  );
}

/** The language the interface speaks now, as a BCP 47 tag for Intl (English dates stay British: "12 Mar 2024"). */
export function uiLocale(): string {
  const language = i18n.language ?? 'en';
  return language === 'en' ? 'en-GB' : language;
}

/**
 * A registry command's title in the interface language, by its id (the registry itself is pure data and
 * English; the native menu, built in main before any language is known, stays English).
 */
export function commandTitle(id: string, english: string): string {
  return i18n.t(`commands.${id}`, { defaultValue: english });
}

/** A local key's description for the shortcut sheet, by its id; English when not translated. */
export function keyDescription(id: string, english: string): string {
  return i18n.t(`keys.${id}`, { defaultValue: english });
}

export function applyLanguage(language: UiLanguage): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
}
