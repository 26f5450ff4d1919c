import { RatingSelects } from '../../ui/RatingSelects';
import { useLiveQuery } from 'dexie-react-hooks';
import { bandOf, impactWords, likelihoodWords } from '../../../shared/domain/scoring';
import type { Register, Threat } from '../../../shared/domain/threat';
import { db } from '../../db';
import { notDemoCreation } from '../../db/seed';
import type { ThreatPatch } from '../../db/threats';
import { workspace } from '../../workspace';
import { rateThreat, updateThreat } from '../../workspace/commands/threats';
import { EditableText } from '../../ui/EditableText';
import { useUnsavedGuard } from '../../ui/useUnsavedGuard';
import { formatDateTime } from '../../ui/format';
import { EvidencePanel } from './EvidencePanel';
import { threatHistory, type HistoryFieldChange } from './threat-history';
import { NOT_RATED_LABEL } from './columns';
import { useMemo, useState } from 'react';

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** A value in the history: actors by name, long text cut short so the list stays readable. */
function shown(change: HistoryFieldChange, value: unknown, actorName: (id: string) => string): string {
  if (change.field === 'actorIds' && Array.isArray(value)) return show(value.map((id) => actorName(String(id))));
  const text = show(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export function ThreatInspector({
  threat,
  register,
  actorNames,
}: {
  threat: Threat;
  register: Register;
  actorNames?: ReadonlyMap<string, { name: string }>;
}) {
  const actors = useLiveQuery(() => db.actors.bulkGet(threat.actorIds), [threat.actorIds.join()]);
  const revisions = useLiveQuery(
    () => db.revisions.where('[entity+entityId]').equals(['threat', threat.id]).filter(notDemoCreation).toArray(),
    [threat.id],
  );
  const history = useMemo(() => (revisions ? threatHistory(revisions) : undefined), [revisions]);
  const actorName = (id: string) => actorNames?.get(id)?.name ?? id;
  const levels = register.scale.levels;
  const band = threat.score === undefined ? null : bandOf(threat.score, register.scale.bands);
  // Rejects when refused (already reported), so the field puts its saved value back.
  const save = (patch: ThreatPatch) => workspace.perform(updateThreat, { id: threat.id, patch });
  const [rating, setRating] = useState<{ likelihood: number; impact: number; rationale: string } | null>(null);
  const ratingDirty =
    rating !== null &&
    (rating.rationale.trim() !== '' || rating.likelihood !== threat.likelihood || rating.impact !== threat.impact);
  const { confirmDiscard } = useUnsavedGuard(
    ratingDirty,
    rating?.rationale.trim() ? 'Discard the rationale you typed?' : 'Discard the new rating?',
  );

  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">Threat</h2>
      <EditableText
        label="Title"
        value={threat.title}
        validate={(v) => (v ? null : 'A threat needs a title.')}
        onCommit={(title) => save({ title })}
      />
      <EditableText
        label="Description"
        value={threat.description}
        multiline
        onCommit={(description) => save({ description })}
      />
      <dl className="facts">
        <dt>Score</dt>
        <dd>
          {band ? (
            <>
              <span className={`band band-${band}`}>{threat.score}</span> {band}
            </>
          ) : (
            <span className="band band-unrated">{NOT_RATED_LABEL}</span>
          )}
        </dd>
        <dt>Likelihood</dt>
        <dd>
          {threat.likelihood === undefined
            ? NOT_RATED_LABEL
            : `${threat.likelihood} · ${likelihoodWords(threat.likelihood, levels)}`}
        </dd>
        <dt>Impact</dt>
        <dd>
          {threat.impact === undefined ? NOT_RATED_LABEL : `${threat.impact} · ${impactWords(threat.impact, levels)}`}{' '}
          {!rating && (
            <button
              type="button"
              className="link"
              onClick={() =>
                // A first rating starts the form in the middle of the scale; nothing is saved until Save.
                setRating({
                  likelihood: threat.likelihood ?? Math.ceil(levels / 2),
                  impact: threat.impact ?? Math.ceil(levels / 2),
                  rationale: '',
                })
              }
            >
              {band ? 'Change rating…' : 'Rate…'}
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
            void workspace
              .attempt(rateThreat, {
                id: threat.id,
                likelihood: rating.likelihood,
                impact: rating.impact,
                rationale: rating.rationale,
              })
              .then((rated) => rated && setRating(null));
          }}
        >
          <RatingSelects
            levels={levels}
            likelihood={rating.likelihood}
            impact={rating.impact}
            onChange={(r) => setRating({ ...rating, ...r })}
          />
          <div className="field">
            <label htmlFor="rating-rationale">Rationale</label>
            <textarea
              id="rating-rationale"
              rows={2}
              value={rating.rationale}
              onChange={(e) => setRating({ ...rating, rationale: e.target.value })}
              placeholder="What changed your assessment?"
            />
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
          {history.map((entry) => (
            <li key={entry.key}>
              <span className="muted">{formatDateTime(entry.at)}</span>{' '}
              {entry.headline && <strong>{entry.headline}</strong>}
              {entry.fields.map((change, i) => (
                <span key={change.field} className="history-change">
                  {i > 0 || entry.headline ? '; ' : ''}
                  {change.label} <span className="before">{shown(change, change.before, actorName)}</span> →{' '}
                  <span className="after">{shown(change, change.after, actorName)}</span>
                </span>
              ))}
              {entry.rationale && <span className="rationale-text"> — “{entry.rationale}”</span>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No changes since the threat was created.</p>
      )}
    </div>
  );
}
