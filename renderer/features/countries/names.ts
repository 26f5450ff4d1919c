import * as isoCountries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import type { NameLanguage } from '../../stores/countries';

// In the browser build only the locales registered here are bundled: English and Russian.
isoCountries.registerLocale(en);
isoCountries.registerLocale(ru);

/**
 * Where i18n-iso-countries' Russian short form is not the name these countries use for themselves in
 * Russian (their constitutions and foreign ministries write Кыргызстан and Туркменистан), or is an
 * official long form in brackets (China), the analysts' usual short name is shown instead.
 */
const RUSSIAN_SHORT: Readonly<Record<string, string>> = { KG: 'Кыргызстан', TM: 'Туркменистан', CN: 'Китай' };

/**
 * A country's short name in English or Russian: the alias where the package has one ("Iran", not
 * "Islamic Republic of Iran"; "Russia"), else its name; the workspace's own name if the code is unknown.
 */
export function countryName(code: string, language: NameLanguage, fallback?: string): string {
  if (language === 'ru' && RUSSIAN_SHORT[code]) return RUSSIAN_SHORT[code];
  return isoCountries.getName(code, language, { select: 'alias' }) ?? fallback ?? code;
}

/** Every name the package knows for a country, in both languages (for finding it by typing). */
export function allNames(code: string): string[] {
  const names = [
    ...(isoCountries.getName(code, 'en', { select: 'all' }) ?? []),
    ...(isoCountries.getName(code, 'ru', { select: 'all' }) ?? []),
  ];
  if (RUSSIAN_SHORT[code]) names.push(RUSSIAN_SHORT[code]);
  return [...new Set(names)];
}

/** Compares names in the language they are written in (Cyrillic sorts as Russian readers expect). */
export function byName(language: NameLanguage): (a: string, b: string) => number {
  const collator = new Intl.Collator(language);
  return (a, b) => collator.compare(a, b);
}

/**
 * Word stems by which a passage names a country or its people, in English and Russian. A stem
 * matches at the start of a word ("Tajik" finds "Tajikistan" and "Tajiks", "Узбек" finds
 * "Узбекистана"); `whole` words must match entirely ("USA", never "usage").
 */
const MENTIONS: Readonly<Record<string, { stems: string[]; whole?: string[] }>> = {
  AF: { stems: ['Afghan', 'Афган'] },
  KZ: { stems: ['Kazakh', 'Казах'] },
  KG: { stems: ['Kyrgyz', 'Kirghiz', 'Kirgiz', 'Кыргыз', 'Киргиз'] },
  TJ: { stems: ['Tajik', 'Tadzhik', 'Таджик'] },
  TM: { stems: ['Turkmen', 'Туркмен'] },
  UZ: { stems: ['Uzbek', 'Узбек'] },
  PK: { stems: ['Pakistan', 'Пакистан'] },
  IR: { stems: ['Iran', 'Иран'] },
  CN: { stems: ['China', 'Chinese', 'Китай', 'Китая', 'Китае', 'Китаю', 'Китайск'], whole: ['PRC', 'КНР'] },
  RU: { stems: ['Russia', 'Росси', 'Русск'] },
  US: {
    stems: [
      'United States',
      'American',
      'Соединённые Штаты',
      'Соединенные Штаты',
      'Соединенных Штат',
      'Соединённых Штат',
      'Америк',
      'американ',
    ],
    whole: ['USA', 'U.S.', 'U.S.A.', 'США'],
  },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new Map<string, RegExp>();

/** Whether a text names the country (or its people) in English or Russian. */
export function mentionsCountry(text: string, code: string): boolean {
  let pattern = patterns.get(code);
  if (!pattern) {
    const known = MENTIONS[code];
    const stems = known?.stems ?? allNames(code).filter((n) => n.length >= 4);
    const whole = known?.whole ?? [];
    const alternatives = [...stems.map((s) => `${escape(s)}`), ...whole.map((w) => `${escape(w)}(?![\\p{L}\\p{N}])`)];
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'iu');
    patterns.set(code, pattern);
  }
  return pattern.test(text);
}
