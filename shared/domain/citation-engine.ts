/**
 * Citations by CSL: a source's record becomes a CSL-JSON item, and citeproc-js (Zotero's engine) writes
 * the footnotes and the bibliography in the briefing's style from the styles and locales bundled in
 * data/citation/ (CC BY-SA, see its README). Pure: the style texts are bundled, nothing is fetched.
 */
import CSL from 'citeproc';
import apa from '../../data/citation/styles/apa.csl?raw';
import chicagoFullNote from '../../data/citation/styles/chicago-fullnote-bibliography.csl?raw';
import chicagoNote from '../../data/citation/styles/chicago-note-bibliography.csl?raw';
import gost from '../../data/citation/styles/gost-r-7-0-5-2008.csl?raw';
import enUS from '../../data/citation/locales/locales-en-US.xml?raw';
import ruRU from '../../data/citation/locales/locales-ru-RU.xml?raw';
import type { CitationStyle } from './citation-style';
import { splitParagraphs } from './text';
import type { Source } from './source';

const STYLE_FILES: Record<CitationStyle, { xml: string; locale: 'en-US' | 'ru-RU' }> = {
  'chicago-full-note': { xml: chicagoFullNote, locale: 'en-US' },
  'chicago-short-note': { xml: chicagoNote, locale: 'en-US' },
  'gost-r-7.0.5-2008': { xml: gost, locale: 'ru-RU' },
  apa: { xml: apa, locale: 'en-US' },
};
const LOCALES: Record<string, string> = { 'en-US': enUS, 'ru-RU': ruRU };

/** Where a passage stands in its source: the page of a PDF, otherwise the paragraph as the reader counts them. */
export interface PassageLocator {
  label: 'page' | 'paragraph';
  value: number;
}

/** The line the PDF importer puts before each page's text (main/services/import/pdf.ts, pageMarker). */
const PAGE_MARKER = /^— page (\d+) —$/;

/**
 * The locator of the passage starting at `start`: the page when the text carries the PDF importer's page
 * markers, otherwise the number of the paragraph (non-blank line) holding it, counted from 1.
 */
export function passageLocator(text: string, start: number): PassageLocator | null {
  if (!Number.isInteger(start) || start < 0 || start > text.length) return null;
  const paragraphs = splitParagraphs(text);
  let page: number | null = null;
  let paragraph = 0;
  for (const p of paragraphs) {
    if (p.start > start) break;
    const marker = PAGE_MARKER.exec(p.text.trim());
    if (marker) page = Number(marker[1]);
    else paragraph++;
  }
  if (page !== null) return { label: 'page', value: page };
  return paragraph > 0 ? { label: 'paragraph', value: paragraph } : null;
}

/** A part of a reference a note prints when the source's record has it. */
export type ReferencePart = 'author' | 'publisher' | 'date';

/** What a reader needs that the source's record lacks; each is a warning before export. */
export function missingReferenceParts(source: Source): ReferencePart[] {
  const missing: ReferencePart[] = [];
  if (!source.author.trim()) missing.push('author');
  if (!source.publisher.trim()) missing.push('publisher');
  if (!source.publishedOn) missing.push('date');
  return missing;
}

const ORGANISATION =
  /\b(institute|institut|group|ministry|agency|centre|center|council|committee|foundation|office|news|service|university|press|bureau|association|network|nations|bank|programme|program|department|project|world|international|tv|radio)\b|[«»"“”()]|институт|министерств|агентств|центр|комитет|служб|университет|новости|ўқув|институты/iu;

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** "Almat Toyekin" → family Toyekin, given Almat; "Toyekin, Almat" likewise; an organisation stays whole. */
export function cslNames(author: string): CslName[] {
  return author
    .split(/\s*;\s*|\s+(?:and|&|и)\s+/u)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name): CslName => {
      if (ORGANISATION.test(name)) return { literal: name };
      const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
      if (comma) return { family: comma[1]!.trim(), given: comma[2]!.trim() };
      const words = name.split(/\s+/);
      if (words.length < 2 || words.length > 4) return { literal: name };
      return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
    });
}

/** A source's record as a CSL-JSON item. Nothing is invented: what is not recorded is left out. */
export function cslItem(source: Source): Record<string, unknown> {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(source.publishedOn ?? '');
  const url = source.url.trim();
  const publisher = source.publisher.trim();
  // Short notes use the title before its subtitle, as Chicago shortens titles.
  const short = /^(.{8,}?):\s/.exec(source.title)?.[1];
  return {
    id: source.id,
    // A report names its issuing body; a page found on the web without one is a web page.
    type: publisher || !url ? 'report' : 'webpage',
    title: source.title,
    ...(short ? { 'title-short': short } : {}),
    ...(source.author.trim() ? { author: cslNames(source.author) } : {}),
    ...(publisher ? { publisher } : {}),
    ...(date ? { issued: { 'date-parts': [[Number(date[1]), Number(date[2]), Number(date[3])]] } } : {}),
    ...(url ? { URL: url } : {}),
    language: source.language,
  };
}

const LABEL_TERMS: Record<PassageLocator['label'], string> = { page: 'page', paragraph: 'paragraph' };

/**
 * One briefing's citations in one style: each `cite` is one footnote, in the order of the text. Notes
 * styles write the full note at a source's first citation and a short one after; author-date styles
 * (APA, GOST) put their in-text reference into the note. Earlier notes may change as later ones come
 * (the engine disambiguates), so `noteTexts` is read at the end.
 */
export class CitationEngine {
  private readonly engine: InstanceType<typeof CSL.Engine>;
  private readonly items = new Map<string, Record<string, unknown>>();
  private readonly processed: [string, number][] = [];
  private readonly texts = new Map<string, string>();
  private readonly cited: string[] = [];
  readonly noteStyle: boolean;

  constructor(
    readonly style: CitationStyle,
    private readonly sources: ReadonlyMap<string, Source>,
    /** The language of the document's fixed texts: a Russian briefing cites through the ru-RU locale. */
    language: 'en' | 'ru' = 'en',
  ) {
    const { xml } = STYLE_FILES[style];
    const locale = language === 'ru' ? 'ru-RU' : STYLE_FILES[style].locale;
    this.engine = new CSL.Engine(
      {
        retrieveLocale: (lang) => LOCALES[lang] ?? LOCALES[locale]!,
        retrieveItem: (id) => this.items.get(id),
      },
      xml,
      locale,
      true,
    );
    this.engine.setOutputFormat('text');
    this.noteStyle = this.engine.opt.xclass === 'note';
  }

  /** Cites the source at a locator in footnote `noteNumber` (1, 2, 3 … in order). */
  cite(sourceId: string, locator: PassageLocator | null, noteNumber: number): void {
    const source = this.sources.get(sourceId);
    if (!source) return;
    if (!this.items.has(sourceId)) {
      this.items.set(sourceId, cslItem(source));
      this.cited.push(sourceId);
    }
    const citationID = `note-${noteNumber}`;
    const [, updates] = this.engine.processCitationCluster(
      {
        citationID,
        citationItems: [
          {
            id: sourceId,
            ...(locator ? { locator: String(locator.value), label: LABEL_TERMS[locator.label] } : {}),
          },
        ],
        properties: { noteIndex: noteNumber },
      },
      this.processed,
      [],
    );
    this.processed.push([citationID, noteNumber]);
    for (const [, text, id] of updates) this.texts.set(id, this.asNote(text));
  }

  /** The text of footnote `noteNumber`, or undefined when it cites no known source. */
  noteText(noteNumber: number): string | undefined {
    return this.texts.get(`note-${noteNumber}`);
  }

  /** Each cited source's full reference as the style's bibliography writes it. */
  bibliography(): Map<string, string> {
    const out = new Map<string, string>();
    if (this.cited.length === 0) return out;
    this.engine.updateItems(this.cited);
    const made = this.engine.makeBibliography();
    if (!made) return out;
    const [params, entries] = made;
    params.entry_ids.forEach((ids, i) => {
      const entry = entries[i];
      // GOST numbers its list; the annex numbers the sources itself.
      if (ids[0] && entry) out.set(ids[0], clean(entry).replace(/^\d+\.\s+/, ''));
    });
    return out;
  }

  /** An in-text reference ("(Toyekin, 2025, para. 10)") written as a note: without its brackets, with a full stop. */
  private asNote(text: string): string {
    const note = clean(text);
    if (this.noteStyle) return note;
    const bare = /^[([](.*)[)\]]$/.exec(note)?.[1] ?? note;
    return /[.!?]$/.test(bare) ? bare : `${bare}.`;
  }
}

/** The engine's text output: one line, no doubled spaces, no empty punctuation left by a missing part. */
function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/,\s*(?=[,\]).])/g, '')
    .replace(/\.\s+:\s+/g, '. — ')
    .trim();
}

/**
 * Each cited source whose record lacks an author, a publisher or a date, with what it lacks, in the order
 * the text first cites them: the notes would otherwise print "n.d." or leave the part out without a word.
 */
export function citationWarnings(
  footnotes: readonly { sourceId: string }[],
  sources: ReadonlyMap<string, Source>,
): { sourceId: string; missing: ReferencePart[] }[] {
  const seen = new Set<string>();
  const warnings: { sourceId: string; missing: ReferencePart[] }[] = [];
  for (const { sourceId } of footnotes) {
    if (seen.has(sourceId)) continue;
    seen.add(sourceId);
    const source = sources.get(sourceId);
    if (!source) continue;
    const missing = missingReferenceParts(source);
    if (missing.length > 0) warnings.push({ sourceId, missing });
  }
  return warnings;
}
