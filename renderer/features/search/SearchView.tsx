import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import { matchRange, snippet, type SearchHit } from './search-index';
import { useSearchHits, useWorkspaceSearch } from './useSearch';
import { useViewCommand } from '../../workspace/user-commands';

const KIND_LABEL = { paragraph: 'Text', note: 'Note', tag: 'Tag' } as const;

/** Search across source texts, annotation notes and tags; opening a hit shows it in the reader. */
export function SearchView() {
  const [query, setQuery] = useState('');
  const box = useRef<HTMLInputElement>(null);
  // Search (Ctrl+Shift+F) from anywhere lands in the box, its text selected to type over.
  useViewCommand('search', () => box.current?.select());
  const { search, revision } = useWorkspaceSearch();
  // Asked as typed (no deferred value): the worker searches off this thread, and answers that arrive
  // after a newer keystroke are dropped. `revision` re-runs the query when the index catches up with an edit.
  const hits = useSearchHits(search, query, revision, 200);
  const titles = useLiveQuery(async () => new Map((await db.sources.toArray()).map((s) => [s.id, s.title])));
  const showInReader = useWorkbench((s) => s.showInReader);
  const retrieve = useWorkbench((s) => s.retrieve);

  const open = (hit: SearchHit) => {
    const { doc } = hit;
    if (doc.kind === 'paragraph' && doc.sourceId !== undefined && doc.start !== undefined) {
      const range = matchRange(doc.text, hit.terms);
      showInReader({ sourceId: doc.sourceId, start: doc.start + range.start, end: doc.start + range.end });
    } else if (doc.kind === 'note' && doc.annotationId) {
      // Read when opened: keeping every passage of the workspace in memory for this cost a read of all of them per save.
      void db.annotations.get(doc.annotationId).then((a) => {
        if (a) showInReader({ sourceId: a.sourceId, start: a.position.start, end: a.position.end, annotationId: a.id });
      });
    } else if (doc.kind === 'tag' && doc.tagId) {
      retrieve(`tag:${doc.tagId}`);
    }
  };

  return (
    <section className="pane search-view" aria-labelledby="search-heading">
      <header className="pane-header">
        <h1 id="search-heading">Search</h1>
      </header>
      <div className="search-box">
        <input
          ref={box}
          type="search"
          aria-label="Search the workspace"
          placeholder="Search sources, notes and tags — any language"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          dir="auto"
        />
        {!search.ready && (
          <span className="muted search-progress" data-indexing="" role="status">
            {search.progress ? (
              <>
                Indexing {search.progress.indexed} of {search.progress.total} sources…{' '}
                <progress max={search.progress.total} value={search.progress.indexed} aria-label="Indexing progress" />
              </>
            ) : (
              'Indexing…'
            )}
          </span>
        )}
        {search.problem && (
          <span className="field-error" role="alert">
            {search.problem}
          </span>
        )}
      </div>
      {query.trim() && (
        <p className="muted search-count" role="status">
          {hits.length === 0
            ? 'No matches.'
            : `${hits.length}${hits.length === 200 ? '+' : ''} match${hits.length === 1 ? '' : 'es'}`}
        </p>
      )}
      <ol className="search-results" aria-label="Search results">
        {hits.map((hit) => {
          const range = matchRange(hit.doc.text, hit.terms);
          const s = snippet(hit.doc.text, range);
          return (
            <li key={hit.doc.id}>
              <button type="button" className="search-hit" onClick={() => open(hit)}>
                <span className="search-meta">
                  <span className="badge">{KIND_LABEL[hit.doc.kind]}</span>
                  {hit.doc.sourceId && <span dir="auto">{titles?.get(hit.doc.sourceId)}</span>}
                </span>
                <span className="search-snippet" dir="auto">
                  {s.before}
                  <mark>{s.match}</mark>
                  {s.after}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
