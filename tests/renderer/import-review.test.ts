import { sourceTextIn } from './source-text';
import { describe, expect, it } from 'vitest';
import { commentsToPassages } from '../../renderer/workspace/commands/passages';
import { updateSourceMetadata } from '../../renderer/workspace/commands/sources';
import { useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demoDatabase = useDemoDatabases();

async function demo() {
  const db = await demoDatabase();
  const source = (await db.sources.toArray())[0]!;
  const text = await sourceTextIn(db, source.id);
  return { db, source, text };
}

describe('passages.fromComments', () => {
  it('makes each comment a passage of its quote (the n-th occurrence) with the comment as note, in one undo step', async () => {
    const { db, source, text } = await demo();
    const before = await db.annotations.count();
    const quote = 'Taliban';
    const second = text.indexOf(quote, text.indexOf(quote) + 1);
    const result = await perform(db, commentsToPassages, {
      sourceId: source.id,
      text,
      comments: [
        { author: 'A. Reviewer', date: '2026-03-12', text: 'Check this claim.', quote, occurrence: 1 },
        { author: '', date: null, text: 'Not in the text.', quote: 'no such words anywhere', occurrence: 0 },
      ],
    });
    expect(result).toEqual({ created: 1, missing: 1 });
    const made = (await db.annotations.toArray()).find((a) => a.note.startsWith('Comment by'))!;
    expect(made).toMatchObject({
      sourceId: source.id,
      anchor: 'anchored',
      position: { start: second, end: second + quote.length },
      note: 'Comment by A. Reviewer (2026-03-12): Check this claim.',
    });
    expect(workspaceOf(db).history().undoLabel).toBe('turn a Word comment into a passage');
    await workspaceOf(db).undo();
    expect(await db.annotations.count()).toBe(before);
  });

  it('refuses, writing nothing, when no comment’s text is in the source', async () => {
    const { db, source, text } = await demo();
    const before = await db.annotations.count();
    await expect(
      perform(db, commentsToPassages, {
        sourceId: source.id,
        text,
        comments: [{ author: 'X', date: null, text: 'Gone.', quote: 'no such words anywhere', occurrence: 0 }],
      }),
    ).rejects.toThrow(/None of the comments’ text could be found/);
    expect(await db.annotations.count()).toBe(before);
  });
});

describe('confirming guessed details', () => {
  it('stores which fields were guessed, and confirming clears them with the corrections, undoably', async () => {
    const { db, source } = await demo();
    await db.sources.update(source.id, { guessed: ['title', 'publishedOn', 'language'] });
    await perform(db, updateSourceMetadata, {
      id: source.id,
      patch: { publishedOn: '2026-03-12', guessed: [] },
      label: 'confirm the details',
    });
    expect(await db.sources.get(source.id)).toMatchObject({ publishedOn: '2026-03-12', guessed: [] });
    await workspaceOf(db).undo();
    expect((await db.sources.get(source.id))?.guessed).toEqual(['title', 'publishedOn', 'language']);
  });
});
