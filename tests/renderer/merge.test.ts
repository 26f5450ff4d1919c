import { describe, expect, it } from 'vitest';
import type { WorkbenchDatabase } from '../../renderer/db/database';
import { readMyWorkspace } from '../../renderer/db/merge';
import { updateThreat } from '../../renderer/workspace/commands/threats';
import { replaceWorkspace } from '../../renderer/workspace/commands/backup';
import { applyMerge, planMerge as planMergeIn } from '../../renderer/workspace/commands/merge';
import { CommandFailed, Workspace } from '../../renderer/workspace/workspace';
import { nameKey, resolveAll, stableStringify, type Resolutions, type Row } from '../../shared/interop/merge';
import { LOCAL_META_KEYS, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demo = useDemoDatabases();

/** A colleague's copy of my workspace, as a validated backup would hand it over. */
async function colleagueCopy(db: WorkbenchDatabase): Promise<WorkspaceSnapshot> {
  const mine = await readMyWorkspace(db);
  return { ...structuredClone(mine), replicaId: 'colleague-replica', mergeBases: {} };
}

const rows = (snap: WorkspaceSnapshot, table: keyof WorkspaceSnapshot['tables']): Row[] => snap.tables[table] as Row[];
const everything = async (db: WorkbenchDatabase) => stableStringify((await readMyWorkspace(db)).tables);

/**
 * Every table but the history, as it stands: the merge bases (local meta, which no revision puts back)
 * are compared as the bases in effect, which is what the next merge starts from.
 */
async function workspaceState(db: WorkbenchDatabase) {
  const { tables, mergeBases } = await readMyWorkspace(db);
  const { revisions: _history, meta, ...records } = tables;
  return {
    ...records,
    meta: (meta as Row[]).filter((m) => !(LOCAL_META_KEYS as readonly unknown[]).includes(m.key)),
    mergeBases,
  };
}

const planMerge = (db: WorkbenchDatabase, theirs: WorkspaceSnapshot, colleague?: string) =>
  planMergeIn(workspaceOf(db), theirs, colleague);
const merge = (
  db: WorkbenchDatabase,
  plan: Awaited<ReturnType<typeof planMerge>>,
  resolutions: Resolutions,
  rationale?: string,
) => perform(db, applyMerge, { plan, resolutions, ...(rationale ? { rationale } : {}) });

describe('merging a colleague’s workspace into the database', () => {
  it('adds, updates and merges by name, records revisions, and keeps the bases and replica id', async () => {
    const db = await demo();
    const theirs = await colleagueCopy(db);
    const threat = rows(theirs, 'threats')[0]!;
    const myTag = rows(theirs, 'tags')[0]!;
    threat.description = 'Their new assessment.';
    threat.updatedAt = '2030-01-01T00:00:00.000Z';
    rows(theirs, 'revisions').push({
      id: crypto.randomUUID(),
      entity: 'threat',
      entityId: threat.id,
      field: 'description',
      before: (await db.threats.get(String(threat.id)))!.description,
      after: threat.description,
      at: threat.updatedAt,
    });
    const sameName = { ...myTag, id: crypto.randomUUID(), name: ` ${String(myTag.name).toUpperCase()} ` };
    const newTag = { ...myTag, id: crypto.randomUUID(), name: 'Labour migration', parentId: null };
    rows(theirs, 'tags').push(sameName, newTag);
    const annotation = rows(theirs, 'annotations')[0]!;
    annotation.tagIds = [...(annotation.tagIds as string[]), sameName.id, newTag.id];
    annotation.updatedAt = '2030-01-01T00:00:00.000Z';
    rows(theirs, 'revisions').push({
      id: crypto.randomUUID(),
      entity: 'annotation',
      entityId: annotation.id,
      field: 'tagIds',
      before: (await db.annotations.get(String(annotation.id)))!.tagIds,
      after: annotation.tagIds,
      at: annotation.updatedAt,
    });

    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.conflicts).toEqual([]);
    expect(plan.report.tables.tags).toMatchObject({ added: 1, mergedByName: 1 });
    const tagsBefore = await db.tags.count();
    const report = await merge(db, plan, {}, "Merged Dilnoza's work from “april.awbackup”");
    expect(report.tables.threats).toMatchObject({ updated: 1 });

    expect((await db.threats.get(String(threat.id)))!.description).toBe('Their new assessment.');
    expect(await db.tags.count()).toBe(tagsBefore + 1);
    const names = (await db.tags.toArray()).map((t) => nameKey(t.name));
    expect(new Set(names).size).toBe(names.length);
    const merged = (await db.annotations.get(String(annotation.id)))!;
    expect(merged.tagIds).toContain(newTag.id);
    expect(merged.tagIds).not.toContain(sameName.id);
    const recorded = await db.revisions
      .where('[entity+entityId]')
      .equals(['threat', String(threat.id)])
      .toArray();
    expect(recorded.find((r) => r.command === 'merge.apply' && r.field === 'description')).toMatchObject({
      after: 'Their new assessment.',
      rationale: "Merged Dilnoza's work from “april.awbackup”",
    });
    // Their own history of it came along, as they recorded it.
    expect(recorded.find((r) => r.command === undefined && r.field === 'description')).toMatchObject({
      after: 'Their new assessment.',
    });
    const replicaId = (await db.meta.get('replicaId'))!.value;
    expect(replicaId).toBe(plan.myReplicaId);
    expect(Object.keys((await db.meta.get('mergeBases'))!.value as object)).toEqual(['colleague-replica']);

    // The same backup again: nothing to do.
    const again = await planMerge(db, theirs, 'Dilnoza');
    expect(again.conflicts).toEqual([]);
    expect(Object.values(again.tables).every((t) => t.add.length === 0 && t.update.length === 0)).toBe(true);
  });

  it('is one step with the rationale on every revision, undone exactly and redone', async () => {
    const db = await demo();
    const before = await everything(db);
    const theirs = await colleagueCopy(db);
    rows(theirs, 'tags').push({ ...rows(theirs, 'tags')[0]!, id: crypto.randomUUID(), name: 'Water security' });
    const threat = rows(theirs, 'threats')[1]!;
    threat.title = 'Their title';
    const mine = (await db.threats.get(String(threat.id)))!;
    await new Workspace(db).perform(updateThreat, { id: mine.id, patch: { title: 'My title' } }); // another window: not a step on this one's stack

    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.conflicts.map((c) => c.fields.map((f) => f.field))).toEqual([['title']]);
    const beforeMerge = await workspaceState(db);
    expect(await everything(db)).not.toBe(before);
    const historyBefore = await db.revisions.count();
    const workspace = workspaceOf(db);
    await merge(db, plan, resolveAll(plan, 'theirs'), 'Merged Dilnoza’s work from “April.awbackup”');
    const afterMerge = await workspaceState(db);
    expect((await db.threats.get(mine.id))!.title).toBe('Their title');

    const written = (await db.revisions.toArray()).filter((r) => r.command === 'merge.apply');
    expect(written.length).toBe((await db.revisions.count()) - historyBefore);
    expect(new Set(written.map((r) => r.changeId)).size).toBe(1);
    expect(written.every((r) => r.rationale === 'Merged Dilnoza’s work from “April.awbackup”')).toBe(true);
    expect(written.filter((r) => r.entity === 'tag').every((r) => r.op === 'create')).toBe(true);
    expect(written.find((r) => r.entity === 'threat' && r.field === 'title')).toMatchObject({
      op: 'update',
      before: 'My title',
      after: 'Their title',
    });
    expect(workspace.history().undoLabel).toBe("merge Dilnoza's backup");

    expect(await workspace.undo()).toBe(true);
    expect(await workspaceState(db)).toEqual(beforeMerge);
    expect(workspace.history()).toMatchObject({ canUndo: false, redoLabel: "merge Dilnoza's backup" });
    // Merging the same backup again starts where the first merge did: the same conflict is asked.
    expect((await planMerge(db, theirs, 'Dilnoza')).conflicts.map((c) => c.fields.map((f) => f.field))).toEqual([
      ['title'],
    ]);

    expect(await workspace.redo()).toBe(true);
    expect(await workspaceState(db)).toEqual(afterMerge);
    // …and after the redo, the bases it wrote stand again: nothing left to merge.
    const again = await planMerge(db, theirs, 'Dilnoza');
    expect(again.conflicts).toEqual([]);
    expect(Object.values(again.tables).every((t) => t.add.length === 0 && t.update.length === 0)).toBe(true);
  });

  it('writes nothing when the workspace changed after the plan was made (one transaction)', async () => {
    const db = await demo();
    const theirs = await colleagueCopy(db);
    rows(theirs, 'tags').push({ ...rows(theirs, 'tags')[0]!, id: crypto.randomUUID(), name: 'Water security' });
    const threat = rows(theirs, 'threats')[2]!;
    threat.owner = 'Dilnoza';
    threat.updatedAt = '2030-01-01T00:00:00.000Z';
    rows(theirs, 'revisions').push({
      id: crypto.randomUUID(),
      entity: 'threat',
      entityId: threat.id,
      field: 'owner',
      before: '',
      after: 'Dilnoza',
      at: threat.updatedAt,
    });
    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.tables.tags.add).toHaveLength(1);
    expect(plan.tables.threats.update).toHaveLength(1);

    // The tag table is written before the threats; the threat changed meanwhile.
    await new Workspace(db).perform(updateThreat, { id: String(threat.id), patch: { trend: 'rising' } }); // another window: not a step on this one's stack
    const state = await everything(db);
    const failed = merge(db, plan, {});
    await expect(failed).rejects.toBeInstanceOf(CommandFailed);
    await expect(failed).rejects.toThrow(/changed while the merge was open/);
    expect(await everything(db)).toBe(state);
    expect(workspaceOf(db).history().canUndo).toBe(false);
    expect(await db.tags.where('name').equals('Water security').count()).toBe(0);
  });

  it('refuses to merge a backup of this very workspace', async () => {
    const db = await demo();
    const plan = await planMerge(db, await colleagueCopy(db));
    await merge(db, plan, {});
    const own = await readMyWorkspace(db);
    await expect(planMerge(db, own)).rejects.toThrow(/made from this workspace itself/);
  });

  it('after a restore, remembers the restored records as the base for the next merge', async () => {
    const db = await demo();
    const theirs = await colleagueCopy(db);
    await replaceWorkspace(workspaceOf(db), theirs);
    // They change a threat; I change another field of the same threat: no conflict, thanks to the base.
    const threat = rows(theirs, 'threats')[0]!;
    threat.likelihood = 1;
    threat.score = Number(threat.impact);
    await new Workspace(db).perform(updateThreat, { id: String(threat.id), patch: { owner: 'Me' } }); // another window: not a step on this one's stack
    const plan = await planMerge(db, theirs);
    expect(plan.conflicts).toEqual([]);
    await merge(db, plan, {});
    expect(await db.threats.get(String(threat.id))).toMatchObject({ likelihood: 1, owner: 'Me' });
  });

  it('brings in their history, but not the demo’s creation, which each installation wrote for itself', async () => {
    const db = await demo();
    const colleague = await demo();
    const threat = (await colleague.threats.toArray())[0]!;
    await perform(colleague, updateThreat, {
      id: String(threat.id),
      patch: { owner: 'Dilnoza' },
      rationale: 'Owner named at the team meeting',
    });
    const theirs = { ...(await readMyWorkspace(colleague)), replicaId: 'colleague-replica' };
    expect(rows(theirs, 'revisions').filter((r) => r.command === 'demo.seed').length).toBeGreaterThan(100);

    const plan = await planMerge(db, theirs, 'Dilnoza');
    expect(plan.tables.revisions.add.map((r) => r.field).sort()).toEqual(['owner', 'updatedAt']);
    expect(plan.tables.revisions.add).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'threat', entityId: threat.id, field: 'owner', after: 'Dilnoza' }),
      ]),
    );
    expect(plan.report.tables.revisions).toMatchObject({ added: 2 });
    await merge(db, plan, {});
    expect(
      await db.revisions
        .where('[entity+entityId]')
        .equals(['threat', threat.id])
        .filter((r) => r.command === 'demo.seed')
        .count(),
    ).toBe(Object.keys(threat).length);
  });
});
