// Only the two locales read here, not chrono-node's whole set: the import worker stays smaller.
import * as chronoEn from 'chrono-node/en';
import * as chronoRu from 'chrono-node/ru';
import { cleanField } from './metadata';

/**
 * What a document's first lines say about it: reports and notes open with a dated place line
 * ("Алматы, 12 марта 2026 г."), an author line ("Автор: …", "By …") and a title. These are the
 * document's own words, so they beat a file's creation date or its owner's account name; they are
 * still guesses, which the analyst confirms after import.
 */

/** How far into the text the header may reach; a date further down is about something else. */
const HEADER_LINES = 10;
/** A header line is short; a date inside a sentence of the body is an event, not the document's date. */
const MAX_HEADER_LINE = 120;

function headerLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = cleanField(raw);
    if (!line) continue;
    lines.push(line);
    if (lines.length >= HEADER_LINES) break;
  }
  return lines;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Kazakh month names (chrono-node has no Kazakh), matched by stem so that inflected forms count too:
 * "наурыз", "наурыздағы", "қыркүйекте".
 */
const KAZAKH_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
const KAZAKH_MONTH = `(${KAZAKH_MONTHS.join('|')})\\p{L}*`;
/** "12 наурыз 2026 ж." */
const KAZAKH_DAY_FIRST = new RegExp(`(?<!\\d)(\\d{1,2})\\s+${KAZAKH_MONTH}\\s+(\\d{4})`, 'iu');
/** "2026 жылғы 12 наурыз" */
const KAZAKH_YEAR_FIRST = new RegExp(`(?<!\\d)(\\d{4})\\s*(?:жылғы|жыл|ж\\.)?\\s+(\\d{1,2})\\s+${KAZAKH_MONTH}`, 'iu');
/** "12.03.2026", "2026-03-12": numeric dates, written day first as in Russia and Kazakhstan. */
const NUMERIC_DAY_FIRST = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]*\d)/;
const NUMERIC_ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])/;

function kazakhDate(line: string): string | null {
  let match = KAZAKH_DAY_FIRST.exec(line);
  if (match) return isoDate(Number(match[3]), KAZAKH_MONTHS.indexOf(match[2]!.toLowerCase()) + 1, Number(match[1]));
  match = KAZAKH_YEAR_FIRST.exec(line);
  if (match) return isoDate(Number(match[1]), KAZAKH_MONTHS.indexOf(match[3]!.toLowerCase()) + 1, Number(match[2]));
  return null;
}

/** A full date (day, month and year all written) in English or Russian, as chrono-node reads it. */
function chronoDate(line: string): string | null {
  for (const parser of [chronoRu.strict, chronoEn.strict]) {
    for (const result of parser.parse(line)) {
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
      const date = isoDate(start.get('year')!, start.get('month')!, start.get('day')!);
      if (date) return date;
    }
  }
  return null;
}

function numericDate(line: string): string | null {
  let match = NUMERIC_ISO.exec(line);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = NUMERIC_DAY_FIRST.exec(line);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return null;
}

/** The date of a dated header line among the first lines of the text, as YYYY-MM-DD. */
export function dateFromHeader(text: string): string | null {
  for (const line of headerLines(text)) {
    if (line.length > MAX_HEADER_LINE) continue;
    const date = kazakhDate(line) ?? chronoDate(line) ?? numericDate(line);
    if (date) return date;
  }
  return null;
}

/** "Автор: …", "Авторы: …", "Author: …", "By …", "Авторы …", "Авторлар: …", "Муаллиф: …". */
const AUTHOR_LINE =
  /^(?:автор(?:ы)?|авторлар(?:ы)?|author(?:s)?|written by|by|муаллиф|نویسنده|لیکوال)\s*[:：—–-]?\s+(.+)$/iu;

/** Names in an author line without a trailing date or role: "By Jane Doe, 12 March 2026" is Jane Doe. */
export function tidyAuthor(raw: string): string {
  let value = cleanField(raw);
  const date =
    /,?\s*(?:\d{1,2}[\s./-]|\d{4}-|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b).*$/iu;
  value = value.replace(date, '');
  return value.replace(/[\s,;|·•—–-]+$/u, '').trim();
}

/** The author an author line among the first lines names. */
export function authorFromHeader(text: string): string {
  for (const line of headerLines(text)) {
    if (line.length > MAX_HEADER_LINE) continue;
    const match = AUTHOR_LINE.exec(line);
    if (match?.[1]) {
      const author = tidyAuthor(match[1]);
      // "By the end of 2025, …" opens a sentence, not a byline: a name is a few capitalised words.
      if (author && author.split(/\s+/).length <= 12 && /^[\p{Lu}\p{Lo}]/u.test(author)) return author;
    }
  }
  return '';
}

/**
 * The first line as a title when it reads like one: short, not a sentence (no final full stop), and
 * not the date or author line.
 */
export function titleFromHeader(text: string): string {
  const first = headerLines(text)[0];
  if (!first || first.length > 200 || /[.:;,]$/.test(first)) return '';
  if (AUTHOR_LINE.test(first) || dateFromHeader(first)) return '';
  return first.replace(/^#+\s*/, '');
}
