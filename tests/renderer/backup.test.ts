import { sourceTextIn, storeTextsThrough } from './source-text';
import { afterEach, describe, expect, it } from 'vitest';
import { createPassage } from '../../renderer/workspace/commands/passages';
import {
  installationOf,
  MERGE_BASES_KEY,
  MERGES_IN_EFFECT_KEY,
  REPLICA_ID_KEY,
  workspaceCounts,
} from '../../renderer/db/backup';
import { createBriefing } from '../../renderer/workspace/commands/briefings';
import { compareCountries, overrideExposure, updateCountry } from '../../renderer/workspace/commands/countries';
import { COMPARISON_KEY } from '../../renderer/db/countries';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { createActor } from '../../renderer/workspace/commands/actors';
import { createRegister } from '../../renderer/workspace/commands/registers';
import { DEMO_SEEDED_KEY } from '../../renderer/db/seed';
import { BACKUP_KEEP_KEY, backupKeepCount } from '../../renderer/db/settings';
import { updateSourceMetadata } from '../../renderer/workspace/commands/sources';
import { createTag } from '../../renderer/workspace/commands/codebook';
import { deleteThreats, rateThreat } from '../../renderer/workspace/commands/threats';
import { ensureReplicaId, readBackupSnapshot, replaceWorkspace } from '../../renderer/workspace/commands/backup';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { setBackupKeepCount } from '../../renderer/workspace/commands/settings';
import { defineCommand } from '../../renderer/workspace/workspace';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/interop/backup';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import type { WorkbenchApi } from '../../shared/ipc';
import { openBackupWhole, readBackupFile } from '../support/backup-files';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { perform, workspaceOf } from './perform';

const tempFolder = useTempFolders();
const open: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

/** One installation: its own database and its own data folder behind the real main handler table. */
async function installation(seeded = true): Promise<{ db: WorkbenchDatabase; api: WorkbenchApi }> {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  open.push(db);
  const api = await realWorkbench(await tempFolder());
  storeTextsThrough(db, api);
  if (seeded) await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
  await db.open();
  return { db, api };
}

/** Edits that leave a record in every one of the 13 tables, through the app's own write functions. */
async function editEverything(db: WorkbenchDatabase) {
  const source = (await db.sources.toArray())[0]!;
  const text = await sourceTextIn(db, source.id);
  await perform(db, updateSourceMetadata, { id: source.id, patch: { reliability: 'A', credibility: 2 } });
  const tag = await perform(db, createTag, { name: 'Water security', color: '#2f6fdb' });
  const start = text.indexOf('Kosh-Tepa canal');
  await perform(db, createPassage, {
    sourceId: source.id,
    text,
    start,
    end: start + 15,
    coding: { tagIds: [tag.id], note: 'Қосh-Тепа — canal / کانال', threatIds: [], countryCodes: ['UZ'], actorIds: [] },
  });
  const threat = (await db.threats.toArray()).find((t) => t.countryCodes.includes('UZ'))!;
  await perform(db, rateThreat, { id: threat.id, likelihood: 4, rationale: 'New flow data' });
  await perform(db, overrideExposure, {
    countryCode: 'UZ',
    threatId: threat.id,
    input: { likelihood: 5, impact: 5, rationale: 'Downstream of the canal' },
  });
  await perform(db, updateCountry, { code: 'KZ', patch: { notes: '**Border** 2,600 km?' } });
  await perform(db, compareCountries, { codes: ['KZ', 'UZ', 'TJ'] });
  await perform(db, createRegister, { name: 'Second register' });
  await perform(db, createActor, { name: 'Test group', aliases: ['Тест'] });
  await perform(db, createBriefing, { title: 'Quarterly' });
  const register = (await db.registers.toArray())[0]!;
  const now = new Date().toISOString();
  await db.views.put({
    id: crypto.randomUUID(),
    registerId: register.id,
    name: 'By score',
    state: { sorting: [{ id: 'score', desc: true }] },
    createdAt: now,
    updatedAt: now,
  });
}

async function backUp(db: WorkbenchDatabase, api: WorkbenchApi, reason: 'manual' | 'before-restore' = 'manual') {
  const snapshot = await readBackupSnapshot(workspaceOf(db));
  const written = await api.writeBackup({ snapshot, reason, keep: 10 });
  return { snapshot, written };
}

const contentOf = (snapshot: WorkspaceSnapshot) => snapshot.tables;

describe('the database and the backup format agree', () => {
  it('on the schema version', async () => {
    const { db } = await installation(false);
    expect(db.verno).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(db.workspaceTables.map((t) => t.name)).toEqual([...WORKSPACE_TABLES]);
  });
});

describe('a backup round trip', () => {
  it('is deep-equal over every table, on this installation and on another', async () => {
    const { db, api } = await installation();
    await editEverything(db);
    const counts = await workspaceCounts(db);
    for (const table of WORKSPACE_TABLES) expect(counts[table], table).toBeGreaterThan(0);

    const { snapshot, written } = await backUp(db, api);
    expect(snapshot.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(written.id).toMatch(/\.awbackup$/);

    // More edits, then restore: the earlier state is back, exactly.
    await perform(db, updateCountry, { code: 'KZ', patch: { notes: 'changed after the backup' } });
    await perform(db, createTag, { name: 'After the backup' });
    const opened = await openBackupWhole(api, { backupId: written.id! });
    await replaceWorkspace(workspaceOf(db), opened.snapshot);
    expect(contentOf(await readBackupSnapshot(workspaceOf(db)))).toEqual(contentOf(snapshot));

    // Another installation, seeded with its own demo: replaced whole by the backup.
    const other = await installation();
    const bytes = await readBackupBytes(api, written.id!);
    const openedThere = await openBackupWhole(other.api, { bytes });
    await replaceWorkspace(workspaceOf(other.db), openedThere.snapshot);
    expect(contentOf(await readBackupSnapshot(workspaceOf(other.db)))).toEqual(contentOf(snapshot));
    // The original file came along into the other data folder's store.
    const sha = (await other.db.sources.toArray())[0]!.file!.sha256;
    expect((await other.api.listSourceFiles()).map((f) => f.sha256)).toContain(sha);
  });

  it('keeps this installation’s replicaId, merge bases and keep-count, and the restored workspace’s own meta', async () => {
    const a = await installation();
    const b = await installation();
    await perform(b.db, compareCountries, { codes: ['TJ', 'AF'] });
    await perform(b.db, setBackupKeepCount, 3);
    const aId = await ensureReplicaId(workspaceOf(a.db));
    const bases = { [crypto.randomUUID()]: { at: new Date().toISOString(), hashes: { 'threats:1': 'x' } } };
    await a.db.meta.bulkPut([
      { key: MERGE_BASES_KEY, value: bases },
      {
        key: MERGES_IN_EFFECT_KEY,
        value: Object.fromEntries(Object.entries(bases).map(([peer, entry]) => [peer, entry.at])),
      },
    ]);
    await perform(a.db, setBackupKeepCount, 7);

    const { snapshot, written } = await backUp(b.db, b.api);
    expect(snapshot.replicaId).toBe(await ensureReplicaId(workspaceOf(b.db)));
    expect(snapshot.tables.meta.map((m) => (m as { key: string }).key)).not.toContain(REPLICA_ID_KEY);
    const opened = await openBackupWhole(a.api, { bytes: await readBackupBytes(b.api, written.id!) });
    expect(opened.snapshot.replicaId).toBe(snapshot.replicaId);
    await replaceWorkspace(workspaceOf(a.db), opened.snapshot);

    expect((await a.db.meta.get(REPLICA_ID_KEY))!.value).toBe(aId);
    // The bases it had are kept, and the restored workspace becomes the base for merges with b.
    const after = (await a.db.meta.get(MERGE_BASES_KEY))!.value as Record<string, { hashes: Record<string, string> }>;
    expect(Object.keys(after).sort()).toEqual([...Object.keys(bases), snapshot.replicaId].sort());
    expect(after[Object.keys(bases)[0]!]).toEqual(Object.values(bases)[0]);
    expect(Object.keys(after[snapshot.replicaId]!.hashes).length).toBeGreaterThan(50);
    // Both stand for the next merge.
    expect(Object.keys(installationOf(await a.db.meta.toArray()).mergeBases).sort()).toEqual(Object.keys(after).sort());
    expect(await backupKeepCount(a.db)).toBe(7);
    expect((await a.db.meta.get(COMPARISON_KEY))!.value).toEqual(['TJ', 'AF']);
  });

  it('keeps the demo marker when the restored workspace has none, so the demo is not seeded again', async () => {
    const { db } = await installation();
    const marker = await db.meta.get(DEMO_SEEDED_KEY);
    const snapshot = await readBackupSnapshot(workspaceOf(db));
    const empty: WorkspaceSnapshot = {
      ...snapshot,
      tables: Object.fromEntries(WORKSPACE_TABLES.map((t) => [t, []])) as unknown as WorkspaceSnapshot['tables'],
    };
    await replaceWorkspace(workspaceOf(db), empty);
    expect(await db.sources.count()).toBe(0);
    expect(await db.meta.get(DEMO_SEEDED_KEY)).toEqual(marker);
    expect(await seedDemoWorkspaceOnce(db, () => Promise.reject(new Error('must not load')))).toBe('already-seeded');
  });
});

describe('reading the workspace for a backup', () => {
  it('reads tables larger than a page (texts 8 at a time, records 2,000 at a time) whole and in key order', async () => {
    const { db } = await installation();
    const source = (await db.sources.toArray())[0]!;
    const text = (await db.sourceTexts.get(source.id))!;
    await db.sourceTexts.bulkPut(
      Array.from({ length: 21 }, (_, i) => ({
        ...text,
        sourceId: `${crypto.randomUUID()}`,
        text: `Text ${i}`,
      })) as never,
    );
    const threat = (await db.threats.toArray())[0]!;
    await db.threats.bulkPut(
      Array.from({ length: 4500 }, (_, i) => ({ ...threat, id: crypto.randomUUID(), title: `Threat ${i}` })),
    );
    const snapshot = await readBackupSnapshot(workspaceOf(db));
    expect(snapshot.tables.sourceTexts).toEqual(await db.sourceTexts.toArray());
    expect(snapshot.tables.threats).toEqual(await db.threats.toArray());
    expect(snapshot.tables.threats.length).toBeGreaterThan(4500);
  }, 20_000);
});

describe('replacing the workspace is one transaction', () => {
  it('a record that cannot be written leaves every table as it was', async () => {
    const { db } = await installation();
    await editEverything(db);
    const before = await readBackupSnapshot(workspaceOf(db));
    const other = await installation();
    const incoming = await readBackupSnapshot(workspaceOf(other.db));
    // The last table written holds two records with one key: bulkAdd fails after every other table was cleared and filled.
    const override = before.tables.exposureOverrides[0]!;
    const broken: WorkspaceSnapshot = {
      ...incoming,
      tables: { ...incoming.tables, exposureOverrides: [override, override] },
    };
    await expect(replaceWorkspace(workspaceOf(db), broken)).rejects.toThrow();
    expect(await readBackupSnapshot(workspaceOf(db), new Date(before.createdAt))).toEqual(before);
  });

  it('replaces the history with the backup’s, writes none of its own, and forgets the undo steps', async () => {
    const { db, api } = await installation();
    const { snapshot, written } = await backUp(db, api);
    const rename = defineCommand({
      id: 'test.renameTag',
      label: 'rename a tag',
      run: (changes, id: string) =>
        changes.update('tags', id, { name: 'Renamed after the backup' }, 'That tag no longer exists.'),
    });
    const tag = (await db.tags.toArray())[0]!;
    await perform(db, rename, tag.id);
    expect(workspaceOf(db).history().canUndo).toBe(true);
    const opened = await openBackupWhole(api, { backupId: written.id! });

    await replaceWorkspace(workspaceOf(db), opened.snapshot);
    expect(await db.revisions.toArray()).toEqual(snapshot.tables.revisions);
    expect((await db.tags.get(tag.id))!.name).toBe(tag.name);
    expect(workspaceOf(db).history()).toEqual({
      canUndo: false,
      canRedo: false,
      undoLabel: undefined,
      redoLabel: undefined,
    });
    expect(await workspaceOf(db).undo()).toBe(false);
  });

  it('refuses a snapshot of another schema version, changing nothing', async () => {
    const { db } = await installation();
    const before = await readBackupSnapshot(workspaceOf(db));
    await expect(
      replaceWorkspace(workspaceOf(db), { ...before, schemaVersion: 99, tables: { ...before.tables, threats: [] } }),
    ).rejects.toThrow(/data version 99.*Nothing was changed/);
    expect(await db.threats.count()).toBe(12);
  });
});

describe('the keep-count setting', () => {
  it('defaults to 10 and takes 1–100', async () => {
    const { db } = await installation(false);
    expect(await backupKeepCount(db)).toBe(10);
    await perform(db, setBackupKeepCount, 25);
    expect(await db.meta.get(BACKUP_KEEP_KEY)).toEqual({ key: BACKUP_KEEP_KEY, value: 25 });
    for (const bad of [0, 101, 2.5])
      await expect(perform(db, setBackupKeepCount, bad)).rejects.toThrow(
        'Keep between 1 and 100 backups of each kind.',
      );
    expect(await backupKeepCount(db)).toBe(25);
    // Recorded in the history, but a setting is not a step for Ctrl+Z.
    const history = await db.revisions.where('[entity+entityId]').equals(['meta', BACKUP_KEEP_KEY]).toArray();
    expect(history.find((r) => r.field === 'value')).toMatchObject({
      op: 'create',
      after: 25,
      command: 'settings.setBackupKeepCount',
    });
    expect(workspaceOf(db).history().canUndo).toBe(false);
  });
});

async function readBackupBytes(api: WorkbenchApi, id: string): Promise<Uint8Array> {
  return readBackupFile((await api.appInfo()).dataFolder, id);
}

describe('a restore over the workspace the backup was taken from', () => {
  it('writes only what differs, and leaves the workspace deep-equal to the backup', async () => {
    const { db, api } = await installation();
    await editEverything(db);
    const { snapshot, written } = await backUp(db, api);
    const threats = await db.threats.toArray();
    await perform(db, rateThreat, { id: threats[0]!.id, likelihood: 1, rationale: 'Changed after the backup' });
    await perform(db, deleteThreats, { ids: [threats[1]!.id] });
    await perform(db, createTag, { name: 'After the backup' });

    // Every threat record the restore writes, new or replaced.
    const threatsWritten: unknown[] = [];
    const onCreate = (key: unknown) => void threatsWritten.push(key);
    const onUpdate = (_changes: unknown, key: unknown) => void threatsWritten.push(key);
    db.threats.hook('creating', onCreate);
    db.threats.hook('updating', onUpdate);
    try {
      const opened = await openBackupWhole(api, { backupId: written.id! });
      await replaceWorkspace(workspaceOf(db), opened.snapshot);
    } finally {
      db.threats.hook('creating').unsubscribe(onCreate);
      db.threats.hook('updating').unsubscribe(onUpdate);
    }
    expect(contentOf(await readBackupSnapshot(workspaceOf(db)))).toEqual(contentOf(snapshot));
    expect(threatsWritten.sort()).toEqual([threats[0]!.id, threats[1]!.id].sort());
  });
});

describe('reading the snapshot with progress and cancel', () => {
  it('reports each table before it reads it, and stops between tables once cancelled', async () => {
    const { db } = await installation();
    const seen: string[] = [];
    const whole = await readBackupSnapshot(workspaceOf(db), new Date(), {
      onTable: (index, count, name) => seen.push(`${index}/${count} ${name}`),
    });
    expect(seen).toEqual(WORKSPACE_TABLES.map((name, i) => `${i + 1}/${WORKSPACE_TABLES.length} ${name}`));
    expect(whole.tables.threats.length).toBeGreaterThan(0);

    const controller = new AbortController();
    const read: string[] = [];
    const stopped = readBackupSnapshot(workspaceOf(db), new Date(), {
      signal: controller.signal,
      onTable: (index, _count, name) => {
        read.push(name);
        if (index === 3) controller.abort(new Error('The backup was cancelled.'));
      },
    });
    await expect(stopped).rejects.toThrow('The backup was cancelled.');
    expect(read).toEqual(WORKSPACE_TABLES.slice(0, 3));
  });
});
