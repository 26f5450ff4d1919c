// Source texts live in main's content-addressed store (issue 19 point 4): IndexedDB keeps records that
// name them. A workspace written before that, a backup holding texts in its records, and a text put back
// by undo all still read; texts held in records move to the store without a change of their own.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { readSourceSnapshot } from '../../renderer/db/source-annotations';
import { readBackupSnapshot, replaceWorkspace } from '../../renderer/workspace/commands/backup';
import { correctSourceText } from '../../renderer/workspace/commands/sources';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { moveTextsToStore } from '../../renderer/workspace/text-store';
import { planTextChange } from '../../shared/domain/text-change-plan';
import { isStoredSourceText, type SourceText } from '../../shared/domain/source';
import { referencedTexts } from '../../shared/interop/backup';
import type { WorkbenchApi } from '../../shared/ipc';
import { openBackupWhole, readBackupFile } from '../support/backup-files';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { databaseOfRelease1, fill, v1Rows } from './historical-schemas';
import { perform, workspaceOf } from './perform';
import { sourceTextIn, storeTextsThrough } from './source-text';
import { sha256OfText } from '../../renderer/db/hash';

const tempFolder = useTempFolders();
const names: string[] = [];
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function installation(): Promise<{ db: WorkbenchDatabase; api: WorkbenchApi }> {
  const name = `texts-${crypto.randomUUID()}`;
  names.push(name);
  const api = await realWorkbench(await tempFolder());
  const db = storeTextsThrough(new WorkbenchDatabase(name), api);
  opened.push(db);
  return { db, api };
}

describe('source texts in main’s store', () => {
  it('are named by the records, and a text written since is stored too; the history names it, never copies it', async () => {
    const { db, api } = await installation();
    await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
    const [record] = (await db.sourceTexts.toArray()) as SourceText[];
    expect(isStoredSourceText(record!)).toBe(true);
    const text = await sourceTextIn(db, record!.sourceId);
    expect(text).toContain('Kosh-Tepa');
    expect(record).toEqual({
      sourceId: record!.sourceId,
      sha256: await sha256OfText(text),
      bytes: new TextEncoder().encode(text).byteLength,
    });
    // A correction stores the new text and names it; undo names the old one again.
    const corrected = `${text}\nP.S. Checked against the ministry’s figures.`;
    const source = (await db.sources.get(record!.sourceId))!;
    const plan = planTextChange(text, corrected, await db.annotations.where('sourceId').equals(source.id).toArray());
    await perform(db, correctSourceText, {
      sourceId: source.id,
      plan,
      textHash: await sha256OfText(corrected),
      title: source.title,
    });
    expect(await sourceTextIn(db, source.id)).toBe(corrected);
    expect((await readSourceSnapshot(db, source.id)).text).toBe(corrected);
    const history = await db.revisions.where('[entity+entityId]').equals(['sourceText', source.id]).toArray();
    expect(history.some((r) => r.field === 'text')).toBe(false);
    expect(history.every((r) => JSON.stringify(r).length < 1000)).toBe(true);
    await workspaceOf(db).undo();
    expect(await sourceTextIn(db, source.id)).toBe(text);
  });

  it('move from a workspace written before (texts in their records), with no change, revision or team outbox entry of their own', async () => {
    const { api } = await installation();
    const demo = await api.loadDemoWorkspace();
    const name = `release1-${crypto.randomUUID()}`;
    names.push(name);
    const old = databaseOfRelease1(name);
    await fill(old, v1Rows(demo));
    old.close();
    const db = storeTextsThrough(new WorkbenchDatabase(name), api);
    opened.push(db);
    const before = await db.sourceTexts.toArray();
    expect(before.some((r) => !isStoredSourceText(r))).toBe(true);
    const [revisions, outbox] = [await db.revisions.count(), await db.syncOutbox.count()];
    // The reader reads a text held in its record as it is.
    expect((await readSourceSnapshot(db, demo.source.id)).text).toBe(demo.sourceText.text);

    expect(await moveTextsToStore(db)).toBe(before.length);
    const after = await db.sourceTexts.toArray();
    expect(after.every(isStoredSourceText)).toBe(true);
    expect(await sourceTextIn(db, demo.source.id)).toBe(demo.sourceText.text);
    expect(await db.revisions.count()).toBe(revisions);
    expect(await db.syncOutbox.count()).toBe(outbox);
    expect(await moveTextsToStore(db)).toBe(0);
  });

  it('travel in a backup as files beside small records, and another installation restores them', async () => {
    const a = await installation();
    await seedDemoWorkspaceOnce(a.db, () => a.api.loadDemoWorkspace());
    const sourceId = (await a.db.sources.toArray())[0]!.id;
    const text = await sourceTextIn(a.db, sourceId);
    const snapshot = await readBackupSnapshot(workspaceOf(a.db));
    expect(JSON.stringify(snapshot.tables.sourceTexts).length).toBeLessThan(500);
    const digests = [...referencedTexts(snapshot.tables)];
    expect(digests).toHaveLength(1);
    const written = await a.api.writeBackup({ snapshot, reason: 'manual', keep: 10 });
    const bytes = await readBackupFile((await a.api.appInfo()).dataFolder, written.id!);

    const b = await installation();
    const answer = await openBackupWhole(b.api, { bytes });
    await replaceWorkspace(workspaceOf(b.db), answer.snapshot);
    expect(await sourceTextIn(b.db, sourceId)).toBe(text);
    expect((await b.api.listSourceFiles()).map((f) => f.sha256)).toContain(digests[0]);
  });

  it('held in a backup’s records (as every backup before schema 7 holds them) restore, then move to the store', async () => {
    const a = await installation();
    await seedDemoWorkspaceOnce(a.db, () => a.api.loadDemoWorkspace());
    const snapshot = await readBackupSnapshot(workspaceOf(a.db));
    const inline = await Promise.all(
      (snapshot.tables.sourceTexts as SourceText[]).map(async (r) => ({
        sourceId: r.sourceId,
        text: await sourceTextIn(a.db, r.sourceId),
      })),
    );
    const written = await a.api.writeBackup({
      snapshot: { ...snapshot, tables: { ...snapshot.tables, sourceTexts: inline } },
      reason: 'manual',
      keep: 10,
    });
    const bytes = await readBackupFile((await a.api.appInfo()).dataFolder, written.id!);

    const b = await installation();
    await replaceWorkspace(workspaceOf(b.db), (await openBackupWhole(b.api, { bytes })).snapshot);
    expect(await b.db.sourceTexts.toArray()).toEqual(inline);
    expect(await moveTextsToStore(b.db)).toBe(inline.length);
    for (const { sourceId, text } of inline) expect(await sourceTextIn(b.db, sourceId)).toBe(text);
  });
});
