import { francAll } from 'franc';

/**
 * The language of a text, told by franc (trigram profiles of 187 languages, offline, ~240 KB). franc
 * tells apart what the workbench's analysts read and letters alone cannot: Kazakh from Russian, Dari
 * from Pashto from Arabic, Uzbek in either script. Its ISO 639-3 answers become the short tags sources
 * keep. Main uses it on every import; the reader loads it on demand (its own chunk) for a source that
 * mixes languages, to mark each paragraph's. Pure TypeScript.
 */

/** franc's codes for the languages an analyst here meets, as the tags the workbench filters on. */
const TAGS: Record<string, string> = {
  eng: 'en',
  rus: 'ru',
  kaz: 'kk',
  uzn: 'uz',
  uzs: 'uz',
  kir: 'ky',
  tgk: 'tg',
  tuk: 'tk',
  ukr: 'uk',
  bel: 'be',
  prs: 'fa',
  pes: 'fa',
  pbu: 'ps',
  pbt: 'ps',
  arb: 'ar',
  urd: 'ur',
  tur: 'tr',
  azj: 'az',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  pol: 'pl',
  ces: 'cs',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  hin: 'hi',
};

/** Only these are weighed: a short Russian paragraph must not come out as Bulgarian or Macedonian. */
const CANDIDATES = Object.keys(TAGS);

/** Enough text to tell the languages apart; more only costs time on long reports. */
const SAMPLE_LENGTH = 20_000;
/** Below this a paragraph is a name, a date or a heading: too short to judge on its own. */
const MIN_PARAGRAPH = 40;
/** A language must hold this share of the judged letters to be named among a text's languages. */
const MIN_SHARE = 0.1;

/**
 * The letters a Cyrillic language other than Russian cannot do without. On a sentence or two, trigrams
 * alone often take plain Russian for Ukrainian or Belarusian ("В докладе говорится о росте
 * наркотрафика…" came out Ukrainian); a text without any of that language's own letters is not in it.
 */
const OWN_LETTERS: Record<string, RegExp> = {
  ukr: /[іїєґ]/iu,
  bel: /[ўі]/iu,
  kaz: /[әғқңөұүһі]/iu,
  kir: /[ңөү]/iu,
  tgk: /[ғӣқӯҳҷ]/iu,
};

/** The tag of the one language a piece of text is in, or 'und' when franc cannot tell. */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text;
  const ranked = francAll(sample, { only: CANDIDATES, minLength: 10 });
  const best = ranked.find(([code]) => code === 'und' || !OWN_LETTERS[code] || OWN_LETTERS[code].test(sample));
  if (!best || best[0] === 'und') return 'und';
  return TAGS[best[0]] ?? 'und';
}

export interface TextLanguages {
  /** The language most of the text is in. */
  main: string;
  /** Every language holding a tenth of the text or more, the main one first; one entry when the text is not mixed. */
  all: string[];
}

/**
 * The languages of a text judged paragraph by paragraph, weighed by length (the opening paragraph
 * double): a Russian report quoting a Kazakh statement and an English summary names all three, the one
 * most of it is in first.
 */
export function detectLanguages(text: string): TextLanguages {
  const weights = new Map<string, number>();
  let judged = 0;
  for (const paragraph of text.slice(0, SAMPLE_LENGTH * 5).split(/\n\s*\n/)) {
    const letters = paragraph.replace(/[^\p{L}]+/gu, '').length;
    if (letters < MIN_PARAGRAPH) continue;
    const tag = detectLanguage(paragraph);
    if (tag === 'und') continue;
    // The opening paragraph counts double: a document opens in its own language, and a Russian note
    // with a long English summary is still a Russian note.
    const weight = judged === 0 ? letters * 2 : letters;
    weights.set(tag, (weights.get(tag) ?? 0) + weight);
    judged += weight;
  }
  if (judged === 0) {
    const whole = detectLanguage(text);
    return { main: whole, all: whole === 'und' ? [] : [whole] };
  }
  const ranked = [...weights].sort((a, b) => b[1] - a[1]);
  const all = ranked.filter(([, weight]) => weight / judged >= MIN_SHARE).map(([tag]) => tag);
  return { main: ranked[0]![0], all };
}

/**
 * The language of each paragraph (split as the reader splits them: at blank lines) when it differs
 * from `main` and the paragraph is long enough to judge; null where it is `main` or cannot be told.
 */
export function paragraphLanguages(paragraphs: readonly string[], main: string): (string | null)[] {
  return paragraphs.map((paragraph) => {
    if (paragraph.replace(/[^\p{L}]+/gu, '').length < MIN_PARAGRAPH) return null;
    const tag = detectLanguage(paragraph);
    return tag === 'und' || tag === main.split('-')[0] ? null : tag;
  });
}
