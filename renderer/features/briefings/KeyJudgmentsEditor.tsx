import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import type { KeyJudgment, Recommendation } from '../../../shared/domain/briefing';
import type { Source } from '../../../shared/domain/source';
import { Confidence } from '../../../shared/domain/threat';
import { db } from '../../db';
import { focusWhenPresent } from '../desktop';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
const clip = (s: string, n = 180) => (s.length > n ? `${s.slice(0, n)}…` : s);

interface PassagePickerProps {
  /** What the passage is for, e.g. "key judgment 1". */
  name: string;
  exclude: readonly string[];
  sources: Map<string, Source>;
  onPick: (annotationId: string) => void;
}

/** Finds coded passages by their words or note and links one as evidence. */
function PassagePicker({ name, exclude, sources, onPick }: PassagePickerProps) {
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
        aria-label={`Find evidence for ${name}`}
        placeholder="Find a passage to cite (two letters or more)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        dir="auto"
      />
      {candidates && candidates.length > 0 && (
        <ul className="picker-results" aria-label={`Passages found for ${name}`}>
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
                Cite
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim().length >= 2 && candidates?.length === 0 && (
        <p className="muted small">No passage matches “{query}”.</p>
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
  const patch = (index: number, fields: Partial<KeyJudgment>) =>
    onChange(judgments.map((kj, i) => (i === index ? { ...kj, ...fields } : kj)));
  return (
    <div className="kj-editor">
      {judgments.length === 0 && (
        <p className="muted small">
          No key judgments yet. Write the briefing’s bottom line first, each with its confidence and the passages behind
          it.
        </p>
      )}
      <ol className="kj-list">
        {judgments.map((kj, index) => {
          const name = `key judgment ${index + 1}`;
          return (
            <li key={kj.id} className="kj-item" aria-label={`Key judgment ${index + 1}`}>
              <div className="field">
                <label htmlFor={`kj-${kj.id}`}>Key judgment {index + 1}</label>
                <textarea
                  id={`kj-${kj.id}`}
                  rows={3}
                  value={kj.text}
                  dir="auto"
                  placeholder="We assess that …"
                  onChange={(e) => patch(index, { text: e.target.value })}
                />
              </div>
              <div className="button-row">
                <label className="inline-field">
                  Confidence
                  <select
                    aria-label={`Confidence of ${name}`}
                    value={kj.confidence}
                    onChange={(e) => patch(index, { confidence: Confidence.parse(e.target.value) })}
                  >
                    <option value="low">Low</option>
                    <option value="moderate">Moderate</option>
                    <option value="high">High</option>
                  </select>
                </label>
                <span className="spacer" />
                <button
                  type="button"
                  className="ghost icon"
                  aria-label={`Move ${name} up`}
                  disabled={index === 0}
                  onClick={() => onChange(swap(judgments, index, index - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="ghost icon"
                  aria-label={`Move ${name} down`}
                  disabled={index === judgments.length - 1}
                  onClick={() => onChange(swap(judgments, index, index + 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Remove ${name}`}
                  onClick={() => onChange(judgments.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </div>
              <p className="kj-evidence-title">Evidence ({kj.passageIds.length})</p>
              {kj.passageIds.length === 0 && (
                <p className="badge warning block">No passage supports this judgment yet.</p>
              )}
              <ul className="kj-evidence" aria-label={`Evidence for ${name}`}>
                {kj.passageIds.map((id) => {
                  const a = annotations.get(id);
                  return (
                    <li key={id}>
                      <span className="picker-quote" dir="auto">
                        {a ? clip(a.quote.exact, 140) : 'This passage is no longer in the workspace.'}
                      </span>
                      {a && <span className="muted small">{sources.get(a.sourceId)?.title}</span>}
                      <button
                        type="button"
                        className="ghost"
                        aria-label={`Remove passage from ${name}`}
                        onClick={() => patch(index, { passageIds: kj.passageIds.filter((x) => x !== id) })}
                      >
                        ×
                      </button>
                    </li>
                  );
                })}
              </ul>
              <PassagePicker
                name={name}
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
        Add key judgment
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
  const written = judgments.filter((kj) => kj.text.trim());
  return (
    <div className="rec-editor">
      <ol className="rec-list">
        {recommendations.map((r, index) => (
          <li key={r.id}>
            <div className="field">
              <label htmlFor={`rec-${r.id}`}>Recommendation {index + 1}</label>
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
                <legend>Follows from</legend>
                {written.map((kj, k) => (
                  <label key={kj.id} className="check" title={kj.text}>
                    <input
                      type="checkbox"
                      aria-label={`Recommendation ${index + 1} follows from key judgment ${k + 1}`}
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
                    Key judgment {k + 1}
                  </label>
                ))}
              </fieldset>
            )}
            <div className="button-row">
              <span className="spacer" />
              <button
                type="button"
                className="ghost icon"
                aria-label={`Move recommendation ${index + 1} up`}
                disabled={index === 0}
                onClick={() => onChange(swap(recommendations, index, index - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost icon"
                aria-label={`Move recommendation ${index + 1} down`}
                disabled={index === recommendations.length - 1}
                onClick={() => onChange(swap(recommendations, index, index + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Remove recommendation ${index + 1}`}
                onClick={() => onChange(recommendations.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onChange([...recommendations, { id: crypto.randomUUID(), text: '', judgmentIds: [] }])}
      >
        Add recommendation
      </button>
    </div>
  );
}
