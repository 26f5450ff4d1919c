import type { MergePlan, Row } from '../../../shared/interop/merge';
import type { WorkspaceTableName } from '../../../shared/interop/workspace-snapshot';
import type { WorkbenchDatabase } from '../../db/database';
import { t as translate } from '../../i18n';

/** Names of the records a conflicting value may refer to (tags, actors, threats, sources, registers), by id. */
export type NameLookup = ReadonlyMap<string, string>;

const NAMED: Partial<Record<WorkspaceTableName, string>> = {
  tags: 'name',
  actors: 'name',
  threats: 'title',
  sources: 'title',
  registers: 'name',
};

export async function loadNames(db: WorkbenchDatabase, plan: MergePlan): Promise<NameLookup> {
  const names = new Map<string, string>();
  const note = (table: WorkspaceTableName, row: Row) => {
    const field = NAMED[table];
    if (field && typeof row.id === 'string' && typeof row[field] === 'string') names.set(row.id, row[field]);
  };
  await db.transaction('r', [db.tags, db.actors, db.threats, db.sources, db.registers], async () => {
    for (const table of Object.keys(NAMED) as WorkspaceTableName[])
      for (const row of await db.table<Row>(table).toArray()) note(table, row);
  });
  for (const table of Object.keys(NAMED) as WorkspaceTableName[])
    for (const row of plan.tables[table].add) note(table, row);
  for (const c of plan.conflicts) {
    note(c.table, c.draft);
    for (const d of c.dependents) note(d.table, d.row);
  }
  return names;
}

/** The fields with a name of their own in the catalogues (`merge.field.<field>`): references, dates, a passage. */
const NAMED_FIELDS = new Set([
  'tagIds',
  'actorIds',
  'threatIds',
  'countryCodes',
  'parentId',
  'registerId',
  'sourceId',
  'originCode',
  'passage',
  'publishedOn',
  'lastReviewedOn',
  'value',
  'record',
]);

/** "lastReviewedOn" → "Last reviewed on", with the domain's names for references. */
export function fieldLabel(field: string): string {
  if (NAMED_FIELDS.has(field)) return translate(`merge.field.${field}`);
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ID_FIELDS = new Set(['tagIds', 'actorIds', 'threatIds', 'parentId', 'registerId', 'sourceId']);

/** A conflicting value as the analyst reads it: names for ids, the quote for a passage, "—" for nothing. */
export function describeValue(field: string, value: unknown, names: NameLookup): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'passage' && typeof value === 'object') {
    const { quote, anchor } = value as { quote?: { exact?: string }; anchor?: string };
    const where =
      anchor && anchor !== 'anchored'
        ? translate(anchor === 'drifted' ? 'merge.anchor.moved' : 'merge.anchor.lost')
        : '';
    const quoted = translate('labels.quote', { words: quote?.exact ?? '' });
    return where ? `${quoted} (${where})` : quoted;
  }
  if (ID_FIELDS.has(field)) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.length === 0 ? '—' : ids.map((id) => names.get(String(id)) ?? translate('merge.deletedName')).join(', ');
  }
  if (Array.isArray(value))
    return value.length === 0 ? '—' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
