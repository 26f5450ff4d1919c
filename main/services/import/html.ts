import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { type DomDocument, type DomElement, parseHtmlDocument } from './dom';
import { declaredHtmlCharset, decodeText } from './encoding';
import { cleanField, firstOf, toCalendarDate, toWebAddress } from './metadata';
import { htmlToParagraphs } from './paragraphs';
import { Refuse } from './refusal';
import { type Draft, type ReadRequest, type SourceMetadata } from './types';

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
  const metadata = pageMetadata(page);

  if (options.keepFullText) return { text: pageText(page), metadata, warnings };

  // Readability hands back its best attempt even for a page with no article (a short note, a list of
  // links), so its own test for article-like pages decides first. It also rewrites the document it
  // reads: the metadata above was taken before, and the fallback parses the page afresh.
  const article = isProbablyReaderable(page as never) ? findArticle(page) : null;
  const articleParagraphs = article?.content ? htmlToParagraphs(article.content) : [];
  if (!article || articleParagraphs.length === 0) {
    warnings.push(
      'The article could not be told apart from the rest of the page, so the whole page text was imported. Delete any menus, adverts or comments that came with it.',
    );
    return { text: pageText(parseHtmlDocument(decoded.text)), metadata, warnings };
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
      author: firstOf(metadata.author, bylineName(article.byline)),
      publisher: firstOf(metadata.publisher, article.siteName),
      publishedOn: metadata.publishedOn ?? toCalendarDate(article.publishedTime),
      language: firstOf(metadata.language, article.lang),
    },
    warnings,
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
  return htmlToParagraphs(page.documentElement).join('\n\n');
}

function bylineName(byline: string | null | undefined): string {
  return cleanField(byline).replace(/^(by|автор:?)\s+/i, '');
}

function meta(page: DomDocument, ...keys: string[]): string {
  for (const key of keys) {
    const element = page.querySelector(`meta[property="${key}" i], meta[name="${key}" i], meta[itemprop="${key}" i]`);
    const value = cleanField(element?.getAttribute('content'));
    if (value) return value;
  }
  return '';
}

/** Author fields sometimes hold a profile link instead of a name; a link is no byline. */
function personName(value: string): string {
  return /^https?:\/\//i.test(value) ? '' : value;
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

/** What the page says about itself in <head>, in the order of how reliably sites fill each tag. */
export function pageMetadata(page: DomDocument): Partial<SourceMetadata> {
  const publisher = meta(page, 'og:site_name', 'application-name', 'publisher', 'dc.publisher', 'dcterms.publisher');
  const title = firstOf(
    meta(page, 'og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'citation_title'),
    headline(cleanField(page.title), publisher),
    page.querySelector('h1')?.textContent,
  );
  const author = firstOf(
    personName(
      meta(
        page,
        'author',
        'article:author',
        'dc.creator',
        'dcterms.creator',
        'citation_author',
        'sailthru.author',
        'parsely-author',
      ),
    ),
    page.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]')?.textContent,
  );
  const published =
    toCalendarDate(
      meta(
        page,
        'article:published_time',
        'datePublished',
        'date',
        'dc.date',
        'dcterms.date',
        'dcterms.created',
        'pubdate',
        'publishdate',
        'citation_publication_date',
        'citation_date',
      ),
    ) ?? toCalendarDate(page.querySelector('time[datetime]')?.getAttribute('datetime'));
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
  return { title, author, publisher, publishedOn: published, language, url };
}
