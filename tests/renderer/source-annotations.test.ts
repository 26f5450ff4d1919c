import { afterEach, describe, expect, it } from 'vitest';
import { inDocumentOrder } from '../../renderer/db/annotations';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { readSourceOpening, watchSourceAnnotations } from '../../renderer/db/source-annotations';
import { createPassage, deletePassage, updatePassage } from '../../renderer/workspace/commands/passages';
import type { Annotation } from '../../shared/domain/annotation';
import { perform } from './perform';
import { useDemoDatabases } from './demo-database';
import { sourceTextIn } from './source-text';

const open: WorkbenchDatabase[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const db of open.splice(0)) await db.delete();
});

const TEXT = 'The Kosh-Tepa canal draws on the Amu Darya. Water to Uzbekistan and Turkmenistan falls. '.repeat(20);
const coding = { tagIds: [], note: '', threatIds: [], countryCodes: [], actorIds: [] };
const SOURCE_A = crypto.randomUUID();
const SOURCE_B = crypto.randomUUID();
const SOURCE_X = crypto.randomUUID();
const ids = (list: Annotation[]) => list.map((a) => a.id);

/** Watches a source; `next()` answers the next list the watcher reports. */
function watch(db: WorkbenchDatabase, sourceId: string) {
  const lists: Annotation[][] = [];
  const waiting: ((list: Annotation[]) => void)[] = [];
  const errors: unknown[] = [];
  stops.push(
    watchSourceAnnotations(
      db,
      sourceId,
      (list) => {
        const waiter = waiting.shift();
        if (waiter) waiter(list);
        else lists.push(list);
      },
      (error) => errors.push(error),
    ),
  );
  return {
    errors,
    next: () =>
      new Promise<Annotation[]>((resolve) => (lists.length ? resolve(lists.shift()!) : waiting.push(resolve))),
  };
}

async function fresh() {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  open.push(db);
  await db.open();
  return db;
}

describe("one source's passages, followed write by write", () => {
  it('reads the passages in document order, then applies creates, edits and deletes as they commit', async () => {
    const db = await fresh();
    const b = await perform(db, createPassage, { sourceId: SOURCE_A, text: TEXT, start: 50, end: 60, coding });
    const a = await perform(db, createPassage, { sourceId: SOURCE_A, text: TEXT, start: 10, end: 20, coding });
    await perform(db, createPassage, { sourceId: SOURCE_B, text: TEXT, start: 0, end: 5, coding });
    const watcher = watch(db, SOURCE_A);

    const first = await watcher.next();
    expect(ids(first)).toEqual([a.id, b.id]);

    const c = await perform(db, createPassage, { sourceId: SOURCE_A, text: TEXT, start: 30, end: 40, coding });
    const afterCreate = await watcher.next();
    expect(ids(afterCreate)).toEqual([a.id, c.id, b.id]);
    // Passages the write did not touch keep their objects, so the reader repaints only the new one.
    expect(afterCreate[0]).toBe(first[0]);
    expect(afterCreate[2]).toBe(first[1]);

    await perform(db, updatePassage, { id: c.id, coding: { ...coding, note: 'canal' } });
    const afterEdit = await watcher.next();
    expect(afterEdit.find((x) => x.id === c.id)?.note).toBe('canal');
    expect(afterEdit[0]).toBe(first[0]);

    await perform(db, deletePassage, a.id);
    expect(ids(await watcher.next())).toEqual([c.id, b.id]);

    // A write to another source's passages reports nothing here: the next list is the next real change.
    await perform(db, createPassage, { sourceId: SOURCE_B, text: TEXT, start: 5, end: 9, coding });
    const d = await perform(db, createPassage, { sourceId: SOURCE_A, text: TEXT, start: 70, end: 80, coding });
    expect(ids(await watcher.next())).toEqual([c.id, b.id, d.id]);
    expect(watcher.errors).toEqual([]);
  });

  it('reads afresh after a bulk write or a clear, which name ranges rather than keys', async () => {
    const db = await fresh();
    const watcher = watch(db, SOURCE_A);
    expect(await watcher.next()).toEqual([]);

    const made: Annotation[] = [];
    for (let i = 0; i < 120; i++)
      made.push({
        ...(await perform(db, createPassage, { sourceId: SOURCE_X, text: TEXT, start: i, end: i + 5, coding })),
        sourceId: SOURCE_A,
      });
    await db.annotations.bulkPut(made);
    let list = await watcher.next();
    while (list.length < made.length) list = await watcher.next();
    expect(ids(list)).toEqual(ids([...made].sort(inDocumentOrder)));

    await db.annotations.clear();
    expect(await watcher.next()).toEqual([]);
  });
});

describe("a source's opening, read ahead of its passages (issue 19)", () => {
  it('answers the text and only the passages that start in the opening, in document order', async () => {
    const db = await fresh();
    await db.sourceTexts.put({ sourceId: SOURCE_A, text: TEXT });
    const late = await perform(db, createPassage, { sourceId: SOURCE_A, text: TEXT, start: 400, end: 420, coding });
    const second = await perform(db, createPassage, { sourceId: SOURCE_A, text: TEXT, start: 90, end: 120, coding });
    // Painted in the frame of its save under the id the view chose: the command writes that id.
    const chosen = crypto.randomUUID();
    const first = await perform(db, createPassage, {
      id: chosen,
      sourceId: SOURCE_A,
      text: TEXT,
      start: 10,
      end: 20,
      coding,
    });
    expect(first.id).toBe(chosen);
    await perform(db, createPassage, { sourceId: SOURCE_B, text: TEXT, start: 0, end: 5, coding });

    const opening = await readSourceOpening(db, SOURCE_A, 100);
    expect(opening.text).toBe(TEXT);
    expect(ids(opening.annotations)).toEqual([chosen, second.id]);
    expect(opening.annotations.some((a) => a.id === late.id)).toBe(false);
  });
});

describe("a source's opening with its text asked of main's store at once (issue 19)", () => {
  const demo = useDemoDatabases();

  it('answers the text the record names, whether the digest it was given is that one or not', async () => {
    const db = await demo();
    const first = await db.sources.orderBy('title').first();
    const another = await db.textStore.put('Another source’s text, kept in the same store.');
    const own = await sourceTextIn(db, first!.id);
    expect(own.length).toBeGreaterThan(0);

    const named = await readSourceOpening(db, first!.id, 2_000, first!.textHash);
    expect(named.text).toBe(own);
    // A digest the record does not name (another source's, or a stale one): the record's own text, as without one.
    const other = await readSourceOpening(db, first!.id, 2_000, another.sha256);
    expect(other.text).toBe(own);
    const missing = await readSourceOpening(db, first!.id, 2_000, 'f'.repeat(64));
    expect(missing.text).toBe(own);
    expect(missing.annotations).toEqual(named.annotations);
  });
});
