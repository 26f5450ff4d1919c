import type { Choice, ConflictField, MergeConflict, Resolutions } from '../../../shared/interop/merge';
import { describeValue, fieldLabel, type NameLookup } from './values';

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
            <span className="merge-noun">{conflict.noun}</span> <strong>{conflict.label}</strong>
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
  const group = domId(conflict.id, field.field);
  const label = fieldLabel(field.field);
  const options: { value: Choice; side: string; text: string }[] = [
    { value: 'mine', side: 'Mine', text: describeValue(field.field, field.mine, names) },
    { value: 'theirs', side: 'Theirs', text: describeValue(field.field, field.theirs, names) },
  ];
  if (field.canJoin) {
    options.push({
      value: 'both',
      side: 'Both',
      text: Array.isArray(field.mine)
        ? 'Every item of both lists'
        : 'Both texts, mine first, then theirs under a line naming them',
    });
  }
  return (
    <div className="merge-field" role="radiogroup" aria-label={`${label} of “${conflict.label}”`}>
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
  const group = domId(conflict.id, 'record');
  const passages = conflict.dependents.filter((d) => d.table === 'annotations').length;
  return (
    <div className="merge-field" role="radiogroup" aria-label={`Deleted ${conflict.noun} “${conflict.label}”`}>
      <div className="merge-field-name">Deleted here</div>
      <p className="merge-deleted-note">
        You deleted this {conflict.noun}; {colleague} changed it since.
        {passages > 0
          ? ` Restoring it also brings back ${passages} ${passages === 1 ? 'passage' : 'passages'} on it.`
          : ''}
      </p>
      <label className={`merge-option${choice === 'mine' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="mine"
          checked={choice === 'mine'}
          aria-label="Keep deleted"
          onChange={() => onChoose(conflict.id, 'record', 'mine')}
        />
        <span className="merge-side">Keep deleted</span>
      </label>
      <label className={`merge-option${choice === 'theirs' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="theirs"
          checked={choice === 'theirs'}
          aria-label="Restore theirs"
          onChange={() => onChoose(conflict.id, 'record', 'theirs')}
        />
        <span className="merge-side">Restore theirs</span>
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
  const group = domId(conflict.id, 'record');
  return (
    <div className="merge-field" role="radiogroup" aria-label={`Deleted ${conflict.noun} “${conflict.label}”`}>
      <div className="merge-field-name">Deleted there</div>
      <p className="merge-deleted-note">
        {colleague} deleted this {conflict.noun}; you changed it since.
      </p>
      <label className={`merge-option${choice === 'mine' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="mine"
          checked={choice === 'mine'}
          aria-label="Keep mine"
          onChange={() => onChoose(conflict.id, 'record', 'mine')}
        />
        <span className="merge-side">Keep mine</span>
      </label>
      <label className={`merge-option${choice === 'theirs' ? ' chosen' : ''}`}>
        <input
          type="radio"
          name={group}
          value="theirs"
          checked={choice === 'theirs'}
          aria-label="Delete it"
          onChange={() => onChoose(conflict.id, 'record', 'theirs')}
        />
        <span className="merge-side">Delete it</span>
      </label>
    </div>
  );
}
