import { describe, expect, it } from 'vitest';
import { actorUsage, tidyNames } from '../../renderer/db/actors';
import type { WorkbenchDatabase } from '../../renderer/db/database';
import { createActor, deleteActor, updateActor } from '../../renderer/workspace/commands/actors';
import { defineCommand, Workspace } from '../../renderer/workspace/workspace';
import { upgradeTables } from '../../shared/interop/backup/validate';
import { sinceDemo, useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demo = useDemoDatabases();

async function actorNamed(db: WorkbenchDatabase, name: string) {
  const actor = (await db.actors.toArray()).find((a) => a.name.startsWith(name));
  if (!actor) throw new Error(`no actor named ${name}`);
  return actor;
}

const revisionsOf = (db: WorkbenchDatabase, id: string) =>
  db.revisions.where('[entity+entityId]').equals(['actor', id]).filter(sinceDemo).toArray();

/** An edit of a threat's title, as the register makes it (kept here so these tests do not depend on the register's commands). */
const retitleThreat = defineCommand({
  id: 'test.retitleThreat',
  label: 'retitle a threat',
  run: (changes, { id, title }: { id: string; title: string }) =>
    changes.update('threats', id, { title }, 'no such threat'),
});

describe('actors', () => {
  it('the demo has six armed groups, the Taliban and five states', async () => {
    const db = await demo();
    const actors = await db.actors.toArray();
    expect(actors).toHaveLength(12);
    expect(actors.filter((a) => a.kind === 'armed-group')).toHaveLength(6);
    expect(actors.filter((a) => a.kind === 'state')).toHaveLength(5);
  });

  it('are created as “New actor”, numbered when that name is taken', async () => {
    const db = await demo();
    const first = await perform(db, createActor, {});
    const second = await perform(db, createActor, {});
    expect(first.name).toBe('New actor');
    expect(second.name).toBe('New actor 2');
    expect(first).toMatchObject({ aliases: [], bases: [], countryCodes: [], description: '', kind: 'other' });
    const named = await perform(db, createActor, {
      name: '  Hizb ut-Tahrir ',
      kind: 'organisation',
      aliases: ['HT', ' Хизб ут-Тахрир ', 'ht', ''],
    });
    expect(named.name).toBe('Hizb ut-Tahrir');
    expect(named.aliases).toEqual(['HT', 'Хизб ут-Тахрир']);
  });

  it('are edited field by field, with one revision per changed field', async () => {
    const db = await demo();
    const isk = await actorNamed(db, 'ISIS-Khorasan');
    const after = await perform(db, updateActor, {
      id: isk.id,
      patch: {
        name: 'ISIS-K',
        aliases: [...isk.aliases, 'Исламское государство – Вилаят Хорасан'],
        kind: 'armed-group', // unchanged: no revision
        countryCodes: [...isk.countryCodes, 'kz'],
      },
    });
    expect(after.name).toBe('ISIS-K');
    expect(after.aliases.at(-1)).toBe('Исламское государство – Вилаят Хорасан');
    expect(after.countryCodes.at(-1)).toBe('KZ');
    expect(await db.actors.get(isk.id)).toEqual(after);
    const revisions = await revisionsOf(db, isk.id);
    expect(revisions.map((r) => r.field).sort()).toEqual(['aliases', 'countryCodes', 'name', 'updatedAt']);
    expect(revisions.find((r) => r.field === 'name')).toMatchObject({
      entity: 'actor',
      before: isk.name,
      after: 'ISIS-K',
      op: 'update',
      command: 'actors.update',
    });
    expect(new Set(revisions.map((r) => r.at)).size).toBe(1);
    expect(new Set(revisions.map((r) => r.changeId)).size).toBe(1);

    // Nothing changed: nothing written, and nothing to undo.
    const again = await perform(db, updateActor, { id: isk.id, patch: { name: 'ISIS-K ' } });
    expect(again).toEqual(after);
    expect(await revisionsOf(db, isk.id)).toHaveLength(4);

    // Undo puts the actor back exactly as it was, and history records the undo too; redo the edit again.
    await workspaceOf(db).undo();
    expect(await db.actors.get(isk.id)).toEqual(isk);
    expect(await revisionsOf(db, isk.id)).toHaveLength(8);
    await workspaceOf(db).redo();
    expect(await db.actors.get(isk.id)).toEqual(after);
  });

  it('record the reason given for an edit on each of its revisions', async () => {
    const db = await demo();
    const imu = await actorNamed(db, 'Islamic Movement of Uzbekistan');
    await perform(db, updateActor, {
      id: imu.id,
      patch: { aliases: [...imu.aliases, 'Movement of Turkestan'] },
      label: 'change the aliases',
      rationale: 'Name used by UN listings',
    });
    const revisions = await revisionsOf(db, imu.id);
    expect(revisions.map((r) => r.field).sort()).toEqual(['aliases', 'updatedAt']);
    expect(revisions.every((r) => r.rationale === 'Name used by UN listings')).toBe(true);
    expect(workspaceOf(db).history().undoLabel).toBe('change the aliases');
  });

  it('refuse a duplicate name, ignoring case, and an invalid value, changing nothing', async () => {
    const db = await demo();
    const imu = await actorNamed(db, 'Islamic Movement of Uzbekistan');
    const taliban = await actorNamed(db, 'Taliban');
    const actors = await db.actors.toArray();
    await expect(perform(db, updateActor, { id: imu.id, patch: { name: '  TALIBAN ' } })).rejects.toThrow(
      'There is already an actor called “Taliban”. Choose another name, or add this one as an alias.',
    );
    await expect(perform(db, createActor, { name: 'taliban' })).rejects.toThrow(/already an actor called “Taliban”/);
    await expect(perform(db, updateActor, { id: imu.id, patch: { name: '   ' } })).rejects.toThrow(
      'An actor needs a name.',
    );
    await expect(perform(db, updateActor, { id: imu.id, patch: { countryCodes: ['Uzbekistan'] } })).rejects.toThrow(
      /not saved/,
    );
    await expect(perform(db, updateActor, { id: imu.id, patch: { aliases: ['x'.repeat(301)] } })).rejects.toThrow(
      /An alias can be at most 300 characters/,
    );
    expect(await db.actors.toArray()).toEqual(actors);
    expect(await revisionsOf(db, imu.id)).toHaveLength(0);
    expect(workspaceOf(db).history().canUndo).toBe(false);
    // Its own name in another case is not a duplicate.
    const after = await perform(db, updateActor, { id: taliban.id, patch: { name: 'TALIBAN' } });
    expect(after.name).toBe('TALIBAN');
  });

  it('say their STIX threat-actor type: the kind’s default until the analyst chooses, undoable', async () => {
    const db = await demo();
    const taliban = await actorNamed(db, 'Taliban');
    const isk = await actorNamed(db, 'ISIS-Khorasan');
    // The demo's actors start with their kind's types.
    expect(isk.threatActorTypes).toEqual(['terrorist']);
    expect(taliban.threatActorTypes).toEqual(['unknown']);
    const created = await perform(db, createActor, { name: 'Herat hawala network', kind: 'criminal-network' });
    expect(created.threatActorTypes).toEqual(['crime-syndicate']);

    // The analyst's choice, tidied ("unknown" gives way to a known type), one revision, one undo.
    const chosen = await perform(db, updateActor, {
      id: taliban.id,
      patch: { threatActorTypes: ['unknown', 'terrorist', 'crime-syndicate'] },
      label: 'change the threat-actor type of “Taliban”',
    });
    expect(chosen.threatActorTypes).toEqual(['crime-syndicate', 'terrorist']);
    expect((await revisionsOf(db, taliban.id)).map((r) => r.field).sort()).toEqual(['threatActorTypes', 'updatedAt']);
    // A change of kind keeps a choice the analyst made ...
    expect(
      (await perform(db, updateActor, { id: taliban.id, patch: { kind: 'armed-group' } })).threatActorTypes,
    ).toEqual(['crime-syndicate', 'terrorist']);
    // ... and brings the new kind's default where the type was still the old kind's.
    expect((await perform(db, updateActor, { id: created.id, patch: { kind: 'person' } })).threatActorTypes).toEqual([
      'unknown',
    ]);
    await workspaceOf(db).undo();
    await workspaceOf(db).undo();
    await workspaceOf(db).undo();
    expect((await db.actors.get(taliban.id))!.threatActorTypes).toEqual(['unknown']);
    await expect(
      perform(db, updateActor, { id: taliban.id, patch: { threatActorTypes: ['warlord' as never] } }),
    ).rejects.toThrow(/not saved/);
  });

  it('of an older backup (schema version 5) are given their kind’s types when it is restored or merged', () => {
    const [armed, state, other] = [
      { id: 'a', kind: 'armed-group' },
      { id: 's', kind: 'state' },
      { id: 'o', kind: 'organisation', threatActorTypes: ['activist'] },
    ];
    const upgraded = upgradeTables({ actors: [armed, state, other] }, 5);
    expect(upgraded.actors).toEqual([
      { ...armed, threatActorTypes: ['terrorist'] },
      { ...state, threatActorTypes: ['nation-state'] },
      other,
    ]);
  });

  it('tidy alias and base lists', () => {
    expect(tidyNames([' ISKP ', 'iskp', '', 'ИГИЛ  Хорасан', 'ISKP'])).toEqual(['ISKP', 'ИГИЛ Хорасан']);
  });
});

describe('deleting an actor', () => {
  it('removes its id from threats and passages in one change, and one undo puts everything back exactly', async () => {
    const db = await demo();
    const taliban = await actorNamed(db, 'Taliban');
    const threatsBefore = await db.threats.toArray();
    const annotationsBefore = await db.annotations.toArray();
    const usage = await actorUsage(db, taliban.id);
    expect(usage.threats).toHaveLength(5);
    expect(usage.annotations).toBeGreaterThan(0);

    const removed = await perform(db, deleteActor, taliban.id);
    expect(await db.actors.get(taliban.id)).toBeUndefined();
    expect(removed.threats).toBe(usage.threats.length);
    expect(removed.passages).toBe(usage.annotations);
    for (const t of await db.threats.toArray()) expect(t.actorIds).not.toContain(taliban.id);
    for (const a of await db.annotations.toArray()) expect(a.actorIds).not.toContain(taliban.id);
    // Nothing else was lost: the migration threat still links Pakistan.
    const migration = (await db.threats.toArray()).find((t) => t.title.startsWith('Mass migration'))!;
    expect(migration.actorIds).toHaveLength(1);
    expect(await db.threats.count()).toBe(threatsBefore.length);
    expect(await db.annotations.count()).toBe(annotationsBefore.length);

    // One change: every revision of it shares one changeId, and the actor's deletion wrote one per field.
    const revisions = (await db.revisions.toArray()).filter((r) => r.command === 'actors.delete');
    expect(new Set(revisions.map((r) => r.changeId)).size).toBe(1);
    expect(
      revisions
        .filter((r) => r.entity === 'actor' && r.op === 'delete')
        .map((r) => r.field)
        .sort(),
    ).toEqual(Object.keys(taliban).sort());
    expect(workspaceOf(db).history().undoLabel).toBe('delete actor “Taliban”');

    await workspaceOf(db).undo();
    expect(await db.actors.get(taliban.id)).toEqual(taliban);
    expect(await db.threats.toArray()).toEqual(threatsBefore);
    expect(await db.annotations.toArray()).toEqual(annotationsBefore);
    await workspaceOf(db).redo();
    expect(await db.actors.get(taliban.id)).toBeUndefined();
    for (const t of await db.threats.toArray()) expect(t.actorIds).not.toContain(taliban.id);
  });

  it('keeps edits made since the deletion when it is undone, and links the actor again', async () => {
    const db = await demo();
    const pakistan = await actorNamed(db, 'Pakistan');
    const rivalry = (await db.threats.where('actorIds').equals(pakistan.id).toArray()).find((t) =>
      t.title.startsWith('Rivalry'),
    )!;
    await perform(db, deleteActor, pakistan.id);
    // Edited since, in another window (whose steps are not on this window's stack).
    await new Workspace(db).perform(retitleThreat, { id: rivalry.id, title: 'Rivalry of external powers' });
    await workspaceOf(db).undo();
    const now = (await db.threats.get(rivalry.id))!;
    expect(now.title).toBe('Rivalry of external powers');
    expect(now.actorIds).toEqual(rivalry.actorIds); // back in its old place
  });

  // Undo puts back records without the command that first checked them; the table's rule still holds.
  it('cannot be undone over another actor that took the name, and then changes nothing', async () => {
    const db = await demo();
    const china = await actorNamed(db, 'China');
    await perform(db, deleteActor, china.id);
    const other = await new Workspace(db).perform(createActor, { name: 'china', kind: 'state' });
    const threats = await db.threats.toArray();
    expect(await workspaceOf(db).undo()).toBe(false);
    expect(await db.actors.get(china.id)).toBeUndefined();
    expect(await db.threats.toArray()).toEqual(threats);
    expect(await db.actors.get(other.id)).toEqual(other);
  });

  it('is refused for an actor that no longer exists', async () => {
    const db = await demo();
    await expect(perform(db, deleteActor, crypto.randomUUID())).rejects.toThrow(/no longer exists/);
  });
});
