import { t as translate } from '../../i18n';
import type { Revision } from '../../../shared/domain/revision';

/** One field a change changed, in words. */
export interface HistoryFieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** One change of a threat as its history shows it: a creation, a deletion, an undo, or some fields changed. */
export interface HistoryEntry {
  key: string;
  at: string;
  /** “Created”, “Deleted”, or an undo's or redo's “Undone: …” / “Redone: …”; none for a plain edit. */
  headline?: string;
  /** The analyst's reason (a rating's rationale, “Imported from x.csv: …”); an undo's is its headline. */
  rationale?: string;
  /** The fields an edit changed (none for a creation or deletion, which are one line). */
  fields: HistoryFieldChange[];
}

/** Each field's name in the catalogues, in the order the history lists them. */
const FIELD_LABELS: Record<string, string> = {
  title: 'register.inspector.title',
  description: 'register.columns.description',
  category: 'register.columns.category',
  likelihood: 'register.columns.likelihood',
  impact: 'register.columns.impact',
  score: 'register.columns.score',
  trend: 'register.columns.trend',
  confidence: 'register.columns.confidence',
  status: 'register.columns.status',
  countryCodes: 'register.columns.countries',
  actorIds: 'register.columns.actors',
  originCode: 'register.columns.origin',
  indicators: 'register.columns.indicators',
  mitigations: 'register.columns.mitigations',
  owner: 'register.columns.owner',
  lastReviewedOn: 'register.columns.lastReviewedOn',
  registerId: 'views.register',
};
const FIELD_ORDER = Object.keys(FIELD_LABELS);
const fieldLabel = (field: string) => (FIELD_LABELS[field] ? translate(FIELD_LABELS[field]) : field);

/** Bookkeeping every change writes: never worth a line of history by itself. */
const HIDDEN = new Set(['updatedAt', 'createdAt', 'id']);

const HISTORY_COMMANDS = new Set(['history.undo', 'history.redo']);

function groupKey(revision: Revision): string {
  // Revisions written before the command layer have no change id; one edit shared its instant and rationale.
  return revision.changeId ?? `${revision.at}\u0000${revision.rationale ?? ''}\u0000${revision.command ?? ''}`;
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
}

/**
 * A threat's revisions as the inspector lists them, newest first: one entry per change. A creation
 * or a deletion is one line (“Created”, “Deleted”), an undo or redo is headed by what it took back
 * (“Undone: rate “Kosh-Tepa canal””), and an edit lists its fields (Likelihood 3 → 4) with its
 * rationale; the `updatedAt` stamp every change writes is left out.
 */
export function threatHistory(revisions: readonly Revision[]): HistoryEntry[] {
  const groups = new Map<string, Revision[]>();
  for (const revision of revisions) {
    const key = groupKey(revision);
    const group = groups.get(key);
    if (group) group.push(revision);
    else groups.set(key, [revision]);
  }
  const entries: HistoryEntry[] = [];
  for (const [key, group] of groups) {
    const first = group[0]!;
    const at = group.reduce((latest, r) => (r.at > latest ? r.at : latest), first.at);
    const ops = new Set(group.map((r) => r.op ?? 'update'));
    const travelled = HISTORY_COMMANDS.has(first.command ?? '');
    const whole = ops.has('create')
      ? translate('register.history.created')
      : ops.has('delete')
        ? translate('register.history.deleted')
        : undefined;
    const fields = whole
      ? []
      : group
          .filter((r) => !HIDDEN.has(r.field))
          .sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field))
          .map((r) => ({ field: r.field, label: fieldLabel(r.field), before: r.before, after: r.after }));
    if (!whole && fields.length === 0) continue;
    const headline = travelled
      ? (first.rationale ??
        translate(first.command === 'history.undo' ? 'register.history.undone' : 'register.history.redone'))
      : whole;
    const rationale = travelled ? undefined : first.rationale;
    entries.push({ key, at, ...(headline ? { headline } : {}), ...(rationale ? { rationale } : {}), fields });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
