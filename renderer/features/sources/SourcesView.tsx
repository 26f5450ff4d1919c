import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { admiraltyGrade, CREDIBILITY_LABELS, RELIABILITY_LABELS } from '../../../shared/domain/source';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import { formatDate } from '../common/format';
import { Reader } from './Reader';

export function SourcesView() {
  const sources = useLiveQuery(() => db.sources.orderBy('title').toArray());
  const selectedId = useWorkbench((s) => s.selectedSourceId);
  const select = useWorkbench((s) => s.selectSource);

  const selected = sources?.find((s) => s.id === selectedId) ?? sources?.[0];
  useEffect(() => {
    if (sources && selected && selected.id !== selectedId) select(selected.id);
  }, [sources, selected, selectedId, select]);

  if (!sources) return null;
  return (
    <div className="split">
      <section className="pane list-pane" aria-labelledby="sources-heading">
        <header className="pane-header">
          <h1 id="sources-heading">Sources</h1>
        </header>
        {sources.length === 0 ? (
          <div className="empty">
            <p>No sources yet.</p>
            <p className="muted">Sources you import are listed here with their grade and language.</p>
          </div>
        ) : (
          <ul className="item-list" aria-label="Sources">
            {sources.map((source) => (
              <li key={source.id}>
                <button
                  type="button"
                  className="item"
                  aria-current={source.id === selected?.id ? 'true' : undefined}
                  onClick={() => select(source.id)}
                >
                  <span className="item-title" dir="auto">
                    {source.title}
                  </span>
                  <span className="item-meta">
                    <span dir="auto">{source.author || 'Unknown author'}</span>
                    {source.publishedOn && <span>{formatDate(source.publishedOn)}</span>}
                    <span
                      className="grade"
                      title={`${RELIABILITY_LABELS[source.reliability]}; ${CREDIBILITY_LABELS[source.credibility]}`}
                    >
                      {admiraltyGrade(source.reliability, source.credibility)}
                    </span>
                    <span className="lang">{source.language.toUpperCase()}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {selected ? (
        <Reader source={selected} />
      ) : (
        <section className="pane reader-pane empty">
          <p>Choose a source to read it.</p>
        </section>
      )}
    </div>
  );
}
