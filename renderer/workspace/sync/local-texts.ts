import { isStoredSourceText } from '../../../shared/domain/source';
import type { WorkbenchDatabase } from '../../db/database';
import { textsOf } from '../../db/source-texts';
import type { Row } from '../../../shared/interop/merge';
import { parseDocId } from '../../db/sync-state';
import { t as translate } from '../../i18n';
import { SyncError } from './couch';
import { fromDocument, type CouchDocument } from './documents';

/**
 * Sync compares and sends source texts as the text itself (its documents and the bases it agreed on hold
 * the text, as every version of the app writes them), while this workspace names its texts in main's
 * store. The texts of the records a batch touches are read before its transaction (a read from main
 * cannot happen inside one), by digest: a stored text never changes, so the transaction's own reading of
 * the record decides which of them it is.
 */
export interface BatchTexts {
  /** This workspace's stored texts the batch's records name, by digest. */
  mine: ReadonlyMap<string, string>;
  /** The texts the batch brings, as put into the store (by the text itself), so they are written as references. */
  theirs: ReadonlyMap<string, { sha256: string; size: number }>;
}

export async function textsForBatch(
  db: WorkbenchDatabase,
  docs: readonly CouchDocument[],
  longTexts: ReadonlyMap<string, string>,
): Promise<BatchTexts> {
  const textDocs = docs.filter((doc) => parseDocId(doc._id)?.table === 'sourceTexts');
  if (textDocs.length === 0) return { mine: new Map(), theirs: new Map() };
  const keys = textDocs.map((doc) => parseDocId(doc._id)!.key);
  const stored = (await db.sourceTexts.bulkGet(keys)).filter((r) => r !== undefined).filter(isStoredSourceText);
  const texts = await textsOf(db.textStore, stored);
  const mine = new Map(stored.map((record, i) => [record.sha256, texts[i]!]));
  const theirs = new Map<string, { sha256: string; size: number }>();
  for (const doc of textDocs) {
    const text = fromDocument(doc, longTexts)?.text;
    if (typeof text === 'string' && !theirs.has(text)) theirs.set(text, await db.textStore.put(text));
  }
  return { mine, theirs };
}

/** A received `sourceTexts` row as this workspace keeps it: naming its text in the store (see textsForBatch). */
export function withTextStored(row: Row, theirs: BatchTexts['theirs']): Row {
  if (typeof row.text !== 'string') return row;
  const stored = theirs.get(row.text);
  return stored ? { sourceId: row.sourceId, sha256: stored.sha256, bytes: stored.size } : row;
}

/**
 * A `sourceTexts` row as sync sees it: holding its text. One that names a text not read beforehand (it
 * changed in between) stops the batch, which is applied afresh at the next sync.
 */
export function withTextInline(row: Row, texts: ReadonlyMap<string, string>): Row {
  if (typeof row.text === 'string' || typeof row.sha256 !== 'string') return row;
  const text = texts.get(row.sha256);
  if (text === undefined) throw new SyncError('server', translate('team.errors.textChanged'));
  return { sourceId: row.sourceId, text };
}

/**
 * Rows read in one transaction, with each stored `sourceTexts` row given its text (read after the
 * transaction: the texts are those the rows named, since a stored text never changes).
 */
export async function withTextsInline(
  db: WorkbenchDatabase,
  places: readonly ({ table: string } | undefined)[],
  rows: readonly (Row | undefined)[],
): Promise<(Row | undefined)[]> {
  const stored = rows.flatMap((row, i) =>
    row && places[i]?.table === 'sourceTexts' && typeof row.text !== 'string' && typeof row.sha256 === 'string'
      ? [{ sourceId: String(row.sourceId), sha256: row.sha256, bytes: Number(row.bytes) }]
      : [],
  );
  if (stored.length === 0) return [...rows];
  const texts = await textsOf(db.textStore, stored);
  const byDigest = new Map(stored.map((record, i) => [record.sha256, texts[i]!]));
  return rows.map((row, i) => (row && places[i]?.table === 'sourceTexts' ? withTextInline(row, byDigest) : row));
}
