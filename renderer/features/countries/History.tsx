import { useLiveQuery } from 'dexie-react-hooks';
import type { Revision, RevisedEntity } from '../../../shared/domain/revision';
import { db } from '../../db';
import { notDemoCreation } from '../../db/seed';
import { t, useT } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { plainText } from './notes-format';

/** The fields a line names, in this order, each by its catalogue key under `countries.history.fields`. */
const FIELD_LABELS: Record<string, string> = {
  notes: 'notes',
  stance: 'stance',
  likelihood: 'likelihood',
  impact: 'impact',
  rationale: 'rationale',
  // The compared countries: `countries` of the older 'comparison' revisions, `value` of the meta entry.
  countries: 'compared',
  value: 'compared',
};

/** A field's name in the interface language ("notes"), or the field itself when it has none. */
function fieldLabel(field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(`countries.history.fields.${key}`) : field;
}

/** Bookkeeping every write changes: never a line of its own. */
const HIDDEN_FIELDS = new Set(['updatedAt']);

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? plainText(value) : String(value);
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

/** Undo and redo record "Undone: …" / "Redone: …" as their rationale: not the analyst's reason. */
function isTravel(revision: Revision): boolean {
  return revision.command === 'history.undo' || revision.command === 'history.redo';
}

export interface HistorySource {
  entity: RevisedEntity;
  /** One record, or every record whose id starts with `prefix` (a country's overrides). */
  entityId?: string;
  prefix?: string;
  label?: (r: Revision) => string;
  /** How a record's creation and deletion read (default "created" / "deleted"). */
  verbs?: { create: string; delete: string };
}

interface HistoryProps {
  sources: HistorySource[];
  empty: string;
  title?: string;
}

/** One line of the history: a changed field, or a whole record created or deleted by one change. */
export interface HistoryLine {
  key: string;
  at: string;
  label: string | undefined;
  kind: 'update' | 'create' | 'delete';
  /** The update's revision, or the first revision of the created or deleted record. */
  revision: Revision;
  /** For a created or deleted record: its labelled fields and their values (after a create, before a delete). */
  fields: { field: string; value: unknown }[];
  /** The analyst's reason for the change (an override's rationale). */
  rationale: string | undefined;
  /** "Undone: …" / "Redone: …" when the line is an undo or a redo. */
  travel: string | undefined;
  verb: string | undefined;
}

/**
 * Turns revisions into lines, newest first: the `updatedAt` bookkeeping is left out, and the revisions of
 * a record created or deleted by one change (one per field) read as one line.
 */
export function historyLines(found: readonly { r: Revision; source: HistorySource }[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  const whole = new Map<string, HistoryLine>();
  for (const { r, source } of found) {
    if (HIDDEN_FIELDS.has(r.field)) continue;
    const travel = isTravel(r) ? r.rationale : undefined;
    const op = r.op ?? 'update';
    if (op === 'update') {
      lines.push({
        key: r.id,
        at: r.at,
        label: source.label?.(r),
        kind: 'update',
        revision: r,
        fields: [],
        rationale: travel ? undefined : r.rationale,
        travel,
        verb: undefined,
      });
      continue;
    }
    const id = `${r.changeId ?? r.at}\u0000${r.entity}\u0000${r.entityId}\u0000${op}`;
    let line = whole.get(id);
    if (!line) {
      const verb = source.verbs?.[op] ?? t(op === 'create' ? 'countries.history.created' : 'countries.history.deleted');
      line = {
        key: r.id,
        at: r.at,
        label: source.label?.(r),
        kind: op,
        revision: r,
        fields: [],
        rationale: travel ? undefined : r.rationale,
        travel,
        verb,
      };
      whole.set(id, line);
      lines.push(line);
    }
    const value = op === 'create' ? r.after : r.before;
    if (r.field === 'rationale' && typeof value === 'string') line.rationale = value;
    else if (FIELD_LABELS[r.field] && value !== undefined && value !== null && value !== '')
      line.fields.push({ field: r.field, value });
  }
  const order = (field: string) => Object.keys(FIELD_LABELS).indexOf(field);
  for (const line of whole.values()) line.fields.sort((a, b) => order(a.field) - order(b.field));
  return lines.sort((a, b) => b.at.localeCompare(a.at));
}

function Summary({ fields }: { fields: HistoryLine['fields'] }) {
  return (
    <>
      {fields.map(({ field, value }, i) => (
        <span key={field}>
          {i > 0 && ', '}
          <strong>{fieldLabel(field)}</strong> {show(value)}
        </span>
      ))}
    </>
  );
}

function Line({ line }: { line: HistoryLine }) {
  const r = line.revision;
  return (
    <li>
      <span className="muted">{formatDateTime(line.at)}</span> {line.label && <span>{line.label} · </span>}
      {line.kind === 'update' ? (
        <>
          <strong>{fieldLabel(r.field)}</strong>: <span className="before">{show(r.before)}</span> →{' '}
          <span className="after">{show(r.after)}</span>
        </>
      ) : (
        <>
          <strong>{line.verb}</strong>
          {line.fields.length > 0 &&
            (line.kind === 'create' ? (
              <>
                : <Summary fields={line.fields} />
              </>
            ) : (
              <>
                {' '}
                ({t('countries.history.was')} <Summary fields={line.fields} />)
              </>
            ))}
        </>
      )}
      {line.rationale && (line.kind !== 'update' || r.field !== 'rationale') && (
        <span className="rationale-text"> — “{line.rationale}”</span>
      )}
      {line.travel && <span className="muted history-travel"> · {line.travel}</span>}
    </li>
  );
}

/** Recorded changes, newest first: the same revisions the register's history shows. */
export function History({ sources, empty, title }: HistoryProps) {
  const translate = useT();
  const heading = title ?? translate('countries.history.title');
  const key = JSON.stringify(sources.map(({ entity, entityId, prefix }) => [entity, entityId, prefix]));
  // Made again in a new interface language too: a line's verb and label are words.
  const lines = useLiveQuery(async () => {
    const lists = await Promise.all(
      sources.map(async (source) => {
        const where = db.revisions.where('[entity+entityId]');
        const found =
          source.prefix !== undefined
            ? await where.between([source.entity, source.prefix], [source.entity, `${source.prefix}\uffff`]).toArray()
            : await where.equals([source.entity, source.entityId ?? '']).toArray();
        return found.filter(notDemoCreation).map((r) => ({ r, source }));
      }),
    );
    return historyLines(lists.flat());
  }, [key, translate]);
  if (!lines) return null;
  return (
    <section aria-label={heading}>
      <h3>{heading}</h3>
      {lines.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol className="history" aria-label={heading}>
          {lines.slice(0, 100).map((line) => (
            <Line key={line.key} line={line} />
          ))}
        </ol>
      )}
    </section>
  );
}
