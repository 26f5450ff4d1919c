import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { followTable, type TableWork } from '../../renderer/db/table-follower';
import { SearchIndex } from '../../renderer/features/search/search-index';
import { createPassage, deletePassage, updatePassage } from '../../renderer/workspace/commands/passages';
import type { Annotation } from '../../shared/domain/annotation';
import { perform } from './perform';

const open: WorkbenchDatabase[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const db of open.splice(0)) await db.delete();
});

const TEXT = 'Jamaat Ansarullah recruits along the Tajik border. The Kosh-Tepa canal draws on the Amu Darya. '.repeat(
  10,
);
const SOURCE = crypto.randomUUID();
const coding = (note: string) => ({ tagIds: [], note, threatIds: [], countryCodes: [], actorIds: [] });
const stamp = (a: Annotation) => ({ id: a.id, sourceId: a.sourceId, note: a.note, updatedAt: a.updatedAt });

/**
 * Feeds a SearchIndex the way the search worker is fed: the whole table once, then only the records
 * each write names. Records what each apply was asked, so the test can tell a keyed update from a re-read.
 */
function followNotes(db: WorkbenchDatabase) {
  const index = new SearchIndex();
  const asked: TableWork[] = [];
  const errors: unknown[] = [];
  let waiters: (() => void)[] = [];
  stops.push(
    followTable(db, 'annotations', {
      async apply(work) {
        asked.push(work);
        if (work === 'all') index.syncNotes((await db.annotations.toArray()).map(stamp));
        else {
          const keys = [...work];
          const found = await db.annotations.bulkGet(keys);
          index.updateNotes(
            found.filter((a): a is Annotation => a !== undefined).map(stamp),
            keys.filter((_, i) => !found[i]),
          );
        }
        return true;
      },
      settled() {
        const now = waiters;
        waiters = [];
        for (const wake of now) wake();
      },
      onError: (error) => errors.push(error),
    }),
  );
  return { index, asked, errors, settled: () => new Promise<void>((resolve) => waiters.push(resolve)) };
}

const noteHits = (index: SearchIndex, query: string) =>
  index
    .search(query)
    .filter((h) => h.doc.kind === 'note')
    .map((h) => h.doc.annotationId);

describe('the search index follows passage notes write by write', () => {
  it('indexes a new note, a changed note and forgets a deleted one, reading back only the written passage', async () => {
    const db = new WorkbenchDatabase(`search-follow-${crypto.randomUUID()}`);
    open.push(db);
    const first = await perform(db, createPassage, {
      sourceId: SOURCE,
      text: TEXT,
      start: 0,
      end: 17,
      coding: coding('Recruitment drive reported in Khatlon'),
    });
    const notes = followNotes(db);
    await notes.settled();
    expect(notes.asked).toEqual(['all']);
    expect(noteHits(notes.index, 'Khatlon')).toEqual([first.id]);

    const second = await perform(db, createPassage, {
      sourceId: SOURCE,
      text: TEXT,
      start: 50,
      end: 80,
      coding: coding('Canal diverts a third of the flow'),
    });
    await notes.settled();
    expect(notes.asked.at(-1)).toEqual(new Set([second.id]));
    expect(noteHits(notes.index, 'diverts')).toEqual([second.id]);

    await perform(db, updatePassage, { id: first.id, coding: coding('Recruitment drive reported in Rasht valley') });
    await notes.settled();
    expect(noteHits(notes.index, 'Khatlon')).toEqual([]);
    expect(noteHits(notes.index, 'Rasht')).toEqual([first.id]);

    await perform(db, deletePassage, second.id);
    await notes.settled();
    expect(notes.asked.at(-1)).toEqual(new Set([second.id]));
    expect(noteHits(notes.index, 'diverts')).toEqual([]);
    expect(notes.errors).toEqual([]);
  });

  it('reads the whole table again after a bulk write that names no keys', async () => {
    const db = new WorkbenchDatabase(`search-follow-${crypto.randomUUID()}`);
    open.push(db);
    const notes = followNotes(db);
    await notes.settled();
    const template = await perform(db, createPassage, {
      sourceId: SOURCE,
      text: TEXT,
      start: 0,
      end: 17,
      coding: coding('seed'),
    });
    await notes.settled();
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...template,
      id: crypto.randomUUID(),
      note: `Bulk note ${i} on Amu Darya withdrawals`,
    }));
    await db.annotations.bulkPut(many);
    await notes.settled();
    expect(notes.asked.at(-1)).toBe('all');
    expect(notes.index.search('withdrawals', 1000).filter((h) => h.doc.kind === 'note')).toHaveLength(300);
  });
});
