import { RatingSelects } from '../../ui/RatingSelects';
import { useLiveQuery } from 'dexie-react-hooks';
import { bandOf } from '../../../shared/domain/scoring';
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
import { columnLabel, impactLabel, likelihoodLabel, notRatedLabel, valueLabel } from './columns';
import { useT } from '../../i18n';
import { memo, useMemo, useState } from 'react';

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

/**
 * What was changed on the threat, when and why (its revisions), newest first. A live query of its own:
 * moving to the next threat (Enter in the grid moves down) renders the inspector once, and the answer
 * that follows from IndexedDB re-renders these lines instead of the whole inspector again. Keyed by the
 * threat: a live query keeps its last answer until the new one comes, which showed the previous threat's
 * history under the next one's title for a moment (and took it out a frame later).
 */
const ThreatHistory = memo(function ThreatHistory({
  threatId,
  actorNames,
}: {
  threatId: string;
  actorNames?: ReadonlyMap<string, { name: string }>;
}) {
  const t = useT();
  // One request for the threat's revisions, the demo's own creation left out here: a Dexie filter walks
  // them with a cursor instead, one IndexedDB round trip (and one task) per revision, after every move
  // to the next threat.
  const revisions = useLiveQuery(
    async () =>
      (await db.revisions.where('[entity+entityId]').equals(['threat', threatId]).toArray()).filter(notDemoCreation),
    [threatId],
  );
  const history = useMemo(() => (revisions ? threatHistory(revisions) : undefined), [revisions]);
  const actorName = (id: string) => actorNames?.get(id)?.name ?? id;
  return (
    <>
      <h3>{t('register.inspector.history')}</h3>
      {history && history.length > 0 ? (
        <ol className="history" aria-label={t('register.inspector.history')}>
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
        <p className="muted">{t('register.inspector.noHistory')}</p>
      )}
    </>
  );
});

/** Memoised: the register view renders on every sort, filter and edit elsewhere in the register. */
export const ThreatInspector = memo(function ThreatInspector({
  threat,
  register,
  actorNames,
}: {
  threat: Threat;
  register: Register;
  actorNames?: ReadonlyMap<string, { name: string }>;
}) {
  const t = useT();
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
    rating?.rationale.trim() ? t('register.inspector.discardRationale') : t('register.inspector.discardRating'),
  );

  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">{t('register.columns.title')}</h2>
      {/* Keyed by the threat: a field follows a new value in an effect, so moving to the next threat showed
          the previous one's title and description for a frame, then rendered and laid them out again. */}
      <EditableText
        key={`${threat.id}:title`}
        label={t('register.inspector.title')}
        value={threat.title}
        validate={(v) => (v ? null : t('register.inspector.needsTitle'))}
        onCommit={(title) => save({ title })}
      />
      <EditableText
        key={`${threat.id}:description`}
        label={columnLabel('description')}
        value={threat.description}
        multiline
        onCommit={(description) => save({ description })}
      />
      <dl className="facts">
        <dt>{columnLabel('score')}</dt>
        <dd>
          {band ? (
            <>
              <span className={`band band-${band}`}>{threat.score}</span> {valueLabel('band', band)}
            </>
          ) : (
            <span className="band band-unrated">{notRatedLabel()}</span>
          )}
        </dd>
        <dt>{columnLabel('likelihood')}</dt>
        <dd>
          {threat.likelihood === undefined
            ? notRatedLabel()
            : `${threat.likelihood} · ${likelihoodLabel(threat.likelihood, levels)}`}
        </dd>
        <dt>{columnLabel('impact')}</dt>
        <dd>
          {threat.impact === undefined ? notRatedLabel() : `${threat.impact} · ${impactLabel(threat.impact, levels)}`}{' '}
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
              {band ? t('register.inspector.changeRating') : t('register.inspector.rate')}
            </button>
          )}
        </dd>
        <dt>{columnLabel('category')}</dt>
        <dd className="capitalise">{valueLabel('category', threat.category)}</dd>
        <dt>{columnLabel('trend')}</dt>
        <dd className="capitalise">{valueLabel('trend', threat.trend)}</dd>
        <dt>{columnLabel('confidence')}</dt>
        <dd className="capitalise">{valueLabel('confidence', threat.confidence)}</dd>
        <dt>{columnLabel('status')}</dt>
        <dd className="capitalise">{valueLabel('status', threat.status)}</dd>
        <dt>{columnLabel('countries')}</dt>
        <dd>{show(threat.countryCodes)}</dd>
        <dt>{columnLabel('actors')}</dt>
        {/* The register's actors are at hand (lookups): no query of the inspector's own, no flash of "—". */}
        <dd>{show(threat.actorIds.flatMap((id) => actorNames?.get(id)?.name ?? []))}</dd>
      </dl>
      {rating && (
        <form
          className="rating-form"
          aria-label={t('register.inspector.changeRatingForm')}
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
            <label htmlFor="rating-rationale">{t('register.inspector.rationale')}</label>
            <textarea
              id="rating-rationale"
              rows={2}
              value={rating.rationale}
              onChange={(e) => setRating({ ...rating, rationale: e.target.value })}
              placeholder={t('register.inspector.rationalePlaceholder')}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="primary">
              {t('register.inspector.apply')}
            </button>
            <button type="button" onClick={() => void confirmDiscard().then((discard) => discard && setRating(null))}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <EvidencePanel threat={threat} />
      <h3>{columnLabel('indicators')}</h3>
      {threat.indicators.length ? (
        <ul className="bullets">
          {threat.indicators.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('register.inspector.noneRecorded')}</p>
      )}
      <h3>{columnLabel('mitigations')}</h3>
      {threat.mitigations.length ? (
        <ul className="bullets">
          {threat.mitigations.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('register.inspector.noneRecorded')}</p>
      )}
      <ThreatHistory key={threat.id} threatId={threat.id} actorNames={actorNames} />
    </div>
  );
});
