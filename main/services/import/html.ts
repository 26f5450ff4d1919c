import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { type DomDocument, type DomElement, parseHtmlDocument } from './dom';
import { declaredHtmlCharset, decodeText } from './encoding';
import { tidyAuthor } from './header';
import { dropEmptyCells, mathAsText } from './markup';
import { cleanField, firstOf, toCalendarDate, toWebAddress } from './metadata';
import { htmlToParagraphs } from './paragraphs';
import { Refuse } from './refusal';
import { type Draft, type GuessableField, type ReadRequest, type SourceMetadata } from './types';

/**
 * Web pages saved from a browser. By default only the article is kept — Readability (Firefox's reader
 * view) drops menus, sidebars, comments and "Leave a Reply" forms, which would otherwise be coded as
 * if they were the source. `keepFullText` keeps the whole page for when Readability guesses wrong.
 */
export function readHtml({ bytes, fileName, options }: ReadRequest): Draft {
  const decoded = decodeText(bytes, declaredHtmlCharset(bytes));
  if (!decoded) throw Refuse.notText(fileName);
  const warnings = decoded.warning ? [decoded.warning] : [];
  const page = parseHtmlDocument(decoded.text);
  const { metadata, stated } = pageMetadata(page);
  // Formulas as their text before Readability reads the page: it would drop <math> as clutter.
  mathAsText(page.documentElement);

  if (options.keepFullText) return { text: pageText(page), metadata, warnings, stated };

  // Readability hands back its best attempt even for a page with no article (a short note, a list of
  // links), so its own test for article-like pages decides first. It also rewrites the document it
  // reads: the metadata above was taken before, and the fallback parses the page afresh.
  const article = isProbablyReaderable(page as never) ? findArticle(page) : null;
  if (article?.content) dropEmptyCells(article.content);
  const articleParagraphs = article?.content ? htmlToParagraphs(article.content) : [];
  if (!article || articleParagraphs.length === 0) {
    warnings.push({ code: 'whole-page' });
    return { text: pageText(parseHtmlDocument(decoded.text)), metadata, warnings, stated };
  }

  const title = firstOf(metadata.title, article.title);
  // Readability removes the headline from the article body; it is part of what was published, so
  // it goes back in front.
  if (title && !articleParagraphs.slice(0, 3).some((p) => cleanField(p) === title)) articleParagraphs.unshift(title);
  return {
    text: articleParagraphs.join('\n\n'),
    metadata: {
      ...metadata,
      title,
      author: firstOf(metadata.author, authorNames([article.byline ?? ''])),
      publisher: firstOf(metadata.publisher, article.siteName),
      publishedOn: metadata.publishedOn ?? toCalendarDate(article.publishedTime),
      language: firstOf(metadata.language, article.lang),
    },
    warnings,
    stated,
  };
}

function findArticle(page: DomDocument) {
  try {
    return new Readability<DomElement>(page as never, { serializer: (node) => node as unknown as DomElement }).parse();
  } catch {
    // Readability is written for browsers' DOMs; should it trip over linkedom's, the whole page is
    // still there to import.
    return null;
  }
}

function pageText(page: DomDocument): string {
  dropEmptyCells(page.documentElement);
  return htmlToParagraphs(page.documentElement).join('\n\n');
}

/** Every value of the first of these meta tags the page fills (author tags may repeat, one per author). */
function metaAll(page: DomDocument, ...keys: string[]): string[] {
  for (const key of keys) {
    const elements = page.querySelectorAll(
      `meta[property="${key}" i], meta[name="${key}" i], meta[itemprop="${key}" i]`,
    );
    const values = Array.from(elements, (element) => cleanField(element.getAttribute('content'))).filter(Boolean);
    if (values.length > 0) return values;
  }
  return [];
}

function meta(page: DomDocument, ...keys: string[]): string {
  return metaAll(page, ...keys)[0] ?? '';
}

/** Words bylines put before names, in the languages of the pages analysts save: "By", "Por", "Von", "Автор:". */
const BYLINE_WORDS =
  /^(?:(?:written|posted|reported|edited)\s+by|by|por|par|von|di|da|door|av|af|автор(?:ы)?|авторы|от|автор материала)\s*[:：]?\s+/iu;

/** One name as a byline writes it, without "By", a date, a @handle, a profile link or a role after a bar. */
function personName(raw: string): string {
  let value = cleanField(raw);
  if (/^https?:\/\//i.test(value) || /^@\w+$/.test(value)) return '';
  value = value.replace(BYLINE_WORDS, '');
  value = value.replace(/\s*\(@[\w.]+\)|\s*@[\w.]+/g, '');
  value = value.replace(/\s*[|·•]\s.*$/u, '');
  value = value.replace(/\s+(?:updated|published|posted|on)\b.*$/iu, '');
  value = tidyAuthor(value);
  return value.replace(/^[\s,;:]+|[\s,;:]+$/g, '');
}

/** Link texts and roles that sit beside names in bylines and are no one's name. */
const NOT_A_NAME =
  /\b(?:view (?:my )?(?:complete |full )?profile|profile|follow|contact|e-?mail|all posts|more by|staff)\b/iu;

const wordCount = (value: string) => value.trim().split(/\s+/).filter(Boolean).length;

/**
 * Splits `value` at `separator` only when every part reads as a whole name (two words or more), and never
 * inside parentheses: "Jane Doe and John Roe" is two people, "Mac & i" and "Jong, Michiel de" are one.
 */
function splitNames(value: string, separator: RegExp): string[] {
  if (/[()]/.test(value)) return [value];
  const parts = value.split(separator).filter((part) => part.trim());
  return parts.length > 1 && parts.every((part) => wordCount(part) >= 2) ? parts : [value];
}

/**
 * The names of a byline or of repeated author tags, each cleaned, without repeats: "By Jane Doe and
 * John Roe, 12 March 2024" is "Jane Doe, John Roe"; "Written by A\nEdited by B" is "A, B".
 */
export function authorNames(values: string[]): string {
  const names: string[] = [];
  for (const value of values) {
    // Lines and roles ("Edited by") always part names; "and", "&" and commas only between whole names.
    const lines = value.split(/\s*(?:\n|;|\b(?:edited|written|reported|translated|additional reporting) by\b)\s*/iu);
    for (const line of lines) {
      const stripped = cleanField(line).replace(BYLINE_WORDS, '');
      for (const part of splitNames(stripped, /\s+(?:&|and|и|y|und|et|e)\s+/u)) {
        for (const piece of splitNames(part, /\s*,\s*/)) {
          if (NOT_A_NAME.test(piece)) continue;
          const name = personName(piece);
          if (name && !names.includes(name)) names.push(name);
        }
      }
    }
  }
  return names.join(', ');
}

/**
 * The headline the page shows, when it shows one: the <h1> of the article (or the page's only <h1>).
 * Sites write og:title for sharing; readers quote the headline they saw.
 */
function visibleHeadline(page: DomDocument): string {
  const inArticle = page.querySelector('article h1, main h1, [itemprop="headline"]');
  if (inArticle) return cleanField(inArticle.textContent);
  const all = page.querySelectorAll('h1');
  return all.length === 1 ? cleanField(all[0]!.textContent) : '';
}

/** Lower-case words of a title, for telling a headline from a logo or a section name. */
function words(value: string): Set<string> {
  return new Set(value.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

/** The visible headline over og:title when they differ but are about the same thing (they share words). */
function preferHeadline(declared: string, shown: string): string {
  if (!shown || !declared || shown === declared || shown.length > 300) return declared;
  const mine = words(shown);
  const shared = [...words(declared)].filter((word) => mine.has(word)).length;
  return shared >= Math.min(2, mine.size) ? shown : declared;
}

/** The page title without the site name sites append ("Headline | Steppe Monitor"). */
function headline(title: string, siteName: string): string {
  if (!siteName) return title;
  for (const separator of [' | ', ' - ', ' — ', ' – ', ' :: ', ' « ', ' » ']) {
    if (title.endsWith(`${separator}${siteName}`)) return title.slice(0, -(separator.length + siteName.length)).trim();
    if (title.startsWith(`${siteName}${separator}`)) return title.slice(siteName.length + separator.length).trim();
  }
  return title;
}

/**
 * What the page says about itself in <head>, in the order of how reliably sites fill each tag, and which
 * of those fields it states as publication facts (the rest are guesses from the page's body).
 */
export function pageMetadata(page: DomDocument): { metadata: Partial<SourceMetadata>; stated: GuessableField[] } {
  const stated: GuessableField[] = [];
  const publisher = meta(page, 'og:site_name', 'application-name', 'publisher', 'dc.publisher', 'dcterms.publisher');
  const citationTitle = meta(page, 'citation_title', 'dc.title', 'dcterms.title');
  const declaredTitle = firstOf(citationTitle, meta(page, 'og:title', 'twitter:title'));
  // A scholarly citation_title is the title of record; a sharing title gives way to the headline shown.
  const title = firstOf(
    citationTitle || preferHeadline(declaredTitle, visibleHeadline(page)),
    headline(cleanField(page.title), publisher),
    page.querySelector('h1')?.textContent,
  );
  if (declaredTitle) stated.push('title');
  const author = firstOf(
    authorNames(
      metaAll(
        page,
        'citation_author',
        'author',
        'article:author',
        'dc.creator',
        'dcterms.creator',
        'sailthru.author',
        'parsely-author',
      ),
    ),
    authorNames(
      Array.from(
        page.querySelectorAll('[itemprop="author"] [itemprop="name"], [rel="author"]'),
        (element) => element.textContent ?? '',
      ),
    ),
    authorNames([page.querySelector('[itemprop="author"]')?.textContent ?? '']),
  );
  if (author && metaAll(page, 'citation_author', 'author', 'article:author', 'dc.creator', 'dcterms.creator').length)
    stated.push('author');
  const declaredDate = toCalendarDate(
    meta(
      page,
      'citation_publication_date',
      'article:published_time',
      'datePublished',
      'dc.date',
      'dcterms.date',
      'dcterms.created',
      'date',
      'pubdate',
      'publishdate',
      'citation_date',
    ),
  );
  if (declaredDate) stated.push('publishedOn');
  const published = declaredDate ?? toCalendarDate(page.querySelector('time[datetime]')?.getAttribute('datetime'));
  const language = firstOf(
    page.documentElement.getAttribute('lang'),
    page.documentElement.getAttribute('xml:lang'),
    page.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')?.split(',')[0],
    meta(page, 'og:locale', 'dc.language', 'language'),
  );
  const url = firstOf(
    toWebAddress(page.querySelector('link[rel="canonical" i]')?.getAttribute('href')),
    toWebAddress(meta(page, 'og:url')),
  );
  return { metadata: { title, author, publisher, publishedOn: published, language, url }, stated };
}
