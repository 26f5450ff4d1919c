/**
 * The team group (issue 20), in its own Node process (bench/scenarios/team.ts starts it): Dexie on
 * fake-indexeddb as each analyst's IndexedDB, which must be installed before Dexie loads — hence a
 * process of its own, and this import first. The server is express-pouchdb on PouchDB's memory adapter
 * in this process, on 127.0.0.1 (tests/support/couch-server.ts, the tests' `pouchdb-server -m`).
 *
 * 1. Two analysts who share a register of `changes` threats each make `changes` offline edits (every
 *    threat, each analyst in another field); then they sync until both hold the same (A, B, A). ≤ 5 s.
 * 2. A new member joins a workspace of `megabytes` MB (sources with their original files and long texts,
 *    and a register): the first sync downloads all of it into the member's database and source store.
 *    Compared with a raw PouchDB replication of the same documents into PouchDB's memory adapter. ≤ 2×.
 *
 * Answers its results as one JSON line on stdout. Timings are reported, never judged here.
 */
import 'fake-indexeddb/auto';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchDatabase } from '../renderer/db/database';
import { CachedTextStore, textStoreOf } from '../renderer/db/source-texts';
import { SYNCED_TABLES } from '../renderer/db/sync-state';
import { createRegister } from '../renderer/workspace/commands/registers';
import { importSource } from '../renderer/workspace/commands/sources';
import { createThreat, updateThreat } from '../renderer/workspace/commands/threats';
import { CouchClient } from '../renderer/workspace/sync/couch';
import type { SourceFiles } from '../renderer/workspace/sync/blobs';
import { TeamSync } from '../renderer/workspace/sync/team-sync';
import { Workspace } from '../renderer/workspace/workspace';
import type { WorkbenchApi } from '../shared/ipc';
import { startTestCouch, type TestCouch } from '../tests/support/couch-server';
import { realWorkbench } from '../tests/support/real-workbench';
import { median, result, type BenchSizes, type ScenarioResult } from './lib';

const require = createRequire(import.meta.url);

/** PouchDB with the memory adapter and replication (the test server in this process may have added them already). */
function pouchWithReplication() {
  const PouchDB = require('pouchdb-core');
  if (!PouchDB.adapters.memory) PouchDB.plugin(require('pouchdb-adapter-memory'));
  if (!PouchDB.adapters.http) PouchDB.plugin(require('pouchdb-adapter-http'));
  if (!PouchDB.replicate) PouchDB.plugin(require('pouchdb-replication'));
  return PouchDB;
}
const noWait = () => Promise.resolve();

interface Analyst {
  db: WorkbenchDatabase;
  workspace: Workspace;
  sync: () => Promise<unknown>;
}

function storeOf(api: WorkbenchApi): SourceFiles {
  return {
    list: async () => (await api.listSourceFiles()).map((f) => f.sha256),
    read: (sha256) => api.readSourceFile(sha256),
    put: (bytes) => api.putSourceFile({ bytes }),
  };
}

/** An analyst on the team server; with `api`, a data folder of their own for originals and source texts. */
function analyst(couch: TestCouch, database: string, user: string, api?: WorkbenchApi, publish = false): Analyst {
  const db = new WorkbenchDatabase(`bench-${user}-${crypto.randomUUID()}`);
  if (api) db.textStore = new CachedTextStore(textStoreOf(() => api));
  const files = api ? storeOf(api) : undefined;
  const server = { url: couch.url, database, user, password: `${user}-pw` };
  return {
    db,
    workspace: new Workspace(db),
    sync: () =>
      new TeamSync(db, new CouchClient(server), {
        publish,
        yieldToWindow: noWait,
        ...(files ? { files } : {}),
      }).syncOnce(),
  };
}

async function sameRecords(a: WorkbenchDatabase, b: WorkbenchDatabase): Promise<boolean> {
  for (const table of SYNCED_TABLES)
    if ((await a.table(table).count()) !== (await b.table(table).count())) return false;
  return true;
}

/** Words drawn from a seeded generator: texts that are the same on every run and compress like prose. */
function prose(seed: number, bytes: number): string {
  const words = ['convoy', 'border', 'militia', 'ceasefire', 'Sahel', 'Gao', 'Niamey', 'patrol', 'route', 'report'];
  let state = seed >>> 0 || 1;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const word = words[state % words.length]!;
    parts.push(word);
    length += word.length + 1;
    if (state % 97 === 0) parts.push('.\n\n');
  }
  return parts.join(' ');
}

async function converge(couch: TestCouch, sizes: BenchSizes): Promise<ScenarioResult> {
  const samples: number[] = [];
  for (let run = 0; run < sizes.runs; run++) {
    const database = `team-converge-${run}-${crypto.randomUUID().slice(0, 6)}`;
    const a = analyst(couch, database, 'amira', undefined, true);
    const b = analyst(couch, database, 'bruno');
    // The register both work on: `changes` threats, made by A and taken by B before they go offline.
    const register = await a.workspace.perform(createRegister, { name: 'Sahel' });
    const threats: string[] = [];
    for (let i = 0; i < sizes.team.changes; i++)
      threats.push(
        (await a.workspace.perform(createThreat, { registerId: register.id, fields: { title: `Threat ${i}` } })).id,
      );
    await a.sync();
    await b.sync();
    // Offline: each analyst edits every threat, each in a different field, so every record merges by itself.
    for (const [i, id] of threats.entries()) {
      await a.workspace.perform(updateThreat, { id, patch: { description: `Amira's assessment ${i}` } });
      await b.workspace.perform(updateThreat, { id, patch: { title: `Threat ${i} (Bruno)` } });
    }
    const started = performance.now();
    await a.sync();
    await b.sync();
    await a.sync();
    samples.push(performance.now() - started);
    const merged = await b.db.threats.get(threats.at(-1)!);
    if (
      !(await sameRecords(a.db, b.db)) ||
      !merged?.description.startsWith('Amira') ||
      !merged.title.endsWith('(Bruno)')
    )
      throw new Error('The two analysts did not converge.');
    await a.db.delete();
    await b.db.delete();
  }
  return result(`team: two analysts with ${sizes.team.changes} offline changes each converge`, samples, {
    budget: { text: '≤ 5 s', max: 5000 },
    note: `each edits all ${sizes.team.changes} shared threats in another field (a record and its revision per change; all merge); loopback express-pouchdb (memory); Dexie on fake-indexeddb`,
  });
}

async function newMember(couch: TestCouch, sizes: BenchSizes): Promise<ScenarioResult[]> {
  const folders: string[] = [];
  const folder = async () => {
    const made = await mkdtemp(join(tmpdir(), 'workbench-bench-team-'));
    folders.push(made);
    return made;
  };
  try {
    const database = `team-join-${crypto.randomUUID().slice(0, 6)}`;
    const apiA = await realWorkbench(await folder());
    const a = analyst(couch, database, 'amira', apiA, true);
    // Sources of 2 MB: each 2 MB of text and its 2 MB original (a .txt file), 4 MB per source.
    const perSource = 2 * 1024 * 1024;
    const sources = Math.max(1, Math.round((sizes.team.megabytes * 1024 * 1024) / (2 * perSource)));
    for (let i = 0; i < sources; i++) {
      const bytes = new TextEncoder().encode(prose(sizes.team.seed + i, perSource));
      const imported = await apiA.importSource({
        bytes,
        fileName: `report-${i}.txt`,
        keepFullText: false,
        maxBytes: 100 * 1024 * 1024,
      });
      await a.workspace.perform(importSource, { imported, fallbackTitle: `Report ${i}` });
    }
    const register = await a.workspace.perform(createRegister, { name: 'Sahel' });
    for (let i = 0; i < 200; i++)
      await a.workspace.perform(createThreat, { registerId: register.id, fields: { title: `Threat ${i}` } });
    await a.sync();

    const PouchDB = pouchWithReplication();
    const raw: number[] = [];
    const member: number[] = [];
    let bytes = 0;
    for (let run = 0; run < sizes.runs; run++) {
      const copy = new PouchDB(`raw-${run}-${crypto.randomUUID()}`, { adapter: 'memory' });
      let started = performance.now();
      await PouchDB.replicate(`${couch.url}/${database}`, copy);
      raw.push(performance.now() - started);
      const docs = (await copy.allDocs({ include_docs: true, attachments: true })) as { rows: { doc: unknown }[] };
      bytes = docs.rows.reduce((sum, row) => sum + JSON.stringify(row.doc).length, 0);
      await copy.destroy();

      const apiB = await realWorkbench(await folder());
      const b = analyst(couch, database, `bruno${run}`, apiB);
      started = performance.now();
      await b.sync();
      member.push(performance.now() - started);
      if (!(await sameRecords(a.db, b.db)) || (await apiB.listSourceFiles()).length !== sources)
        throw new Error('The new member did not receive the whole workspace.');
      await b.db.delete();
    }
    await a.db.delete();
    const size = `${Math.round(bytes / 1e6)} MB on the server as JSON with base64 attachments`;
    const rawResult = result(`peer: raw PouchDB replication of the same documents`, raw, {
      note: `PouchDB 9 memory adapter; ${size}`,
    });
    return [
      rawResult,
      result(`team: a new member joins a ${sizes.team.megabytes} MB workspace`, member, {
        budget: { text: '≤ 2× raw replication', maxRatio: 2 },
        comparison: { scenario: rawResult.scenario, median: median(raw) },
        note: `${sources} sources with originals and long texts, 200 threats; into Dexie (fake-indexeddb) and the source store`,
      }),
    ];
  } finally {
    for (const made of folders) await rm(made, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = JSON.parse(process.argv[2] ?? 'null') as BenchSizes;
  const couch = await startTestCouch();
  try {
    const results = [await converge(couch, sizes), ...(await newMember(couch, sizes))];
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } finally {
    await couch.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`The team benchmark failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
