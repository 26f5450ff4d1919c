// Schema evolution: a workspace written by each earlier release (Dexie schema v1, v2) opens in
// today's WorkbenchDatabase with every record kept and the new tables present. And the two ways
// storage fails under an analyst — the disk is full, or another window holds the workspace at
// another version — each give a sentence saying what happened and what to do, and lose nothing.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/interop/backup/format';
import type { Annotation } from '../../shared/domain/annotation';
import { defaultThreatActorTypes, type ActorKind } from '../../shared/domain/actor';
import {
  connectionClosedMessage,
  describeStorageError,
  quotaExceededMessage,
  upgradeBlockedMessage,
  watchDatabaseConnection,
} from '../../renderer/db/storage-errors';
import { rateThreat } from '../../renderer/workspace/commands/threats';
import { perform } from './perform';
import { useWorkbench } from '../../renderer/stores';
import type { DemoWorkspace } from '../../shared/ipc/contract';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { databaseOfRelease1, databaseOfRelease2, fill, v1Rows, v2Rows, type Rows } from './historical-schemas';

const tempFolder = useTempFolders();
let demo: DemoWorkspace;
const names: string[] = [];
const opened: Dexie[] = [];

beforeEach(async () => {
  // The demo workspace as main hands it over, from the bundled data through the real handler table.
  demo = await (await realWorkbench(await tempFolder())).loadDemoWorkspace();
});

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

function databaseName(): string {
  const name = `schema-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

/** Every record of every table, in primary-key order, as plain data. */
async function contents(db: Dexie, tables: string[]): Promise<Rows> {
  const out: Rows = {};
  for (const table of tables) out[table] = (await db.table(table).toArray()) as Record<string, unknown>[];
  return out;
}

function sortedLikeDexie(rows: Rows, keys: Record<string, string>): Rows {
  const out: Rows = {};
  for (const [table, records] of Object.entries(rows)) {
    const key = keys[table]!;
    out[table] = [...records].sort((a, b) =>
      String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0,
    );
  }
  return out;
}

const PRIMARY_KEYS: Record<string, string> = {
  sources: 'id',
  sourceTexts: 'sourceId',
  annotations: 'id',
  tags: 'id',
  registers: 'id',
  threats: 'id',
  actors: 'id',
  countries: 'code',
  briefings: 'id',
  revisions: 'id',
  meta: 'key',
  views: 'id',
};

/** Rows as schema version 6 upgrades them: every actor given its kind's threat-actor types. */
function withDefaultTypes(rows: Rows): Rows {
  return {
    ...rows,
    actors: (rows.actors ?? []).map((a) => ({ ...a, threatActorTypes: defaultThreatActorTypes(a.kind as ActorKind) })),
  };
}

interface Release {
  release: string;
  /** Opens the database as that release defined it. */
  historical: (name: string) => Dexie;
  rows: () => Rows;
  newTables: string[];
}

const RELEASES: Release[] = [
  {
    release: 'v1',
    historical: databaseOfRelease1,
    rows: () => v1Rows(demo),
    newTables: ['views', 'exposureOverrides'],
  },
  { release: 'v2', historical: databaseOfRelease2, rows: () => v2Rows(demo), newTables: ['exposureOverrides'] },
];

describe.each(RELEASES)('a workspace written by release $release', ({ historical, rows, newTables }) => {
  it('opens in the current schema with every record kept and the new tables present', async () => {
    const name = databaseName();
    const written = rows();
    const old = historical(name);
    await fill(old, written);
    old.close();

    const current = track(new WorkbenchDatabase(name));
    await current.open();
    expect(current.verno).toBe(WORKSPACE_SCHEMA_VERSION);
    const tables = Object.keys(written);
    // v6: every actor has its kind's threat-actor types; nothing else of any record changed.
    const upgraded = withDefaultTypes(written);
    expect(written.actors!.every((a) => !('threatActorTypes' in a))).toBe(true);
    expect(await contents(current, tables)).toEqual(sortedLikeDexie(upgraded, PRIMARY_KEYS));
    expect((await current.actors.where('name').equals('Jamaat Ansarullah').first())?.threatActorTypes).toEqual([
      'terrorist',
    ]);
    expect((await current.actors.where('name').equals('Taliban').first())?.threatActorTypes).toEqual(['unknown']);
    // v4: an older workspace's passages are found by where they start in their source.
    const passages = (written.annotations ?? []) as Annotation[];
    const first = passages[0]!;
    const byPlace = await current.annotations
      .where('[sourceId+position.start]')
      .between([first.sourceId, 0], [first.sourceId, Infinity])
      .primaryKeys();
    expect(byPlace.sort()).toEqual(
      passages
        .filter((a) => a.sourceId === first.sourceId)
        .map((a) => a.id)
        .sort(),
    );
    for (const table of newTables) {
      expect(current.tables.map((t) => t.name)).toContain(table);
      expect(await current.table(table).count()).toBe(0);
    }
    // The old indexes still answer: the queries the app runs find the migrated records.
    expect(await current.annotations.where('anchor').equals('orphaned').count()).toBe(
      written.annotations!.filter((a) => a.anchor === 'orphaned').length,
    );
    expect(await current.threats.where('registerId').equals(demo.register.id).count()).toBe(demo.threats.length);
    expect(await current.actors.where('aliases').equals('داعش خراسان').count()).toBe(1);
    // And the upgraded workspace takes today's writes.
    await current.exposureOverrides.add({
      id: `KZ:${demo.threats[0]!.id}`,
      countryCode: 'KZ',
      threatId: demo.threats[0]!.id,
    } as never);
    expect(await current.exposureOverrides.count()).toBe(1);
  });
});

describe('a full disk', () => {
  it('rolls the failed change back whole and says what happened and what to do', async () => {
    const name = databaseName();
    const db = track(new WorkbenchDatabase(name));
    await fill(db, v2Rows(demo));
    const threat = demo.threats[0]!;
    const before = await contents(db, ['threats', 'revisions']);

    // The threat is written first, then its revision, which finds the disk full: the threat's write must not survive.
    const put = IDBObjectStore.prototype.add;
    let refused = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      if (this.name === 'revisions' && ++refused)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const { trackSave } = useWorkbench.getState();
    try {
      await expect(
        trackSave(() =>
          perform(db, rateThreat, {
            id: threat.id,
            likelihood: threat.likelihood === 5 ? 4 : 5,
            rationale: 'New reporting.',
          }),
        ),
      ).rejects.toSatisfy((error: unknown) => describeStorageError(error) === quotaExceededMessage());
    } finally {
      spy.mockRestore();
    }
    expect(refused).toBeGreaterThan(0);
    const notices = useWorkbench.getState().notices;
    expect(notices.at(-1)).toMatchObject({ kind: 'error', message: quotaExceededMessage() });
    expect(useWorkbench.getState().saveState).toBe('failed');
    expect(await contents(db, ['threats', 'revisions'])).toEqual(before);

    // With room again, the same change goes through.
    await perform(db, rateThreat, {
      id: threat.id,
      likelihood: threat.likelihood === 5 ? 4 : 5,
      rationale: 'New reporting.',
    });
    expect((await db.threats.get(threat.id))!.likelihood).not.toBe(threat.likelihood);
  });

  it('recognises the quota error however Dexie wraps it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(describeStorageError(quota)).toBe(quotaExceededMessage());
    expect(describeStorageError(new Dexie.AbortError('Transaction aborted', quota))).toBe(quotaExceededMessage());
    expect(describeStorageError(new Dexie.QuotaExceededError('full'))).toBe(quotaExceededMessage());
    expect(describeStorageError(new Error('That threat no longer exists.'))).toBe('That threat no longer exists.');
  });
});

describe('another window at another version', () => {
  it('waits for an older window that holds the workspace open, says so, and upgrades when it lets go', async () => {
    const name = databaseName();
    const written = v1Rows(demo);
    const old = track(databaseOfRelease1(name));
    await fill(old, written);
    // An older window that does not let go when asked (busy, or a release that never listened).
    old.on('versionchange', () => false);

    const current = track(new WorkbenchDatabase(name));
    const notices: string[] = [];
    const stop = watchDatabaseConnection(current, (message) => notices.push(message));
    const opening = current.open();
    await vi.waitFor(() => expect(notices).toEqual([upgradeBlockedMessage()]));
    expect(current.isOpen()).toBe(false);

    old.close();
    await opening;
    expect(current.verno).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(await contents(current, Object.keys(written))).toEqual(
      sortedLikeDexie(withDefaultTypes(written), PRIMARY_KEYS),
    );
    stop();
  });

  it('lets a newer window upgrade: this one closes its connection and says to reload', async () => {
    const name = databaseName();
    const current = track(new WorkbenchDatabase(name));
    await fill(current, v2Rows(demo));
    const notices: string[] = [];
    watchDatabaseConnection(current, (message) => notices.push(message));

    // A later release: the same stores plus one more, at the next version.
    const newer = track(new Dexie(name));
    newer.version(WORKSPACE_SCHEMA_VERSION + 1).stores({
      ...Object.fromEntries(
        current.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
      ),
      annotationsArchive: 'id',
    });
    await newer.open();
    expect(newer.verno).toBe(WORKSPACE_SCHEMA_VERSION + 1);
    expect(notices).toEqual([connectionClosedMessage()]);
    expect(current.isOpen()).toBe(false);
    // A write attempted in this window now fails with the sentence, not silently, and not half-done.
    const failed = await current.threats.put(demo.threats[0]!).catch((error: unknown) => error);
    expect(describeStorageError(failed)).toBe(connectionClosedMessage());
    expect(await newer.table('threats').count()).toBe(v2Rows(demo).threats!.length);
  });
});
