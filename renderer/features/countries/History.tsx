import { useLiveQuery } from 'dexie-react-hooks';
import type { Revision, RevisedEntity } from '../../../shared/domain/revision';
import { db } from '../../db';
import { notDemoCreation } from '../../db/seed';
import { formatDateTime } from '../common/format';
import { plainText } from './notes-format';

const FIELD_LABELS: Record<string, string> = { notes: 'notes', stance: 'stance', likelihood: 'likelihood', impact: 'impact', rationale: 'rationale', countries: 'compared' };

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? plainText(value) : String(value);
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

interface HistoryProps {
  /** Whose history: one record, or every record whose id starts with `prefix` (a country's overrides). */
  sources: { entity: RevisedEntity; entityId?: string; prefix?: string; label?: (r: Revision) => string }[];
  empty: string;
  title?: string;
}

/** Recorded changes, newest first: the same revisions the register's history shows. */
export function History({ sources, empty, title = 'History' }: HistoryProps) {
  const key = JSON.stringify(sources.map(({ entity, entityId, prefix }) => [entity, entityId, prefix]));
  const revisions = useLiveQuery(async () => {
    const lists = await Promise.all(
      sources.map(async (s) => {
        const where = db.revisions.where('[entity+entityId]');
        const found = s.prefix !== undefined ? await where.between([s.entity, s.prefix], [s.entity, `${s.prefix}\uffff`]).toArray() : await where.equals([s.entity, s.entityId ?? '']).toArray();
        return found.filter(notDemoCreation).map((r) => ({ r, label: s.label?.(r) }));
      }),
    );
    return lists.flat().sort((a, b) => b.r.at.localeCompare(a.r.at));
  }, [key]);
  if (!revisions) return null;
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {revisions.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol className="history" aria-label={title}>
          {revisions.slice(0, 100).map(({ r, label }) => (
            <li key={r.id}>
              <span className="muted">{formatDateTime(r.at)}</span> {label && <span>{label} · </span>}
              <strong>{FIELD_LABELS[r.field] ?? r.field}</strong>: <span className="before">{show(r.before)}</span> → <span className="after">{show(r.after)}</span>
              {r.rationale && r.field !== 'rationale' && <span className="rationale-text"> — “{r.rationale}”</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
