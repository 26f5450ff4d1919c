import { z } from 'zod';
import type { Row } from '../../../shared/interop/merge';
import { PRIMARY_KEYS } from '../../../shared/interop/workspace-snapshot';
import { docIdOf, parseDocId, type SyncedTable } from '../../db/sync-state';

/**
 * How a record travels: one CouchDB document per record, `{ _id: '<table>:<key>', table, author, record }`.
 * A source's text goes as an attachment (CouchDB keeps attachments out of the JSON body, so a long text
 * does not push the document towards the server's document size limit and is replicated efficiently).
 * The `author` is the analyst's server user name: the shipped `validate_doc_update` checks it.
 */
export interface CouchDocument {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  table?: string;
  author?: string;
  record?: Row;
  _attachments?: Record<string, { content_type?: string; data?: string; stub?: boolean }>;
}

export const CouchDocumentSchema = z
  .object({
    _id: z.string(),
    _rev: z.string().optional(),
    _deleted: z.boolean().optional(),
    _conflicts: z.array(z.string()).optional(),
    table: z.string().optional(),
    author: z.string().optional(),
    record: z.record(z.string(), z.unknown()).optional(),
    _attachments: z
      .record(
        z.string(),
        z.object({ content_type: z.string().optional(), data: z.string().optional(), stub: z.boolean().optional() }),
      )
      .optional(),
  })
  .loose();

const TEXT_ATTACHMENT = 'text';

/**
 * The one place that knows where a source's text is in a `sourceTexts` record. Today the record holds
 * the text itself; when texts move to main's content-addressed store this is what changes.
 */
const sourceTextBody = {
  take(row: Row): { rest: Row; text: string } {
    const { text, ...rest } = row;
    return { rest, text: typeof text === 'string' ? text : '' };
  },
  put(rest: Row, text: string): Row {
    return { ...rest, text };
  },
};

export function toDocument(table: SyncedTable, row: Row, author: string): CouchDocument {
  const _id = docIdOf(table, String(row[PRIMARY_KEYS[table]]));
  if (table !== 'sourceTexts') return { _id, table, author, record: row };
  const { rest, text } = sourceTextBody.take(row);
  return {
    _id,
    table,
    author,
    record: rest,
    _attachments: { [TEXT_ATTACHMENT]: { content_type: 'text/plain;charset=utf-8', data: encodeBase64(text) } },
  };
}

/** The record a document carries, or undefined for a deleted document or one that is not a workspace record. */
export function fromDocument(doc: CouchDocument): Row | undefined {
  if (doc._deleted || !doc.record) return undefined;
  const parsed = parseDocId(doc._id);
  if (!parsed || doc.table !== parsed.table) return undefined;
  if (parsed.table !== 'sourceTexts') return doc.record;
  const data = doc._attachments?.[TEXT_ATTACHMENT]?.data;
  return sourceTextBody.put(doc.record, data === undefined ? '' : decodeBase64(data));
}

export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function decodeBase64(data: string): string {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
