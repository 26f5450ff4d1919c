import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import type { KeyJudgment, Recommendation } from '../../../shared/domain/briefing';
import type { Source } from '../../../shared/domain/source';
import { Confidence } from '../../../shared/domain/threat';
import { db } from '../../db';
import { focusWhenPresent } from '../desktop';
import { useT } from '../../i18n';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const clip = (s: string, n = 180) => (s.length > n ? `${s.slice(0, n)}…` : s);

interface PassagePickerProps {
  /** The key judgment's number (from 1) the passage is for. */
  number: number;
  exclude: readonly string[];
  sources: Map<string, Source>;
  onPick: (annotationId: string) => void;
}

/** Finds coded passages by their words or note and links one as evidence. */
function PassagePicker({ number, exclude, sources, onPick }: PassagePickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const candidates = useLiveQuery(async () => {
    const q = fold(query.trim());
    if (q.length < 2) return [];
    return db.annotations
      .filter((a) => !exclude.includes(a.id) && fold(`${a.quote.exact} ${a.note}`).includes(q))
      .limit(12)
      .toArray();
  }, [query, exclude.join(',')]);
  return (
    <div className="passage-picker">
      <input
        type="search"
        aria-label={t('briefings.kj.findFor', { n: number })}
        placeholder={t('briefings.kj.findPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        dir="auto"
      />
      {candidates && candidates.length > 0 && (
        <ul className="picker-results" aria-label={t('briefings.kj.foundFor', { n: number })}>
          {candidates.map((a) => (
            <li key={a.id}>
              <span className="picker-quote" dir="auto">
                {clip(a.quote.exact)}
              </span>
              <span className="muted small">{sources.get(a.sourceId)?.title}</span>
              <button
                type="button"
                onClick={() => {
                  onPick(a.id);
                  setQuery('');
                }}
              >
                {t('briefings.kj.cite')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim().length >= 2 && candidates?.length === 0 && (
        <p className="muted small">{t('briefings.kj.noMatch', { query })}</p>
      )}
    </div>
  );
}

interface KeyJudgmentsEditorProps {
  judgments: KeyJudgment[];
  annotations: Map<string, Annotation>;
  sources: Map<string, Source>;
  onChange: (judgments: KeyJudgment[]) => void;
}

/** Key judgments come first in a briefing: each with the analyst's words, a confidence level and its evidence. */
export function KeyJudgmentsEditor({ judgments, annotations, sources, onChange }: KeyJudgmentsEditorProps) {
  const t = useT();
  const patch = (index: number, fields: Partial<KeyJudgment>) =>
    onChange(judgments.map((kj, i) => (i === index ? { ...kj, ...fields } : kj)));
  return (
    <div className="kj-editor">
      {judgments.length === 0 && <p className="muted small">{t('briefings.kj.none')}</p>}
      <ol className="kj-list">
        {judgments.map((kj, index) => {
          const n = index + 1;
          return (
            <li key={kj.id} className="kj-item" aria-label={t('briefings.kj.label', { n })}>
              <div className="field">
                <label htmlFor={`kj-${kj.id}`}>{t('briefings.kj.label', { n })}</label>
                <textarea
                  id={`kj-${kj.id}`}
                  rows={3}
                  value={kj.text}
                  dir="auto"
                  placeholder={t('briefings.kj.placeholder')}
                  onChange={(e) => patch(index, { text: e.target.value })}
                />
              </div>
              <div className="button-row">
                <label className="inline-field">
                  {t('register.columns.confidence')}
                  <select
                    aria-label={t('briefings.kj.confidenceOf', { n })}
                    value={kj.confidence}
                    onChange={(e) => patch(index, { confidence: Confidence.parse(e.target.value) })}
                  >
                    {Confidence.options.map((level) => (
                      <option key={level} value={level}>
                        {capital(t(`register.confidence.${level}`))}
                      </option>
                    ))}
                  </select>
                </label>
                <span className="spacer" />
                <button
                  type="button"
                  className="ghost icon"
                  aria-label={t('briefings.kj.up', { n })}
                  disabled={index === 0}
                  onClick={() => onChange(swap(judgments, index, index - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="ghost icon"
                  aria-label={t('briefings.kj.down', { n })}
                  disabled={index === judgments.length - 1}
                  onClick={() => onChange(swap(judgments, index, index + 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={t('briefings.kj.remove', { n })}
                  onClick={() => onChange(judgments.filter((_, i) => i !== index))}
                >
                  {t('briefings.kj.removeButton')}
                </button>
              </div>
              <p className="kj-evidence-title">{t('register.evidence.heading', { count: kj.passageIds.length })}</p>
              {kj.passageIds.length === 0 && <p className="badge warning block">{t('briefings.kj.noEvidence')}</p>}
              <ul className="kj-evidence" aria-label={t('briefings.kj.evidenceFor', { n })}>
                {kj.passageIds.map((id) => {
                  const a = annotations.get(id);
                  return (
                    <li key={id}>
                      <span className="picker-quote" dir="auto">
                        {a ? clip(a.quote.exact, 140) : t('briefings.kj.gone')}
                      </span>
                      {a && <span className="muted small">{sources.get(a.sourceId)?.title}</span>}
                      <button
                        type="button"
                        className="ghost"
                        aria-label={t('briefings.kj.removePassage', { n })}
                        onClick={() => patch(index, { passageIds: kj.passageIds.filter((x) => x !== id) })}
                      >
                        ×
                      </button>
                    </li>
                  );
                })}
              </ul>
              <PassagePicker
                number={n}
                exclude={kj.passageIds}
                sources={sources}
                onPick={(id) => patch(index, { passageIds: [...kj.passageIds, id] })}
              />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => {
          const id = crypto.randomUUID();
          onChange([...judgments, { id, text: '', confidence: 'moderate', passageIds: [] }]);
          // The new judgment's field takes the focus, so typing goes there (not another Space on the button).
          focusWhenPresent(`#kj-${CSS.escape(id)}`);
        }}
      >
        {t('briefings.kj.add')}
      </button>
    </div>
  );
}

function swap<T>(items: T[], a: number, b: number): T[] {
  const next = [...items];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}

interface RecommendationsEditorProps {
  recommendations: Recommendation[];
  /** The briefing's key judgments, which a recommendation may follow from. */
  judgments: KeyJudgment[];
  onChange: (recommendations: Recommendation[]) => void;
}

export function RecommendationsEditor({ recommendations, judgments, onChange }: RecommendationsEditorProps) {
  const t = useT();
  const written = judgments.filter((kj) => kj.text.trim());
  return (
    <div className="rec-editor">
      <ol className="rec-list">
        {recommendations.map((r, index) => (
          <li key={r.id}>
            <div className="field">
              <label htmlFor={`rec-${r.id}`}>{t('briefings.rec.label', { n: index + 1 })}</label>
              <textarea
                id={`rec-${r.id}`}
                rows={2}
                value={r.text}
                dir="auto"
                onChange={(e) =>
                  onChange(recommendations.map((x, i) => (i === index ? { ...x, text: e.target.value } : x)))
                }
              />
            </div>
            {written.length > 0 && (
              <fieldset className="check-group rec-basis">
                <legend>{t('briefings.rec.followsFrom')}</legend>
                {written.map((kj, k) => (
                  <label key={kj.id} className="check" title={kj.text}>
                    <input
                      type="checkbox"
                      aria-label={t('briefings.rec.follows', { n: index + 1, k: k + 1 })}
                      checked={r.judgmentIds.includes(kj.id)}
                      onChange={(e) =>
                        onChange(
                          recommendations.map((x, i) =>
                            i === index
                              ? {
                                  ...x,
                                  judgmentIds: e.target.checked
                                    ? [...x.judgmentIds, kj.id]
                                    : x.judgmentIds.filter((id) => id !== kj.id),
                                }
                              : x,
                          ),
                        )
                      }
                    />
                    {t('briefings.kj.label', { n: k + 1 })}
                  </label>
                ))}
              </fieldset>
            )}
            <div className="button-row">
              <span className="spacer" />
              <button
                type="button"
                className="ghost icon"
                aria-label={t('briefings.rec.up', { n: index + 1 })}
                disabled={index === 0}
                onClick={() => onChange(swap(recommendations, index, index - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost icon"
                aria-label={t('briefings.rec.down', { n: index + 1 })}
                disabled={index === recommendations.length - 1}
                onClick={() => onChange(swap(recommendations, index, index + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="danger"
                aria-label={t('briefings.rec.remove', { n: index + 1 })}
                onClick={() => onChange(recommendations.filter((_, i) => i !== index))}
              >
                {t('briefings.kj.removeButton')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onChange([...recommendations, { id: crypto.randomUUID(), text: '', judgmentIds: [] }])}
      >
        {t('briefings.rec.add')}
      </button>
    </div>
  );
}
