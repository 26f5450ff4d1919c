import { z } from 'zod';
import { cslItem } from '../domain/citation-engine';
import type { Source } from '../domain/source';

/**
 * Sources with reference managers (Zotero and the like): the workbench's records as CSL-JSON — the one
 * mapping citation-engine.ts makes for citations, with the DOI and a citation key added — and CSL-JSON
 * items read from a file (CSL-JSON, BibTeX or RIS, parsed by citation-js in main) made into source
 * fields that fill, or create, the workspace's sources.
 */

const Name = z.object({
  family: z.string().optional(),
  given: z.string().optional(),
  literal: z.string().optional(),
});
const DateParts = z.object({ 'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional() });

/** The part of a CSL-JSON item the workbench reads; everything else an item carries is ignored. */
export const CslInput = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  author: z.array(Name).optional(),
  editor: z.array(Name).optional(),
  publisher: z.string().optional(),
  'container-title': z.string().optional(),
  issued: DateParts.optional(),
  URL: z.string().optional(),
  DOI: z.string().optional(),
  language: z.string().optional(),
});
export type CslInput = z.infer<typeof CslInput>;

/** The fields of a source a reference fills. */
export const BIBLIOGRAPHY_FIELDS = ['title', 'author', 'publisher', 'url', 'publishedOn', 'language'] as const;
export type BibliographyField = (typeof BIBLIOGRAPHY_FIELDS)[number];
export type ReferenceFields = Record<BibliographyField, string> & { doi: string };

const DOI_IN_URL = /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\S+)$/i;
const pad = (n: number | string) => String(n).padStart(2, '0');

/** The DOI a source records: the workbench keeps it as the source's doi.org URL. */
export function doiOf(url: string): string {
  const m = DOI_IN_URL.exec(url.trim());
  return m ? decodeURIComponent(m[1]!) : '';
}

/** "Given Family; Given Family", the form cslNames (citation-engine.ts) reads back. */
function names(list: z.infer<typeof Name>[] | undefined): string {
  return (list ?? [])
    .map((n) => n.literal?.trim() || [n.given?.trim(), n.family?.trim()].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');
}

/** A reference's fields as the workbench records them. Only a whole date (year, month, day) is a publication date. */
export function referenceFields(item: CslInput): ReferenceFields {
  const parts = item.issued?.['date-parts']?.[0] ?? [];
  const [y, m, d] = parts.map(Number);
  const doi = (item.DOI ?? '').trim().replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '');
  return {
    title: (item.title ?? '').replace(/\s+/g, ' ').trim(),
    author: names(item.author?.length ? item.author : item.editor),
    publisher: (item.publisher ?? item['container-title'] ?? '').trim(),
    url: (item.URL ?? '').trim() || (doi ? `https://doi.org/${doi}` : ''),
    publishedOn: y && m && d ? `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}` : '',
    language: (item.language ?? '').trim(),
    doi,
  };
}

/** A source as a CSL-JSON item for a reference manager: cslItem, with its DOI and a citation key. */
export function referenceOf(source: Source, citationKey: string): Record<string, unknown> {
  const doi = doiOf(source.url);
  return { ...cslItem(source), 'citation-key': citationKey, ...(doi ? { DOI: doi } : {}) };
}

/** Citation keys BibTeX accepts: the first author's family name in ASCII letters and the year, made unique. */
export function citationKeys(sources: readonly Source[]): string[] {
  const used = new Map<string, number>();
  return sources.map((source) => {
    const first = source.author.split(/\s*;\s*/)[0] ?? '';
    const family = first.includes(',') ? first.split(',')[0]! : (first.split(/\s+/).at(-1) ?? '');
    const letters = family
      .normalize('NFKD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
    const base = `${letters || 'source'}${source.publishedOn?.slice(0, 4) ?? ''}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    return seen === 0 ? base : `${base}${String.fromCharCode(97 + ((seen - 1) % 26))}${seen > 26 ? seen : ''}`;
  });
}

const urlKey = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '');
const titleKey = (title: string) =>
  title
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

type Record_ = Pick<Source, 'id' | 'title' | BibliographyField> & { publishedOn: string | null };

export interface ReferenceFill {
  sourceId: string;
  sourceTitle: string;
  matchedBy: 'DOI' | 'URL' | 'title';
  /** Empty fields of the source the reference fills. */
  fills: Partial<Record<BibliographyField, string>>;
  /** Fields both have, with different values: the source's value is kept, never overwritten. */
  kept: { field: BibliographyField; yours: string; theirs: string }[];
}

export interface BibliographyPlan {
  fills: ReferenceFill[];
  /** References no source matches: each becomes a new source (without text until one is added). */
  creates: ReferenceFields[];
  /** References that matched a source and have nothing to add to it. */
  unchanged: number;
  /** References without a title, which cannot make a source. */
  untitled: number;
}

/**
 * What a file of references does to the workspace's sources: each reference is matched by DOI, then
 * URL, then title; a matched source gets the reference's values for its empty fields only (a differing
 * value is listed, never overwritten); an unmatched reference becomes a new source. References are
 * taken in order, so a file that lists a work twice fills or creates it once.
 */
export function planBibliography(items: readonly CslInput[], sources: readonly Record_[]): BibliographyPlan {
  const known = sources.map((s) => ({ ...s, publishedOn: s.publishedOn ?? '' }));
  const fills = new Map<string, ReferenceFill>();
  const creates: ReferenceFields[] = [];
  let unchanged = 0;
  let untitled = 0;
  for (const item of items) {
    const ref = referenceFields(item);
    const doi = ref.doi.toLowerCase();
    let matchedBy: ReferenceFill['matchedBy'] = 'DOI';
    let found = doi
      ? known.find((s) => doiOf(s.url).toLowerCase() === doi || s.url.toLowerCase().includes(doi))
      : undefined;
    if (!found && ref.url) {
      matchedBy = 'URL';
      found = known.find((s) => s.url && urlKey(s.url) === urlKey(ref.url));
    }
    if (!found && ref.title) {
      matchedBy = 'title';
      found = known.find((s) => titleKey(s.title) === titleKey(ref.title));
    }
    if (!found) {
      if (!ref.title) {
        untitled++;
        continue;
      }
      creates.push(ref);
      known.push({ id: '', ...ref });
      continue;
    }
    if (!found.id) {
      unchanged++;
      continue;
    }
    const fill = fills.get(found.id) ?? {
      sourceId: found.id,
      sourceTitle: found.title,
      matchedBy,
      fills: {},
      kept: [],
    };
    let added = false;
    for (const field of BIBLIOGRAPHY_FIELDS) {
      const theirs = ref[field];
      const yours = found[field] === 'und' ? '' : found[field];
      if (!theirs) continue;
      if (!yours) {
        fill.fills[field] = theirs;
        found[field] = theirs;
        added = true;
      } else if (
        yours.trim() !== theirs &&
        !(field === 'title' && titleKey(yours) === titleKey(theirs)) &&
        !fill.kept.some((k) => k.field === field && k.theirs === theirs)
      ) {
        fill.kept.push({ field, yours, theirs });
        added = true;
      }
    }
    if (added) fills.set(found.id, fill);
    else unchanged++;
  }
  return { fills: [...fills.values()], creates, unchanged, untitled };
}
