/**
 * Languages of imported sources, as short BCP 47 tags. The workbench's analysts read English, Russian,
 * Kazakh, Uzbek and Dari/Pashto; a file that declares no language gets a guess from its letters.
 * Pure TypeScript: used by main when importing and by the renderer when showing or filtering.
 */

export type Script = 'Latin' | 'Cyrillic' | 'Arabic';

/** Enough text to tell the languages apart; more only costs time on long reports. */
const SAMPLE_LENGTH = 20_000;

const LETTER_SCRIPTS: ReadonlyArray<[Script, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
];

/** Letters only Kazakh uses among our languages. */
const KAZAKH_ONLY_LETTERS = /[әөұүһіңӘӨҰҮҺІҢ]/gu;
/** Letters Kazakh and Uzbek Cyrillic share, and Russian lacks. */
const KAZAKH_UZBEK_LETTERS = /[ғқҒҚ]/gu;
/** Letters only Uzbek Cyrillic uses among our languages. */
const UZBEK_CYRILLIC_LETTERS = /[ўҳЎҲ]/gu;
/** Letters of the Pashto alphabet that Dari does not use. */
const PASHTO_LETTERS = /[ټډړږښګڼېۍځڅ]/gu;
/**
 * oʻ gʻ in every spelling people type (turned comma, left quote, ASCII or right apostrophe), followed by
 * a letter as in "boʻlgan", "gʻarb" — but not English possessives such as "Togo's".
 */
const UZBEK_LATIN_LETTERS = /[og][\u02BB\u2018'\u2019\u02BC](?!s\b)\p{L}/giu;
const UZBEK_WORDS = new Set([
  'va',
  'bilan',
  'uchun',
  'ham',
  'bu',
  'edi',
  'emas',
  'esa',
  'yoki',
  'lekin',
  'hamda',
  'kabi',
  'qilib',
  'orqali',
  'boʻyicha',
  "bo'yicha",
  'boʻlgan',
  "bo'lgan",
  'mamlakat',
  'davlat',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'and',
  'of',
  'to',
  'in',
  'is',
  'that',
  'for',
  'with',
  'on',
  'as',
  'by',
  'are',
  'was',
  'from',
  'this',
]);

function sampleOf(text: string): string {
  return text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** The script most letters of the text are written in, or null when it has no letters of ours. */
export function dominantScript(text: string): Script | null {
  const counts = new Map<Script, number>();
  for (const char of sampleOf(text)) {
    for (const [script, pattern] of LETTER_SCRIPTS) {
      if (pattern.test(char)) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  let best: Script | null = null;
  let bestCount = 0;
  for (const [script, n] of counts) {
    if (n > bestCount) {
      best = script;
      bestCount = n;
    }
  }
  return best;
}

function guessCyrillic(sample: string): string {
  const letters = count(sample, /\p{Script=Cyrillic}/gu);
  const kazakhOnly = count(sample, KAZAKH_ONLY_LETTERS) / letters;
  const uzbekOnly = count(sample, UZBEK_CYRILLIC_LETTERS) / letters;
  // Uzbek Cyrillic writes ў in its commonest words (ўз, бўлган, бўйича); Kazakh never does.
  if (uzbekOnly >= 0.005 && uzbekOnly > kazakhOnly) return 'uz';
  // Kazakh prose runs at a tenth or more of its own letters (і alone is ~4 %); Russian quoting
  // Kazakh names (Қасым-Жомарт Тоқаев) stays at a few per cent.
  if (kazakhOnly + count(sample, KAZAKH_UZBEK_LETTERS) / letters >= 0.05) return 'kk';
  return 'ru';
}

function guessArabicScript(sample: string): string {
  const letters = count(sample, /\p{Script=Arabic}/gu);
  // Pashto's own letters run at 4–6 % of Pashto text (ې alone is common); a Dari text may still spell
  // a Pashto place name (ننګرهار) with one, so a trace is not enough.
  return count(sample, PASHTO_LETTERS) / letters >= 0.015 ? 'ps' : 'fa';
}

function guessLatin(sample: string): string {
  const words = sample.toLowerCase().match(/[\p{L}\u02BB\u2018'\u2019\u02BC]+/gu) ?? [];
  let uzbek = count(sample, UZBEK_LATIN_LETTERS);
  let english = 0;
  for (const word of words) {
    if (UZBEK_WORDS.has(word)) uzbek += 1;
    else if (ENGLISH_WORDS.has(word)) english += 1;
  }
  // English has "o'clock" and the odd "g'day", never at Uzbek rates; q is also rare in English.
  uzbek += count(sample, /q/giu) / 4;
  return uzbek > english ? 'uz' : 'en';
}

/**
 * A best guess at the language of a text from its letters: 'en', 'ru', 'kk', 'uz', 'fa' (Dari) or 'ps',
 * or 'und' when there is nothing to go on. Kyrgyz, Tajik and Arabic fall to the nearest of these.
 */
export function guessLanguage(text: string): string {
  const sample = sampleOf(text);
  switch (dominantScript(sample)) {
    case 'Cyrillic':
      return guessCyrillic(sample);
    case 'Arabic':
      return guessArabicScript(sample);
    case 'Latin':
      return guessLatin(sample);
    default:
      return 'und';
  }
}

/** ISO 639-2/3 codes files use for our languages, mapped to the tags the workbench filters on. */
const LANGUAGE_ALIASES: Record<string, string> = {
  eng: 'en',
  rus: 'ru',
  kaz: 'kk',
  uzb: 'uz',
  uzn: 'uz',
  prs: 'fa',
  per: 'fa',
  fas: 'fa',
  pus: 'ps',
  pbt: 'ps',
  pbu: 'ps',
};

/**
 * A declared language ("en-US", "ru_RU", "uz-Cyrl-UZ", "prs") as the short tag the workbench keeps:
 * the language and, when given, its script ("uz-Cyrl"). Regions are dropped so that "en-GB" and
 * "en-US" sources filter together. Returns '' for anything that is not a language tag.
 */
export function normaliseLanguageTag(declared: string): string {
  const parts = declared.trim().replace(/_/g, '-').split('-');
  const primary = (parts[0] ?? '').toLowerCase();
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und' || primary === 'mul' || primary === 'zxx') return '';
  const language = LANGUAGE_ALIASES[primary] ?? primary;
  const script = parts[1];
  if (script && /^[A-Za-z]{4}$/.test(script))
    return `${language}-${script[0]!.toUpperCase()}${script.slice(1).toLowerCase()}`;
  return language;
}

/** The script a language tag implies, when it is one of ours; null when it cannot be told. */
export function scriptOfLanguage(tag: string): Script | null {
  const [language = '', script] = tag.split('-');
  if (script === 'Latn') return 'Latin';
  if (script === 'Cyrl') return 'Cyrillic';
  if (script === 'Arab') return 'Arabic';
  if (['en', 'uz', 'fr', 'de', 'tr', 'es'].includes(language)) return 'Latin';
  if (['ru', 'kk', 'ky', 'tg', 'uk', 'be'].includes(language)) return 'Cyrillic';
  if (['fa', 'ps', 'ar', 'ur'].includes(language)) return 'Arabic';
  return null;
}
