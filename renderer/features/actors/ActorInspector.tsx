import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { ActorKind, ThreatActorType, threatActorTypesOf, type Actor } from '../../../shared/domain/actor';
import type { Revision } from '../../../shared/domain/revision';
import type { Threat } from '../../../shared/domain/threat';
import { db } from '../../db';
import { actorNameProblem } from '../../db/actors';
import { useWorkbench } from '../../stores';
import { i18n, t } from '../../i18n';
import { EditableText } from '../../ui/EditableText';
import { formatDateTime } from '../../ui/format';
import { countryName as nameOfCountry } from '../countries';
import { MultiPicker, type PickerOption } from '../../ui/MultiPicker';
import { ACTOR_KINDS, kindLabel } from './kinds';
import { ListEditor } from './ListEditor';
import type { useActorActions } from './useActorActions';

/** The catalogue keys of the fields the history names. */
const FIELD_LABELS: Record<string, string> = {
  name: 'actors.fields.name',
  aliases: 'actors.fields.aliases',
  kind: 'actors.fields.kind',
  description: 'actors.fields.description',
  bases: 'actors.fields.bases',
  countryCodes: 'actors.fields.countries',
  threatActorTypes: 'actors.fields.threatActorTypes',
};

/** A field's name in the interface language ("Aliases"), or the field itself when the history has an unknown one. */
function fieldLabel(field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** A threat-actor type in the interface language ("Crime syndicate"). */
function threatTypeLabel(type: ThreatActorType): string {
  return t(`actors.threatTypes.values.${type}`);
}

/**
 * A country's name in the interface language, by its ISO code, as the Countries view writes it
 * ("Кыргызстан"); `fallback` (the workspace's own name) for a code the names do not know.
 */
function countryName(code: string, fallback?: string): string {
  return nameOfCountry(code, i18n.language === 'ru' ? 'ru' : 'en', fallback);
}

function showValue(field: string, value: unknown): string {
  if (field === 'kind' && typeof value === 'string' && ActorKind.safeParse(value).success)
    return kindLabel(value as ActorKind);
  if (field === 'threatActorTypes' && Array.isArray(value))
    return value
      .map((v) => (ThreatActorType.safeParse(v).success ? threatTypeLabel(v as ThreatActorType) : String(v)))
      .join(', ');
  if (field === 'countryCodes' && Array.isArray(value) && value.length)
    return value.map((code) => countryName(String(code))).join(', ');
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

interface ActorInspectorProps {
  actor: Actor;
  actors: readonly Actor[];
  passages: number;
  actions: ReturnType<typeof useActorActions>;
  onDelete: () => void;
}

/** The selected actor: every field editable in place, where it is used, and its history. */
export function ActorInspector({ actor, actors, passages, actions, onDelete }: ActorInspectorProps) {
  const navigate = useWorkbench((s) => s.navigate);
  const selectRegister = useWorkbench((s) => s.selectRegister);
  const selectThreat = useWorkbench((s) => s.selectThreat);
  const retrieve = useWorkbench((s) => s.retrieve);

  const linked = useLiveQuery(async () => {
    const threats = await db.threats.where('actorIds').equals(actor.id).toArray();
    const registers = await db.registers.toArray();
    return {
      threats: threats.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.title.localeCompare(b.title)),
      registers: new Map(registers.map((r) => [r.id, r.name])),
    };
  }, [actor.id]);
  const countries = useLiveQuery(() => db.countries.toArray());
  // The analyst's edits: not the actor's creation (or its return by undo), nor the stamp every change moves.
  const history = useLiveQuery(
    async () =>
      (await db.revisions.where('[entity+entityId]').equals(['actor', actor.id]).reverse().sortBy('at')).filter(
        (r) => (r.op ?? 'update') === 'update' && r.field !== 'updatedAt',
      ),
    [actor.id],
  );

  // The names follow the interface language: read here so that a switch of language builds them again.
  const language = i18n.language;
  const countryOptions = useMemo((): PickerOption[] => {
    const known = (countries ?? []).map((c) => ({
      id: c.code,
      label: countryName(c.code, c.name),
      keywords: `${c.code} ${c.name}`,
    }));
    known.sort((a, b) => a.label.localeCompare(b.label, language));
    // A code the actor has but the workspace's country table lacks still reads as a name.
    const extra = actor.countryCodes
      .filter((code) => !known.some((k) => k.id === code))
      .map((code) => ({ id: code, label: countryName(code), keywords: code }));
    return [...known, ...extra];
  }, [countries, actor.countryCodes, language]);

  const threatTypeOptions = useMemo(
    (): PickerOption[] =>
      ThreatActorType.options.map((type) => ({ id: type, label: threatTypeLabel(type), keywords: type })),
    [],
  );

  const save = (patch: Parameters<typeof actions.update>[1], label: string) => actions.update(actor, patch, label);
  const openThreat = (threat: Threat) => {
    navigate('register');
    selectRegister(threat.registerId);
    selectThreat(threat.id);
  };
  const showRegister = linked ? new Set(linked.threats.map((t) => t.registerId)).size > 1 : false;

  return (
    <div className="inspector-body actor-inspector">
      <h2 className="inspector-kicker">{t('actors.kicker')}</h2>
      <EditableText
        label={t('actors.fields.name')}
        value={actor.name}
        validate={(name) => actorNameProblem(name, actors, actor.id)}
        onCommit={(name) => save({ name }, t('labels.renameActor', { from: actor.name, to: name }))}
      />
      <div className="field">
        <label htmlFor="actor-kind">{t('actors.fields.kind')}</label>
        <select
          id="actor-kind"
          value={actor.kind}
          onChange={(e) =>
            void save(
              { kind: e.target.value as ActorKind },
              t('labels.actorKind', {
                name: actor.name,
                kind: kindLabel(e.target.value as ActorKind).toLowerCase(),
              }),
            ).catch(() => undefined)
          }
        >
          {ACTOR_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {kindLabel(k.kind)}
            </option>
          ))}
        </select>
      </div>
      {actor.kind === 'state' ? (
        <p className="muted actor-threat-types-note">{t('actors.threatTypes.state')}</p>
      ) : (
        <div className="actor-threat-types">
          <MultiPicker
            label={t('actors.threatTypes.label')}
            options={threatTypeOptions}
            selected={threatActorTypesOf(actor)}
            onChange={(types) =>
              void save(
                { threatActorTypes: types as ThreatActorType[] },
                t('labels.actorThreatTypes', { name: actor.name }),
              ).catch(() => undefined)
            }
            placeholder={t('actors.threatTypes.placeholder')}
          />
          <p className="muted">{t('actors.threatTypes.explain')}</p>
        </div>
      )}
      <ListEditor
        label={t('actors.fields.aliases')}
        noun="alias"
        values={actor.aliases}
        onChange={(aliases) => save({ aliases }, t('labels.actorAliases', { name: actor.name }))}
        emptyText={t('actors.noAliases')}
      />
      <EditableText
        label={t('actors.fields.description')}
        value={actor.description}
        multiline
        onCommit={(description) => save({ description }, t('labels.describeActor', { name: actor.name }))}
      />
      <ListEditor
        label={t('actors.fields.bases')}
        noun="base"
        layout="rows"
        values={actor.bases}
        onChange={(bases) => save({ bases }, t('labels.actorBases', { name: actor.name }))}
        placeholder={t('actors.addBase')}
        emptyText={t('actors.noBases')}
      />
      <MultiPicker
        label={t('actors.fields.countries')}
        options={countryOptions}
        selected={actor.countryCodes}
        onChange={(countryCodes) =>
          void save({ countryCodes }, t('labels.actorCountries', { name: actor.name })).catch(() => undefined)
        }
        placeholder={t('actors.linkCountry')}
      />

      <h3>{t('actors.usedIn')}</h3>
      {linked && linked.threats.length > 0 ? (
        <ul className="actor-threats" aria-label={t('actors.linkingThreats')}>
          {linked.threats.map((threat) => (
            <li key={threat.id}>
              <button
                type="button"
                className="link"
                onClick={() => openThreat(threat)}
                title={t('actors.openInRegister')}
              >
                {threat.title}
              </button>
              {showRegister && (
                <span className="muted">
                  {' '}
                  · {linked.registers.get(threat.registerId) ?? t('actors.archivedRegister')}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{linked ? t('actors.noThreat') : ' '}</p>
      )}
      <div className="actor-passages">
        <span>{passages === 0 ? t('actors.noPassages') : t('actors.passagesLink', { count: passages })}</span>
        <button type="button" onClick={() => retrieve(`actor:${actor.id}`)} disabled={passages === 0}>
          {t('actors.showPassages')}
        </button>
      </div>

      <div className="button-row actor-danger">
        <button type="button" className="danger" onClick={onDelete} title={t('actors.deleteTitle')}>
          {t('actors.deleteActor')}
        </button>
      </div>

      <h3>{t('actors.history')}</h3>
      {history && history.length > 0 ? (
        <ol className="history" aria-label={t('actors.history')}>
          {history.map((r: Revision) => (
            <li key={r.id}>
              <span className="muted">{formatDateTime(r.at)}</span> <strong>{fieldLabel(r.field)}</strong>:{' '}
              <span className="before">{showValue(r.field, r.before)}</span> →{' '}
              <span className="after">{showValue(r.field, r.after)}</span>
              {r.rationale && <span className="muted"> ({r.rationale.toLowerCase()})</span>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('actors.noHistory')}</p>
      )}
    </div>
  );
}
