import { describe, expect, it } from 'vitest';
import type { WorkbenchDatabase } from '../../renderer/db/database';
import { replaceWorkspace } from '../../renderer/db/backup';
import { applyMerge, planMerge, readMyWorkspace, redoMerge, undoMerge } from '../../renderer/db/merge';
import { updateThreat } from '../../renderer/workspace/commands/threats';
import { perform } from './perform';
import { nameKey, resolveAll, stableStringify, type Row } from '../../shared/interop/merge';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { useDemoDatabases } from './demo-database';

const demo = useDemoDatabases();

/** A colleague's copy of my workspace, as a validated backup would hand it over. */
async function colleagueCopy(db: WorkbenchDatabase): Promise<WorkspaceSnapshot> {
  const mine = await readMyWorkspace(db);
  return { ...structuredClone(mine), replicaId: 'colleague-replica', mergeBases: {} };
}

const rows = (snap: WorkspaceSnapshot, table: keyof WorkspaceSnapshot['tables']): Row[] => snap.tables[table] as Row[];
const everything = async (db: WorkbenchDatabase) => stableStringify((await readMyWorkspace(db)).tables);

describe('merging a colleague’s workspace into the database', () => {
  it('adds, updates and merges by name, records revisions, and keeps the bases and replica id', async () => {
    const db = await demo();
    const theirs = await colleagueCopy(db);
    const threat = rows(theirs, 'threats')[0]!;
    const myTag = rows(theirs, 'tags')[0]!;
    threat.description = 'Their new assessment.';
    threat.updatedAt = '2030-01-01T00:00:00.000Z';
    rows(theirs, 'revisions').push({ id: crypto.randomUUID(), entity: 'threat', entityId: threat.id, field: 'description', before: (await db.threats.get(String(threat.id)))!.description, after: threat.description, at: threat.updatedAt });
    const sameName = { ...myTag, id: crypto.randomUUID(), name: ` ${String(myTag.name).toUpperCase()} ` };
    const newTag = { ...myTag, id: crypto.randomUUID(), name: 'Labour migration', parentId: null };
    rows(theirs, 'tags').push(sameName, newTag);
    const annotation = rows(theirs, 'annotations')[0]!;
    annotation.tagIds = [...(annotation.tagIds as string[]), sameName.id, newTag.id];
    annotation.updatedAt = '2030-01-01T00:00:00.000Z';
    rows(theirs, 'revisions').push({ id: crypto.randomUUID(), entity: 'annotation', entityId: annotation.id, field: 'tagIds', before: (await db.annotations.get(String(annotation.id)))!.tagIds, after: annotation.tagIds, at: annotation.updatedAt });

    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.conflicts).toEqual([]);
    expect(plan.report.tables.tags).toMatchObject({ added: 1, mergedByName: 1 });
    const tagsBefore = await db.tags.count();
    const { report } = await applyMerge(db, plan, {});
    expect(report.tables.threats).toMatchObject({ updated: 1 });

    expect((await db.threats.get(String(threat.id)))!.description).toBe('Their new assessment.');
    expect(await db.tags.count()).toBe(tagsBefore + 1);
    const names = (await db.tags.toArray()).map((t) => nameKey(t.name));
    expect(new Set(names).size).toBe(names.length);
    const merged = (await db.annotations.get(String(annotation.id)))!;
    expect(merged.tagIds).toContain(newTag.id);
    expect(merged.tagIds).not.toContain(sameName.id);
    const recorded = await db.revisions.where('[entity+entityId]').equals(['threat', String(threat.id)]).toArray();
    expect(recorded.find((r) => r.rationale === "Merged from Dilnoza's backup")).toMatchObject({ field: 'description', after: 'Their new assessment.' });
    const replicaId = (await db.meta.get('replicaId'))!.value;
    expect(replicaId).toBe(plan.myReplicaId);
    expect(Object.keys((await db.meta.get('mergeBases'))!.value as object)).toEqual(['colleague-replica']);

    // The same backup again: nothing to do.
    const again = await planMerge(db, theirs, 'Dilnoza');
    expect(again.conflicts).toEqual([]);
    expect(Object.values(again.tables).every((t) => t.add.length === 0 && t.update.length === 0)).toBe(true);
  });

  it('is undone and redone exactly, as one step', async () => {
    const db = await demo();
    const before = await everything(db);
    const theirs = await colleagueCopy(db);
    rows(theirs, 'tags').push({ ...rows(theirs, 'tags')[0]!, id: crypto.randomUUID(), name: 'Water security' });
    const threat = rows(theirs, 'threats')[1]!;
    threat.title = 'Their title';
    const mine = (await db.threats.get(String(threat.id)))!;
    await perform(db, updateThreat, { id: mine.id, patch: { title: 'My title' } });

    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.conflicts.map((c) => c.fields.map((f) => f.field))).toEqual([['title']]);
    const beforeMerge = await everything(db);
    const { change } = await applyMerge(db, plan, resolveAll(plan, 'theirs'));
    const afterMerge = await everything(db);
    expect((await db.threats.get(mine.id))!.title).toBe('Their title');

    await undoMerge(db, change);
    expect(await everything(db)).toBe(beforeMerge);
    expect(await db.meta.get('mergeBases')).toBeUndefined();
    await redoMerge(db, change);
    expect(await everything(db)).toBe(afterMerge);
    expect(before).not.toBe(beforeMerge);
  });

  it('writes nothing when the workspace changed after the plan was made (one transaction)', async () => {
    const db = await demo();
    const theirs = await colleagueCopy(db);
    rows(theirs, 'tags').push({ ...rows(theirs, 'tags')[0]!, id: crypto.randomUUID(), name: 'Water security' });
    const threat = rows(theirs, 'threats')[2]!;
    threat.owner = 'Dilnoza';
    threat.updatedAt = '2030-01-01T00:00:00.000Z';
    rows(theirs, 'revisions').push({ id: crypto.randomUUID(), entity: 'threat', entityId: threat.id, field: 'owner', before: '', after: 'Dilnoza', at: threat.updatedAt });
    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.tables.tags.add).toHaveLength(1);
    expect(plan.tables.threats.update).toHaveLength(1);

    // The tag table is written before the threats; the threat changed meanwhile.
    await perform(db, updateThreat, { id: String(threat.id), patch: { trend: 'rising' } });
    const state = await everything(db);
    await expect(applyMerge(db, plan, {})).rejects.toThrow(/changed while the merge was open/);
    expect(await everything(db)).toBe(state);
    expect(await db.tags.where('name').equals('Water security').count()).toBe(0);
  });

  it('refuses to merge a backup of this very workspace', async () => {
    const db = await demo();
    const plan = await planMerge(db, await colleagueCopy(db));
    await applyMerge(db, plan, {});
    const own = await readMyWorkspace(db);
    await expect(planMerge(db, own)).rejects.toThrow(/made from this workspace itself/);
  });

  it('after a restore, remembers the restored records as the base for the next merge', async () => {
    const db = await demo();
    const theirs = await colleagueCopy(db);
    await replaceWorkspace(db, theirs);
    // They change a threat; I change another field of the same threat: no conflict, thanks to the base.
    const threat = rows(theirs, 'threats')[0]!;
    threat.likelihood = 1;
    threat.score = Number(threat.impact);
    await perform(db, updateThreat, { id: String(threat.id), patch: { owner: 'Me' } });
    const plan = await planMerge(db, theirs);
    expect(plan.conflicts).toEqual([]);
    await applyMerge(db, plan, {});
    expect(await db.threats.get(String(threat.id))).toMatchObject({ likelihood: 1, owner: 'Me' });
  });
});
