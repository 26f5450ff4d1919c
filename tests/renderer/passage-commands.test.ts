import { sourceTextIn } from './source-text';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { createActor, deleteActor, updateActor } from '../../renderer/workspace/commands/actors';
import { createTag, deleteTag, mergeTags, updateTag } from '../../renderer/workspace/commands/codebook';
import {
  acceptDrift,
  createPassage,
  deletePassage,
  describeW3cImport,
  importW3cPassages,
  movePassage,
  updatePassage,
} from '../../renderer/workspace/commands/passages';
import { replayFromEmpty } from '../../renderer/workspace/replay';
import { CommandFailed } from '../../renderer/workspace/workspace';
import type { Source } from '../../shared/domain/source';
import type { Revision } from '../../shared/domain/revision';
import { toAnnotationCollection } from '../../shared/interop/web-annotation';
import { useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demoDatabase = useDemoDatabases();

async function demo() {
  const db = await demoDatabase();
  const source = (await db.sources.toArray())[0]!;
  const text = await sourceTextIn(db, source.id);
  return { db, source, text };
}

const noCoding = { tagIds: [], note: '', threatIds: [], countryCodes: [], actorIds: [] };

/** The revisions of the last change made through the test's workspace. */
async function lastChange(db: WorkbenchDatabase): Promise<Revision[]> {
  const all = await db.revisions.orderBy('at').toArray();
  const changeId = all.at(-1)?.changeId;
  return all.filter((r) => r.changeId === changeId);
}

/** Everything the passages commands touch, for deep-equal before/after comparisons. */
async function everything(db: WorkbenchDatabase) {
  return { annotations: await db.annotations.toArray(), tags: await db.tags.toArray() };
}

describe('passages.create', () => {
  it('writes the passage with one revision per field, and undo and redo take it back and forth exactly', async () => {
    const { db, source, text } = await demo();
    const before = await everything(db);
    const start = text.indexOf('Kosh-Tepa canal');
    const tag = (await db.tags.toArray())[0]!;
    const a = await perform(db, createPassage, {
      sourceId: source.id,
      text,
      start,
      end: start + 15,
      coding: { ...noCoding, tagIds: [tag.id, tag.id], note: '  the canal  ', countryCodes: ['UZ'] },
    });
    expect(a).toMatchObject({
      sourceId: source.id,
      anchor: 'anchored',
      tagIds: [tag.id],
      note: 'the canal',
      position: { start, end: start + 15 },
    });
    expect(a.quote.exact).toBe('Kosh-Tepa canal');

    const revisions = await lastChange(db);
    expect(revisions.map((r) => r.field).sort()).toEqual(Object.keys(a).sort());
    expect(
      revisions.every(
        (r) =>
          r.entity === 'annotation' &&
          r.entityId === a.id &&
          r.op === 'create' &&
          r.command === 'passages.create' &&
          !('before' in r),
      ),
    ).toBe(true);
    expect(revisions.find((r) => r.field === 'note')?.after).toBe('the canal');
    expect(workspaceOf(db).history().undoLabel).toBe('annotate “Kosh-Tepa canal”');

    await workspaceOf(db).undo();
    expect(await everything(db)).toEqual(before);
    await workspaceOf(db).redo();
    expect(await db.annotations.get(a.id)).toEqual(a);
  });

  it('refuses a selection that is not in the text with a sentence, and writes nothing', async () => {
    const { db, source, text } = await demo();
    const before = await everything(db);
    const revisions = await db.revisions.count();
    const attempt = perform(db, createPassage, {
      sourceId: source.id,
      text,
      start: text.length - 2,
      end: text.length + 10,
      coding: noCoding,
    });
    await expect(attempt).rejects.toBeInstanceOf(CommandFailed);
    await expect(attempt).rejects.toThrow(
      /^The passage was not saved: .*lies outside the text.* Select the text again\.$/,
    );
    expect(await everything(db)).toEqual(before);
    expect(await db.revisions.count()).toBe(revisions);
    expect(workspaceOf(db).history().canUndo).toBe(false);
  });

  it('among 5,000 passages stays one small change: it reads no table and writes only its own record', async () => {
    const { db, source, text } = await demo();
    const template = (await db.annotations.where('sourceId').equals(source.id).first())!;
    await db.annotations.bulkPut(
      Array.from({ length: 5000 }, (_, i) => ({ ...template, id: crypto.randomUUID(), note: `bulk ${i}` })),
    );
    const reads = [
      vi.spyOn(db.annotations, 'toArray'),
      vi.spyOn(db.annotations, 'where'),
      vi.spyOn(db.annotations, 'count'),
      vi.spyOn(db.annotations, 'toCollection'),
      vi.spyOn(db.annotations, 'orderBy'),
    ];
    const start = text.indexOf('Amu Darya');
    const a = await perform(db, createPassage, { sourceId: source.id, text, start, end: start + 9, coding: noCoding });
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect(new Set((await lastChange(db)).map((r) => r.entityId))).toEqual(new Set([a.id]));
  }, 30_000); // writing the 5,000 passages first is slow in fake-indexeddb, not the command
});

describe('passages.update, delete, move and acceptDrift', () => {
  it('an edit records only the fields it changed; an edit that changes nothing records nothing', async () => {
    const { db } = await demo();
    const a = (await db.annotations.toArray())[0]!;
    const extra = ['TM', 'CN', 'IR'].find((code) => !a.countryCodes.includes(code))!;
    const after = await perform(db, updatePassage, {
      id: a.id,
      coding: {
        tagIds: a.tagIds,
        note: 'Checked against SIC ICWC data',
        threatIds: a.threatIds,
        countryCodes: [...a.countryCodes, extra, extra],
        actorIds: a.actorIds,
      },
    });
    expect((await lastChange(db)).map((r) => r.field).sort()).toEqual(['countryCodes', 'note', 'updatedAt']);
    expect(after.countryCodes.filter((c) => c === extra)).toHaveLength(1);
    const count = await db.revisions.count();
    await perform(db, updatePassage, {
      id: a.id,
      coding: {
        tagIds: after.tagIds,
        note: ` ${after.note} `,
        threatIds: after.threatIds,
        countryCodes: after.countryCodes,
        actorIds: after.actorIds,
      },
    });
    expect(await db.revisions.count()).toBe(count);
    expect(workspaceOf(db).history().undoLabel).toMatch(/^edit “/);
    await workspaceOf(db).undo();
    expect(await db.annotations.get(a.id)).toEqual(a);
  });

  it('a passage deleted in another window is refused with a sentence', async () => {
    const { db } = await demo();
    await expect(perform(db, updatePassage, { id: crypto.randomUUID(), coding: noCoding })).rejects.toThrow(
      'That passage no longer exists; it may have been deleted in another window.',
    );
  });

  it('a deletion is undone to the exact record and redone', async () => {
    const { db } = await demo();
    const a = (await db.annotations.toArray())[3]!;
    const removed = await perform(db, deletePassage, a.id);
    expect(removed).toEqual(a);
    expect((await lastChange(db)).every((r) => r.op === 'delete' && !('after' in r))).toBe(true);
    await workspaceOf(db).undo();
    expect(await db.annotations.get(a.id)).toEqual(a);
    await workspaceOf(db).redo();
    expect(await db.annotations.get(a.id)).toBeUndefined();
    // Deleting what is already gone changes nothing and leaves nothing to undo.
    expect(await perform(db, deletePassage, a.id)).toBeUndefined();
    expect(workspaceOf(db).history().undoLabel).toMatch(/^delete “/);
  });

  it('re-selecting places a passage afresh; accepting a moved one takes its quote where it was found', async () => {
    const { db, text } = await demo();
    const a = (await db.annotations.toArray())[0]!;
    const start = text.indexOf('Amu Darya');
    const moved = await perform(db, movePassage, { id: a.id, text, range: { start, end: start + 9 } });
    expect(moved).toMatchObject({
      quote: { exact: 'Amu Darya' },
      position: { start, end: start + 9 },
      anchor: 'anchored',
    });
    await workspaceOf(db).undo();
    expect(await db.annotations.get(a.id)).toEqual(a);

    // A drifted passage (as after a text correction) is confirmed where the workbench found it.
    const other = (await db.annotations.toArray())[1]!;
    const drifted = {
      ...other,
      anchor: 'drifted' as const,
      quote: { ...other.quote, exact: 'words that were there before' },
    };
    await db.annotations.put(drifted);
    const accepted = await perform(db, acceptDrift, { id: other.id, text });
    expect(accepted.anchor).toBe('anchored');
    expect(accepted.quote.exact).toBe(text.slice(other.position.start, other.position.end));
    expect((await lastChange(db)).map((r) => r.field).sort()).toEqual(['anchor', 'quote', 'updatedAt']);
    expect(workspaceOf(db).history().undoLabel).toMatch(/^accept the moved passage “/);
    await workspaceOf(db).undo();
    expect(await db.annotations.get(other.id)).toEqual(drifted);
  });
});

describe('the codebook', () => {
  it('creates a tag with a revision per field, and answers the existing tag of the same name without a step', async () => {
    const { db } = await demo();
    const tag = await perform(db, createTag, { name: '  Border   security ' });
    expect(tag.name).toBe('Border security');
    expect((await lastChange(db)).map((r) => r.field).sort()).toEqual(Object.keys(tag).sort());
    expect(workspaceOf(db).history().undoLabel).toBe('create tag “Border security”');
    const count = await db.revisions.count();
    expect(await perform(db, createTag, { name: 'border SECURITY' })).toEqual(tag);
    expect(await db.revisions.count()).toBe(count);
    await workspaceOf(db).undo();
    expect(await db.tags.get(tag.id)).toBeUndefined();
  });

  it('renames, recolours and moves with labels that say so; a refused rename changes nothing', async () => {
    const { db } = await demo();
    const water = (await db.tags.where('name').equals('Water').first())!;
    await perform(db, updateTag, { id: water.id, patch: { name: 'Water security' } });
    expect(workspaceOf(db).history().undoLabel).toBe('rename tag “Water” to “Water security”');
    await perform(db, updateTag, { id: water.id, patch: { color: '#123456' } });
    expect(workspaceOf(db).history().undoLabel).toBe('recolour “Water security”');
    await perform(db, updateTag, { id: water.id, patch: { parentId: null } });
    expect(workspaceOf(db).history().undoLabel).toBe('move “Water security”');
    const tags = await db.tags.toArray();
    await expect(perform(db, updateTag, { id: water.id, patch: { name: 'migration' } })).rejects.toThrow(
      'There is already a tag called “migration”. Merge the two tags instead.',
    );
    await expect(perform(db, updateTag, { id: water.id, patch: { color: 'blue' } })).rejects.toThrow(
      /tag would be invalid \(color\)/,
    );
    expect(await db.tags.toArray()).toEqual(tags);
    for (let i = 0; i < 3; i++) await workspaceOf(db).undo();
    expect(await db.tags.get(water.id)).toEqual(water);
  });

  it('a merge moves every passage in one change, and one undo restores tags and passages deep-equal', async () => {
    const { db } = await demo();
    const water = (await db.tags.where('name').equals('Water').first())!;
    const geo = (await db.tags.where('name').equals('Geopolitics').first())!;
    const coded = await db.annotations.where('tagIds').equals(water.id).toArray();
    expect(coded.length).toBeGreaterThan(0);
    const before = await everything(db);

    const result = await perform(db, mergeTags, { fromId: water.id, intoId: geo.id });
    expect(result.passages).toBe(coded.length);
    expect(await db.tags.get(water.id)).toBeUndefined();
    for (const a of coded) {
      const now = (await db.annotations.get(a.id))!;
      expect(now.tagIds).toContain(geo.id);
      expect(now.tagIds).not.toContain(water.id);
      expect(new Set(now.tagIds).size).toBe(now.tagIds.length);
    }
    const change = await lastChange(db);
    expect(new Set(change.filter((r) => r.entity === 'annotation').map((r) => r.entityId))).toEqual(
      new Set(coded.map((a) => a.id)),
    );
    expect(change.every((r) => r.command === 'tags.merge')).toBe(true);
    expect(workspaceOf(db).history().undoLabel).toBe('merge “Water” into “Geopolitics”');

    await workspaceOf(db).undo();
    expect(await everything(db)).toEqual(before);
    await workspaceOf(db).redo();
    expect(await db.tags.get(water.id)).toBeUndefined();
    expect(await db.annotations.where('tagIds').equals(water.id).count()).toBe(0);
  });

  it('a merge of a tag into one of its own sub-tags puts the sub-tag in its place', async () => {
    const { db } = await demo();
    const parent = (await db.tags.where('name').equals('Threat').first())!;
    const child = (await db.tags.where('parentId').equals(parent.id).first())!;
    await perform(db, mergeTags, { fromId: parent.id, intoId: child.id });
    expect((await db.tags.get(child.id))!.parentId).toBe(parent.parentId);
    await expect(perform(db, mergeTags, { fromId: child.id, intoId: child.id })).rejects.toThrow(
      'Choose a different tag to merge into.',
    );
  });

  it('a deletion keeps the passages, takes the tag off them in the same change, and lifts its sub-tags', async () => {
    const { db } = await demo();
    const water = (await db.tags.where('name').equals('Water').first())!;
    const coded = await db.annotations.where('tagIds').equals(water.id).toArray();
    const before = await everything(db);
    const { passages } = await perform(db, deleteTag, water.id);
    expect(passages).toBe(coded.length);
    expect(await db.annotations.count()).toBe(before.annotations.length);
    expect(await db.annotations.where('tagIds').equals(water.id).count()).toBe(0);
    const change = await lastChange(db);
    expect(change.filter((r) => r.entity === 'annotation' && r.field === 'tagIds')).toHaveLength(coded.length);
    expect(change.filter((r) => r.entity === 'tag' && r.op === 'delete').length).toBeGreaterThan(0);
    expect(workspaceOf(db).history().undoLabel).toBe('delete tag “Water”');
    await workspaceOf(db).undo();
    expect(await everything(db)).toEqual(before);
  });
});

describe('passages.importW3c', () => {
  async function exported(db: WorkbenchDatabase, sourceId: string) {
    const source = (await db.sources.get(sourceId))!;
    const annotations = await db.annotations.where('sourceId').equals(sourceId).toArray();
    const collection = toAnnotationCollection(annotations, {
      source,
      tags: await db.tags.toArray(),
      threats: await db.threats.toArray(),
      actors: await db.actors.toArray(),
      countries: await db.countries.toArray(),
      generator: { name: 'test', version: '0' },
      exportedAt: new Date().toISOString(),
    }) as { first: { items: Record<string, unknown>[] } };
    return { source, annotations, collection };
  }

  it('is one step with "Imported from <file>" on every revision; tags it needs are created in the same change', async () => {
    const { db, source, text } = await demo();
    const { annotations, collection } = await exported(db, source.id);
    const gone = annotations.slice(0, 3);
    for (const a of gone) await perform(db, deletePassage, a.id);
    const before = await everything(db);
    // A passage from another tool, tagged by name only.
    const start = text.indexOf('Amu Darya');
    const fromElsewhere = crypto.randomUUID();
    collection.first.items.push({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${fromElsewhere}`,
      type: 'Annotation',
      motivation: 'tagging',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Transboundary rivers' }],
      target: {
        source: `urn:sha256:${source.textHash}`,
        selector: [
          { type: 'TextQuoteSelector', exact: 'Amu Darya' },
          { type: 'TextPositionSelector', start, end: start + 9 },
        ],
      },
    });

    const result = await perform(db, importW3cPassages, {
      fileName: 'passages.jsonld',
      json: collection,
      sourceId: source.id,
      textHash: source.textHash,
      text,
    });
    expect(result).toMatchObject({
      added: 4,
      present: annotations.length - 3,
      placed: { anchored: 4, drifted: 0, orphaned: 0 },
    });
    expect(describeW3cImport('passages.jsonld', result)).toBe(
      `Imported 4 passages from “passages.jsonld”. ${annotations.length - 3} were already here.`,
    );
    for (const a of gone) expect(await db.annotations.get(a.id)).toEqual(a);
    const created = (await db.tags.toArray()).find((t) => t.name === 'Transboundary rivers');
    expect(created).toBeDefined();

    const change = await lastChange(db);
    expect(
      change.every((r) => r.rationale === 'Imported from passages.jsonld' && r.command === 'passages.importW3c'),
    ).toBe(true);
    expect(new Set(change.map((r) => r.entityId))).toEqual(
      new Set([...gone.map((a) => a.id), fromElsewhere, created!.id]),
    );
    expect((await db.annotations.get(fromElsewhere))!.tagIds).toEqual([created!.id]);
    expect(workspaceOf(db).history().undoLabel).toBe('import 4 passages from “passages.jsonld”');

    // One undo takes the whole import back, the new tag with it.
    await workspaceOf(db).undo();
    expect(await everything(db)).toEqual(before);
    await workspaceOf(db).redo();
    for (const a of gone) expect(await db.annotations.get(a.id)).toEqual(a);
  });

  it('refuses a file with nothing it can read, and writes nothing', async () => {
    const { db, source, text } = await demo();
    const before = await everything(db);
    const count = await db.revisions.count();
    await expect(
      perform(db, importW3cPassages, {
        fileName: 'notes.json',
        json: { hello: 'world' },
        sourceId: source.id,
        textHash: source.textHash,
        text,
      }),
    ).rejects.toThrow(/^No annotations could be read from “notes\.json”.*Nothing was imported\.$/);
    expect(await everything(db)).toEqual(before);
    expect(await db.revisions.count()).toBe(count);
  });

  it('a file whose passages are all here already changes nothing and leaves no step', async () => {
    const { db, source, text } = await demo();
    const { annotations, collection } = await exported(db, source.id);
    const result = await perform(db, importW3cPassages, {
      fileName: 'same.jsonld',
      json: collection,
      sourceId: source.id,
      textHash: source.textHash,
      text,
    });
    expect(result).toMatchObject({ added: 0, present: annotations.length });
    expect(workspaceOf(db).history().canUndo).toBe(false);
  });
});

describe('the history of passages, tags and actors is complete', () => {
  const open: WorkbenchDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.delete();
  });

  it('replays from empty into the workspace as it is, after every command of the area, undos and redos included', async () => {
    const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
    open.push(db);
    const workspace = workspaceOf(db);
    const text =
      'Jamaat Ansarullah recruits along the Tajik border. The Kosh-Tepa canal draws on the Amu Darya. '.repeat(4);
    const source = { id: crypto.randomUUID(), textHash: 'a'.repeat(64), title: 'Field notes' } as Source;
    const at = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

    const water = await perform(db, createTag, { name: 'Water' });
    const rivers = await perform(db, createTag, { name: 'Rivers', parentId: water.id });
    const groups = await perform(db, createTag, { name: 'Armed groups' });
    const actor = await perform(db, createActor, { name: 'Jamaat Ansarullah', kind: 'armed-group' });
    await perform(db, updateActor, { id: actor.id, patch: { aliases: ['Джамаат Ансаруллах'] } });
    const p1 = await perform(db, createPassage, {
      sourceId: source.id,
      text,
      ...at('Kosh-Tepa canal'),
      coding: { ...noCoding, tagIds: [rivers.id] },
    });
    const p2 = await perform(db, createPassage, {
      sourceId: source.id,
      text,
      ...at('Jamaat Ansarullah recruits'),
      coding: { ...noCoding, tagIds: [groups.id], actorIds: [actor.id] },
    });
    await perform(db, updatePassage, {
      id: p1.id,
      coding: { ...noCoding, tagIds: [rivers.id, water.id], note: 'Flow down by a third' },
    });
    await perform(db, movePassage, { id: p1.id, text, range: at('Amu Darya') });
    await perform(db, mergeTags, { fromId: rivers.id, intoId: water.id });
    await workspace.undo();
    await workspace.redo();
    await perform(db, updateTag, { id: groups.id, patch: { name: 'Militant groups', color: '#123456' } });
    await perform(db, deleteActor, actor.id);
    await workspace.undo();
    const collection = toAnnotationCollection(await db.annotations.toArray(), {
      source,
      tags: await db.tags.toArray(),
      threats: [],
      actors: await db.actors.toArray(),
      countries: [],
      generator: { name: 'test', version: '0' },
      exportedAt: new Date().toISOString(),
    });
    await perform(db, deletePassage, p2.id);
    await perform(db, importW3cPassages, {
      fileName: 'notes.jsonld',
      json: collection,
      sourceId: source.id,
      textHash: source.textHash,
      text,
    });
    await perform(db, deleteTag, groups.id);
    await workspace.undo();
    await workspace.undo();
    await workspace.redo();

    const replayed = replayFromEmpty(await db.revisions.toArray());
    const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
    const table = (name: 'annotations' | 'tags' | 'actors') =>
      byId([...(replayed[name]?.values() ?? [])] as { id: string }[]);
    expect(table('annotations')).toEqual(byId(await db.annotations.toArray()));
    expect(table('tags')).toEqual(byId(await db.tags.toArray()));
    expect(table('actors')).toEqual(byId(await db.actors.toArray()));
    expect(await db.annotations.count()).toBe(2);
    expect((await db.annotations.get(p2.id))?.actorIds).toEqual([actor.id]);
  });
});
