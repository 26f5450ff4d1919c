import { liveQuery, type Subscription } from 'dexie';
import MiniSearch, { type SearchResult } from 'minisearch';
import { splitParagraphs } from '../../../shared/domain/text';
import type { WorkbenchDatabase } from '../../db/database';

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

/**
 * Full-text search over the workspace (MiniSearch), kept up to date incrementally: it watches the
 * database and re-indexes only the sources whose text version changed and the annotations and tags
 * that were edited, never the whole workspace again.
 */
export class WorkspaceSearch {
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
  private subscriptions: Subscription[] = [];
  private queue: Promise<void> = Promise.resolve();
  private listeners = new Set<() => void>();
  ready = false;

  constructor(private readonly db: WorkbenchDatabase) {}

  start(): void {
    if (this.subscriptions.length) return;
    const enqueue = (work: () => Promise<void>) => {
      this.queue = this.queue.then(work).then(() => this.changed()).catch(() => undefined);
    };
    this.subscriptions = [
      liveQuery(() => this.db.sources.toArray()).subscribe((sources) => enqueue(() => this.syncSources(sources.map((s) => ({ id: s.id, version: s.version }))))),
      liveQuery(() => this.db.annotations.toArray()).subscribe((annotations) => enqueue(async () => this.syncNotes(annotations))),
      liveQuery(() => this.db.tags.toArray()).subscribe((tags) => enqueue(async () => this.syncTags(tags))),
    ];
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.ready = true;
    for (const listener of this.listeners) listener();
  }

  private remove(ids: string[]): void {
    for (const id of ids) if (this.index.has(id)) this.index.discard(id);
  }

  private async syncSources(current: { id: string; version: number }[]): Promise<void> {
    const seen = new Set(current.map((s) => s.id));
    for (const id of [...this.sourceVersions.keys()]) {
      if (!seen.has(id)) {
        this.remove(this.sourceDocs.get(id) ?? []);
        this.sourceDocs.delete(id);
        this.sourceVersions.delete(id);
      }
    }
    for (const { id, version } of current) {
      if (this.sourceVersions.get(id) === version) continue;
      const text = (await this.db.sourceTexts.get(id))?.text ?? '';
      this.remove(this.sourceDocs.get(id) ?? []);
      const docs = splitParagraphs(text).map((p): SearchDoc => ({ id: `p:${id}:${p.start}`, kind: 'paragraph', text: p.text, sourceId: id, start: p.start }));
      // Large sources are added in slices so the window stays responsive while they are indexed.
      for (let i = 0; i < docs.length; i += 500) {
        this.index.addAll(docs.slice(i, i + 500));
        await new Promise((r) => setTimeout(r, 0));
      }
      this.sourceDocs.set(id, docs.map((d) => d.id));
      this.sourceVersions.set(id, version);
    }
  }

  private syncNotes(annotations: { id: string; sourceId: string; note: string; updatedAt: string }[]): void {
    const seen = new Set<string>();
    for (const a of annotations) {
      seen.add(a.id);
      if (this.annotationStamps.get(a.id) === a.updatedAt) continue;
      this.remove([`n:${a.id}`]);
      if (a.note.trim()) this.index.add({ id: `n:${a.id}`, kind: 'note', text: a.note, sourceId: a.sourceId, annotationId: a.id });
      this.annotationStamps.set(a.id, a.updatedAt);
    }
    for (const id of [...this.annotationStamps.keys()]) {
      if (!seen.has(id)) {
        this.remove([`n:${id}`]);
        this.annotationStamps.delete(id);
      }
    }
  }

  private syncTags(tags: { id: string; name: string; description: string; updatedAt: string }[]): void {
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

  /** Waits until every change seen so far is indexed. */
  settled(): Promise<void> {
    return this.queue;
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
export function snippet(text: string, range: { start: number; end: number }, radius = 70): { before: string; match: string; after: string } {
  const from = Math.max(0, range.start - radius);
  const to = Math.min(text.length, range.end + radius);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, range.start),
    match: text.slice(range.start, range.end),
    after: text.slice(range.end, to) + (to < text.length ? '…' : ''),
  };
}
