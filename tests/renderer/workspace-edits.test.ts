import { sourceTextIn } from './source-text';
import { describe, expect, it } from 'vitest';
import { sha256OfText } from '../../renderer/db/hash';
import { planTextChange } from '../../shared/domain/text-change-plan';
import { deleteSource, replaceSourceText } from '../../renderer/workspace/commands/sources';
import { tagTree } from '../../renderer/db/tags';
import { createTag, deleteTag, mergeTags, updateTag } from '../../renderer/workspace/commands/codebook';
import { createPassage, deletePassage, movePassage, updatePassage } from '../../renderer/workspace/commands/passages';
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

describe('annotations', () => {
  it('are created from a range with quote and position, edited with revisions, deleted and restored', async () => {
    const { db, source, text } = await demo();
    const start = text.indexOf('Kosh-Tepa canal');
    const a = await perform(db, createPassage, {
      sourceId: source.id,
      text,
      start,
      end: start + 15,
      coding: { ...noCoding, note: '  canal  ', tagIds: ['x', 'x'].map(() => crypto.randomUUID()).slice(0, 1) },
    });
    expect(a.quote.exact).toBe('Kosh-Tepa canal');
    expect(a.position).toEqual({ start, end: start + 15 });
    expect(a.note).toBe('canal');
    const after = await perform(db, updatePassage, {
      id: a.id,
      coding: { ...noCoding, note: 'Changed', countryCodes: ['UZ', 'UZ'] },
    });
    expect(after.countryCodes).toEqual(['UZ']);
    const edits = (await db.revisions.where('[entity+entityId]').equals(['annotation', a.id]).toArray()).filter(
      (r) => r.op === 'update',
    );
    expect(edits.map((r) => r.field).sort()).toEqual(['countryCodes', 'note', 'tagIds', 'updatedAt']);
    await perform(db, deletePassage, a.id);
    expect(await db.annotations.get(a.id)).toBeUndefined();
    await workspaceOf(db).undo();
    expect(await db.annotations.get(a.id)).toEqual(after);
  });

  it('a re-selected passage takes its new place and a fresh quote', async () => {
    const { db, source, text } = await demo();
    const a = (await db.annotations.where('sourceId').equals(source.id).first())!;
    const start = text.indexOf('Amu Darya');
    const after = await perform(db, movePassage, { id: a.id, text, range: { start, end: start + 9 } });
    expect(after.quote.exact).toBe('Amu Darya');
    expect(after.anchor).toBe('anchored');
  });
});

describe('text replacement re-anchors every passage', () => {
  it('keeps untouched passages anchored, marks an edited one drifted and a deleted one orphaned', async () => {
    const { db, source, text } = await demo();
    const before = await db.annotations.where('sourceId').equals(source.id).toArray();
    const kosh = before.find((a) => a.quote.exact.startsWith('For example, for Uzbekistan, the Kosh-Tepa canal'))!;
    const crocus = before.find((a) => a.quote.exact.includes('Crocus City Hall'))!;
    const edited = `A new first line.\n${text}`
      .replace(
        'will significantly reduce the flow of water from the Amu Darya by 15%',
        'will reduce the flow of water from the Amu Darya by about 15%',
      )
      .replace(crocus.quote.exact, '');
    const plan = planTextChange(text, edited, before);
    const counts = await perform(db, replaceSourceText, {
      sourceId: source.id,
      title: source.title,
      plan,
      textHash: await sha256OfText(edited),
    });
    const after = new Map((await db.annotations.where('sourceId').equals(source.id).toArray()).map((a) => [a.id, a]));
    expect(after.size).toBe(before.length); // nothing lost
    expect(after.get(kosh.id)!.anchor).toBe('drifted');
    expect(edited.slice(after.get(kosh.id)!.position.start, after.get(kosh.id)!.position.end)).toBe(
      'For example, for Uzbekistan, the Kosh-Tepa canal will reduce the flow of water from the Amu Darya by about 15%.',
    );
    expect(after.get(crocus.id)!.anchor).toBe('orphaned');
    expect(after.get(crocus.id)!.quote).toEqual(crocus.quote); // kept with its quote
    const untouched = before.filter(
      (a) =>
        a.id !== kosh.id &&
        a.id !== crocus.id &&
        !a.quote.exact.includes('15%') &&
        !crocus.quote.exact.includes(a.quote.exact) &&
        !a.quote.exact.includes(crocus.quote.exact),
    );
    for (const a of untouched) {
      const now = after.get(a.id)!;
      expect(now.anchor, a.quote.exact).toBe('anchored');
      expect(edited.slice(now.position.start, now.position.end)).toBe(a.quote.exact);
    }
    expect(counts.orphaned).toBeGreaterThanOrEqual(1);
    expect((await db.sources.get(source.id))!.version).toBe(2);
  });

  it('deletes a source with its passages and one undo restores it whole, exactly', async () => {
    const { db, source } = await demo();
    const passages = await db.annotations.where('sourceId').equals(source.id).toArray();
    const record = await db.sources.get(source.id);
    const text = await db.sourceTexts.get(source.id);
    await perform(db, deleteSource, source.id);
    expect(await db.annotations.where('sourceId').equals(source.id).count()).toBe(0);
    expect(await db.sourceTexts.get(source.id)).toBeUndefined();
    await workspaceOf(db).undo();
    expect(await db.annotations.where('sourceId').equals(source.id).toArray()).toEqual(passages);
    expect(await db.sources.get(source.id)).toEqual(record);
    expect(await db.sourceTexts.get(source.id)).toEqual(text);
    expect(passages).toHaveLength(35);
  });

  it('undoes a replacement of the text exactly: the old text and every passage where it was', async () => {
    const { db, source, text } = await demo();
    const passages = await db.annotations.where('sourceId').equals(source.id).toArray();
    const record = await db.sources.get(source.id);
    const edited = `A paragraph inserted above.\n\n${text}`;
    await perform(db, replaceSourceText, {
      sourceId: source.id,
      title: source.title,
      plan: planTextChange(text, edited, passages),
      textHash: await sha256OfText(edited),
    });
    expect(await sourceTextIn(db, source.id)).toBe(edited);
    const textRevisions = await db.revisions.where('[entity+entityId]').equals(['sourceText', source.id]).toArray();
    // The history names the new text in main's store; it does not copy the book.
    expect(
      textRevisions
        .filter((r) => r.command === 'sources.replaceText')
        .map((r) => r.field)
        .sort(),
    ).toEqual(['bytes', 'sha256']);
    await workspaceOf(db).undo();
    expect(await sourceTextIn(db, source.id)).toBe(text);
    expect(await db.sources.get(source.id)).toEqual(record);
    expect(await db.annotations.where('sourceId').equals(source.id).toArray()).toEqual(passages);
  });
});

describe('codebook', () => {
  it('never duplicates a tag name and refuses a cycle', async () => {
    const { db } = await demo();
    const water = (await db.tags.where('name').equals('Water').first())!;
    expect((await perform(db, createTag, { name: '  water ' })).id).toBe(water.id);
    await expect(perform(db, updateTag, { id: water.id, patch: { name: 'Migration' } })).rejects.toThrow(
      /already a tag called “Migration”/,
    );
    const threat = (await db.tags.get(water.parentId!))!;
    await expect(perform(db, updateTag, { id: threat.id, patch: { parentId: water.id } })).rejects.toThrow(
      /cannot be moved under itself/,
    );
  });

  it('merges one tag into another without duplicate codes, and undoes the merge exactly', async () => {
    const { db } = await demo();
    const water = (await db.tags.where('name').equals('Water').first())!;
    const geo = (await db.tags.where('name').equals('Geopolitics').first())!;
    const before = await db.annotations.toArray();
    const tagsBefore = await db.tags.toArray();
    await perform(db, mergeTags, { fromId: water.id, intoId: geo.id });
    expect(await db.tags.get(water.id)).toBeUndefined();
    for (const a of await db.annotations.toArray()) {
      expect(a.tagIds).not.toContain(water.id);
      expect(new Set(a.tagIds).size).toBe(a.tagIds.length);
    }
    await workspaceOf(db).undo();
    expect(await db.annotations.toArray()).toEqual(before);
    expect(await db.tags.toArray()).toEqual(tagsBefore);
  });

  it('deleting a tag keeps its passages and lifts its children', async () => {
    const { db } = await demo();
    const parent = (await db.tags.where('name').equals('Threat').first())!;
    const children = await db.tags.where('parentId').equals(parent.id).toArray();
    const count = await db.annotations.count();
    await perform(db, deleteTag, parent.id);
    expect(await db.annotations.count()).toBe(count);
    for (const c of children) expect((await db.tags.get(c.id))!.parentId).toBeNull();
    expect(tagTree(await db.tags.toArray()).every(({ depth }) => depth <= 1)).toBe(true);
  });
});
