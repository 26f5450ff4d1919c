import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../main/services/errors';
import { sendTeamRequest } from '../../main/services/team-http';
import { startTestCouch, type TestCouch } from '../support/couch-server';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => couch.close());

const request = { database: 'sahel', user: 'amira', password: 'pw', method: 'GET' as const, path: '' };

describe('team sync requests made by main', () => {
  it('reach a server on this computer under the team database', async () => {
    const created = await sendTeamRequest({ ...request, url: couch.url, method: 'PUT' });
    expect(created.status).toBe(201);
    const info = await sendTeamRequest({ ...request, url: `${couch.url}/` });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ db_name: 'sahel' });
  });

  it('answer an attachment as its bytes, unchanged, when asked for bytes', async () => {
    const database = 'sahel-files';
    await sendTeamRequest({ ...request, database, url: couch.url, method: 'PUT' });
    // Every byte value, and bytes that are not UTF-8: a text answer would have mangled them.
    const bytes = Uint8Array.from({ length: 600 }, (_, i) => (i * 7) % 256);
    const data = Buffer.from(bytes).toString('base64');
    const doc = { _id: 'blobs:ab:0', _attachments: { chunk: { content_type: 'application/octet-stream', data } } };
    const put = await sendTeamRequest({
      ...request,
      database,
      url: couch.url,
      method: 'POST',
      path: '/_bulk_docs',
      body: JSON.stringify({ docs: [doc] }),
    });
    expect(put.status).toBe(201);
    const path = `/${encodeURIComponent('blobs:ab:0')}/chunk`;
    const answer = await sendTeamRequest({ ...request, database, url: couch.url, path, bytes: true });
    expect(answer.status).toBe(200);
    expect(answer.bytes).toEqual(bytes);
    const missing = await sendTeamRequest({
      ...request,
      database,
      url: couch.url,
      path: '/nothing/chunk',
      bytes: true,
    });
    expect(missing.status).toBe(404);
  });

  it('refuse plain http to another computer, with a sentence and without sending anything', async () => {
    const refused = sendTeamRequest({ ...request, url: 'http://couch.institute.example:5984' });
    await expect(refused).rejects.toBeInstanceOf(ServiceError);
    await expect(refused).rejects.toThrow(/must start with https:\/\//);
    await expect(sendTeamRequest({ ...request, url: 'not an address' })).rejects.toThrow(/not a web address/);
  });

  it('answer status 0 when the server cannot be reached, never an error that carries the request', async () => {
    const answer = await sendTeamRequest({ ...request, url: 'http://127.0.0.1:9' });
    expect(answer).toEqual({ status: 0, body: '' });
  });
});
