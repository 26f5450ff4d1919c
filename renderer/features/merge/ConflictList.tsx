import type { Choice, ConflictField, MergeConflict, Resolutions } from '../../../shared/interop/merge';
import { describeValue, fieldLabel, type NameLookup } from './values';
import { t as translate, useT } from '../../i18n';

/** A kind of record ("source", "threat") in the interface language. */
const nounOf = (noun: string) => translate(`merge.noun.${noun.replace(/ /g, '_')}`, { defaultValue: noun });

interface ConflictListProps {
  conflicts: MergeConflict[];
  resolutions: Resolutions;
  colleague: string;
  names: NameLookup;
  onChoose: (conflictId: string, field: string, choice: Choice) => void;
}

/** Every record both sides changed differently, each conflicting field with Mine / Theirs (/ Both). */
export function ConflictList({ conflicts, resolutions, colleague, names, onChoose }: ConflictListProps) {
  return (
    <ol className="merge-conflicts">
      {conflicts.map((conflict) => (
        <li key={conflict.id} className="merge-conflict">
          <div className="merge-conflict-head">
            <span className="merge-noun">{nounOf(conflict.noun)}</span> <strong>{conflict.label}</strong>
          </div>
          {conflict.kind === 'deleted-there' ? (
            <DeletedThere
              conflict={conflict}
              choice={resolutions[conflict.id]?.record}
              colleague={colleague}
              onChoose={onChoose}
            />
          ) : conflict.kind === 'deleted-here' ? (
            <DeletedHere
              conflict={conflict}
              choice={resolutions[conflict.id]?.record}
              colleague={colleague}
              onChoose={onChoose}
            />
          ) : (
            conflict.fields.map((field) => (
              <FieldChoice
                key={field.field}
                conflict={conflict}
                field={field}
                choice={resolutions[conflict.id]?.[field.field]}
                names={names}
                onChoose={onChoose}
              />
            ))
          )}
        </li>
      ))}
    </ol>
  );
}

const domId = (...parts: string[]) => `merge-${parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;

function FieldChoice({
  conflict,
  field,
  choice,
  names,
  onChoose,
}: {
  conflict: MergeConflict;
  field: ConflictField;
  choice: Choice | undefined;
  names: NameLookup;
  onChoose: ConflictListProps['onChoose'];
}) {
  const t = useT();
  const group = domId(conflict.id, field.field);
  const label = fieldLabel(field.field);
  const options: { value: Choice; side: string; text: string }[] = [
    { value: 'mine', side: t('merge.mine'), text: describeValue(field.field, field.mine, names) },
    { value: 'theirs', side: t('merge.theirs'), text: describeValue(field.field, field.theirs, names) },
  ];
  if (field.canJoin) {
    options.push({
      value: 'both',
      side: t('merge.both'),
      text: Array.isArray(field.mine) ? t('merge.bothLists') : t('merge.bothTexts'),
    });
  }
  return (
    <div
      className="merge-field"
      role="radiogroup"
      aria-label={t('merge.fieldOf', { field: label, record: conflict.label })}
    >
      <div className="merge-field-name">{label}</div>
      {options.map((o) => (
        <label key={o.value} className={`merge-option${choice === o.value ? ' chosen' : ''}`}>
          <input
            type="radio"
            name={group}
            value={o.value}
            checked={choice === o.value}
            aria-label={o.side}
            aria-describedby={`${group}-${o.value}`}
            onChange={() => onChoose(conflict.id, field.field, o.value)}
          />
          <span className="merge-side">{o.side}</span>
          <span id={`${group}-${o.value}`} className={`merge-value${o.value === 'both' ? ' muted' : ''}`}>
            {o.text}
          </span>
        </label>
      ))}
    </div>
  );
}

function DeletedHere({
  conflict,
  choice,
  colleague,
  onChoose,
}: {
  conflict: MergeConflict;
  choice: Choice | undefined;
  colleague: string;
  onChoose: ConflictListProps['onChoose'];
}) {
  const t = useT();
  const group = domId(conflict.id, 'record');
  const passages = conflict.dependents.filter((d) => d.table === 'annotations').length;
  const noun = nounOf(conflict.noun);
  return (
    <div
      className="merge-field"
      role="radiogroup"
      aria-label={t('merge.deletedRecord', { noun, record: conflict.label })}
    >
      <div className="merge-field-name">{t('merge.deletedHere')}</div>
      <p className="merge-deleted-note">
        {t('merge.youDeleted', { noun, colleague })}
        {passages > 0 ? ` ${t('merge.bringsBack', { count: passages })}` : ''}
      </p>
      <label className={`merge-option${choice === 'mine' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="mine"
          checked={choice === 'mine'}
          aria-label={t('merge.keepDeleted')}
          onChange={() => onChoose(conflict.id, 'record', 'mine')}
        />
        <span className="merge-side">{t('merge.keepDeleted')}</span>
      </label>
      <label className={`merge-option${choice === 'theirs' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="theirs"
          checked={choice === 'theirs'}
          aria-label={t('merge.restoreTheirs')}
          onChange={() => onChoose(conflict.id, 'record', 'theirs')}
        />
        <span className="merge-side">{t('merge.restoreTheirs')}</span>
      </label>
    </div>
  );
}

/** Team sync: a colleague deleted the record and I changed it since; keeping it sends mine back. */
function DeletedThere({
  conflict,
  choice,
  colleague,
  onChoose,
}: {
  conflict: MergeConflict;
  choice: Choice | undefined;
  colleague: string;
  onChoose: ConflictListProps['onChoose'];
}) {
  const t = useT();
  const group = domId(conflict.id, 'record');
  const noun = nounOf(conflict.noun);
  return (
    <div
      className="merge-field"
      role="radiogroup"
      aria-label={t('merge.deletedRecord', { noun, record: conflict.label })}
    >
      <div className="merge-field-name">{t('merge.deletedThere')}</div>
      <p className="merge-deleted-note">{t('merge.theyDeleted', { noun, colleague })}</p>
      <label className={`merge-option${choice === 'mine' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="mine"
          checked={choice === 'mine'}
          aria-label={t('merge.keepMine')}
          onChange={() => onChoose(conflict.id, 'record', 'mine')}
        />
        <span className="merge-side">{t('merge.keepMine')}</span>
      </label>
      <label className={`merge-option${choice === 'theirs' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="theirs"
          checked={choice === 'theirs'}
          aria-label={t('merge.deleteIt')}
          onChange={() => onChoose(conflict.id, 'record', 'theirs')}
        />
        <span className="merge-side">{t('merge.deleteIt')}</span>
      </label>
    </div>
  );
}
