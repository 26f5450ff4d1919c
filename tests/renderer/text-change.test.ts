// A source's text changed under its passages (issue 14), on a real (fake-indexeddb) database: the
// write applies exactly the plan the analyst saw or nothing at all, its undo puts every passage back,
// and whoever follows the source sees the text and its passages change together, never one without
// the other.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { readSourceSnapshot, watchSourceReading, type SourceReading } from '../../renderer/db/source-annotations';
import { CommandFailed } from '../../renderer/workspace';
import { PreviewOutdated, replaceSourceText } from '../../renderer/workspace/commands/sources';
import { describeRange } from '../../shared/domain/anchoring';
import { Annotation } from '../../shared/domain/annotation';
import { isPlaceable } from '../../shared/domain/passage-fit';
import { Source } from '../../shared/domain/source';
import { planTextChange } from '../../shared/domain/text-change-plan';
import { normaliseText } from '../../shared/domain/text';
import { perform, workspaceOf } from './perform';
import { storeTextsThrough } from './source-text';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { CODED as CODED_PASSAGES, MULTILINGUAL_NOTE, MULTILINGUAL_NOTE_REVISED } from '../unit/multilingual-note';

const NOTE = normaliseText(MULTILINGUAL_NOTE);
const REVISED = normaliseText(MULTILINGUAL_NOTE_REVISED);
const CODED = Object.values(CODED_PASSAGES);
const HASH = (n: number) => String(n).repeat(64).slice(0, 64);

const open: WorkbenchDatabase[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const db of open.splice(0)) await db.delete();
});

const tempFolder = useTempFolders();

/**
 * A workspace whose note was written before texts moved to main's store (the text held in its record);
 * a replacement puts the new text into the store of a real data folder.
 */
async function workspaceWithNote() {
  const db = storeTextsThrough(
    new WorkbenchDatabase(`test-${crypto.randomUUID()}`),
    await realWorkbench(await tempFolder()),
  );
  open.push(db);
  await db.open();
  const now = new Date().toISOString();
  const source = Source.parse({
    id: crypto.randomUUID(),
    title: 'multilingual-note',
    author: '',
    publisher: '',
    url: '',
    publishedOn: null,
    language: 'kk',
    reliability: 'F',
    credibility: 6,
    file: null,
    textHash: HASH(1),
    textLength: NOTE.length,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await db.sources.add(source);
  await db.sourceTexts.add({ sourceId: source.id, text: NOTE });
  const annotations = CODED.map((exact) => {
    const start = NOTE.indexOf(exact);
    const { quote, position } = describeRange(NOTE, start, start + exact.length);
    return Annotation.parse({
      id: crypto.randomUUID(),
      sourceId: source.id,
      quote,
      position,
      anchor: 'anchored',
      tagIds: [],
      note: '',
      threatIds: [],
      countryCodes: [],
      actorIds: [],
      createdAt: now,
      updatedAt: now,
    });
  });
  await db.annotations.bulkAdd(annotations);
  return { db, source, annotations };
}

/** Follows a source; `next()` answers the next reading; every reading is checked to be one consistent pair. */
function follow(db: WorkbenchDatabase, sourceId: string) {
  const readings: SourceReading[] = [];
  const waiting: ((reading: SourceReading) => void)[] = [];
  const errors: unknown[] = [];
  const mismatched: string[] = [];
  stops.push(
    watchSourceReading(
      db,
      sourceId,
      (reading) => {
        for (const a of reading.annotations)
          if (a.anchor !== 'orphaned' && !isPlaceable(reading.text, a))
            mismatched.push(`${a.quote.exact} @${a.position.start} on a text of ${reading.text.length}`);
        const waiter = waiting.shift();
        if (waiter) waiter(reading);
        else readings.push(reading);
      },
      (error) => errors.push(error),
    ),
  );
  return {
    errors,
    mismatched,
    next: () =>
      new Promise<SourceReading>((resolve) => (readings.length ? resolve(readings.shift()!) : waiting.push(resolve))),
  };
}

const quotesAt = (reading: SourceReading) =>
  reading.annotations.map((a) => reading.text.slice(a.position.start, a.position.end));

describe('changing a source’s text under its passages', () => {
  it('applies exactly the previewed plan, in one step that undo and redo take back and forth', async () => {
    const { db, source, annotations } = await workspaceWithNote();
    const plan = planTextChange(NOTE, REVISED, annotations);
    expect(plan.counts).toEqual({ stays: 3, moves: 1, lost: 0 });

    const counts = await perform(db, replaceSourceText, {
      sourceId: source.id,
      title: source.title,
      plan: plan,
      textHash: HASH(2),
    });
    expect(counts).toEqual({ anchored: 3, drifted: 1, orphaned: 0 });
    const after = await readSourceSnapshot(db, source.id);
    expect(after.text).toBe(REVISED);
    expect(after.source).toMatchObject({ version: 2, textHash: HASH(2), textLength: REVISED.length });
    for (const a of after.annotations) {
      const planned = plan.passages.find((p) => p.id === a.id)!;
      expect(planned.result).toMatchObject({ status: a.anchor, start: a.position.start, end: a.position.end });
    }
    expect((await db.revisions.toArray()).filter((r) => r.entityId === source.id && r.field === 'text')).toHaveLength(
      1,
    );

    await workspaceOf(db).undo();
    const undone = await readSourceSnapshot(db, source.id);
    expect(undone.text).toBe(NOTE);
    expect(undone.source.version).toBe(1);
    expect(undone.annotations.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...annotations].sort((a, b) => a.id.localeCompare(b.id)),
    );

    await workspaceOf(db).redo();
    expect((await readSourceSnapshot(db, source.id)).annotations.filter((a) => a.anchor === 'drifted')).toHaveLength(1);
  });

  it('writes nothing when the text or the passages changed after the preview', async () => {
    const { db, source, annotations } = await workspaceWithNote();
    const plan = planTextChange(NOTE, REVISED, annotations);
    // A passage re-selected elsewhere meanwhile (another window): the plan no longer describes it.
    const moved = annotations[1]!;
    const other = NOTE.indexOf('су тапшылығы');
    await db.annotations.put({ ...moved, ...describeRange(NOTE, other, other + 'су тапшылығы'.length) });
    await expect(
      perform(db, replaceSourceText, { sourceId: source.id, title: source.title, plan: plan, textHash: HASH(2) }),
    ).rejects.toSatisfy((e: unknown) => e instanceof CommandFailed && e.cause instanceof PreviewOutdated);
    const unchanged = await readSourceSnapshot(db, source.id);
    expect(unchanged.text).toBe(NOTE);
    expect(unchanged.source.version).toBe(1);
    expect(await db.revisions.count()).toBe(0);

    // The text itself changed meanwhile.
    const fresh = planTextChange(NOTE, REVISED, unchanged.annotations);
    await db.sourceTexts.put({ sourceId: source.id, text: `${NOTE}\nP.S.` });
    await expect(
      perform(db, replaceSourceText, { sourceId: source.id, title: source.title, plan: fresh, textHash: HASH(2) }),
    ).rejects.toThrow(/changed while you were looking at the preview, so nothing was replaced/);
    expect((await readSourceSnapshot(db, source.id)).text).toBe(`${NOTE}\nP.S.`);
  });

  it('whoever follows the source sees each text with its own passages: the replacement, a new passage, the undo', async () => {
    const { db, source, annotations } = await workspaceWithNote();
    const watcher = follow(db, source.id);
    const first = await watcher.next();
    expect(first.text).toBe(NOTE);
    expect(quotesAt(first).sort()).toEqual([...CODED].sort());

    await perform(db, replaceSourceText, {
      sourceId: source.id,
      title: source.title,
      plan: planTextChange(NOTE, REVISED, annotations),
      textHash: HASH(2),
    });
    const replaced = await watcher.next();
    expect(replaced.text).toBe(REVISED);
    expect(quotesAt(replaced).sort()).toEqual([...CODED.slice(1), CODED[0]!.replace('15 %', '12–15 %')].sort());

    // A passage coded on the new text, read back alone, joins the new text's reading.
    const start = REVISED.indexOf('Обновлено');
    const added = Annotation.parse({
      ...annotations[0]!,
      id: crypto.randomUUID(),
      ...describeRange(REVISED, start, start + 'Обновлено'.length),
      anchor: 'anchored',
    });
    await db.annotations.add(added);
    const withNew = await watcher.next();
    expect(withNew.text).toBe(REVISED);
    expect(withNew.annotations.map((a) => a.id)).toContain(added.id);
    // Passages the write did not touch keep their objects, so the reader repaints only the new one.
    expect(withNew.annotations.find((a) => a.id === annotations[1]!.id)).toBe(
      replaced.annotations.find((a) => a.id === annotations[1]!.id),
    );

    await db.annotations.delete(added.id);
    await watcher.next();
    await workspaceOf(db).undo();
    const undone = await watcher.next();
    expect(undone.text).toBe(NOTE);
    expect(quotesAt(undone).sort()).toEqual([...CODED].sort());
    expect(watcher.mismatched).toEqual([]);
    expect(watcher.errors).toEqual([]);
  });

  it('a text written alone (no passage touched) is followed too', async () => {
    const { db, source } = await workspaceWithNote();
    const watcher = follow(db, source.id);
    await watcher.next();
    await db.sourceTexts.put({ sourceId: source.id, text: REVISED });
    const reading = await watcher.next();
    expect(reading.text).toBe(REVISED);
    // The old offsets do not fit the new text: the reader leaves them unpainted (and Review lists them).
    expect(reading.annotations.filter((a) => !isPlaceable(reading.text, a))).toHaveLength(4);
  });
});
