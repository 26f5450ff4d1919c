import MiniSearch, { type SearchResult } from 'minisearch';
import { splitParagraphs } from '../../../shared/domain/text';

/** One searchable piece: a paragraph of a source, an annotation's note, or a tag. */
export interface SearchDoc {
  id: string;
  kind: 'paragraph' | 'note' | 'tag';
  text: string;
  sourceId?: string;
  /** Paragraphs: where the paragraph starts in its source's text. */
  start?: number;
  annotationId?: string;
  tagId?: string;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  terms: string[];
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
 * Full-text search over the workspace (MiniSearch), kept up to date incrementally: it re-indexes only
 * the sources whose text version changed and the annotations and tags that were edited, never the
 * whole workspace again. It runs inside the search worker (search.worker.ts), off the UI thread.
 */
export class SearchIndex {
  private readonly index = new MiniSearch<SearchDoc>({
    fields: ['text'],
    storeFields: ['kind', 'text', 'sourceId', 'start', 'annotationId', 'tagId'],
    processTerm: (term) => fold(term),
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND', processTerm: (term) => fold(term) },
  });
  private readonly sourceVersions = new Map<string, number>();
  private readonly sourceDocs = new Map<string, string[]>();
  private readonly annotationStamps = new Map<string, string>();
  private readonly tagStamps = new Map<string, string>();

  private remove(ids: string[]): void {
    for (const id of ids) if (this.index.has(id)) this.index.discard(id);
  }

  /** Brings the sources up to date; `progress` hears how many of the changed sources are indexed. */
  /**
   * Brings the source texts up to date. A text that cannot be read leaves its source out (tried again at
   * the next sync) and does not stop the others; the answer is why each one left out could not be read.
   */
  async syncSources(
    current: SourceStamp[],
    readText: (id: string) => Promise<string>,
    progress: (done: number, total: number) => void = () => undefined,
  ): Promise<string[]> {
    const seen = new Set(current.map((s) => s.id));
    for (const id of [...this.sourceVersions.keys()]) {
      if (!seen.has(id)) this.forgetSource(id);
    }
    const unread: string[] = [];
    const changed = current.filter(({ id, version }) => this.sourceVersions.get(id) !== version);
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
      this.remove(this.sourceDocs.get(id) ?? []);
      const docs = splitParagraphs(text).map((p): SearchDoc => ({
        id: `p:${id}:${p.start}`,
        kind: 'paragraph',
        text: p.text,
        sourceId: id,
        start: p.start,
      }));
      this.index.addAll(docs);
      this.sourceDocs.set(
        id,
        docs.map((d) => d.id),
      );
      this.sourceVersions.set(id, version);
      progress(i + 1, changed.length);
    }
    return unread;
  }

  private forgetSource(id: string): void {
    this.remove(this.sourceDocs.get(id) ?? []);
    this.sourceDocs.delete(id);
    this.sourceVersions.delete(id);
  }

  /** Brings the notes up to date with every passage in the workspace (passages not listed are gone). */
  syncNotes(annotations: NoteStamp[]): void {
    const seen = new Set<string>();
    for (const a of annotations) {
      seen.add(a.id);
      this.putNote(a);
    }
    for (const id of [...this.annotationStamps.keys()]) if (!seen.has(id)) this.dropNote(id);
  }

  /** Applies the passages one write changed: `changed` written, `removed` deleted. */
  updateNotes(changed: NoteStamp[], removed: string[]): void {
    for (const a of changed) this.putNote(a);
    for (const id of removed) this.dropNote(id);
  }

  private putNote(a: NoteStamp): void {
    if (this.annotationStamps.get(a.id) === a.updatedAt) return;
    this.remove([`n:${a.id}`]);
    if (a.note.trim())
      this.index.add({ id: `n:${a.id}`, kind: 'note', text: a.note, sourceId: a.sourceId, annotationId: a.id });
    this.annotationStamps.set(a.id, a.updatedAt);
  }

  private dropNote(id: string): void {
    if (!this.annotationStamps.has(id)) return;
    this.remove([`n:${id}`]);
    this.annotationStamps.delete(id);
  }

  syncTags(tags: TagStamp[]): void {
    const seen = new Set<string>();
    for (const t of tags) {
      seen.add(t.id);
      if (this.tagStamps.get(t.id) === t.updatedAt) continue;
      this.remove([`t:${t.id}`]);
      this.index.add({ id: `t:${t.id}`, kind: 'tag', text: `${t.name} ${t.description}`, tagId: t.id });
      this.tagStamps.set(t.id, t.updatedAt);
    }
    for (const id of [...this.tagStamps.keys()]) {
      if (!seen.has(id)) {
        this.remove([`t:${id}`]);
        this.tagStamps.delete(id);
      }
    }
  }

  search(query: string, limit = 100): SearchHit[] {
    if (!query.trim()) return [];
    return this.index
      .search(query)
      .slice(0, limit)
      .map((r: SearchResult) => ({ doc: r as unknown as SearchDoc, score: r.score, terms: r.terms }));
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
export function snippet(
  text: string,
  range: { start: number; end: number },
  radius = 70,
): { before: string; match: string; after: string } {
  const from = Math.max(0, range.start - radius);
  const to = Math.min(text.length, range.end + radius);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, range.start),
    match: text.slice(range.start, range.end),
    after: text.slice(range.end, to) + (to < text.length ? '…' : ''),
  };
}
