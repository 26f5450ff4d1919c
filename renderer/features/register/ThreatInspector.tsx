import { RatingSelects } from '../common/RatingSelects';
import { useLiveQuery } from 'dexie-react-hooks';
import { bandOf, impactWords, likelihoodWords } from '../../../shared/domain/scoring';
import type { Register, Threat } from '../../../shared/domain/threat';
import { db, updateThreat } from '../../db';
import { notDemoCreation } from '../../db/seed';
import { useWorkbench } from '../../stores';
import { EditableText } from '../common/EditableText';
import { useUnsavedGuard } from '../common/useUnsavedGuard';
import { formatDateTime } from '../common/format';
import { EvidencePanel } from './EvidencePanel';
import { useState } from 'react';

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

export function ThreatInspector({ threat, register }: { threat: Threat; register: Register }) {
  const trackSave = useWorkbench((s) => s.trackSave);
  const actors = useLiveQuery(() => db.actors.bulkGet(threat.actorIds), [threat.actorIds.join()]);
  const history = useLiveQuery(
    // The demo's creation is not a change the analyst made: the history lists changes since.
    () => db.revisions.where('[entity+entityId]').equals(['threat', threat.id]).filter(notDemoCreation).reverse().sortBy('at'),
    [threat.id],
  );
  const levels = register.scale.levels;
  const band = bandOf(threat.score, register.scale.bands);
  const recordUndo = useWorkbench((s) => s.recordUndo);
  const save = async (patch: Partial<Threat>, rationale?: string) => {
    const before = threat;
    const after = await trackSave(() => updateThreat(db, threat.id, patch, rationale));
    const fields = Object.keys(patch) as (keyof Threat)[];
    const old = Object.fromEntries(fields.map((f) => [f, before[f]]));
    recordUndo({ label: `edit “${before.title}”`, undo: () => updateThreat(db, threat.id, old), redo: () => updateThreat(db, threat.id, patch, rationale) });
    return after;
  };
  const [rating, setRating] = useState<{ likelihood: number; impact: number; rationale: string } | null>(null);
  const ratingDirty = rating !== null && (rating.rationale.trim() !== '' || rating.likelihood !== threat.likelihood || rating.impact !== threat.impact);
  const { confirmDiscard } = useUnsavedGuard(ratingDirty, rating?.rationale.trim() ? 'Discard the rationale you typed?' : 'Discard the new rating?');

  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">Threat</h2>
      <EditableText label="Title" value={threat.title} validate={(v) => (v ? null : 'A threat needs a title.')} onCommit={(title) => save({ title })} />
      <EditableText label="Description" value={threat.description} multiline onCommit={(description) => save({ description })} />
      <dl className="facts">
        <dt>Score</dt>
        <dd>
          <span className={`band band-${band}`}>{threat.score}</span> {band}
        </dd>
        <dt>Likelihood</dt>
        <dd>
          {threat.likelihood} · {likelihoodWords(threat.likelihood, levels)}
        </dd>
        <dt>Impact</dt>
        <dd>
          {threat.impact} · {impactWords(threat.impact, levels)}{' '}
          {!rating && (
            <button type="button" className="link" onClick={() => setRating({ likelihood: threat.likelihood, impact: threat.impact, rationale: '' })}>
              Change rating…
            </button>
          )}
        </dd>
        <dt>Category</dt>
        <dd className="capitalise">{threat.category}</dd>
        <dt>Trend</dt>
        <dd className="capitalise">{threat.trend}</dd>
        <dt>Confidence</dt>
        <dd className="capitalise">{threat.confidence}</dd>
        <dt>Status</dt>
        <dd className="capitalise">{threat.status}</dd>
        <dt>Affected</dt>
        <dd>{show(threat.countryCodes)}</dd>
        <dt>Actors</dt>
        <dd>{show(actors?.flatMap((a) => (a ? [a.name] : [])))}</dd>
      </dl>
      {rating && (
        <form
          className="rating-form"
          aria-label="Change rating"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            void confirmDiscard().then((discard) => discard && setRating(null));
          }}
          onSubmit={(e) => {
            e.preventDefault();
            void save({ likelihood: rating.likelihood, impact: rating.impact }, rating.rationale.trim() || undefined).then(() => setRating(null), () => undefined);
          }}
        >
          <RatingSelects levels={levels} likelihood={rating.likelihood} impact={rating.impact} onChange={(r) => setRating({ ...rating, ...r })} />
          <div className="field">
            <label htmlFor="rating-rationale">Rationale</label>
            <textarea id="rating-rationale" rows={2} value={rating.rationale} onChange={(e) => setRating({ ...rating, rationale: e.target.value })} placeholder="What changed your assessment?" />
          </div>
          <div className="button-row">
            <button type="submit" className="primary">
              Apply
            </button>
            <button type="button" onClick={() => void confirmDiscard().then((discard) => discard && setRating(null))}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <EvidencePanel threat={threat} />
      <h3>Indicators</h3>
      {threat.indicators.length ? (
        <ul className="bullets">
          {threat.indicators.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None recorded.</p>
      )}
      <h3>Mitigations</h3>
      {threat.mitigations.length ? (
        <ul className="bullets">
          {threat.mitigations.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None recorded.</p>
      )}
      <h3>History</h3>
      {history && history.length > 0 ? (
        <ol className="history" aria-label="History">
          {history.map((r) => (
            <li key={r.id}>
              <span className="muted">{formatDateTime(r.at)}</span> <strong>{r.field}</strong>: <span className="before">{show(r.before)}</span> →{' '}
              <span className="after">{show(r.after)}</span>
              {r.rationale && <span className="rationale-text"> — “{r.rationale}”</span>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No changes since the threat was created.</p>
      )}
    </div>
  );
}
