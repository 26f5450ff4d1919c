import { useEffect, useId, useRef, useState } from 'react';
import type { PlannedPassage, TextChangePlan } from '../../../shared/domain/text-change-plan';
import { WordChanges } from '../annotations';
import { lostLine, movedLine, staysLine } from './replacement-words';
import { useFocusHold } from '../../ui/useFocusHold';
import { useT } from '../../i18n';

const shorten = (text: string, max = 240): string => (text.length > max ? `${text.slice(0, max)}…` : text);

function MovedPassage({ passage }: { passage: PlannedPassage }) {
  const t = useT();
  const sameWords = passage.nowReads === passage.quote;
  return (
    <li className="plan-item">
      <p className="passage-quote" dir="auto">
        {sameWords ? shorten(passage.quote) : <WordChanges changes={passage.changes ?? []} />}
      </p>
      <p className="plan-why muted">{sameWords ? t('textChange.sameWords') : t('textChange.wordsChanged')}</p>
    </li>
  );
}

/**
 * What a change of text does to a source's passages, before it is made: counts of those that stay,
 * move and cannot be found; each moved passage with its changed words marked; each lost one by its
 * quote. Passages that stay are listed on request (a book may carry thousands).
 */
export function TextChangePlanView({ plan }: { plan: TextChangePlan }) {
  const t = useT();
  const [showStaying, setShowStaying] = useState(false);
  const moved = plan.passages.filter((p) => p.outcome === 'moves');
  const lost = plan.passages.filter((p) => p.outcome === 'lost');
  const staying = plan.passages.filter((p) => p.outcome === 'stays');
  const headingId = useId();
  if (plan.passages.length === 0) return <p className="muted plan-none">{t('textChange.noPassages')}</p>;
  return (
    <section className="text-change-plan" aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        {t('textChange.whatHappens')}
      </h3>
      <ul className="plan-counts" aria-label={t('textChange.after')}>
        <li className="plan-count stays">{staysLine(plan.counts.stays)}</li>
        <li className={`plan-count moves${plan.counts.moves ? ' some' : ''}`}>{movedLine(plan.counts.moves)}</li>
        <li className={`plan-count lost${plan.counts.lost ? ' some' : ''}`}>{lostLine(plan.counts.lost)}</li>
      </ul>
      <div className="plan-lists">
        {moved.length > 0 && (
          <section aria-label={t('textChange.moveLabel')}>
            <h4>{t('textChange.movedHeading')}</h4>
            <ol className="plan-list">
              {moved.map((p) => (
                <MovedPassage key={p.id} passage={p} />
              ))}
            </ol>
          </section>
        )}
        {lost.length > 0 && (
          <section aria-label={t('textChange.lostLabel')}>
            <h4>{t('textChange.lostHeading')}</h4>
            <ol className="plan-list">
              {lost.map((p) => (
                <li key={p.id} className="plan-item">
                  <p className="passage-quote" dir="auto">
                    {shorten(p.quote)}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        )}
        {staying.length > 0 && (
          <details className="plan-staying" onToggle={(e) => setShowStaying(e.currentTarget.open)}>
            <summary>{t('textChange.showStaying', { count: staying.length })}</summary>
            {showStaying && (
              <ol className="plan-list" aria-label={t('textChange.stayLabel')}>
                {staying.map((p) => (
                  <li key={p.id} className="plan-item">
                    <p className="passage-quote" dir="auto">
                      {shorten(p.quote, 160)}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </details>
        )}
      </div>
    </section>
  );
}

/** A change of a source's text waiting for the analyst's Apply or Cancel. */
export interface PendingTextChange {
  /** e.g. Replace the text of “…”? */
  title: string;
  /** One sentence on what the new text is. */
  description: string;
  applyLabel: string;
  plan: TextChangePlan;
  /** Why the preview is shown again (it was outdated when applied), if it is. */
  warning?: string;
}

interface TextChangeDialogProps {
  change: PendingTextChange | null;
  onApply: () => Promise<void>;
  onCancel: () => void;
}

/**
 * See before you replace: the plan of a text change, with Apply and Cancel. Focus starts on Apply
 * (Enter applies: the change is one step for Ctrl+Z), Escape cancels.
 */
export function TextChangeDialog({ change, onApply, onCancel }: TextChangeDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, change !== null);
  const apply = useRef<HTMLButtonElement>(null);
  const [applying, setApplying] = useState(false);
  const open = change !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first control (a list's disclosure); the decision is the point here.
      apply.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const run = async () => {
    setApplying(true);
    try {
      await onApply();
    } finally {
      setApplying(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog wide text-change-dialog"
      aria-labelledby="text-change-title"
      aria-describedby="text-change-description"
      onCancel={(e) => {
        e.preventDefault();
        if (!applying) onCancel();
      }}
    >
      {change && (
        <>
          <h2 id="text-change-title" dir="auto">
            {change.title}
          </h2>
          <p id="text-change-description" className="dialog-text">
            {change.description}
          </p>
          {change.warning && (
            <p className="plan-warning" role="alert">
              {change.warning}
            </p>
          )}
          <TextChangePlanView plan={change.plan} />
          <p className="muted plan-undo">{t('textChange.undo')}</p>
          <div className="dialog-actions">
            <button type="button" disabled={applying} onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <button
              ref={apply}
              type="button"
              className="primary"
              disabled={applying}
              onClick={() => void run().catch(() => undefined)}
            >
              {applying ? t('textChange.applying') : change.applyLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
