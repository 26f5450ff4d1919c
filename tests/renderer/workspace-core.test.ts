import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { asWritten } from '../../renderer/workspace/change-set';
import { replayFromEmpty } from '../../renderer/workspace/replay';
import { CommandFailed, defineCommand, Workspace } from '../../renderer/workspace/workspace';
import type { Tag } from '../../shared/domain';

const open: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

function fresh() {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  open.push(db);
  const failures: string[] = [];
  return { db, workspace: new Workspace(db, { onFailed: (m) => failures.push(m) }), failures };
}

const now = '2026-01-01T00:00:00.000Z';
const tag = (name: string): Tag => ({
  id: crypto.randomUUID(),
  name,
  color: '#d9822b',
  parentId: null,
  description: '',
  createdAt: now,
  updatedAt: now,
});

const createTag = defineCommand({
  id: 'test.createTag',
  label: 'create a tag',
  run: (changes, t: Tag) => changes.put('tags', t),
});
const renameTag = defineCommand({
  id: 'test.renameTag',
  label: 'rename a tag',
  rationale: (a: { id: string; name: string; why?: string }) => a.why,
  run: (changes, a: { id: string; name: string; why?: string }) =>
    changes.update('tags', a.id, { name: a.name }, 'That tag no longer exists.'),
});
const deleteTag = defineCommand({
  id: 'test.deleteTag',
  label: 'delete a tag',
  run: (changes, id: string) => changes.delete('tags', id),
});

describe('Workspace.perform', () => {
  it('writes a revision for every field of a created record, and only changed fields of an update', async () => {
    const { db, workspace } = fresh();
    const t = await workspace.perform(createTag, tag('Narcotics'));
    const created = await db.revisions.where({ entity: 'tag', entityId: t.id }).toArray();
    expect(created.map((r) => r.field).sort()).toEqual(Object.keys(t).sort());
    expect(created.every((r) => r.op === 'create' && r.command === 'test.createTag' && !('before' in r))).toBe(true);

    await workspace.perform(renameTag, { id: t.id, name: 'Drugs', why: 'shorter' });
    const all = await db.revisions.where({ entity: 'tag', entityId: t.id }).toArray();
    const update = all.filter((r) => r.op === 'update');
    expect(update.map((r) => r.field).sort()).toEqual(['name', 'updatedAt']);
    expect(update.every((r) => r.rationale === 'shorter')).toBe(true);
    expect(new Set(update.map((r) => r.changeId)).size).toBe(1);
  });

  it('writes nothing for a change that changes nothing', async () => {
    const { db, workspace } = fresh();
    const t = await workspace.perform(createTag, tag('Water'));
    const count = await db.revisions.count();
    await workspace.perform(renameTag, { id: t.id, name: 'Water' });
    expect(await db.revisions.count()).toBe(count);
    expect(workspace.history().undoLabel).toBe('create a tag');
  });

  it('tells its instant before perform returns, and the record asWritten works out is the one stored', async () => {
    const { db, workspace } = fresh();
    const t = await workspace.perform(createTag, tag('Water'));
    const told: string[] = [];
    let shown: Tag | undefined;
    const renaming = workspace.perform(
      renameTag,
      { id: t.id, name: 'Water disputes' },
      {
        onInstant: (at) => {
          told.push(at);
          shown = asWritten('tags', t, { ...t, name: 'Water disputes' }, at);
        },
      },
    );
    // Told in the same turn: a view shows the edit in the frame of the keystroke.
    expect(told).toHaveLength(1);
    const stored = await renaming;
    expect(stored).toEqual(shown);
    expect(await db.tags.get(t.id)).toEqual(shown);
    expect(shown!.updatedAt).toBe(told[0]);
    const revisions = await db.revisions.where({ entity: 'tag', entityId: t.id }).toArray();
    expect(revisions.filter((r) => r.op === 'update').every((r) => r.at === told[0])).toBe(true);
    // Unchanged but for the stamp, it is the stored record itself: the change set writes nothing.
    expect(asWritten('tags', stored, { ...stored, updatedAt: now }, '2030-01-01T00:00:00.000Z')).toBe(stored);

    // A command with work before its transaction takes its instant after that work, and tells it then.
    const prepared = defineCommand({
      ...renameTag,
      id: 'test.preparedRename',
      prepare: async (a: { id: string; name: string }) => ({ ...a, name: `${a.name}!` }),
    });
    const later: string[] = [];
    const renamed = workspace.perform(prepared, { id: t.id, name: 'Rivers' }, { onInstant: (at) => later.push(at) });
    expect(later).toEqual([]);
    expect((await renamed).updatedAt).toBe(later[0]);
    expect(later[0]! > told[0]!).toBe(true);
  });

  it('writes a record it has read with the record as read, and a command changing its copy still writes', async () => {
    const { db, workspace } = fresh();
    const t = await workspace.perform(createTag, tag('Water'));
    const twice = defineCommand({
      id: 'test.twice',
      label: 'rename twice',
      run: async (changes, id: string) => {
        const read = (await changes.require('tags', id, 'gone'))!;
        // The command's own copy, changed in place: the change set kept a copy of its own.
        read.name = 'Rivers';
        await changes.put('tags', read);
        await changes.update('tags', id, { description: 'and canals' }, 'gone');
        return changes.get('tags', id);
      },
    });
    const after = await workspace.perform(twice, t.id);
    expect(after).toMatchObject({ name: 'Rivers', description: 'and canals' });
    expect(await db.tags.get(t.id)).toEqual(after);
    const update = (await db.revisions.where({ entity: 'tag', entityId: t.id }).toArray()).filter(
      (r) => r.op === 'update',
    );
    expect(Object.fromEntries(update.map((r) => [r.field, [r.before, r.after]]))).toEqual({
      name: ['Water', 'Rivers'],
      description: ['', 'and canals'],
      updatedAt: [t.updatedAt, after!.updatedAt],
    });
    await workspace.undo();
    expect(await db.tags.get(t.id)).toEqual(t);
  });

  it('undoes and redoes exactly, writing revisions for both', async () => {
    const { db, workspace } = fresh();
    const t = await workspace.perform(createTag, tag('Migration'));
    const afterCreate = await db.tags.toArray();
    await workspace.perform(renameTag, { id: t.id, name: 'Refugees' });
    await workspace.perform(deleteTag, t.id);
    expect(await db.tags.count()).toBe(0);

    await workspace.undo();
    expect((await db.tags.get(t.id))?.name).toBe('Refugees');
    await workspace.undo();
    expect(await db.tags.toArray()).toEqual(afterCreate);
    await workspace.undo();
    expect(await db.tags.count()).toBe(0);
    expect(workspace.history().canUndo).toBe(false);

    await workspace.redo();
    expect(await db.tags.toArray()).toEqual(afterCreate);
    await workspace.redo();
    await workspace.redo();
    expect(await db.tags.count()).toBe(0);
    const undoRevisions = await db.revisions
      .where('command')
      .equals('history.undo')
      .count()
      .catch(() => -1);
    expect(undoRevisions === -1 || undoRevisions > 0).toBe(true);
    const commands = new Set((await db.revisions.toArray()).map((r) => r.command));
    expect(commands).toEqual(
      new Set(['test.createTag', 'test.renameTag', 'test.deleteTag', 'history.undo', 'history.redo']),
    );
  });

  it('keeps the workspace as it was when a command fails half-way, and says why', async () => {
    const { db, workspace, failures } = fresh();
    const t = tag('Terrorism');
    const half = defineCommand({
      id: 'test.half',
      label: 'half',
      run: async (changes, x: Tag) => {
        await changes.put('tags', x);
        await changes.update(
          'tags',
          'missing',
          { name: 'y' },
          'That tag no longer exists; it may have been deleted in another window.',
        );
      },
    });
    await expect(workspace.perform(half, t)).rejects.toBeInstanceOf(CommandFailed);
    expect(await db.tags.count()).toBe(0);
    expect(await db.revisions.count()).toBe(0);
    expect(failures).toEqual(['That tag no longer exists; it may have been deleted in another window.']);
  });

  it('refuses an invalid record with a sentence', async () => {
    const { workspace, failures } = fresh();
    await expect(workspace.perform(createTag, { ...tag('x'), color: 'not a colour' })).rejects.toBeInstanceOf(
      CommandFailed,
    );
    expect(failures[0]).toMatch(/^The change was not saved because a tag would be invalid \(color\)/);
  });

  it('replays its history from empty into the workspace as it is, undos and redos included', async () => {
    const { db, workspace } = fresh();
    const a = await workspace.perform(createTag, tag('A'));
    const b = await workspace.perform(createTag, tag('B'));
    await workspace.perform(renameTag, { id: a.id, name: 'A2' });
    await workspace.perform(deleteTag, b.id);
    await workspace.undo();
    await workspace.perform(renameTag, { id: b.id, name: 'B2' });
    await workspace.undo();
    await workspace.redo();
    const replayed = replayFromEmpty(await db.revisions.toArray());
    const tags = [...(replayed.tags?.values() ?? [])].sort((x, y) => String(x.name).localeCompare(String(y.name)));
    expect(tags).toEqual(await db.tags.orderBy('name').toArray());
  });
});
