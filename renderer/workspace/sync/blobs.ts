import { encodeBytes, type CouchDocument } from './documents';
import { t as translate } from '../../i18n';
import { SyncError, type CouchClient } from './couch';
import { mapBounded, PARALLEL_REQUESTS } from './parallel';

/**
 * Large bytes that travel beside the records: the original files of sources (PDF, DOCX… kept by hash in
 * main's source store) and source texts too long to ride along with their record. They go as
 * content-addressed chunk documents `blobs:<sha256>:<index>`, each with one attachment of at most
 * BLOB_CHUNK_BYTES, so no document or request comes near CouchDB's size limits (`max_document_size`,
 * `max_http_request_size`), whatever the file's size. A chunk never changes (its id says what it holds),
 * so chunks never conflict, and the same file shared by two sources, or sent twice, is stored once.
 */
export const BLOB_CHUNK_BYTES = 1024 * 1024;
/** At most this many bytes of chunks in one request that sends them (≈ 1.4 × as base64). */
const REQUEST_BYTES = 4 * BLOB_CHUNK_BYTES;
const CHUNK_ATTACHMENT = 'chunk';
/**
 * Blobs fetched during one sync are kept up to this many bytes: a source imported from a text file has
 * the file as its original and the same bytes as its long text, fetched once for both.
 */
const RECENT_BYTES = 64 * 1024 * 1024;

/** Which bytes: their SHA-256 (hex), size and number of chunks. */
export interface BlobRef {
  sha256: string;
  size: number;
}

/** How the analyst's own files are reached: main's source store (through IPC in the app). */
export interface SourceFiles {
  /** The hashes the store holds. */
  list(): Promise<string[]>;
  read(sha256: string): Promise<Uint8Array>;
  put(bytes: Uint8Array): Promise<unknown>;
}

export const chunkCount = (size: number): number => Math.max(1, Math.ceil(size / BLOB_CHUNK_BYTES));
export const chunkId = (sha256: string, index: number): string => `blobs:${sha256}:${index}`;
const chunkIds = (ref: BlobRef): string[] =>
  Array.from({ length: chunkCount(ref.size) }, (_, index) => chunkId(ref.sha256, index));

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends and fetches blobs in chunks; a blob is on the server once all its chunks are. */
export class BlobTransfer {
  /** The blobs fetched lately, oldest first (see RECENT_BYTES). */
  private readonly recent = new Map<string, Uint8Array>();
  private recentBytes = 0;

  constructor(
    private readonly client: CouchClient,
    private readonly author: string,
  ) {}

  /** The blobs whose chunks are not all on the server yet. */
  async missing(refs: readonly BlobRef[]): Promise<BlobRef[]> {
    if (refs.length === 0) return [];
    const present = await this.client.existing(refs.flatMap(chunkIds));
    return refs.filter((ref) => chunkIds(ref).some((id) => !present.has(id)));
  }

  async send(ref: BlobRef, bytes: Uint8Array): Promise<void> {
    const present = await this.client.existing(chunkIds(ref));
    const count = chunkCount(ref.size);
    let group: CouchDocument[] = [];
    let groupBytes = 0;
    const flush = async () => {
      if (group.length === 0) return;
      const answers = await this.client.bulkDocs(group);
      for (const doc of group) {
        const answer = answers.get(doc._id);
        // A conflict means the chunk is there already (sent by a colleague with the same file): it is the same.
        if (!answer || (answer.error && answer.error !== 'conflict')) {
          throw new SyncError(
            'server',
            translate('team.errors.chunkRefused', { id: doc._id, reason: answer?.reason ?? answer?.error ?? '—' }),
          );
        }
      }
      group = [];
      groupBytes = 0;
    };
    for (let index = 0; index < count; index++) {
      const id = chunkId(ref.sha256, index);
      if (present.has(id)) continue;
      const part = bytes.subarray(index * BLOB_CHUNK_BYTES, (index + 1) * BLOB_CHUNK_BYTES);
      group.push({
        _id: id,
        table: 'blobs',
        author: this.author,
        blob: { sha256: ref.sha256, size: ref.size, index, count },
        _attachments: { [CHUNK_ATTACHMENT]: { content_type: 'application/octet-stream', data: encodeBytes(part) } },
      });
      groupBytes += part.byteLength;
      if (groupBytes >= REQUEST_BYTES) await flush();
    }
    await flush();
  }

  /**
   * The blob's bytes, or null when not all its chunks are on the server (yet) or they do not add up to it.
   * Each chunk is its attachment's raw bytes (see CouchClient.attachment), a few requests at a time.
   */
  async fetch(ref: BlobRef): Promise<Uint8Array | null> {
    const kept = this.recent.get(ref.sha256);
    if (kept) return kept;
    const ids = chunkIds(ref);
    const bytes = new Uint8Array(ref.size);
    const whole = await mapBounded(ids, PARALLEL_REQUESTS, async (id, index) => {
      const part = await this.client.attachment(id, CHUNK_ATTACHMENT);
      const offset = index * BLOB_CHUNK_BYTES;
      if (!part || offset + part.byteLength > ref.size) return false;
      bytes.set(part, offset);
      return true;
    });
    if (whole.includes(false) || (await sha256Hex(bytes)) !== ref.sha256) return null;
    this.keep(ref.sha256, bytes);
    return bytes;
  }

  private keep(sha256: string, bytes: Uint8Array): void {
    if (bytes.byteLength > RECENT_BYTES) return;
    this.recent.set(sha256, bytes);
    this.recentBytes += bytes.byteLength;
    for (const [oldest, held] of this.recent) {
      if (this.recentBytes <= RECENT_BYTES) break;
      this.recent.delete(oldest);
      this.recentBytes -= held.byteLength;
    }
  }
}
