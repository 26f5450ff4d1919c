/// <reference lib="webworker" />
/**
 * The search index, off the UI thread: it asks the page for each source's text, and fetches a stored
 * text from main's address itself when the page answers with one (so 40 MB of stored text never
 * crosses the page), and indexes them source by source, reporting progress.
 * Searches are answered between sources, so a query during indexing gets what is indexed so far.
 *
 * It opens no database of its own: the page's answer is all it reads. A Dexie connection here brought
 * Dexie, the workspace schema and the zod schemas it imports into the worker (most of its 214 kB
 * bundle), another IndexedDB connection, and each inline text read through it left IndexedDB's copy
 * of the value in the worker until a collection that an idle worker is not given.
 */
import { fetchSourceText } from '../../platform/text-fetch';
import { SearchIndex } from './search-index';
import type { SearchReply, SearchRequest } from './search-protocol';
import { reasonOf } from '../../../shared/domain/sentences';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const index = new SearchIndex();
let queue: Promise<void> = Promise.resolve();
const reply = (message: SearchReply) => scope.postMessage(message);

// The worker asks the page for each source's text: the page answers with an inline text or one it
// already holds, or with a stored text's address (which carries the page's credentials), and the
// worker fetches it from there.
const textsAsked = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let nextTextId = 1;
const readText = (sourceId: string) =>
  new Promise<string>((resolve, reject) => {
    const id = nextTextId++;
    textsAsked.set(id, { resolve, reject });
    reply({ type: 'read-text', id, sourceId });
  });

function sync(request: Exclude<SearchRequest, { type: 'search' | 'text' | 'text-at' | 'text-failed' }>): Promise<void> {
  switch (request.type) {
    case 'sources':
      return index
        .syncSources(request.list, readText, (indexed, total) => reply({ type: 'progress', indexed, total }))
        .then((unread) => reply({ type: 'unread', count: unread.length, reason: unread[0] ?? '' }));
    case 'notes':
      index.syncNotes(request.list);
      return Promise.resolve();
    case 'notes-changed':
      index.updateNotes(request.changed, request.removed);
      return Promise.resolve();
    case 'tags':
      index.syncTags(request.list);
      return Promise.resolve();
  }
}

scope.onmessage = (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  if (request.type === 'text' || request.type === 'text-at' || request.type === 'text-failed') {
    const asked = textsAsked.get(request.id);
    textsAsked.delete(request.id);
    if (!asked) return;
    if (request.type === 'text') asked.resolve(request.text);
    else if (request.type === 'text-at') fetchSourceText(request.request).then(asked.resolve, asked.reject);
    else asked.reject(new Error(request.message));
    return;
  }
  if (request.type === 'search') {
    reply({ type: 'results', id: request.id, hits: index.search(request.query, request.limit) });
    return;
  }
  queue = queue
    .then(() => sync(request))
    .then(
      () => reply({ type: 'synced' }),
      (error: unknown) => {
        reply({ type: 'failed', reason: reasonOf(error) });
        reply({ type: 'synced' });
      },
    );
};
