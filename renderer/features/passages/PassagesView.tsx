import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Source } from '../../../shared/domain/source';
import { db } from '../../db';
import { useT } from '../../i18n';
import { inDocumentOrder } from '../../db/annotations';
import { tagTree } from '../../db/tags';
import { useWorkbench } from '../../stores';
import { LinkChips, TagChips, useLookups } from '../annotations';
import { citation, quoteWithCitation } from './citation';

async function passagesFor(what: string): Promise<Annotation[]> {
  const [kind, value] = what.split(':') as [string, string | undefined];
  if (!value) return [];
  const index =
    kind === 'tag'
      ? 'tagIds'
      : kind === 'threat'
        ? 'threatIds'
        : kind === 'actor'
          ? 'actorIds'
          : kind === 'country'
            ? 'countryCodes'
            : null;
  return index ? db.annotations.where(index).equals(value).toArray() : [];
}

/**
 * Retrieval: every passage coded with a tag, or linked to a threat, actor or country, across all
 * sources, in document order, each with its citation and a "copy as quote" action.
 */
export function PassagesView() {
  const what = useWorkbench((s) => s.retrieval);
  const retrieve = useWorkbench((s) => s.retrieve);
  const showInReader = useWorkbench((s) => s.showInReader);
  const notify = useWorkbench((s) => s.notify);
  const lookups = useLookups();
  const t = useT();
  const found = useLiveQuery(() => passagesFor(what), [what]);
  const sources = useLiveQuery(() => db.sources.toArray());
  const groups = useMemo(() => {
    if (!found || !sources) return [];
    const byId = new Map(sources.map((s) => [s.id, s]));
    const bySource = new Map<string, Annotation[]>();
    for (const a of found) bySource.set(a.sourceId, [...(bySource.get(a.sourceId) ?? []), a]);
    return [...bySource.entries()]
      .map(([id, list]) => ({ source: byId.get(id), list: list.sort(inDocumentOrder) }))
      .filter((g): g is { source: Source; list: Annotation[] } => g.source !== undefined)
      .sort((a, b) => a.source.title.localeCompare(b.source.title));
  }, [found, sources]);

  if (!lookups) return null;
  const copy = async (a: Annotation, source: Source) => {
    try {
      await navigator.clipboard.writeText(quoteWithCitation(a, source));
      notify('info', t('passages.copied'));
    } catch {
      notify('error', t('passages.clipboardFailed'));
    }
  };

  return (
    <section className="pane passages-view" aria-labelledby="passages-heading">
      <header className="pane-header">
        <h1 id="passages-heading">{t('views.passages')}</h1>
        <label className="inline-field">
          {t('passages.retrieve')}
          <select value={what} onChange={(e) => retrieve(e.target.value)} aria-label={t('passages.retrieveFor')}>
            <option value="">{t('passages.choose')}</option>
            <optgroup label={t('passages.tags')}>
              {tagTree([...lookups.tags.values()]).map(({ tag, depth }) => (
                <option key={tag.id} value={`tag:${tag.id}`}>
                  {' '.repeat(depth * 2)}
                  {tag.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('passages.threats')}>
              {lookups.threatOptions.map((o) => (
                <option key={o.id} value={`threat:${o.id}`}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('passages.actors')}>
              {lookups.actorOptions.map((o) => (
                <option key={o.id} value={`actor:${o.id}`}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('passages.countries')}>
              {lookups.countryOptions.map((o) => (
                <option key={o.id} value={`country:${o.id}`}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </header>
      {!what ? (
        <div className="empty empty-large">
          <p className="empty-title">{t('passages.emptyTitle')}</p>
          <p className="muted">{t('passages.emptyBody')}</p>
        </div>
      ) : groups.length === 0 ? (
        <p className="empty muted">{t('passages.noneYet')}</p>
      ) : (
        <div className="retrieval">
          <p className="muted">{t('passages.inSources', { count: found?.length ?? 0, sources: groups.length })}</p>
          {groups.map(({ source, list }) => (
            <article key={source.id} className="retrieval-source" aria-label={source.title}>
              <h2 dir="auto">{source.title}</h2>
              <p className="muted citation">{citation(source)}</p>
              <ol className="passage-list">
                {list.map((a) => (
                  <li key={a.id} className="retrieved">
                    <blockquote dir="auto">{a.quote.exact}</blockquote>
                    <TagChips tagIds={a.tagIds} lookups={lookups} />
                    {a.note && (
                      <p className="passage-note" dir="auto">
                        {a.note}
                      </p>
                    )}
                    <LinkChips annotation={a} lookups={lookups} />
                    {a.anchor !== 'anchored' && (
                      <span className={`badge ${a.anchor === 'drifted' ? 'warning' : 'danger'}`}>
                        {a.anchor === 'drifted' ? t('passages.moved') : t('passages.notFound')}
                      </span>
                    )}
                    <div className="button-row">
                      <button type="button" onClick={() => void copy(a, source)}>
                        {t('passages.copyQuote')}
                      </button>
                      {a.anchor !== 'orphaned' && (
                        <button
                          type="button"
                          onClick={() =>
                            showInReader({
                              sourceId: source.id,
                              start: a.position.start,
                              end: a.position.end,
                              annotationId: a.id,
                            })
                          }
                        >
                          {t('passages.showInSource')}
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ol>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
