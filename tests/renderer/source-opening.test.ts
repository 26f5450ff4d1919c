import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../renderer/db';
import {
  forgetOpening,
  HOLD_MS,
  keptOpening,
  readAhead,
  subscribeOpenings,
  whenOpened,
  type Opening,
} from '../../renderer/features/sources/opening';
import { createPassage } from '../../renderer/workspace/commands/passages';
import { Source } from '../../shared/domain/source';
import { perform } from './perform';

const coding = { tagIds: [], note: '', threatIds: [], countryCodes: [], actorIds: [] };
const TEXT = 'The Kosh-Tepa canal draws on the Amu Darya.\n\nWater to Uzbekistan and Turkmenistan falls.\n\n'.repeat(
  40,
);

/** A source with its text, written as an import writes them. */
async function addSource(title: string, text: string): Promise<Source> {
  const now = new Date().toISOString();
  const source = Source.parse({
    id: crypto.randomUUID(),
    title,
    author: '',
    publisher: '',
    url: '',
    publishedOn: null,
    language: 'en',
    reliability: 'F',
    credibility: 6,
    file: null,
    textHash: 'a'.repeat(64),
    textLength: text.length,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await db.transaction('rw', db.sources, db.sourceTexts, async () => {
    await db.sources.add(source);
    await db.sourceTexts.add({ sourceId: source.id, text });
  });
  return source;
}

/** The next opening the store publishes that `accept` takes. */
function nextOpening(accept: (opening: Opening | null) => boolean): Promise<Opening | null> {
  return new Promise((resolve) => {
    const stop = subscribeOpenings(() => {
      const now = keptOpening();
      if (!accept(now)) return;
      stop();
      resolve(now);
    });
  });
}

describe("the reader's opening, read ahead of the click", () => {
  let book: Source;
  let other: Source;
  beforeAll(async () => {
    await db.delete();
    await db.open();
    book = await addSource('Book', TEXT);
    other = await addSource('Other', 'A short note.');
    await perform(db, createPassage, { sourceId: book.id, text: TEXT, start: 4, end: 18, coding });
  });
  afterAll(async () => {
    await db.delete();
  });

  it('reads the text and the first passages once, and keeps only the most recent source', async () => {
    const read = nextOpening((o) => o?.sourceId === book.id && o.read !== undefined);
    readAhead(book.id);
    expect(keptOpening()).toEqual({ sourceId: book.id, read: undefined });
    const opening = await read;
    expect(opening?.read?.text).toBe(TEXT);
    expect(opening?.read?.annotations.map((a) => a.quote.exact)).toEqual([TEXT.slice(4, 18)]);

    // Asked again (pointer rest, pointerdown, click): the read made is kept, not repeated.
    readAhead(book.id);
    expect(keptOpening()).toBe(opening);

    const next = nextOpening((o) => o?.sourceId === other.id && o.read !== undefined);
    readAhead(other.id);
    expect((await next)?.read?.text).toBe('A short note.');
  });

  it('drops the kept opening when a passage or a text is written, so it is never shown stale', async () => {
    const read = nextOpening((o) => o?.sourceId === book.id && o.read !== undefined);
    readAhead(book.id);
    await read;
    const dropped = nextOpening((o) => o === null);
    await perform(db, createPassage, { sourceId: book.id, text: TEXT, start: 30, end: 40, coding });
    expect(await dropped).toBeNull();

    const again = nextOpening((o) => o?.sourceId === book.id && o.read !== undefined);
    readAhead(book.id);
    expect((await again)?.read?.annotations).toHaveLength(2);
  });

  it('lets the opening go once the reader holds the full reading, and only that source’s', async () => {
    const read = nextOpening((o) => o?.sourceId === other.id && o.read !== undefined);
    readAhead(other.id);
    await read;
    forgetOpening(book.id);
    expect(keptOpening()?.sourceId).toBe(other.id);
    forgetOpening(other.id);
    expect(keptOpening()).toBeNull();
  });

  it('switches to a clicked source once its opening is read, in the task the read answers in', async () => {
    forgetOpening(other.id);
    readAhead(book.id);
    const shown: string[] = [];
    whenOpened(book.id, () => shown.push(`${book.id}:${keptOpening()?.read ? 'read' : 'not read'}`));
    // The source on screen stays while the read runs.
    expect(shown).toEqual([]);
    await nextOpening((o) => o?.sourceId === book.id && o.read !== undefined);
    // Called by the publish itself: the reader then renders its first screen with the opening at hand.
    expect(shown).toEqual([`${book.id}:read`]);

    // Already read (the pointer rested on the entry): at once, in the click's own task.
    whenOpened(book.id, () => shown.push('again'));
    expect(shown).toHaveLength(2);
  });

  it('lets the latest click win, and never holds the screen longer than HOLD_MS', async () => {
    forgetOpening(book.id);
    forgetOpening(other.id);
    const shown: string[] = [];
    readAhead(book.id);
    whenOpened(book.id, () => shown.push('book'));
    readAhead(other.id);
    whenOpened(other.id, () => shown.push('other'));
    await nextOpening((o) => o?.sourceId === other.id && o.read !== undefined);
    expect(shown).toEqual(['other']);

    // A read that does not answer in time: the switch happens anyway after HOLD_MS.
    vi.useFakeTimers();
    try {
      forgetOpening(other.id);
      readAhead(book.id);
      whenOpened(book.id, () => shown.push('book, late'));
      vi.advanceTimersByTime(HOLD_MS - 1);
      expect(shown).toEqual(['other']);
      vi.advanceTimersByTime(1);
      expect(shown).toEqual(['other', 'book, late']);
    } finally {
      vi.useRealTimers();
    }
    await nextOpening((o) => o?.sourceId === book.id && o.read !== undefined);
    expect(shown).toEqual(['other', 'book, late']);
  });

  it('switches at once when a write drops the opening it waits for', async () => {
    forgetOpening(book.id);
    const shown: string[] = [];
    readAhead(book.id);
    whenOpened(book.id, () => shown.push('book'));
    const written = perform(db, createPassage, { sourceId: book.id, text: TEXT, start: 50, end: 60, coding });
    await nextOpening((o) => o === null || o.read !== undefined);
    await written;
    expect(shown).toEqual(['book']);
  });
});
