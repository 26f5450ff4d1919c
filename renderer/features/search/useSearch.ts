import { liveQuery, type Subscription } from 'dexie';
import { useEffect, useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { isStoredSourceText } from '../../../shared/domain/source';
import { db } from '../../db';
import { CachedTextStore } from '../../db/source-texts';
import { followTable, type TableWork } from '../../db/table-follower';
import { t as translate } from '../../i18n';
import type { NoteStamp, SearchHit } from './search-index';
import type { SearchReply, SearchRequest } from './search-protocol';
import { reasonOf } from '../../../shared/domain/sentences';

/**
 * The UI's side of the workspace search: it watches the database for changed sources, notes and tags
 * and hands them to the search worker, which does all indexing and searching off the UI thread.
 */
export class WorkspaceSearch {
  private worker: Worker | null = null;
  private subscriptions: Pick<Subscription, 'unsubscribe'>[] = [];
  private listeners = new Set<() => void>();
  private pendingSyncs = 0;
  private sourcesSeen = false;
  private nextId = 1;
  private readonly answers = new Map<number, (hits: SearchHit[]) => void>();
  /** Sources indexed of those that needed indexing, while indexing runs. */
  progress: { indexed: number; total: number } | null = null;
  problem: string | null = null;
  /** Sources left out of the index because their text could not be read (tried again at the next change). */
  unread: { count: number; reason: string } | null = null;
  ready = false;

  start(): void {
    if (this.worker) return;
    this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    this.worker.onmessage = (event: MessageEvent<SearchReply>) => this.receive(event.data);
    this.subscriptions = [
      liveQuery(() => db.sources.toArray()).subscribe((sources) => {
        this.sourcesSeen = true;
        this.post({ type: 'sources', list: sources.map((s) => ({ id: s.id, version: s.version })) });
      }),
      {
        unsubscribe: followTable(db, 'annotations', {
          apply: (work) => this.followNotes(work),
          onError: (error) => this.fail(error),
        }),
      },
      liveQuery(() => db.tags.toArray()).subscribe((list) =>
        this.post({
          type: 'tags',
          list: list.map((t) => ({ id: t.id, name: t.name, description: t.description, updatedAt: t.updatedAt })),
        }),
      ),
    ];
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    this.worker?.terminate();
    this.worker = null;
    for (const answer of this.answers.values()) answer([]);
    this.answers.clear();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Answers the best `limit` hits; an empty query answers none without asking the worker. */
  search(query: string, limit = 100): Promise<SearchHit[]> {
    if (!query.trim() || !this.worker) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.post({ type: 'search', id, query, limit });
    });
  }

  /**
   * Passage notes are followed write by write (a book has thousands of passages; re-reading and
   * re-sending all of them on every save cost more than the save itself).
   */
  private async followNotes(work: TableWork): Promise<boolean> {
    if (work === 'all') {
      const list = await db.annotations.toArray();
      this.post({ type: 'notes', list: list.map(noteStamp) });
      return true;
    }
    const keys = [...work];
    const found = await db.annotations.bulkGet(keys);
    const changed: NoteStamp[] = [];
    const removed: string[] = [];
    found.forEach((a, i) => (a ? changed.push(noteStamp(a)) : removed.push(keys[i]!)));
    this.post({ type: 'notes-changed', changed, removed });
    return true;
  }

  private fail(error: unknown): void {
    this.problem = translate('search.followFailed', { reason: reasonOf(error) });
    for (const listener of this.listeners) listener();
  }

  private post(request: SearchRequest): void {
    if (!this.worker) return;
    if (request.type !== 'search') this.pendingSyncs++;
    this.worker.postMessage(request);
  }

  /** An answer to the worker's own question: not a change to index, so no 'synced' is awaited for it. */
  private answerWorker(answer: Extract<SearchRequest, { type: 'text' | 'text-at' | 'text-failed' }>): void {
    this.worker?.postMessage(answer);
  }

  /**
   * A source's text for the worker, which opens no database of its own: an inline text as read here; a
   * stored one as the window holds it (the book being opened is shared, not read twice), or its address
   * for the worker to fetch itself, past the window — the index reads every text once, and passing stored
   * texts through here would only hold books the analyst is not reading.
   */
  private sendText(id: number, sourceId: string): void {
    db.sourceTexts.get(sourceId).then(
      (record) => {
        if (record && isStoredSourceText(record)) this.sendStoredText(id, record.sha256);
        else this.answerWorker({ type: 'text', id, text: record?.text ?? '' });
      },
      (error: unknown) =>
        this.answerWorker({ type: 'text-failed', id, message: error instanceof Error ? error.message : String(error) }),
    );
  }

  private sendStoredText(id: number, sha256: string): void {
    const store = db.textStore;
    const held = store instanceof CachedTextStore ? store.held(sha256) : undefined;
    const request = held ? null : store.locate(sha256);
    if (request) {
      this.answerWorker({ type: 'text-at', id, request });
      return;
    }
    (held ?? readPastCache(sha256)).then(
      (text) => this.answerWorker({ type: 'text', id, text }),
      (error: unknown) =>
        this.answerWorker({ type: 'text-failed', id, message: error instanceof Error ? error.message : String(error) }),
    );
  }

  private receive(reply: SearchReply): void {
    switch (reply.type) {
      case 'read-text':
        this.sendText(reply.id, reply.sourceId);
        return;
      case 'results':
        this.answers.get(reply.id)?.(reply.hits);
        this.answers.delete(reply.id);
        return;
      case 'progress':
        this.progress = reply.indexed < reply.total ? { indexed: reply.indexed, total: reply.total } : null;
        break;
      case 'failed':
        this.problem = translate('search.indexFailed', { reason: reply.reason });
        break;
      case 'unread':
        this.unread = reply.count > 0 ? { count: reply.count, reason: reply.reason } : null;
        break;
      case 'synced':
        this.pendingSyncs--;
        if (this.pendingSyncs === 0 && this.sourcesSeen) {
          this.ready = true;
          this.progress = null;
        }
        break;
    }
    for (const listener of this.listeners) listener();
  }
}

const readPastCache = (sha256: string): Promise<string> =>
  db.textStore instanceof CachedTextStore ? db.textStore.readPast(sha256) : db.textStore.read(sha256);

const noteStamp = (a: Annotation): NoteStamp => ({
  id: a.id,
  sourceId: a.sourceId,
  note: a.note,
  updatedAt: a.updatedAt,
});

let shared: WorkspaceSearch | null = null;

/** The workspace's one search index, started on first use and kept current from then on. */
export function workspaceSearch(): WorkspaceSearch {
  if (!shared) {
    shared = new WorkspaceSearch();
    shared.start();
  }
  return shared;
}

/** Re-renders when the index changes; answers the index and how often it has changed. */
export function useWorkspaceSearch(): { search: WorkspaceSearch; revision: number } {
  const search = workspaceSearch();
  const [revision, setRevision] = useState(0);
  useEffect(() => search.onChange(() => setRevision((r) => r + 1)), [search]);
  return { search, revision };
}

/** The hits for a query, asked again whenever the index changes; stale answers are dropped. */
export function useSearchHits(search: WorkspaceSearch, query: string, revision: number, limit: number): SearchHit[] {
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    let current = true;
    void search.search(query, limit).then((found) => current && setHits(found));
    return () => {
      current = false;
    };
  }, [search, query, revision, limit]);
  return hits;
}
