import { useMemo } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { wordDiff, type WordChange } from '../../../shared/domain/word-diff';
import { TagChips } from './AnnotationList';
import type { Lookups } from './useLookups';
import { useT } from '../../i18n';

/**
 * A passage's words against what a text now reads: removed words struck through, added words
 * underlined, the rest as it was. Marked with <del> and <ins>, which assistive technology announces.
 */
export function WordChanges({ changes }: { changes: readonly WordChange[] }) {
  return (
    <span className="word-changes">
      {changes.map((change, i) =>
        change.kind === 'removed' ? (
          <del key={i}>{change.text}</del>
        ) : change.kind === 'added' ? (
          <ins key={i}>{change.text}</ins>
        ) : (
          <span key={i}>{change.text}</span>
        ),
      )}
    </span>
  );
}

interface ReviewQueueProps {
  annotations: Annotation[];
  text: string;
  /** Passages whose stored place does not fit this text (see passageMisfit): shown nowhere in the reader. */
  misfits: ReadonlySet<string>;
  lookups: Lookups;
  reselectingId: string | null;
  onShow: (a: Annotation) => void;
  onAccept: (a: Annotation) => void;
  onReselect: (a: Annotation | null) => void;
  onDelete: (a: Annotation) => void;
}

type Kind = 'moved' | 'lost' | 'misfit';

/** Each kind's badge: its catalogue key and tone. */
const BADGE: Record<Kind, { label: string; tone: string }> = {
  moved: { label: 'reviewQueue.moved', tone: 'warning' },
  lost: { label: 'reviewQueue.lost', tone: 'danger' },
  misfit: { label: 'reviewQueue.misfit', tone: 'danger' },
};

/**
 * Passages the workbench could not place for certain after the text changed: moved ones wait here for
 * the analyst to confirm, with the words that changed marked; lost ones keep their quote and note
 * until re-selected or deleted; and any whose stored place does not fit the text shown (it belongs to
 * another version of it) are listed rather than painted on the wrong words.
 */
export function ReviewQueue({
  annotations,
  text,
  misfits,
  lookups,
  reselectingId,
  onShow,
  onAccept,
  onReselect,
  onDelete,
}: ReviewQueueProps) {
  const t = useT();
  const queue = useMemo(
    () =>
      annotations
        .map((a) => ({
          a,
          kind: (misfits.has(a.id)
            ? 'misfit'
            : a.anchor === 'drifted'
              ? 'moved'
              : a.anchor === 'orphaned'
                ? 'lost'
                : null) as Kind | null,
        }))
        .filter((entry): entry is { a: Annotation; kind: Kind } => entry.kind !== null),
    [annotations, misfits],
  );
  if (queue.length === 0) {
    return <p className="muted empty">{t('reviewQueue.empty')}</p>;
  }
  return (
    <ol className="passage-list review" aria-label={t('reviewQueue.label')}>
      {queue.map(({ a, kind }) => {
        const now = kind === 'moved' ? text.slice(a.position.start, a.position.end) : '';
        return (
          <li key={a.id} className="review-item">
            <p>
              <span className={`badge ${BADGE[kind].tone}`}>{t(BADGE[kind].label)}</span>
            </p>
            <p className="passage-quote" dir="auto">
              <span className="muted">{t('reviewQueue.coded')} </span>
              {a.quote.exact}
            </p>
            {kind === 'moved' && now !== a.quote.exact && (
              <p className="passage-quote" dir="auto">
                <span className="muted">{t('reviewQueue.found')} </span>
                <WordChanges changes={wordDiff(a.quote.exact, now)} />
              </p>
            )}
            {kind === 'misfit' && <p className="muted">{t('reviewQueue.misfitText')}</p>}
            <TagChips tagIds={a.tagIds} lookups={lookups} />
            {a.note && (
              <p className="passage-note" dir="auto">
                {a.note}
              </p>
            )}
            <div className="button-row">
              {kind === 'moved' && (
                <>
                  <button type="button" onClick={() => onShow(a)}>
                    {t('reviewQueue.show')}
                  </button>
                  <button type="button" className="primary" onClick={() => onAccept(a)}>
                    {t('reviewQueue.accept')}
                  </button>
                </>
              )}
              {reselectingId === a.id ? (
                <button type="button" onClick={() => onReselect(null)}>
                  {t('reviewQueue.stopReselect')}
                </button>
              ) : (
                <button type="button" onClick={() => onReselect(a)}>
                  {t('reviewQueue.reselect')}
                </button>
              )}
              <button type="button" className="danger" onClick={() => onDelete(a)}>
                {t('common.delete')}
              </button>
            </div>
            {reselectingId === a.id && <p className="hint">{t('reviewQueue.reselectHint')}</p>}
          </li>
        );
      })}
    </ol>
  );
}
