import type { Revision } from '../../shared/domain/revision';
import type { ChangeSet } from './change-set';
import { t as translate } from '../i18n';
import { CommandRefusal } from './change-set';
import { TABLES, tableOfEntity, type Row, type TableName } from './tables';

type Plain = Record<string, unknown>;

/** One record's part of a change, read back from its revisions. */
interface RecordRevisions {
  table: TableName;
  key: string;
  op: 'create' | 'update' | 'delete';
  fields: Map<string, { before: unknown; after: unknown }>;
}

function byRecord(revisions: readonly Revision[]): RecordRevisions[] {
  const records = new Map<string, RecordRevisions>();
  for (const revision of revisions) {
    const table = tableOfEntity(revision.entity);
    if (!table) continue; // history-only entities of older versions have no table to write
    const id = `${table}\u0000${revision.entityId}`;
    let record = records.get(id);
    if (!record) {
      record = { table, key: revision.entityId, op: revision.op ?? 'update', fields: new Map() };
      records.set(id, record);
    }
    record.fields.set(revision.field, { before: revision.before, after: revision.after });
  }
  return [...records.values()];
}

function assemble(fields: RecordRevisions['fields'], side: 'before' | 'after'): Plain {
  const record: Plain = {};
  for (const [field, values] of fields) if (values[side] !== undefined) record[field] = values[side];
  return record;
}

/**
 * Writes one change's revisions into the workspace, forwards (`after`: redo, replay) or backwards
 * (`before`: undo). A created record is deleted again on the way back and a deleted one re-created
 * from its fields; a changed record gets exactly the fields the change touched, so work done since on
 * other fields stays. Every write goes through the change set, so undo and redo are changes with
 * revisions of their own.
 */
export async function applyRevisions(
  changes: ChangeSet,
  revisions: readonly Revision[],
  side: 'before' | 'after',
): Promise<void> {
  const records = byRecord(revisions);
  if (side === 'before') records.reverse();
  for (const record of records) {
    const creates = (record.op === 'create' && side === 'after') || (record.op === 'delete' && side === 'before');
    const deletes = (record.op === 'delete' && side === 'after') || (record.op === 'create' && side === 'before');
    if (deletes) {
      await changes.delete(record.table, record.key);
      continue;
    }
    if (creates) {
      await changes.put(record.table, assemble(record.fields, side) as Row<TableName>, { keepStamp: true });
      continue;
    }
    const current = await changes.get(record.table, record.key);
    if (!current) {
      throw new CommandRefusal(translate('refusals.history.recordGone', { entity: TABLES[record.table].entity }));
    }
    const next: Plain = { ...(current as Plain) };
    for (const [field, values] of record.fields) {
      const value = values[side];
      if (value === undefined) delete next[field];
      else next[field] = value;
    }
    await changes.put(record.table, next as Row<TableName>, { keepStamp: true });
  }
}

/** A workspace as plain records, table by table, keyed by each record's key. */
export type ReplayedWorkspace = Partial<Record<TableName, Map<string, Plain>>>;

/**
 * Builds the workspace from its history alone: every revision, in the order the changes were made,
 * applied to nothing. Where the history is complete this equals the workspace (the property tests
 * hold it to that); installation bookkeeping that is not history (replica id, merge bases) is absent.
 */
export function replayFromEmpty(revisions: readonly Revision[]): ReplayedWorkspace {
  const ordered = [...revisions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const workspace: ReplayedWorkspace = {};
  for (const revision of ordered) {
    const table = tableOfEntity(revision.entity);
    if (!table) continue;
    const records = (workspace[table] ??= new Map());
    if (revision.op === 'delete') {
      records.delete(revision.entityId);
      continue;
    }
    let record = records.get(revision.entityId);
    if (!record) {
      record = {};
      records.set(revision.entityId, record);
    }
    if (revision.after === undefined) delete record[revision.field];
    else record[revision.field] = structuredClone(revision.after);
  }
  return workspace;
}
