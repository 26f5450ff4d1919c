import { leaveThen, useUnsavedGuard } from '../../ui/useUnsavedGuard';
import { RatingSelects } from '../../ui/RatingSelects';
import { useEffect, useId, useState } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { overrideId, overrideIssue, threatExposure } from '../../../shared/domain/exposure';
import { impactLabel, likelihoodLabel } from '../../ui/scale-words';
import { useT } from '../../i18n';
import type { Threat } from '../../../shared/domain/threat';
import { useWorkbench } from '../../stores';
import { overrideRefusal } from '../../workspace/commands/countries';
import { citation } from '../passages';
import { History } from './History';
import { categoryLabel, trendArrow } from './labels';
import { cellEvidence, type CountriesData } from './useCountriesData';

interface CellInspectorProps {
  data: CountriesData;
  threat: Threat;
  code: string;
  onOverride: (input: { likelihood: number; impact: number; rationale: string } | null) => Promise<unknown>;
}

function Passage({ annotation, data }: { annotation: Annotation; data: CountriesData }) {
  const t = useT();
  const showInReader = useWorkbench((s) => s.showInReader);
  const source = data.sources.get(annotation.sourceId);
  return (
    <li>
      <blockquote dir="auto">{annotation.quote.exact}</blockquote>
      {source && <p className="citation muted">{citation(source)}</p>}
      {annotation.note && (
        <p className="passage-note" dir="auto">
          {annotation.note}
        </p>
      )}
      {annotation.anchor !== 'orphaned' && (
        <div className="button-row">
          <button
            type="button"
            onClick={() =>
              showInReader({
                sourceId: annotation.sourceId,
                start: annotation.position.start,
                end: annotation.position.end,
                annotationId: annotation.id,
              })
            }
          >
            {t('register.evidence.showInSource')}
          </button>
        </div>
      )}
    </li>
  );
}

/** One country × threat cell: the rating for that country (with its override form) and the quotes behind it. */
export function CellInspector({ data, threat, code, onOverride }: CellInspectorProps) {
  const t = useT();
  const id = useId();
  const name = data.name(code);
  const e = threatExposure(threat, code, data.overrides, data.scale);
  const levels = data.scale.levels;
  const initial = () => ({
    // A threat not yet rated offers the middle of the scale; nothing is set until the analyst sets it.
    likelihood: e?.likelihood ?? threat.likelihood ?? Math.ceil(levels / 2),
    impact: e?.impact ?? threat.impact ?? Math.ceil(levels / 2),
    rationale: e?.override?.rationale ?? '',
  });
  const [form, setForm] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const start = initial();
  // An override typed but not set yet holds the window and the view until it is set or discarded.
  useUnsavedGuard(
    form.rationale.trim() !== start.rationale.trim() ||
      form.likelihood !== start.likelihood ||
      form.impact !== start.impact,
    t('countries.cell.discard', { name }),
  );
  const { navigate, selectRegister, selectThreat } = useWorkbench.getState();
  const stamp = `${e?.override?.updatedAt ?? ''}:${threat.id}:${code}`;
  // A new cell, or an override changed elsewhere (undo), resets the form.
  useEffect(() => {
    setForm(initial());
    setProblem(null);
  }, [stamp]);

  const evidence = cellEvidence(data.annotations, threat.id, code);
  const allEvidence = data.annotations.filter((a) => a.threatIds.includes(threat.id)).length;

  const submit = async () => {
    const issue = overrideIssue(form, data.scale);
    const refused = issue ? overrideRefusal(issue) : null;
    setProblem(refused);
    if (refused) return;
    try {
      await onOverride({ likelihood: form.likelihood, impact: form.impact, rationale: form.rationale.trim() });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">{t('countries.cell.kicker', { name })}</h2>
      <p className="inspector-title">{threat.title}</p>
      <dl className="facts">
        <dt>{t('register.columns.category')}</dt>
        <dd>{categoryLabel(threat.category)}</dd>
        <dt>{t('register.columns.trend')}</dt>
        <dd className="capitalise">
          {trendArrow(threat.trend)} {t(`register.trend.${threat.trend}`)}
        </dd>
        <dt>{t('views.register')}</dt>
        <dd>
          {threat.likelihood === undefined || threat.impact === undefined ? (
            <span className="band band-unrated">{t('register.notRated')}</span>
          ) : (
            <>
              <span className={`band band-${e?.base.band ?? 'low'}`}>{threat.score}</span> {threat.likelihood} ×{' '}
              {threat.impact} · {likelihoodLabel(threat.likelihood, levels).toLocaleLowerCase()},{' '}
              {impactLabel(threat.impact, levels).toLocaleLowerCase()}
            </>
          )}
        </dd>
        <dt>{t('countries.cell.for', { name })}</dt>
        <dd>
          {e ? (
            <>
              <span className={`band band-${e.band}`}>{e.score}</span> {t(`register.band.${e.band}`)}
              {e.override ? (
                <>
                  {' '}
                  <span className="badge override">{t('countries.overriddenMark')}</span> {e.likelihood} × {e.impact}
                </>
              ) : (
                <span className="muted"> {t('countries.cell.registersRating')}</span>
              )}
            </>
          ) : (
            <span className="muted">{t('countries.cell.notAffected', { name })}</span>
          )}
        </dd>
      </dl>
      {e?.override && (
        <p className="override-rationale">
          <span className="muted">{t('countries.cell.rationaleLabel')}</span>{' '}
          <span className="rationale-text">“{e.override.rationale}”</span>
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="link"
          onClick={() =>
            leaveThen(() => {
              if (data.register) selectRegister(data.register.id);
              selectThreat(threat.id);
              navigate('register');
            })
          }
        >
          {t('countries.cell.openInRegister')}
        </button>
      </div>

      {e && (
        <form
          className="rating-form"
          aria-label={t('countries.cell.overrideFor', { name })}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <p className="rating-form-title">
            {e.override ? t('countries.cell.overrideFor', { name }) : t('countries.cell.rateFor', { name })}
          </p>
          <div className="field-row">
            <RatingSelects
              levels={levels}
              likelihood={form.likelihood}
              impact={form.impact}
              onChange={(r) => setForm({ ...form, ...r })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-rationale`}>{t('register.inspector.rationale')}</label>
            <textarea
              id={`${id}-rationale`}
              rows={3}
              dir="auto"
              value={form.rationale}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(ev) => setForm({ ...form, rationale: ev.target.value })}
              placeholder={t('countries.cell.why', { name })}
            />
          </div>
          {problem && (
            <p id={`${id}-problem`} className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary">
              {e.override ? t('countries.cell.update') : t('countries.cell.set')}
            </button>
            {e.override && (
              <button type="button" onClick={() => void onOverride(null).catch(() => undefined)}>
                {t('countries.cell.remove')}
              </button>
            )}
          </div>
        </form>
      )}

      <section className="evidence" aria-label={t('register.evidence.title')}>
        <h3>{t('countries.cell.evidenceFor', { name, count: evidence.linked.length + evidence.mentioning.length })}</h3>
        {evidence.linked.length + evidence.mentioning.length === 0 && (
          <p className="badge warning block" role="note">
            {allEvidence > 0
              ? t('countries.cell.noEvidenceSome', { name, count: allEvidence })
              : t('countries.cell.noEvidence', { name })}
          </p>
        )}
        {evidence.linked.length > 0 && (
          <>
            <p className="evidence-group">{t('countries.cell.linkedTo', { name })}</p>
            <ol className="evidence-list" aria-label={t('countries.cell.passagesLinked', { name })}>
              {evidence.linked.map((a) => (
                <Passage key={a.id} annotation={a} data={data} />
              ))}
            </ol>
          </>
        )}
        {evidence.mentioning.length > 0 && (
          <>
            <p className="evidence-group">{t('countries.cell.naming', { name })}</p>
            <ol className="evidence-list" aria-label={t('countries.cell.passagesNaming', { name })}>
              {evidence.mentioning.map((a) => (
                <Passage key={a.id} annotation={a} data={data} />
              ))}
            </ol>
          </>
        )}
      </section>
      <History
        sources={[
          {
            entity: 'exposureOverride',
            entityId: overrideId(code, threat.id),
            verbs: { create: t('countries.cell.verbSet'), delete: t('countries.cell.verbRemoved') },
          },
        ]}
        title={t('countries.cell.history')}
        empty={t('countries.cell.noHistory', { name })}
      />
    </div>
  );
}
