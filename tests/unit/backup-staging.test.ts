// A backup sent in parts ahead of its write: the parts, the request and the file agree; a cancel or a
// runaway sender leaves nothing behind; the staging area stays bounded.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { BackupHandoffs, BackupStaging, withStaged } from '../../main/services/backup-staging';
import { SourceStore } from '../../main/services/source-store';
import { backupParts } from '../../shared/interop/backup';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { realHandlerTable } from '../support/handler-table';
import { demoSnapshot } from '../support/demo-snapshot';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

/** The demo workspace with enough threats that they go in several parts. */
const manyThreats = (store: SourceStore) =>
  demoSnapshot(store, (threats) =>
    Array.from({ length: 1000 }, (_, i) => ({
      ...threats[i % threats.length]!,
      id: crypto.randomUUID(),
      title: `Threat ${i}`,
    })),
  );

describe('backup parts', () => {
  it('cut a table into parts of at most 400 records or about a megabyte of text, keeping the order', () => {
    const small = Array.from({ length: 1001 }, (_, i) => ({ id: String(i) }));
    const parts = backupParts(small);
    expect(parts.map((p) => p.length)).toEqual([400, 400, 201]);
    expect(parts.flat()).toEqual(small);
    const texts = Array.from({ length: 5 }, (_, i) => ({ id: String(i), text: 'x'.repeat(600_000) }));
    expect(backupParts(texts).map((p) => p.length)).toEqual([1, 1, 1, 1, 1]);
    expect(backupParts([])).toEqual([]);
  });
});

describe('backup staging', () => {
  it('a backup whose threats were sent in parts is written whole, in order, and restores with every record', async () => {
    const root = join(await tempFolder(), 'data');
    const table = await realHandlerTable(root);
    const snapshot = await manyThreats(new SourceStore(join(root, 'sources')));
    const taskId = crypto.randomUUID();
    const parts = backupParts(snapshot.tables.threats);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts)
      expect((await dispatch(table, 'stageBackupRecords', [{ taskId, table: 'threats', records: part }])).ok).toBe(
        true,
      );
    const rest = { ...snapshot, tables: { ...snapshot.tables, threats: [] } };
    const written = await dispatch(table, 'writeBackup', [{ snapshot: rest, reason: 'manual', keep: 10, taskId }]);
    expect(written.ok).toBe(true);
    const id = (written as { value: { id: string } }).value.id;
    const opened = await dispatch(table, 'openBackup', [{ backupId: id }]);
    expect(opened.ok).toBe(true);
    const { snapshot: answered, handoff } = (
      opened as {
        value: { snapshot: WorkspaceSnapshot; handoff?: { id: string; tables: { table: string; parts: number }[] } };
      }
    ).value;
    // The threats are too many for one answer: they come part by part, each part once.
    expect(answered.tables.threats).toEqual([]);
    expect(handoff?.tables).toEqual([{ table: 'threats', parts: parts.length }]);
    const threats: unknown[] = [];
    for (let index = 0; index < parts.length; index++) {
      const part = await dispatch(table, 'takeBackupPart', [{ handoffId: handoff!.id, table: 'threats', index }]);
      threats.push(...(part as { value: { records: unknown[] } }).value.records);
    }
    expect(threats.map((t) => (t as { id: string }).id)).toEqual(
      snapshot.tables.threats.map((t) => (t as { id: string }).id),
    );
    expect(answered.tables.annotations).toHaveLength(snapshot.tables.annotations.length);
    const again = await dispatch(table, 'takeBackupPart', [{ handoffId: handoff!.id, table: 'threats', index: 0 }]);
    expect(again).toEqual({
      ok: false,
      error:
        'That part of the opened backup is no longer held (it was taken already, or the backup was opened too long ago). Open the backup again.',
    });
  });

  it('parts sent several at once and arriving out of order are written in the order they were numbered', async () => {
    const root = join(await tempFolder(), 'data');
    const table = await realHandlerTable(root);
    const snapshot = await manyThreats(new SourceStore(join(root, 'sources')));
    const taskId = crypto.randomUUID();
    const parts = backupParts(snapshot.tables.threats);
    expect(parts.length).toBeGreaterThan(2);
    // The window keeps a few requests in flight; here the last part is the first to arrive.
    const arrival = [...parts.keys()].reverse();
    await Promise.all(
      arrival.map((part) =>
        dispatch(table, 'stageBackupRecords', [{ taskId, table: 'threats', part, records: parts[part]! }]),
      ),
    );
    const rest = { ...snapshot, tables: { ...snapshot.tables, threats: [] } };
    const written = await dispatch(table, 'writeBackup', [{ snapshot: rest, reason: 'manual', keep: 10, taskId }]);
    const id = (written as { value: { id: string } }).value.id;
    const opened = await dispatch(table, 'openBackup', [{ backupId: id }]);
    const { handoff } = (opened as { value: { handoff: { id: string; tables: { parts: number }[] } } }).value;
    const threats: { id: string }[] = [];
    for (let index = 0; index < handoff.tables[0]!.parts; index++) {
      const part = await dispatch(table, 'takeBackupPart', [{ handoffId: handoff.id, table: 'threats', index }]);
      threats.push(...(part as { value: { records: { id: string }[] } }).value.records);
    }
    expect(threats.map((t) => t.id)).toEqual(snapshot.tables.threats.map((t) => (t as { id: string }).id));
  });

  it('a staged part that holds an invalid record stops the write with a sentence, and nothing is written', async () => {
    const root = join(await tempFolder(), 'data');
    const table = await realHandlerTable(root);
    const snapshot = await manyThreats(new SourceStore(join(root, 'sources')));
    const taskId = crypto.randomUUID();
    await dispatch(table, 'stageBackupRecords', [{ taskId, table: 'threats', records: [{ id: 'not-a-threat' }] }]);
    const written = await dispatch(table, 'writeBackup', [{ snapshot, reason: 'manual', keep: 10, taskId }]);
    expect(written.ok).toBe(false);
    expect((written as { error: string }).error).toMatch(/could not be backed up.*Nothing was written/);
    expect(await dispatch(table, 'listBackups', [])).toEqual({ ok: true, value: [] });
  });

  it('a cancel drops the parts main holds, so a later write with the same id has only its own records', async () => {
    const root = join(await tempFolder(), 'data');
    const table = await realHandlerTable(root);
    const snapshot = await manyThreats(new SourceStore(join(root, 'sources')));
    const taskId = crypto.randomUUID();
    await dispatch(table, 'stageBackupRecords', [
      { taskId, table: 'threats', records: snapshot.tables.threats.slice(0, 10) },
    ]);
    await dispatch(table, 'cancelTask', [{ taskId }]);
    const written = await dispatch(table, 'writeBackup', [{ snapshot, reason: 'manual', keep: 10, taskId }]);
    // The cancel is remembered for the write too.
    expect(written).toEqual({
      ok: false,
      error: 'The backup was cancelled; no backup file was written. Back up again when you are ready.',
    });
    const again = crypto.randomUUID();
    const second = await dispatch(table, 'writeBackup', [{ snapshot, reason: 'manual', keep: 10, taskId: again }]);
    expect(second.ok).toBe(true);
  });

  it('stays bounded: at most four backups at once, abandoned ones expire, a runaway sender is stopped', () => {
    let now = 0;
    const staging = new BackupStaging(() => now);
    for (let i = 0; i < 6; i++) {
      now += 1000;
      staging.add(`backup-${i}-xxxxxxxx`, 'threats', [{ id: String(i) }]);
    }
    expect(staging.size).toBe(4);
    expect(staging.take('backup-0-xxxxxxxx')).toBeNull();
    expect(staging.take('backup-5-xxxxxxxx')?.get('threats')).toEqual([{ id: '5' }]);
    now += 11 * 60_000;
    staging.add('fresh-xxxxxxxx', 'tags', [{ id: 'a' }]);
    expect(staging.size).toBe(1);
    const huge = Array.from({ length: 5000 }, (_, i) => ({ id: String(i) }));
    expect(() => {
      for (let i = 0; i < 1001; i++) staging.add('runaway-xxxxxxxx', 'threats', huge);
    }).toThrow(/larger than the workbench can collect/);
    expect(staging.take('runaway-xxxxxxxx')).toBeNull();
  });

  it('puts staged records before the ones sent with the request', () => {
    const tables = { threats: [{ id: 'c' }], tags: [] as unknown[] };
    expect(withStaged(tables, new Map([['threats', [{ id: 'a' }, { id: 'b' }]]]))).toEqual({
      threats: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      tags: [],
    });
    expect(withStaged(tables, null)).toBe(tables);
  });
});

describe('backup handoffs', () => {
  it('hold only tables bigger than one part, at most two backups, and let go of one once every part is taken', () => {
    let now = 0;
    const handoffs = new BackupHandoffs(() => now);
    expect(handoffs.hold({ tags: [{ id: 'a' }] })).toBeNull();
    const records = Array.from({ length: 900 }, (_, i) => ({ id: String(i) }));
    const first = handoffs.hold({ threats: records, tags: [{ id: 'a' }] })!;
    expect(first.tables).toEqual({ threats: [], tags: [{ id: 'a' }] });
    expect(first.handoff.tables).toEqual([{ table: 'threats', parts: 3 }]);
    const taken = [0, 1, 2].flatMap((i) => handoffs.take(first.handoff.id, 'threats', i));
    expect(taken).toEqual(records);
    expect(handoffs.size).toBe(0);
    for (let i = 0; i < 3; i++) handoffs.hold({ threats: records });
    expect(handoffs.size).toBe(2);
    now += 11 * 60_000;
    handoffs.hold({ threats: records });
    expect(handoffs.size).toBe(1);
    expect(() => handoffs.take('unknown-xxxxxxxx', 'threats', 0)).toThrow(/no longer held/);
  });
});
