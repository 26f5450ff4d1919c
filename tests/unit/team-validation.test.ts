import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDocUpdate } from '../../scripts/couchdb/validate-doc-update.mjs';
import { startTestCouch, type TestCouch } from '../support/couch-server';

const amira = { name: 'amira', roles: [] as string[] };
const admin = { name: 'root', roles: ['_admin'] };

/** What CouchDB does with the function's answer: a thrown `{ forbidden }` refuses the write. */
function refusal(newDoc: unknown, oldDoc: unknown, user = amira): string | undefined {
  try {
    validateDocUpdate(newDoc, oldDoc, user);
    return undefined;
  } catch (error) {
    return (error as { forbidden: string }).forbidden;
  }
}

const tag = { id: 't1', name: 'Smuggling', parentId: null, description: '', color: '#336699' };

/** A record as the workbench sends it (renderer/workspace/sync/documents.ts; its own test checks the same shape). */
function toDocument(table: string, record: Record<string, unknown>, author: string) {
  const key = table === 'sourceTexts' ? record.sourceId : record.id;
  if (table !== 'sourceTexts') return { _id: `${table}:${String(key)}`, table, author, record };
  const { text, ...rest } = record;
  const data = Buffer.from(String(text)).toString('base64');
  return {
    _id: `${table}:${String(key)}`,
    table,
    author,
    record: rest,
    _attachments: { text: { content_type: 'text/plain;charset=utf-8', data } },
  };
}

describe('the validation document installed on a team database', () => {
  it('accepts the records the workbench writes, under the signed-in user', () => {
    expect(refusal(toDocument('tags', tag, 'amira'), undefined)).toBeUndefined();
    expect(refusal(toDocument('sourceTexts', { sourceId: 's1', text: 'Текст' }, 'amira'), undefined)).toBeUndefined();
    expect(
      refusal({ _id: 'tags:t1', _deleted: true, table: 'tags', author: 'amira' }, { _id: 'tags:t1' }),
    ).toBeUndefined();
  });

  it('refuses a record written under another name, a foreign document, a changed revision and a design document', () => {
    expect(refusal(toDocument('tags', tag, 'bruno'), undefined)).toMatch(/name of the user who is signed in/);
    expect(refusal({ _id: 'notes:1', table: 'notes', author: 'amira', record: { id: '1' } }, undefined)).toMatch(
      /Not a workbench record/,
    );
    expect(refusal({ ...toDocument('tags', tag, 'amira'), _id: 'tags:other' }, undefined)).toMatch(/key of tags:other/);
    const revision = { _id: 'revisions:r1', table: 'revisions', author: 'amira', record: { id: 'r1' } };
    expect(refusal(revision, undefined)).toBeUndefined();
    expect(refusal(revision, { ...revision, _rev: '1-a' })).toMatch(/append-only/);
    expect(refusal({ _id: '_design/x' }, undefined)).toMatch(/administrator/);
    expect(refusal({ _id: '_design/x' }, undefined, admin)).toBeUndefined();
  });

  it('accepts a chunk of an original file or a long text once, and refuses changing it or a chunk that is not one', () => {
    const sha = 'a'.repeat(64);
    const chunk = {
      _id: `blobs:${sha}:0`,
      table: 'blobs',
      author: 'amira',
      blob: { sha256: sha, size: 10, index: 0, count: 1 },
      _attachments: { chunk: { content_type: 'application/octet-stream', data: 'AAAA' } },
    };
    expect(refusal(chunk, undefined)).toBeUndefined();
    expect(refusal(chunk, { ...chunk, _rev: '1-a' })).toMatch(/never changed/);
    expect(refusal({ ...chunk, author: 'bruno' }, undefined)).toMatch(/name of the user who is signed in/);
    expect(refusal({ ...chunk, _id: `blobs:${sha}:1` }, undefined)).toMatch(/Not a workbench file chunk/);
    expect(refusal({ ...chunk, _attachments: undefined }, undefined)).toMatch(/Not a workbench file chunk/);
    // A long source text names its chunks instead of carrying the attachment.
    const longText = { ...toDocument('sourceTexts', { sourceId: 's1', text: '' }, 'amira'), _attachments: undefined };
    expect(refusal(longText, undefined)).toMatch(/attachment “text”, or in chunks/);
    expect(refusal({ ...longText, textBlob: { sha256: sha, size: 10 } }, undefined)).toBeUndefined();
  });
});

describe('the admin script', () => {
  let couch: TestCouch;
  beforeAll(async () => {
    couch = await startTestCouch({ accounts: true });
    // The server leaves "admin party" as a real deployment does: one administrator, and analysts as users.
    const put = (path: string, body: unknown, auth?: string) =>
      fetch(`${couch.url}${path}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
        body: JSON.stringify(body),
      });
    expect((await put('/_config/admins/root', 'admin-pw')).ok).toBe(true);
    const rootAuth = `Basic ${Buffer.from('root:admin-pw').toString('base64')}`;
    for (const name of ['amira', 'carla']) await couch.addUser(name, rootAuth);
  });
  afterAll(async () => couch.close());

  it('creates the database, its members and the validation document, without printing the password', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        'scripts/couchdb/setup-team-database.mjs',
        '--url',
        couch.url,
        '--database',
        'sahel',
        '--admin',
        'root',
        '--members',
        'amira, bruno',
      ],
      { env: { ...process.env, COUCHDB_ADMIN_PASSWORD: 'admin-pw' } },
    );
    expect(`${stdout}${stderr}`).not.toContain('admin-pw');
    expect(stdout).toContain('Members: amira, bruno.');
    const as = (user: string) => `Basic ${Buffer.from(`${user}:${user}-pw`).toString('base64')}`;
    const write = (user: string, doc: { _id: string }) =>
      fetch(`${couch.url}/sahel/${encodeURIComponent(doc._id)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: as(user) },
        body: JSON.stringify(doc),
      });
    // The server now enforces both: a member writes her own records, never under another name; a non-member nothing.
    expect((await write('amira', toDocument('tags', tag, 'amira'))).status).toBe(201);
    expect((await write('amira', toDocument('tags', { ...tag, id: 't2' }, 'bruno'))).status).toBe(403);
    expect([401, 403]).toContain((await write('carla', toDocument('tags', { ...tag, id: 't3' }, 'carla'))).status);
  });
});
