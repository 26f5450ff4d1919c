/// <reference lib="webworker" />
/**
 * The search index, off the UI thread: it reads source texts from the workspace database itself (so
 * 40 MB of text never crosses to the page) and indexes them source by source, reporting progress.
 * Searches are answered between sources, so a query during indexing gets what is indexed so far.
 */
import { WorkbenchDatabase } from '../../db/database';
import { SearchIndex } from './search-index';
import type { SearchReply, SearchRequest } from './search-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const db = new WorkbenchDatabase();
const index = new SearchIndex();
let queue: Promise<void> = Promise.resolve();
const reply = (message: SearchReply) => scope.postMessage(message);

const readText = async (id: string) => (await db.sourceTexts.get(id))?.text ?? '';

function sync(request: Exclude<SearchRequest, { type: 'search' }>): Promise<void> {
  switch (request.type) {
    case 'sources':
      return index.syncSources(request.list, readText, (indexed, total) => reply({ type: 'progress', indexed, total }));
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
  if (request.type === 'search') {
    reply({ type: 'results', id: request.id, hits: index.search(request.query, request.limit) });
    return;
  }
  queue = queue
    .then(() => sync(request))
    .then(
      () => reply({ type: 'synced' }),
      (error: unknown) => {
        reply({
          type: 'failed',
          message: `Search could not index the workspace: ${error instanceof Error ? error.message : String(error)}. Reload the window to try again.`,
        });
        reply({ type: 'synced' });
      },
    );
};
