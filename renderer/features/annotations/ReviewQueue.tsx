import type { Annotation } from '../../../shared/domain/annotation';
import { TagChips } from './AnnotationList';
import type { Lookups } from './useLookups';

interface ReviewQueueProps {
  annotations: Annotation[];
  text: string;
  lookups: Lookups;
  reselectingId: string | null;
  onShow: (a: Annotation) => void;
  onAccept: (a: Annotation) => void;
  onReselect: (a: Annotation | null) => void;
  onDelete: (a: Annotation) => void;
}

/**
 * Passages the workbench could not place for certain after the text changed: moved ones wait here for
 * the analyst to confirm; lost ones keep their quote and note until re-selected or deleted.
 */
export function ReviewQueue({ annotations, text, lookups, reselectingId, onShow, onAccept, onReselect, onDelete }: ReviewQueueProps) {
  const queue = annotations.filter((a) => a.anchor !== 'anchored');
  if (queue.length === 0) {
    return <p className="muted empty">Nothing to review. When a source’s text changes, passages that moved or could not be found are listed here.</p>;
  }
  return (
    <ol className="passage-list review" aria-label="Review queue">
      {queue.map((a) => {
        const now = text.slice(a.position.start, a.position.end);
        return (
          <li key={a.id} className="review-item">
            <p>
              <span className={`badge ${a.anchor === 'drifted' ? 'warning' : 'danger'}`}>{a.anchor === 'drifted' ? 'Moved' : 'Not found'}</span>
            </p>
            <p className="passage-quote" dir="auto">
              <span className="muted">Coded: </span>
              {a.quote.exact}
            </p>
            {a.anchor === 'drifted' && now !== a.quote.exact && (
              <p className="passage-quote" dir="auto">
                <span className="muted">Found: </span>
                {now}
              </p>
            )}
            <TagChips tagIds={a.tagIds} lookups={lookups} />
            {a.note && <p className="passage-note" dir="auto">{a.note}</p>}
            <div className="button-row">
              {a.anchor === 'drifted' && (
                <>
                  <button type="button" onClick={() => onShow(a)}>
                    Show
                  </button>
                  <button type="button" className="primary" onClick={() => onAccept(a)}>
                    Accept
                  </button>
                </>
              )}
              {reselectingId === a.id ? (
                <button type="button" onClick={() => onReselect(null)}>
                  Stop re-selecting
                </button>
              ) : (
                <button type="button" onClick={() => onReselect(a)}>
                  Re-select
                </button>
              )}
              <button type="button" className="danger" onClick={() => onDelete(a)}>
                Delete
              </button>
            </div>
            {reselectingId === a.id && <p className="hint">Select the passage in the reader, then release the mouse or press A.</p>}
          </li>
        );
      })}
    </ol>
  );
}
