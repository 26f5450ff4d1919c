import MiniSearch, { type SearchResult } from 'minisearch';
import { readingBlocks } from '../../../shared/domain/text';

/** What a hit is: a paragraph of a source, an annotation's note, or a tag (no text: see SearchHit). */
export interface SearchDoc {
  /** Unique among the hits of one index (a list key); not stable across indexes. */
  id: string;
  kind: 'paragraph' | 'note' | 'tag';
  sourceId?: string;
  /** Paragraphs: where the paragraph (or the block of a long one, `readingBlocks`) starts in its source's text. */
  start?: number;
  annotationId?: string;
  tagId?: string;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  terms: string[];
  /** Where the first matched term sits in the hit's text (for a paragraph, from the paragraph's start). */
  range: { start: number; end: number };
  /** The hit's text around the match, for result lists: the index sends this, not the whole text. */
  snippet: Snippet;
}

export interface Snippet {
  before: string;
  match: string;
  after: string;
}

const fold = (term: string) => term.normalize('NFKC').toLocaleLowerCase();

/** A source as the index tracks it: re-indexed only when its text version changes. */
export interface SourceStamp {
  id: string;
  version: number;
}
export interface NoteStamp {
  id: string;
  sourceId: string;
  note: string;
  updatedAt: string;
}
export interface TagStamp {
  id: string;
  name: string;
  description: string;
  updatedAt: string;
}

/**
 * What MiniSearch keeps of a document: a number for its id and the few fields that say where it is.
 * A paragraph's text is not stored (nor its id spelled out as a string): its source's text is held once,
 * in `sourceTexts`, and the paragraph is sliced from it at search time for the hits only. A 1 MB book
 * held its text twice over as 2,500 stored slices plus their 'p:<uuid>:<start>' ids; a note or a tag is
 * short, and keeps its text (`shown`) as it is the only copy the index has.
 */
interface IndexedDoc {
  id: number;
  kind: SearchDoc['kind'];
  /** The indexed text, read once while the document is added; never stored. */
  text: string;
  sourceId?: string;
  start?: number;
  /** Paragraphs: where the block ends (a long paragraph is indexed in the reader's blocks). */
  end?: number;
  annotationId?: string;
  tagId?: string;
  /** Notes and tags: the text to show. */
  shown?: string;
}
type StoredDoc = Omit<IndexedDoc, 'text' | 'id'>;

/** A source's documents: its text and the contiguous ids of its paragraphs. */
interface IndexedSource {
  version: number;
  text: string;
  firstId: number;
  count: number;
}

/**
 * Full-text search over the workspace (MiniSearch), kept up to date incrementally: it re-indexes only
 * the sources whose text version changed and the annotations and tags that were edited, never the
 * whole workspace again. It runs inside the search worker (search.worker.ts), off the UI thread.
 */
export class SearchIndex {
  private readonly index = new MiniSearch<IndexedDoc>({
    fields: ['text'],
    storeFields: ['kind', 'sourceId', 'start', 'end', 'annotationId', 'tagId', 'shown'],
    processTerm: (term) => fold(term),
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND', processTerm: (term) => fold(term) },
  });
  private nextId = 1;
  private readonly sources = new Map<string, IndexedSource>();
  private readonly notes = new Map<string, { updatedAt: string; docId: number | null }>();
  private readonly tags = new Map<string, { updatedAt: string; docId: number }>();

  private discard(id: number | null | undefined): void {
    if (id != null && this.index.has(id)) this.index.discard(id);
  }

  /**
   * Brings the source texts up to date; `progress` hears how many of the changed sources are indexed. A
   * text that cannot be read leaves its source out (tried again at the next sync) and does not stop the
   * others; the answer is why each one left out could not be read.
   */
  async syncSources(
    current: SourceStamp[],
    readText: (id: string) => Promise<string>,
    progress: (done: number, total: number) => void = () => undefined,
  ): Promise<string[]> {
    const seen = new Set(current.map((s) => s.id));
    for (const id of [...this.sources.keys()]) {
      if (!seen.has(id)) this.forgetSource(id);
    }
    const unread: string[] = [];
    const changed = current.filter(({ id, version }) => this.sources.get(id)?.version !== version);
    // The next text is on its way (fetched from main) while this one is indexed.
    const fetchText = (i: number) => {
      const source = changed[i];
      return source
        ? readText(source.id).then(
            (text) => ({ text }),
            (error: unknown) => ({ error }),
          )
        : null;
    };
    let next = fetchText(0);
    for (const [i, { id, version }] of changed.entries()) {
      const read = (await next)!;
      next = fetchText(i + 1);
      if ('error' in read) {
        this.forgetSource(id);
        unread.push(read.error instanceof Error ? read.error.message : String(read.error));
        progress(i + 1, changed.length);
        continue;
      }
      const { text } = read;
      this.forgetSource(id);
      const firstId = this.nextId;
      // A document per block the reader shows: a paragraph, or a piece of a long one, so a text without
      // line breaks gives a hit per few thousand characters rather than one for the whole text.
      for (const p of readingBlocks(text)) {
        const end = p.start + p.text.length;
        this.index.add({ id: this.nextId++, kind: 'paragraph', text: p.text, sourceId: id, start: p.start, end });
      }
      this.sources.set(id, { version, text, firstId, count: this.nextId - firstId });
      progress(i + 1, changed.length);
    }
    return unread;
  }

  private forgetSource(id: string): void {
    const source = this.sources.get(id);
    if (!source) return;
    for (let docId = source.firstId; docId < source.firstId + source.count; docId++) this.discard(docId);
    this.sources.delete(id);
  }

  /** Brings the notes up to date with every passage in the workspace (passages not listed are gone). */
  syncNotes(annotations: NoteStamp[]): void {
    const seen = new Set<string>();
    for (const a of annotations) {
      seen.add(a.id);
      this.putNote(a);
    }
    for (const id of [...this.notes.keys()]) if (!seen.has(id)) this.dropNote(id);
  }

  /** Applies the passages one write changed: `changed` written, `removed` deleted. */
  updateNotes(changed: NoteStamp[], removed: string[]): void {
    for (const a of changed) this.putNote(a);
    for (const id of removed) this.dropNote(id);
  }

  private putNote(a: NoteStamp): void {
    const known = this.notes.get(a.id);
    if (known?.updatedAt === a.updatedAt) return;
    this.discard(known?.docId);
    let docId: number | null = null;
    if (a.note.trim()) {
      docId = this.nextId++;
      this.index.add({
        id: docId,
        kind: 'note',
        text: a.note,
        shown: a.note,
        sourceId: a.sourceId,
        annotationId: a.id,
      });
    }
    this.notes.set(a.id, { updatedAt: a.updatedAt, docId });
  }

  private dropNote(id: string): void {
    const known = this.notes.get(id);
    if (!known) return;
    this.discard(known.docId);
    this.notes.delete(id);
  }

  syncTags(tags: TagStamp[]): void {
    const seen = new Set<string>();
    for (const t of tags) {
      seen.add(t.id);
      const known = this.tags.get(t.id);
      if (known?.updatedAt === t.updatedAt) continue;
      this.discard(known?.docId);
      const docId = this.nextId++;
      const text = `${t.name} ${t.description}`;
      this.index.add({ id: docId, kind: 'tag', text, shown: text, tagId: t.id });
      this.tags.set(t.id, { updatedAt: t.updatedAt, docId });
    }
    for (const [id, known] of [...this.tags]) {
      if (!seen.has(id)) {
        this.discard(known.docId);
        this.tags.delete(id);
      }
    }
  }

  /** The text a stored document stands for: a note's or tag's own, a paragraph's sliced from its source. */
  private textOf(doc: StoredDoc): string {
    if (doc.kind !== 'paragraph') return doc.shown ?? '';
    const text = this.sources.get(doc.sourceId!)?.text ?? '';
    return text.slice(doc.start ?? 0, doc.end ?? text.length);
  }

  search(query: string, limit = 100): SearchHit[] {
    if (!query.trim()) return [];
    return this.index
      .search(query)
      .slice(0, limit)
      .map((r: SearchResult) => {
        const stored = r as unknown as StoredDoc;
        const text = this.textOf(stored);
        const range = matchRange(text, r.terms);
        const doc: SearchDoc = { id: `${stored.kind[0]}${String(r.id)}`, kind: stored.kind };
        if (stored.sourceId !== undefined) doc.sourceId = stored.sourceId;
        if (stored.start !== undefined) doc.start = stored.start;
        if (stored.annotationId !== undefined) doc.annotationId = stored.annotationId;
        if (stored.tagId !== undefined) doc.tagId = stored.tagId;
        return { doc, score: r.score, terms: r.terms, range, snippet: snippet(text, range) };
      });
  }
}

/** Where the first matched term sits in a hit's text, to highlight it (falls back to the whole text). */
export function matchRange(text: string, terms: string[]): { start: number; end: number } {
  const lower = fold(text);
  for (const term of terms) {
    const at = lower.indexOf(term);
    if (at !== -1) {
      const wordEnd = lower.slice(at).search(/[\s\p{P}]/u);
      return { start: at, end: at + (wordEnd === -1 ? lower.length - at : Math.max(term.length, wordEnd)) };
    }
  }
  return { start: 0, end: text.length };
}

/** A window of context around a match, for result lists. */
export function snippet(text: string, range: { start: number; end: number }, radius = 70): Snippet {
  const from = Math.max(0, range.start - radius);
  const to = Math.min(text.length, range.end + radius);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, range.start),
    match: text.slice(range.start, range.end),
    after: text.slice(range.end, to) + (to < text.length ? '…' : ''),
  };
}
