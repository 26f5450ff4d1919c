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
  /** A source text too long to travel as its attachment: it travels as chunks (blobs.ts) with this hash. */
  textBlob?: { sha256: string; size: number };
  /** A chunk of a blob (`blobs:<sha256>:<index>`). */
  blob?: { sha256: string; size: number; index: number; count: number };
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
    textBlob: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).optional(),
  })
  .loose();

const TEXT_ATTACHMENT = 'text';
/**
 * Longer source texts travel as chunks (blobs.ts) rather than as the record's attachment, so a batch of
 * records stays well under the server's request and document size limits.
 */
export const TEXT_INLINE_BYTES = 256 * 1024;

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

/** A source text's bytes when they are too long to travel inline (sent first, as chunks), else null. */
export function longTextOf(table: SyncedTable, row: Row): Uint8Array | null {
  if (table !== 'sourceTexts') return null;
  const bytes = new TextEncoder().encode(sourceTextBody.take(row).text);
  return bytes.byteLength > TEXT_INLINE_BYTES ? bytes : null;
}

/**
 * The document for a record. A long source text (see longTextOf) is named by `textBlob`, its hash and
 * size, and travels as chunks sent before the document.
 */
export function toDocument(
  table: SyncedTable,
  row: Row,
  author: string,
  textBlob?: { sha256: string; size: number },
): CouchDocument {
  const _id = docIdOf(table, String(row[PRIMARY_KEYS[table]]));
  if (table !== 'sourceTexts') return { _id, table, author, record: row };
  const { rest, text } = sourceTextBody.take(row);
  if (textBlob) return { _id, table, author, record: rest, textBlob };
  return {
    _id,
    table,
    author,
    record: rest,
    _attachments: { [TEXT_ATTACHMENT]: { content_type: 'text/plain;charset=utf-8', data: encodeBase64(text) } },
  };
}

/**
 * The record a document carries, or undefined for a deleted document or one that is not a workspace record.
 * A long text travelled as chunks: `longTexts` holds it by hash (fetched before, see TeamSync).
 */
export function fromDocument(doc: CouchDocument, longTexts?: ReadonlyMap<string, string>): Row | undefined {
  if (doc._deleted || !doc.record) return undefined;
  const parsed = parseDocId(doc._id);
  if (!parsed || doc.table !== parsed.table) return undefined;
  if (parsed.table !== 'sourceTexts') return doc.record;
  if (doc.textBlob) {
    const long = longTexts?.get(doc.textBlob.sha256);
    return long === undefined ? undefined : sourceTextBody.put(doc.record, long);
  }
  const data = doc._attachments?.[TEXT_ATTACHMENT]?.data;
  return sourceTextBody.put(doc.record, data === undefined ? '' : decodeBase64(data));
}

export function encodeBase64(text: string): string {
  return encodeBytes(new TextEncoder().encode(text));
}

export function encodeBytes(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function decodeBase64(data: string): string {
  return new TextDecoder().decode(decodeBytes(data));
}

export function decodeBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
