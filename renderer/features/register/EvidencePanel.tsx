import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Threat } from '../../../shared/domain/threat';
import { db } from '../../db';
import { useLiveQueryWhile } from '../../db/live-query-while';
import { inDocumentOrder } from '../../db/annotations';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { linkEvidence } from '../../workspace/commands/threats';
import { useT } from '../../i18n';
import { citation } from '../passages';

/**
 * One empty answer for every query that finds nothing: a live query's answer that is the same object as
 * the last one re-renders nothing, and moving from one threat without evidence to the next (Enter in the
 * grid moves down) is then no render of the panel at all.
 */
const NONE: Annotation[] = [];
const orNone = (found: Annotation[]) => (found.length > 0 ? found : NONE);

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The passages behind a threat's rating, with citations; more can be found and linked from here. */
export function EvidencePanel({ threat }: { threat: Threat }) {
  const t = useT();
  const answer = useLiveQuery(
    () => db.annotations.where('threatIds').equals(threat.id).toArray().then(orNone),
    [threat.id],
  );
  // Until the query for a newly chosen threat answers, the hook still holds the previous threat's
  // passages: shown, they would be the wrong threat's evidence (an empty answer is the same for both).
  const linked = answer?.every((a) => a.threatIds.includes(threat.id)) ? answer : undefined;
  const sources = useLiveQuery(async () => new Map((await db.sources.toArray()).map((s) => [s.id, s])));
  const [query, setQuery] = useState('');
  // Only while a search is typed: a live query kept for an empty box still took in every write.
  const searched = fold(query.trim());
  const candidates = useLiveQueryWhile(
    searched.length >= 2,
    async () =>
      orNone(
        await db.annotations
          .filter((a) => !a.threatIds.includes(threat.id) && fold(`${a.quote.exact} ${a.note}`).includes(searched))
          .limit(20)
          .toArray(),
      ),
    [searched, threat.id],
  );
  const showInReader = useWorkbench((s) => s.showInReader);
  const ordered = useMemo(
    () => [...(linked ?? [])].sort((a, b) => a.sourceId.localeCompare(b.sourceId) || inDocumentOrder(a, b)),
    [linked],
  );

  const link = (annotationId: string, linked: boolean) =>
    workspace.attempt(linkEvidence, { annotationId, threatId: threat.id, linked });

  if (!linked || !sources) return null;
  return (
    <section className="evidence" aria-label={t('register.evidence.title')}>
      <h3>{t('register.evidence.heading', { count: linked.length })}</h3>
      {linked.length === 0 && (
        <p className="badge warning block" role="note">
          {t('register.evidence.none')}
        </p>
      )}
      <ol className="evidence-list">
        {ordered.map((a) => {
          const source = sources.get(a.sourceId);
          return (
            <li key={a.id}>
              <blockquote dir="auto">{a.quote.exact}</blockquote>
              {source && <p className="citation muted">{citation(source)}</p>}
              {a.note && <p className="passage-note">{a.note}</p>}
              <div className="button-row">
                {a.anchor !== 'orphaned' && (
                  <button
                    type="button"
                    onClick={() =>
                      showInReader({
                        sourceId: a.sourceId,
                        start: a.position.start,
                        end: a.position.end,
                        annotationId: a.id,
                      })
                    }
                  >
                    {t('register.evidence.showInSource')}
                  </button>
                )}
                <button type="button" onClick={() => void link(a.id, false)}>
                  {t('register.evidence.unlink')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="field">
        <label htmlFor={`evidence-search-${threat.id}`}>{t('register.evidence.linkPassage')}</label>
        <input
          id={`evidence-search-${threat.id}`}
          type="search"
          placeholder={t('register.evidence.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          dir="auto"
        />
      </div>
      {candidates && candidates.length > 0 && (
        <ul className="evidence-candidates" aria-label={t('register.evidence.candidates')}>
          {candidates.map((a) => (
            <li key={a.id}>
              <span dir="auto">{a.quote.exact.length > 160 ? `${a.quote.exact.slice(0, 160)}…` : a.quote.exact}</span>
              <span className="muted small">{sources.get(a.sourceId)?.title}</span>
              <button type="button" onClick={() => void link(a.id, true)}>
                {t('register.evidence.link')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim().length >= 2 && candidates?.length === 0 && (
        <p className="muted small">{t('register.evidence.noMatch', { query })}</p>
      )}
    </section>
  );
}
