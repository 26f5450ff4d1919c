import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import type { SearchHit } from './search-index';
import { useSearchHits, useWorkspaceSearch } from './useSearch';
import { useViewCommand } from '../../workspace/user-commands';
import { useT } from '../../i18n';
import './search.css';

/** What a search may be narrowed to: every kind of hit, or one (the index's document kinds). */
const SCOPES = ['all', 'paragraph', 'note', 'tag'] as const;
type Scope = (typeof SCOPES)[number];
/** Queries the demo answers, offered while the box is empty: a word, a name, a phrase. */
const EXAMPLES = ['Taliban', 'Amu Darya', 'migration'] as const;
const LIMIT = 200;

/** Search across source texts, annotation notes and tags; opening a hit shows it in the reader. */
export function SearchView() {
  const t = useT();
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const box = useRef<HTMLInputElement>(null);
  // Search (Ctrl+Shift+F) from anywhere lands in the box, its text selected to type over.
  useViewCommand('search', () => box.current?.select());
  const { search, revision } = useWorkspaceSearch();
  // Asked as typed (no deferred value): the worker searches off this thread, and answers that arrive
  // after a newer keystroke are dropped. `revision` re-runs the query when the index catches up with an edit.
  const found = useSearchHits(search, query, revision, LIMIT);
  const hits = scope === 'all' ? found : found.filter((hit) => hit.doc.kind === scope);
  const titles = useLiveQuery(async () => new Map((await db.sources.toArray()).map((s) => [s.id, s.title])));
  const showInReader = useWorkbench((s) => s.showInReader);
  const retrieve = useWorkbench((s) => s.retrieve);

  const open = (hit: SearchHit) => {
    const { doc, range } = hit;
    if (doc.kind === 'paragraph' && doc.sourceId !== undefined && doc.start !== undefined) {
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
        <h1 id="search-heading">{t('views.search')}</h1>
      </header>
      <div className="search-box">
        <input
          ref={box}
          type="search"
          aria-label={t('search.box')}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
          dir="auto"
        />
        {!search.ready && (
          <span className="muted search-progress" data-indexing="" role="status">
            {search.progress ? (
              <>
                {t('search.indexing', { indexed: search.progress.indexed, total: search.progress.total })}{' '}
                <progress
                  max={search.progress.total}
                  value={search.progress.indexed}
                  aria-label={t('search.progress')}
                />
              </>
            ) : (
              t('search.indexingShort')
            )}
          </span>
        )}
        {search.problem && (
          <span className="field-error" role="alert">
            {search.problem}
          </span>
        )}
        {search.unread && (
          <span className="field-error" role="alert">
            {t('search.unread', { count: search.unread.count, reason: search.unread.reason })}
          </span>
        )}
      </div>
      <fieldset className="search-scope">
        <legend>{t('search.scope')}</legend>
        {SCOPES.map((s) => (
          <label key={s}>
            <input type="radio" name="search-scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
            {t(`search.scopes.${s}`)}
          </label>
        ))}
      </fieldset>
      {query.trim() ? (
        <p className="muted search-count" role="status">
          {hits.length > 0
            ? t(found.length === LIMIT && scope === 'all' ? 'search.countMore' : 'search.count', { count: hits.length })
            : found.length > 0
              ? t('search.noneInScope')
              : t('search.none')}
        </p>
      ) : (
        <div className="empty search-help">
          <p className="empty-title">{t('search.helpTitle')}</p>
          <p className="muted">{t('search.helpBody')}</p>
          <p className="search-examples">
            {t('search.examples')}{' '}
            {EXAMPLES.map((example) => (
              <button key={example} type="button" className="link" onClick={() => setQuery(example)}>
                {example}
              </button>
            ))}
          </p>
        </div>
      )}
      <ol className="search-results" aria-label={t('search.results')}>
        {hits.map((hit) => {
          const s = hit.snippet;
          return (
            <li key={hit.doc.id}>
              <button type="button" className="search-hit" onClick={() => open(hit)}>
                <span className="search-meta">
                  <span className="badge">{t(`search.kind.${hit.doc.kind}`)}</span>
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
