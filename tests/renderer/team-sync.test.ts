// @vitest-environment node
// Node's own fetch: happy-dom's answers a repeated GET of `_changes` from its cache whatever the request says.
// A real browser's fetch (its cache and CORS) is the e2e test's.
import { sourceTextIn, storeTextsThrough } from './source-text';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { SYNCED_TABLES } from '../../renderer/db/sync-state';
import { createRegister } from '../../renderer/workspace/commands/registers';
import { settleSyncConflict } from '../../renderer/workspace/commands/sync';
import { createThreat, deleteThreats, updateThreat } from '../../renderer/workspace/commands/threats';
import { CouchClient, fetchTransport } from '../../renderer/workspace/sync/couch';
import { toDocument } from '../../renderer/workspace/sync/documents';
import { validateDocUpdate } from '../../scripts/couchdb/validate-doc-update.mjs';
import { TeamSync, type SyncSummary } from '../../renderer/workspace/sync/team-sync';
import { startTestCouch, type TestCouch } from '../support/couch-server';
import { useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';
import { LiveSync } from '../../renderer/workspace/sync/live-sync';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { importSource } from '../../renderer/workspace/commands/sources';
import { BLOB_CHUNK_BYTES, type SourceFiles } from '../../renderer/workspace/sync/blobs';
import { TEXT_INLINE_BYTES } from '../../renderer/workspace/sync/documents';
import type { WorkbenchApi } from '../../shared/ipc';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => couch.close());

const demo = useDemoDatabases();
const tempFolder = useTempFolders();
const opened: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const noWait = () => Promise.resolve();

interface Analyst {
  db: WorkbenchDatabase;
  database: string;
  sync: (fetcher?: typeof fetch) => Promise<SyncSummary>;
  /** Live sync's wait on the server's feed. */
  waitForChanges: (timeoutMs: number) => Promise<boolean>;
}

/** An analyst's source store: main's, over a real data folder, as the app reaches it through IPC. */
function storeOf(api: WorkbenchApi): SourceFiles {
  return {
    list: async () => (await api.listSourceFiles()).map((f) => f.sha256),
    read: (sha256) => api.readSourceFile(sha256),
    put: (bytes) => api.putSourceFile({ bytes }),
  };
}

/**
 * An analyst on the team server. Each has a data folder of their own behind the real main handlers
 * (`api`, made afresh when not given): their source texts and, when `api` is given, their originals.
 * A database passed in keeps the text store it was given.
 */
async function analyst(
  database: string,
  user: string,
  db?: WorkbenchDatabase,
  publish = false,
  api?: WorkbenchApi,
): Promise<Analyst> {
  const files = api ? storeOf(api) : undefined;
  const own =
    db ??
    storeTextsThrough(
      new WorkbenchDatabase(`sync-${user}-${crypto.randomUUID()}`),
      api ?? (await realWorkbench(await tempFolder())),
    );
  if (!db) opened.push(own);
  const server = { url: couch.url, database, user, password: `${user}-pw` };
  return {
    db: own,
    database,
    waitForChanges: (timeoutMs) => new TeamSync(own, new CouchClient(server)).waitForChanges(timeoutMs),
    sync: (fetcher) => {
      const client = new CouchClient(server, fetchTransport(server, fetcher));
      return new TeamSync(own, client, {
        // Small pages, fetched and applied in groups smaller still: every test crosses page and group ends.
        batchSize: 25,
        fetchSize: 10,
        publish,
        yieldToWindow: noWait,
        ...(files ? { files } : {}),
      }).syncOnce();
    },
  };
}

const newDatabase = () => `team-${crypto.randomUUID().slice(0, 8)}`;

async function serverDoc(database: string, id: string) {
  const response = await fetch(`${couch.url}/${database}/${encodeURIComponent(id)}?conflicts=true`);
  return (await response.json()) as Record<string, unknown>;
}

async function serverIds(database: string): Promise<string[]> {
  const response = await fetch(`${couch.url}/${database}/_all_docs`);
  const body = (await response.json()) as { rows: { id: string }[] };
  return body.rows.map((r) => r.id);
}

/** A second branch of a document, as replication between two servers leaves it (a conflict the server holds). */
async function branchOnServer(database: string, docId: string, title: string): Promise<void> {
  const current = await serverDoc(database, docId);
  const branch = {
    ...current,
    _rev: '2-0000000000000000000000000000beef',
    _revisions: undefined,
    record: { ...(current.record as object), title },
  };
  const response = await fetch(`${couch.url}/${database}/_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ docs: [branch], new_edits: false }),
  });
  expect(response.ok).toBe(true);
}

/** A request of the full sweep: every document of the database with its conflicts. */
const isFullSweep = (url: string) => url.includes('/_all_docs?include_docs=true&conflicts=true&limit=');

/** A team of two who share one register with one threat, both synced. */
async function twoWithAThreat() {
  const database = newDatabase();
  const a = await analyst(database, 'amira', undefined, true);
  const b = await analyst(database, 'bruno');
  const register = await perform(a.db, createRegister, { name: 'Sahel' });
  const threat = await perform(a.db, createThreat, { registerId: register.id, fields: { title: 'Convoy ambush' } });
  await a.sync();
  await b.sync();
  return { database, a, b, register, threat };
}

async function rows(db: WorkbenchDatabase) {
  const out: Record<string, unknown[]> = {};
  for (const table of SYNCED_TABLES) {
    const all = (await db.table(table).toArray()) as Record<string, unknown>[];
    out[table] = all.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

describe('team sync through a CouchDB-compatible server', () => {
  it('records every change in the outbox while sync is off, and sends nothing', async () => {
    const database = newDatabase();
    const a = await analyst(database, 'amira', undefined, true);
    const register = await perform(a.db, createRegister, { name: 'Horn of Africa' });
    expect(await a.db.syncOutbox.get(`registers:${register.id}`)).toBeDefined();
    const revisions = await a.db.revisions.where('[entity+entityId]').equals(['register', register.id]).toArray();
    expect(await a.db.syncOutbox.count()).toBe(1 + revisions.length);
    expect((await fetch(`${couch.url}/${database}`)).status).toBe(404);
  });

  it('publishes a workspace and a new member downloads all of it, source texts and history included', async () => {
    const database = newDatabase();
    const a = await analyst(database, 'amira', await demo(), true);
    const published = await a.sync();
    expect(published.published).toBe(true);
    expect(await a.db.syncOutbox.count()).toBe(0);
    const b = await analyst(database, 'bruno');
    const joined = await b.sync();
    expect(joined.conflicts).toBe(0);
    expect(await rows(b.db)).toEqual(await rows(a.db));
    expect(
      (await Promise.all((await b.db.sourceTexts.toArray()).map((t) => sourceTextIn(b.db, t.sourceId)))).some(
        (t) => t.length > 1000,
      ),
    ).toBe(true);
    // The text travels as an attachment, not in the document's JSON.
    const text = (await a.db.sourceTexts.toArray())[0]!;
    const doc = await serverDoc(database, `sourceTexts:${text.sourceId}`);
    expect(doc.record).not.toHaveProperty('text');
    expect(doc._attachments).toHaveProperty('text');
    // What is sent passes the validation document installed on team databases (scripts/couchdb).
    for (const table of ['sourceTexts', 'threats', 'revisions'] as const) {
      const row = (await a.db.table(table).toCollection().first()) as Record<string, unknown>;
      expect(() =>
        validateDocUpdate(toDocument(table, row, 'amira'), undefined, { name: 'amira', roles: [] }),
      ).not.toThrow();
    }
  });

  it('sends original files and long texts in chunks, and a new member opens the file by its hash', async () => {
    const database = newDatabase();
    const apiA = await realWorkbench(await tempFolder());
    const apiB = await realWorkbench(await tempFolder());
    const dbA = new WorkbenchDatabase(`sync-amira-${crypto.randomUUID()}`);
    opened.push(dbA);
    storeTextsThrough(dbA, apiA);
    await seedDemoWorkspaceOnce(dbA, () => apiA.loadDemoWorkspace());
    // A long report: its original (a .txt of 1.5 MB, Cyrillic so a character is not a byte) spans two
    // chunks, and its text is far over what travels inline with the record.
    const paragraph = 'Доклад о положении в регионе Сахель: маршруты, группы, угрозы. Report on the Sahel. ';
    const bytes = new TextEncoder().encode(paragraph.repeat(Math.ceil((1.5 * 1024 * 1024) / 120)));
    expect(bytes.byteLength).toBeGreaterThan(BLOB_CHUNK_BYTES);
    const imported = await apiA.importSource({
      bytes,
      fileName: 'sahel-report.txt',
      keepFullText: false,
      maxBytes: 50 * 1024 * 1024,
    });
    const report = await perform(dbA, importSource, { imported, fallbackTitle: 'Sahel report' });
    expect(new TextEncoder().encode(imported.text).byteLength).toBeGreaterThan(TEXT_INLINE_BYTES);

    const a = await analyst(database, 'amira', dbA, true, apiA);
    const published = await a.sync();
    const originals = (await dbA.sources.toArray()).flatMap((s) => (s.file ? [s.file] : []));
    expect(originals.length).toBeGreaterThanOrEqual(2);
    expect(published.filesSent).toBe(originals.length);

    // On the server: chunks under the size limit, each passing the validation document; the long text by hash.
    const ids = await serverIds(database);
    const chunks = ids.filter((id) => id.startsWith(`blobs:${report.file!.sha256}:`));
    expect(chunks).toHaveLength(2);
    const chunk = await serverDoc(database, chunks[0]!);
    expect(() => validateDocUpdate(chunk as never, undefined, { name: 'amira', roles: [] })).not.toThrow();
    const textDoc = await serverDoc(database, `sourceTexts:${report.id}`);
    expect(textDoc).toHaveProperty('textBlob');
    expect(textDoc._attachments).toBeUndefined();
    expect(() => validateDocUpdate(textDoc as never, undefined, { name: 'amira', roles: [] })).not.toThrow();

    const b = await analyst(database, 'bruno', undefined, false, apiB);
    const joined = await b.sync();
    // The report's original (a .txt) is the very bytes of its text, which reached B's store with the text.
    expect(joined.filesReceived).toBe(originals.length - 1);
    expect(await rows(b.db)).toEqual(await rows(dbA));
    const atB = new Set((await apiB.listSourceFiles()).map((f) => f.sha256));
    for (const file of originals) {
      expect(atB.has(file.sha256)).toBe(true);
      expect(await apiB.readSourceFile(file.sha256)).toEqual(await apiA.readSourceFile(file.sha256));
    }
    expect(await sourceTextIn(b.db, report.id)).toBe(imported.text);

    // Nothing travels twice.
    expect(await a.sync()).toMatchObject({ filesSent: 0, filesReceived: 0, sent: 0 });
    expect(await b.sync()).toMatchObject({ filesSent: 0, filesReceived: 0, sent: 0, received: 0 });
  }, 180_000);

  it('sends and fetches once the bytes that are both a text file and its long text', async () => {
    const database = newDatabase();
    const apiA = await realWorkbench(await tempFolder());
    const apiB = await realWorkbench(await tempFolder());
    // A .txt file is kept as its text: the original and the long text are the same bytes, the same chunks.
    const line = 'Convoy movements on the Gao road, reported by the liaison office in Niamey.';
    const bytes = new TextEncoder().encode(Array.from({ length: 16_000 }, () => line).join('\n'));
    expect(bytes.byteLength).toBeGreaterThan(BLOB_CHUNK_BYTES);
    const imported = await apiA.importSource({ bytes, fileName: 'convoys.txt', keepFullText: false, maxBytes: 1e8 });
    expect(imported.text).toBe(new TextDecoder().decode(bytes));
    const a = await analyst(database, 'amira', undefined, true, apiA);
    const source = await perform(a.db, importSource, { imported, fallbackTitle: 'Convoys' });
    const sent: string[] = [];
    const published = await a.sync(async (input, init) => {
      if (String(input).endsWith('/_bulk_docs')) sent.push(String(init?.body));
      return fetch(input, init);
    });
    expect(published.filesSent).toBe(0); // already there: its chunks went as the long text
    const chunks = (await serverIds(database)).filter((id) => id.startsWith(`blobs:${source.file!.sha256}:`));
    expect(chunks).toHaveLength(2);
    for (const id of chunks) expect(sent.filter((body) => body.includes(`"_id":"${id}"`))).toHaveLength(1);

    const asked: string[] = [];
    const inDocuments: string[] = [];
    const b = await analyst(database, 'bruno', undefined, false, apiB);
    const joined = await b.sync(async (input, init) => {
      asked.push(decodeURIComponent(new URL(String(input)).pathname));
      if (String(input).includes('/_bulk_get')) inDocuments.push(String(init?.body));
      return fetch(input, init);
    });
    // The original arrived as the long text's bytes (the same hash): already in B's store, not fetched again.
    expect(joined.filesReceived).toBe(0);
    // Each chunk fetched once, as its attachment's raw bytes, never as base64 inside a document.
    for (const id of chunks) {
      expect(asked.filter((path) => path.endsWith(`/${id}/chunk`))).toHaveLength(1);
      expect(inDocuments.filter((body) => body.includes(`"${id}"`))).toHaveLength(0);
    }
    expect(await apiB.readSourceFile(source.file!.sha256)).toEqual(bytes);
    expect(await sourceTextIn(b.db, source.id)).toBe(imported.text);
  }, 60_000);

  it('with live sync on at both, a change made at one arrives at the other without Sync now', async () => {
    const { a, b, threat } = await twoWithAThreat();
    const live = [a, b].map(
      (analyst) =>
        new LiveSync({
          sync: () => analyst.sync(),
          waitForChanges: () => analyst.waitForChanges(5_000),
          subscribe: (listener) => workspaceOf(analyst.db).subscribe(listener),
          afterChangeMs: 20,
          retryMs: 200,
        }),
    );
    for (const one of live) one.start();
    try {
      await perform(a.db, updateThreat, { id: threat.id, patch: { title: 'Ambush near Gao' } });
      await expect
        .poll(async () => (await b.db.threats.get(threat.id))?.title, { timeout: 15_000, interval: 50 })
        .toBe('Ambush near Gao');
      await perform(b.db, updateThreat, { id: threat.id, patch: { likelihood: 5 } });
      await expect
        .poll(async () => (await a.db.threats.get(threat.id))?.likelihood, { timeout: 15_000, interval: 50 })
        .toBe(5);
    } finally {
      for (const one of live) one.stop();
      await Promise.all(live.map((one) => one.settled()));
    }
    expect(await a.db.syncConflicts.count()).toBe(0);
  }, 40_000);

  it('brings offline bursts from both sides together, and a record edited in different fields merges by itself', async () => {
    const { a, b, register, threat } = await twoWithAThreat();
    for (let i = 0; i < 30; i++) {
      await perform(a.db, createThreat, { registerId: register.id, fields: { title: `A ${i}` } });
      await perform(b.db, createThreat, { registerId: register.id, fields: { title: `B ${i}` } });
    }
    await perform(a.db, updateThreat, { id: threat.id, patch: { title: 'Convoy ambush near Gao' } });
    await perform(b.db, updateThreat, { id: threat.id, patch: { description: 'Two attacks in May.' } });
    await a.sync();
    const second = await b.sync();
    expect(second.merged).toBe(1);
    await a.sync();
    expect(await a.db.threats.count()).toBe(61);
    expect(await rows(a.db)).toEqual(await rows(b.db));
    expect(await a.db.threats.get(threat.id)).toMatchObject({
      title: 'Convoy ambush near Gao',
      description: 'Two attacks in May.',
    });
    expect(await a.db.syncConflicts.count()).toBe(0);
    expect(await b.db.syncOutbox.count()).toBe(0);
  });

  it('does not apply its own pushes again when they come back through _changes', async () => {
    const { a, threat } = await twoWithAThreat();
    await perform(a.db, updateThreat, { id: threat.id, patch: { title: 'Renamed' } });
    const pushed = await a.sync();
    expect(pushed.sent).toBeGreaterThan(0);
    const echo = await a.sync();
    expect(echo).toMatchObject({ received: 0, sent: 0, merged: 0 });
  });

  it('puts the same field edited by two into the conflict view and sends the settled record on top', async () => {
    const { a, b, threat } = await twoWithAThreat();
    await perform(a.db, updateThreat, { id: threat.id, patch: { title: 'Ambush on the Gao road', description: 'x' } });
    await perform(b.db, updateThreat, { id: threat.id, patch: { title: 'Convoy attack' } });
    await a.sync();
    const found = await b.sync();
    expect(found.conflicts).toBe(1);
    const { conflict } = (await b.db.syncConflicts.get(`threats:${threat.id}`))!;
    expect(conflict.kind).toBe('edited-on-both-sides');
    expect(conflict.fields).toEqual([
      { field: 'title', mine: 'Convoy attack', theirs: 'Ambush on the Gao road', canJoin: false },
    ]);
    expect(conflict.draft.description).toBe('x'); // the field only they changed is already taken
    expect(await b.db.threats.get(threat.id)).toMatchObject({ title: 'Convoy attack' }); // nothing decided for the analyst
    await perform(b.db, settleSyncConflict, { docId: conflict.id, choices: { title: 'theirs' }, colleague: 'amira' });
    await b.sync();
    await a.sync();
    expect(await a.db.threats.get(threat.id)).toMatchObject({ title: 'Ambush on the Gao road', description: 'x' });
    expect(await rows(a.db)).toEqual(await rows(b.db));
    expect(await b.db.syncConflicts.count()).toBe(0);
  });

  it('asks the analyst when one side deleted a record the other changed, both ways round', async () => {
    const { database, a, b, threat } = await twoWithAThreat();
    await perform(a.db, deleteThreats, { ids: [threat.id] });
    await perform(b.db, updateThreat, { id: threat.id, patch: { title: 'Still a threat' } });
    await a.sync();
    await b.sync();
    const there = (await b.db.syncConflicts.get(`threats:${threat.id}`))!;
    expect(there.conflict.kind).toBe('deleted-there');
    expect(await b.db.threats.get(threat.id)).toBeDefined();
    // B keeps it: the record comes back on the server and at A's.
    await perform(b.db, settleSyncConflict, { docId: there.docId, choices: { record: 'mine' }, colleague: 'amira' });
    await b.sync();
    await a.sync();
    expect(await a.db.threats.get(threat.id)).toMatchObject({ title: 'Still a threat' });

    // Now A edits and B deletes: B is the one who deleted it ("deleted here").
    await perform(a.db, updateThreat, { id: threat.id, patch: { title: 'Edited again' } });
    await perform(b.db, deleteThreats, { ids: [threat.id] });
    await a.sync();
    await b.sync();
    const here = (await b.db.syncConflicts.get(`threats:${threat.id}`))!;
    expect(here.conflict.kind).toBe('deleted-here');
    await perform(b.db, settleSyncConflict, { docId: here.docId, choices: { record: 'mine' }, colleague: 'amira' });
    await b.sync();
    await a.sync();
    expect(await a.db.threats.get(threat.id)).toBeUndefined();
    expect(await serverDoc(database, `threats:${threat.id}`)).toMatchObject({ error: 'not_found' });
    expect(await b.db.syncOutbox.count()).toBe(0);
  });

  it('on a stale write (409) pulls, merges and sends again within the same sync', async () => {
    const { a, b, threat } = await twoWithAThreat();
    await perform(b.db, updateThreat, { id: threat.id, patch: { description: 'From Bruno.' } });
    await perform(a.db, updateThreat, { id: threat.id, patch: { title: 'From Amira' } });
    let raced = false;
    // Amira's sync lands between Bruno's pull and his push: his write carries a revision that is no longer current.
    const racing: typeof fetch = async (input, init) => {
      if (!raced && String(input).endsWith('/_bulk_docs')) {
        raced = true;
        await a.sync();
      }
      return fetch(input, init);
    };
    const summary = await b.sync(racing);
    expect(raced).toBe(true);
    expect(summary.merged).toBe(1);
    expect(summary.conflicts).toBe(0);
    await a.sync();
    for (const db of [a.db, b.db])
      expect(await db.threats.get(threat.id)).toMatchObject({ title: 'From Amira', description: 'From Bruno.' });
    expect(await b.db.syncOutbox.count()).toBe(0);
  });

  it('matches bulk results by id when the server answers out of order', async () => {
    const { database, a, register } = await twoWithAThreat();
    for (let i = 0; i < 10; i++)
      await perform(a.db, createThreat, { registerId: register.id, fields: { title: `T${i}` } });
    const shuffled: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/_bulk_docs')) return response;
      const results = (await response.json()) as unknown[];
      return new Response(JSON.stringify(results.reverse()), { status: response.status });
    };
    await a.sync(shuffled);
    for (const record of await a.db.syncRecords.toArray()) {
      if (record.docId.startsWith('revisions:')) continue;
      expect((await serverDoc(database, record.docId))._rev).toBe(record.rev);
    }
    expect(await a.db.syncOutbox.count()).toBe(0);
  });

  it('loses and duplicates nothing when the app dies after the server took a push but before it heard back', async () => {
    const { database, a, b, register } = await twoWithAThreat();
    for (let i = 0; i < 40; i++)
      await perform(a.db, createThreat, { registerId: register.id, fields: { title: `T${i}` } });
    const before = (await serverIds(database)).length;
    let pushes = 0;
    const dying: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/_bulk_docs') && ++pushes === 2) throw new TypeError('the window was closed');
      return response;
    };
    await expect(a.sync(dying)).rejects.toThrow(/could not be reached/);
    expect(await a.db.syncOutbox.count()).toBeGreaterThan(0);
    const after = await a.sync();
    expect(after.conflicts).toBe(0);
    expect(await a.db.syncOutbox.count()).toBe(0);
    const ids = await serverIds(database);
    expect(new Set(ids).size).toBe(ids.length);
    const revisions = await a.db.revisions.count();
    const records = (await a.db.threats.count()) + (await a.db.registers.count());
    expect(ids.length).toBe(revisions + records);
    expect(ids.length).toBeGreaterThan(before);
    await b.sync();
    expect(await rows(b.db)).toEqual(await rows(a.db));
  });

  it('routes a conflict the server itself holds (_conflicts) into the conflict view, and settling it leaves one version', async () => {
    const { database, a, b, threat } = await twoWithAThreat();
    const current = await serverDoc(database, `threats:${threat.id}`);
    // A second branch of the document, as replication between two servers leaves it.
    const branch = {
      ...current,
      _rev: '2-0000000000000000000000000000beef',
      _revisions: undefined,
      record: { ...(current.record as object), title: 'Written on the standby server' },
    };
    const response = await fetch(`${couch.url}/${database}/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: [branch], new_edits: false }),
    });
    expect(response.ok).toBe(true);
    const summary = await b.sync();
    expect(summary.conflicts).toBe(1);
    const held = (await b.db.syncConflicts.get(`threats:${threat.id}`))!;
    expect(held.losingRevs?.length).toBe(1);
    const titles = held.conflict.fields.find((f) => f.field === 'title')!;
    expect([titles.mine, titles.theirs].sort()).toEqual(['Convoy ambush', 'Written on the standby server']);
    await perform(b.db, settleSyncConflict, {
      docId: held.docId,
      choices: { title: 'theirs' },
      colleague: 'the standby',
    });
    await b.sync();
    expect(await serverDoc(database, `threats:${threat.id}`)).not.toHaveProperty('_conflicts');
    await a.sync();
    expect(await a.db.threats.get(threat.id)).toMatchObject({ title: titles.theirs });
  });
  it('finds a conflict the server holds on the documents it pulls, without reading the whole database', async () => {
    const { database, b, threat } = await twoWithAThreat();
    await branchOnServer(database, `threats:${threat.id}`, 'Written on the standby server');
    const reads: string[] = [];
    const watching: typeof fetch = async (input, init) => {
      reads.push(String(input));
      return fetch(input, init);
    };
    const summary = await b.sync(watching);
    expect(summary.conflicts).toBe(1);
    expect(reads.filter(isFullSweep)).toEqual([]);
    expect((await b.db.syncConflicts.get(`threats:${threat.id}`))?.losingRevs).toHaveLength(1);
  });

  it('reads the whole database for held conflicts once a day, and at once for a workspace synced before the check', async () => {
    const { database, b, threat } = await twoWithAThreat();
    const docId = `threats:${threat.id}`;
    await branchOnServer(database, docId, 'Written on the standby server');
    // As a version that did not look at the leaves in the feed left it: read past the branch, nothing routed.
    const feed = (await (await fetch(`${couch.url}/${database}/_changes`)).json()) as { last_seq: string | number };
    await b.db.syncCheckpoints.put({ database, since: String(feed.last_seq) });
    const reads: string[] = [];
    const watching: typeof fetch = async (input, init) => {
      reads.push(String(input));
      return fetch(input, init);
    };
    expect((await b.sync(watching)).conflicts).toBe(1);
    expect(reads.filter(isFullSweep).length).toBeGreaterThan(0);
    const swept = (await b.db.syncCheckpoints.get(database))!.conflictsSweptAt!;
    expect(Date.now() - Date.parse(swept)).toBeLessThan(60_000);

    // Within the day: not again.
    reads.length = 0;
    await b.sync(watching);
    expect(reads.filter(isFullSweep)).toEqual([]);
    // A day later: again (a settled conflict is not routed twice; an open one stays as it is).
    await b.db.syncCheckpoints.update(database, {
      conflictsSweptAt: new Date(Date.now() - 25 * 3600_000).toISOString(),
    });
    expect((await b.sync(watching)).conflicts).toBe(1);
    expect(reads.filter(isFullSweep).length).toBeGreaterThan(0);
  });

  it('loses and duplicates nothing when the app dies between the groups of a page it is applying', async () => {
    const { a, b, register } = await twoWithAThreat();
    for (let i = 0; i < 22; i++)
      await perform(a.db, createThreat, { registerId: register.id, fields: { title: `T${i}` } });
    await a.sync();
    const before = await b.db.revisions.count();
    const checkpoint = await b.db.syncCheckpoints.get(b.database);
    let fetches = 0;
    // The second group of the first page is applied; the server is gone from the third fetch on.
    const dying: typeof fetch = async (input, init) => {
      if (String(input).includes('/_bulk_get') && ++fetches >= 3) throw new TypeError('the window was closed');
      return fetch(input, init);
    };
    await expect(b.sync(dying)).rejects.toThrow(/could not be reached/);
    expect(await b.db.revisions.count()).toBe(before + 20);
    expect(await b.db.syncCheckpoints.get(b.database)).toEqual(checkpoint); // the page is read again
    const after = await b.sync();
    expect(after).toMatchObject({ conflicts: 0, refused: 0, sent: 0 });
    expect(await rows(b.db)).toEqual(await rows(a.db));
    expect(await b.db.syncOutbox.count()).toBe(0);
  });
});
