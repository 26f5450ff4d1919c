import { z } from 'zod';
import { t as translate } from '../../i18n';
import { CouchDocumentSchema, encodeBase64, type CouchDocument } from './documents';

/** Where the team's workspace lives and who is asking. The password is never stored in the workspace. */
export interface TeamServer {
  /** The server address, e.g. https://couch.institute.example:6984 */
  url: string;
  database: string;
  user: string;
  password: string;
}

export type SyncErrorKind = 'offline' | 'refused' | 'server' | 'setup';

/** A sync failure as the sentence the analyst reads; `kind` tells the status bar what to show. */
export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

/** Checks the address and database name; answers the sentence saying what is wrong, or null. */
export function teamServerProblem(server: Pick<TeamServer, 'url' | 'database'>): string | null {
  let url: URL;
  try {
    url = new URL(server.url);
  } catch {
    return translate('team.errors.notAddress');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return translate('team.errors.needsHttps');
  }
  if (!DATABASE_NAME.test(server.database)) {
    return translate('team.errors.databaseName');
  }
  return null;
}

const ChangesSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      seq: z.union([z.string(), z.number()]),
      changes: z.array(z.object({ rev: z.string() })),
      deleted: z.boolean().optional(),
    }),
  ),
  last_seq: z.union([z.string(), z.number()]),
});
export interface ChangesBatch {
  /** Each changed document with its leaf revisions (the winning one first) and whether it was deleted. */
  changes: { id: string; revs: string[]; deleted: boolean }[];
  lastSeq: string;
}

const BulkGetSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      docs: z.array(z.object({ ok: CouchDocumentSchema.optional() }).loose()),
    }),
  ),
});

const BulkDocsSchema = z.array(
  z.object({ id: z.string(), rev: z.string().optional(), error: z.string().optional(), reason: z.string().optional() }),
);
export type BulkResult = z.infer<typeof BulkDocsSchema>[number];

const AllDocsSchema = z.object({
  rows: z.array(z.object({ id: z.string(), doc: CouchDocumentSchema.optional() })),
});

/** `_all_docs` by keys: a key the server does not have is a row with an error; a deleted one has `doc: null`. */
const AllDocsByKeysSchema = z.object({
  rows: z.array(z.object({ key: z.string(), doc: CouchDocumentSchema.nullish() }).loose()),
});

const KeysSchema = z.object({
  rows: z.array(
    z.object({
      key: z.string(),
      error: z.string().optional(),
      value: z.object({ rev: z.string(), deleted: z.boolean().optional() }).optional(),
    }),
  ),
});

/**
 * A thin client for the part of CouchDB's documented HTTP API the sync needs: `_changes` from a
 * checkpoint, `_bulk_get`, `_bulk_docs` (whose results are matched by id, never by position: servers
 * answer in any order), and `_all_docs` with `conflicts=true` for the sweep. Every answer is validated.
 */
export class CouchClient {
  constructor(
    private readonly server: TeamServer,
    private readonly transport: CouchTransport = fetchTransport(server),
  ) {
    const problem = teamServerProblem(server);
    if (problem) throw new SyncError('setup', problem);
  }

  get user(): string {
    return this.server.user;
  }

  get database(): string {
    return this.server.database;
  }

  /** Opens the team's database, creating it when asked to publish; answers whether it was created. */
  async openDatabase(create: boolean): Promise<boolean> {
    const found = await this.answer('GET', '', undefined, [404]);
    if (found.status !== 404) return false;
    if (!create) {
      throw new SyncError('setup', translate('team.errors.noDatabase', { database: this.server.database }));
    }
    await this.answer('PUT', '', undefined, [412]);
    return true;
  }

  async changes(since: string, limit: number): Promise<ChangesBatch> {
    const query = `/_changes?style=all_docs&limit=${limit}&since=${encodeURIComponent(since)}`;
    const body = ChangesSchema.parse(await this.request('GET', query));
    return {
      changes: body.results.map((r) => ({ id: r.id, revs: r.changes.map((c) => c.rev), deleted: r.deleted === true })),
      lastSeq: String(body.last_seq),
    };
  }

  /**
   * Waits on the feed (`feed=longpoll`) until something changed after `since` or `timeoutMs` passed;
   * answers whether something did.
   */
  async waitForChanges(since: string, timeoutMs: number): Promise<boolean> {
    const query = `/_changes?feed=longpoll&limit=1&timeout=${timeoutMs}&since=${encodeURIComponent(since)}`;
    return ChangesSchema.parse(await this.request('GET', query)).results.length > 0;
  }

  /** The current (winning) version of each document, deleted ones included, with attachments inline. */
  async bulkGet(ids: readonly string[]): Promise<CouchDocument[]> {
    if (ids.length === 0) return [];
    const response = await this.request('POST', '/_bulk_get?attachments=true&latest=true', {
      docs: ids.map((id) => ({ id })),
    });
    const body = BulkGetSchema.parse(response);
    const docs: CouchDocument[] = [];
    for (const result of body.results) for (const d of result.docs) if (d.ok) docs.push(d.ok as CouchDocument);
    return docs;
  }

  /**
   * One attachment's bytes as the server keeps them, or null when the document or the attachment is not
   * there. Fetched raw rather than inside a document (`_bulk_get?attachments=true`), where the bytes come
   * as base64 in JSON: a third larger, and encoded, parsed and decoded again on both sides.
   */
  async attachment(id: string, name: string): Promise<Uint8Array | null> {
    const answer = await this.answer(
      'GET',
      `/${encodeURIComponent(id)}/${encodeURIComponent(name)}`,
      undefined,
      [404],
      true,
    );
    if (answer.status === 404) return null;
    if (!answer.bytes) throw new SyncError('server', translate('team.errors.notCouch'));
    return answer.bytes;
  }

  /** Which of these documents the server holds (not deleted). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const present = new Set<string>();
    const PAGE = 500;
    for (let at = 0; at < ids.length; at += PAGE) {
      const body = KeysSchema.parse(await this.request('POST', '/_all_docs', { keys: ids.slice(at, at + PAGE) }));
      for (const row of body.rows) if (row.value && !row.value.deleted && !row.error) present.add(row.key);
    }
    return present;
  }

  /** One version of a document (a losing revision of a server-side conflict). */
  async getRevision(id: string, rev: string): Promise<CouchDocument> {
    const path = `/${encodeURIComponent(id)}?attachments=true&rev=${encodeURIComponent(rev)}`;
    return CouchDocumentSchema.parse(await this.request('GET', path)) as CouchDocument;
  }

  /** Writes documents; the answers are keyed by document id. */
  async bulkDocs(docs: readonly CouchDocument[]): Promise<Map<string, BulkResult>> {
    const results = BulkDocsSchema.parse(await this.request('POST', '/_bulk_docs', { docs }));
    return new Map(results.map((r) => [r.id, r]));
  }

  /** A page of documents with their `_conflicts`, after `startAfter`. */
  async documentsWithConflicts(startAfter: string | undefined, limit: number): Promise<CouchDocument[]> {
    const start = startAfter === undefined ? '' : `&startkey=${encodeURIComponent(JSON.stringify(startAfter))}&skip=1`;
    const path = `/_all_docs?include_docs=true&conflicts=true&limit=${limit}${start}`;
    const body = AllDocsSchema.parse(await this.request('GET', path));
    return body.rows.flatMap((r) => (r.doc ? [r.doc as CouchDocument] : []));
  }

  /** These documents' current versions with their `_conflicts` (those the server does not have, or deleted, left out). */
  async withConflicts(ids: readonly string[]): Promise<CouchDocument[]> {
    if (ids.length === 0) return [];
    const body = AllDocsByKeysSchema.parse(
      await this.request('POST', '/_all_docs?include_docs=true&conflicts=true', { keys: ids }),
    );
    return body.rows.flatMap((r) => (r.doc ? [r.doc as CouchDocument] : []));
  }

  /** The answer's JSON (validated by the caller). */
  private async request(method: CouchRequest['method'], path: string, body?: unknown): Promise<unknown> {
    const answer = await this.answer(method, path, body);
    try {
      return JSON.parse(answer.body) as unknown;
    } catch {
      throw new SyncError('server', translate('team.errors.notCouch'));
    }
  }

  private async answer(
    method: CouchRequest['method'],
    path: string,
    body?: unknown,
    allowed: number[] = [],
    bytes = false,
  ): Promise<CouchAnswer> {
    const answer = await this.transport({
      method,
      path,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(bytes ? { bytes } : {}),
    });
    if (answer.status === 0) {
      throw new SyncError('offline', translate('team.errors.unreachable', { host: new URL(this.server.url).host }));
    }
    if ((answer.status >= 200 && answer.status < 300) || allowed.includes(answer.status)) return answer;
    if (answer.status === 401) {
      throw new SyncError('refused', translate('team.errors.badLogin'));
    }
    if (answer.status === 403) {
      throw new SyncError(
        'refused',
        translate('team.errors.forbidden', { user: this.server.user, database: this.server.database }),
      );
    }
    throw new SyncError('server', translate('team.errors.serverError', { status: String(answer.status) }));
  }
}

/**
 * One HTTP request below the team database (`''`, `/_changes?…`), with a JSON body as text; `bytes` asks
 * for the answer's body as it came (an attachment), not as text.
 */
export interface CouchRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: string;
  bytes?: boolean;
}
/** Status 0: the server was not reached. A request for bytes is answered in `bytes` (its `body` empty). */
export interface CouchAnswer {
  status: number;
  body: string;
  bytes?: Uint8Array;
}
/** How requests reach the server: by `fetch` here (tests, a worker), or through main in the app (platform/team-transport.ts). */
export type CouchTransport = (request: CouchRequest) => Promise<CouchAnswer>;

/** Requests that change nothing on the server, safe to send again. */
function isRead(method: CouchRequest['method'], path: string): boolean {
  return method === 'GET' || path.startsWith('/_bulk_get') || path.startsWith('/_all_docs');
}

export function fetchTransport(
  server: TeamServer,
  fetcher: typeof fetch = (...args) => fetch(...args),
): CouchTransport {
  const base = `${server.url.replace(/\/+$/, '')}/${encodeURIComponent(server.database)}`;
  const auth = server.user ? `Basic ${encodeBase64(`${server.user}:${server.password}`)}` : undefined;
  return async ({ method, path, body, bytes }) => {
    const headers: Record<string, string> = { Accept: bytes ? '*/*' : 'application/json' };
    if (auth) headers.Authorization = auth;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // A connection the server closed while idle fails the first request sent on it: a read gets one more
    // try on a new one. A write does not (the next sync finds out what the server took).
    const tries = isRead(method, path) ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        // A feed read twice must be read twice: never answered from an HTTP cache.
        const response = await fetcher(`${base}${path}`, { method, headers, body, cache: 'no-store' });
        if (bytes) return { status: response.status, body: '', bytes: new Uint8Array(await response.arrayBuffer()) };
        return { status: response.status, body: await response.text() };
      } catch {
        if (attempt >= tries) return { status: 0, body: '' };
      }
    }
  };
}
