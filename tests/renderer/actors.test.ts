import { describe, expect, it } from 'vitest';
import { actorUsage, createActor, deleteActor, patchOf, restoreActor, tidyNames, updateActor } from '../../renderer/db/actors';
import type { WorkbenchDatabase } from '../../renderer/db/database';
import { updateThreat } from '../../renderer/db/threats';
import { sinceDemo, useDemoDatabases } from './demo-database';

const demo = useDemoDatabases();

async function actorNamed(db: WorkbenchDatabase, name: string) {
  const actor = (await db.actors.toArray()).find((a) => a.name.startsWith(name));
  if (!actor) throw new Error(`no actor named ${name}`);
  return actor;
}

const revisionsOf = (db: WorkbenchDatabase, id: string) => db.revisions.where('[entity+entityId]').equals(['actor', id]).filter(sinceDemo).toArray();

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
    const first = await createActor(db);
    const second = await createActor(db);
    expect(first.name).toBe('New actor');
    expect(second.name).toBe('New actor 2');
    expect(first).toMatchObject({ aliases: [], bases: [], countryCodes: [], description: '', kind: 'other' });
    const named = await createActor(db, { name: '  Hizb ut-Tahrir ', kind: 'organisation', aliases: ['HT', ' Хизб ут-Тахрир ', 'ht', ''] });
    expect(named.name).toBe('Hizb ut-Tahrir');
    expect(named.aliases).toEqual(['HT', 'Хизб ут-Тахрир']);
  });

  it('are edited field by field, with one revision per changed field', async () => {
    const db = await demo();
    const isk = await actorNamed(db, 'ISIS-Khorasan');
    const { before, after } = await updateActor(db, isk.id, {
      name: 'ISIS-K',
      aliases: [...isk.aliases, 'Исламское государство – Вилаят Хорасан'],
      kind: 'armed-group', // unchanged: no revision
      countryCodes: [...isk.countryCodes, 'kz'],
    });
    expect(before).toEqual(isk);
    expect(after.name).toBe('ISIS-K');
    expect(after.aliases.at(-1)).toBe('Исламское государство – Вилаят Хорасан');
    expect(after.countryCodes.at(-1)).toBe('KZ');
    expect(await db.actors.get(isk.id)).toEqual(after);
    const revisions = await revisionsOf(db, isk.id);
    expect(revisions.map((r) => r.field).sort()).toEqual(['aliases', 'countryCodes', 'name']);
    expect(revisions.find((r) => r.field === 'name')).toMatchObject({ entity: 'actor', before: isk.name, after: 'ISIS-K' });
    expect(new Set(revisions.map((r) => r.at)).size).toBe(1);

    // Nothing changed: nothing written.
    const again = await updateActor(db, isk.id, { name: 'ISIS-K ' });
    expect(again.after).toEqual(after);
    expect(await revisionsOf(db, isk.id)).toHaveLength(3);

    // Undoing is an edit back to the old values, which history records too.
    await updateActor(db, isk.id, patchOf(before, { name: 'x', aliases: [], countryCodes: [] }), 'Undone');
    expect(await db.actors.get(isk.id)).toMatchObject({ name: isk.name, aliases: isk.aliases, countryCodes: isk.countryCodes });
    expect(await revisionsOf(db, isk.id)).toHaveLength(6);
  });

  it('refuse a duplicate name, ignoring case, and an invalid value, changing nothing', async () => {
    const db = await demo();
    const imu = await actorNamed(db, 'Islamic Movement of Uzbekistan');
    const taliban = await actorNamed(db, 'Taliban');
    await expect(updateActor(db, imu.id, { name: '  TALIBAN ' })).rejects.toThrow('There is already an actor called “Taliban”. Choose another name, or add this one as an alias.');
    await expect(createActor(db, { name: 'taliban' })).rejects.toThrow(/already an actor called “Taliban”/);
    await expect(updateActor(db, imu.id, { name: '   ' })).rejects.toThrow('An actor needs a name.');
    await expect(updateActor(db, imu.id, { countryCodes: ['Uzbekistan'] })).rejects.toThrow(/not saved/);
    await expect(updateActor(db, imu.id, { aliases: ['x'.repeat(301)] })).rejects.toThrow(/An alias can be at most 300 characters/);
    expect(await db.actors.get(imu.id)).toEqual(imu);
    expect(await revisionsOf(db, imu.id)).toHaveLength(0);
    // Its own name in another case is not a duplicate.
    const { after } = await updateActor(db, taliban.id, { name: 'TALIBAN' });
    expect(after.name).toBe('TALIBAN');
  });

  it('tidy alias and base lists', () => {
    expect(tidyNames([' ISKP ', 'iskp', '', 'ИГИЛ  Хорасан', 'ISKP'])).toEqual(['ISKP', 'ИГИЛ Хорасан']);
  });
});

describe('deleting an actor', () => {
  it('removes its id from threats and passages in one go, and restore puts everything back exactly', async () => {
    const db = await demo();
    const taliban = await actorNamed(db, 'Taliban');
    const threatsBefore = await db.threats.toArray();
    const annotationsBefore = await db.annotations.toArray();
    const usage = await actorUsage(db, taliban.id);
    expect(usage.threats).toHaveLength(5);
    expect(usage.annotations).toBeGreaterThan(0);

    const saved = await deleteActor(db, taliban.id);
    expect(await db.actors.get(taliban.id)).toBeUndefined();
    expect(saved.threats).toHaveLength(usage.threats.length);
    expect(saved.annotations).toHaveLength(usage.annotations);
    for (const t of await db.threats.toArray()) expect(t.actorIds).not.toContain(taliban.id);
    for (const a of await db.annotations.toArray()) expect(a.actorIds).not.toContain(taliban.id);
    // Nothing else was lost: the migration threat still links Pakistan.
    const migration = (await db.threats.toArray()).find((t) => t.title.startsWith('Mass migration'))!;
    expect(migration.actorIds).toHaveLength(1);
    expect(await db.threats.count()).toBe(threatsBefore.length);
    expect(await db.annotations.count()).toBe(annotationsBefore.length);

    await restoreActor(db, saved);
    expect(await db.actors.get(taliban.id)).toEqual(taliban);
    expect(await db.threats.toArray()).toEqual(threatsBefore);
    expect(await db.annotations.toArray()).toEqual(annotationsBefore);
  });

  it('keeps edits made since the deletion when it is undone, and links the actor again', async () => {
    const db = await demo();
    const pakistan = await actorNamed(db, 'Pakistan');
    const saved = await deleteActor(db, pakistan.id);
    const rivalry = saved.threats.find((t) => t.title.startsWith('Rivalry'))!;
    await updateThreat(db, rivalry.id, { title: 'Rivalry of external powers' });
    await restoreActor(db, saved);
    const now = (await db.threats.get(rivalry.id))!;
    expect(now.title).toBe('Rivalry of external powers');
    expect(now.actorIds).toEqual(rivalry.actorIds); // back in its old place
  });

  it('cannot be undone over another actor that took the name, and then changes nothing', async () => {
    const db = await demo();
    const china = await actorNamed(db, 'China');
    const saved = await deleteActor(db, china.id);
    const other = await createActor(db, { name: 'china', kind: 'state' });
    const threats = await db.threats.toArray();
    await expect(restoreActor(db, saved)).rejects.toThrow('“China” cannot be restored: another actor now has that name. Rename it first.');
    expect(await db.actors.get(china.id)).toBeUndefined();
    expect(await db.threats.toArray()).toEqual(threats);
    expect(await db.actors.get(other.id)).toEqual(other);
  });

  it('is refused for an actor that no longer exists', async () => {
    const db = await demo();
    await expect(deleteActor(db, crypto.randomUUID())).rejects.toThrow(/no longer exists/);
  });
});
