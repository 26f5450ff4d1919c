/**
 * Does a page's extracted text read as text? A PDF's fonts decide which characters its glyphs stand
 * for, and some fonts say nothing true: their glyphs come back as control characters, private-use code
 * points, U+FFFD/U+FFFF, Shift-JIS bytes shown as Western letters, or letters of unrelated scripts
 * jumbled in one word. This finds those signs, names them in words an analyst can act on, and cleans
 * what must never be stored (control characters and non-characters).
 */

import type { PageProblem } from './import-words';

export interface PageQuality {
  /** The text with control characters turned into U+FFFD (one unreadable character) and non-characters removed. */
  text: string;
  /** What is wrong, each sign with its count (said by import-words.ts); empty when the page reads as text. */
  problems: PageProblem[];
  /** True when most of the page is garbage: nothing on it can be trusted as text. */
  unreadable: boolean;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
const NONCHARACTER = /[\uFFFE\uFFFF\uFDD0-\uFDEF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{10FFFE}\u{10FFFF}]/gu;
const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu;
const REPLACEMENT = /\uFFFD/gu;
/** Windows-1252 characters that stand for the lead bytes of Shift-JIS or the second byte of UTF-8 read as Latin-1. */
const MOJIBAKE_SIGN =
  /[\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2020\u2021\u2030\u2039\u203A\u2122]/u;
const UTF8_AS_LATIN1 = /[\u00C2\u00C3][\u0080-\u00BF]|\u00E2\u20AC[\u0153\u009D\u2122\u02DC\u201C\u201D\u00A6]/u;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Scripts that share words in real writing: Japanese mixes Han and kana, Korean Han and Hangul, and
 * both write Latin names and units into words (they put no spaces between words at all).
 */
const COMPATIBLE = [new Set(['Han', 'Hiragana', 'Katakana', 'Latin']), new Set(['Han', 'Hangul', 'Latin'])];

const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Nko',
  'Samaritan',
  'Devanagari',
  'Bengali',
  'Thai',
  'Georgian',
  'Hangul',
  'Han',
  'Hiragana',
  'Katakana',
  'Ethiopic',
  'Cherokee',
  'Canadian_Aboriginal',
  'Runic',
  'Mongolian',
  'Tifinagh',
  'Yi',
  'Coptic',
  'Braille',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

function scriptsOf(word: string): Set<string> {
  const found = new Set<string>();
  for (const char of word) {
    if (!/\p{L}/u.test(char)) continue;
    const hit = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char));
    found.add(hit ? hit[0] : 'Other');
  }
  return found;
}

function mixesScripts(word: string): boolean {
  const scripts = scriptsOf(word);
  if (scripts.size < 2) return false;
  return !COMPATIBLE.some((group) => [...scripts].every((script) => group.has(script)));
}

/** Letters a real text in that script rarely holds in a row: Latin Extended-B and IPA, rare CJK Extension A. */
const RARE_LETTER = /[\u0180-\u024F\u0250-\u02AF\u3400-\u4DBF]/u;

export function checkPageText(raw: string): PageQuality {
  const controls = count(raw, CONTROL);
  const nonCharacters = count(raw, NONCHARACTER);
  const privateUse = count(raw, PRIVATE_USE);
  const replacements = count(raw, REPLACEMENT);
  const text = raw.replace(NONCHARACTER, '').replace(CONTROL, '\uFFFD');

  const words = text.split(/\s+/u).filter((word) => /\p{L}/u.test(word));
  let mixed = 0;
  let mojibake = 0;
  let rare = 0;
  for (const word of words) {
    const letters = [...word].filter((char) => /[\p{L}\p{M}]/u.test(char));
    if (mixesScripts(word)) mixed++;
    const signs = [...word].filter((char) => MOJIBAKE_SIGN.test(char)).length;
    if ((signs >= 2 && signs >= 0.25 * [...word].length) || UTF8_AS_LATIN1.test(word)) mojibake++;
    if (letters.filter((char) => RARE_LETTER.test(char)).length >= Math.max(2, 0.3 * letters.length)) rare++;
  }

  const problems: PageProblem[] = [];
  const sign = (kind: PageProblem['kind'], count: number) => {
    if (count > 0) problems.push({ kind, count });
  };
  sign('controls', controls);
  sign('replacements', replacements);
  sign('non-characters', nonCharacters);
  sign('private-use', privateUse);
  sign('mojibake', mojibake);
  sign('mixed-scripts', mixed);
  if (rare + mixed >= 3) sign('rare-letters', rare);

  const characters = Math.max(1, [...text].filter((char) => !/\s/u.test(char)).length);
  const badCharacters = controls + nonCharacters + privateUse + replacements;
  const badWords = mixed + mojibake + rare;
  const unreadable = badCharacters >= 0.3 * characters || (words.length > 0 && badWords >= 0.4 * words.length);
  // A few stray symbols in a long page are noise, not a warning: the page is flagged when something is
  // unreadable (characters the font does not map), or when garbled words are more than a handful.
  const flagged = badCharacters > 0 || mojibake > 0 || badWords >= Math.max(3, 0.05 * words.length);
  return { text, problems: flagged ? problems : [], unreadable };
}
