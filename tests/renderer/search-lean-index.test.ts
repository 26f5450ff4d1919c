import type MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../renderer/features/search/search-index';

const BOOK = [
  'The Kosh-Tepa canal draws on the Amu Darya, and its intake lies a long way upstream of the border posts.',
  '',
  'Джамаат Ансаруллах вербует сторонников вдоль таджикской границы.',
  'Shipments of opium cross the Panj at night; the corridor runs north through Khatlon.',
  'طالبان در ولایت بدخشان حضور دارند',
].join('\n');

const readBook = (text: string) => () => Promise.resolve(text);
/** What MiniSearch holds for each document it stores (its serialised form). */
const stored = (index: SearchIndex) =>
  (index as unknown as { index: MiniSearch }).index.toJSON().storedFields as Record<string, Record<string, unknown>>;

describe('the lean search index', () => {
  it('stores no paragraph text, yet answers each hit with its place, match and snippet', async () => {
    const index = new SearchIndex();
    await index.syncSources([{ id: 'book', version: 1 }], readBook(BOOK));

    // Each paragraph is held as where it is, not as a copy of its text.
    const documents = Object.values(stored(index));
    expect(documents).toHaveLength(4);
    for (const doc of documents) {
      expect(Object.values(doc).some((value) => typeof value === 'string' && value.length > 20)).toBe(false);
    }

    const [hit] = index.search('corrid');
    const start = BOOK.indexOf('Shipments');
    expect(hit?.doc).toMatchObject({ kind: 'paragraph', sourceId: 'book', start });
    expect(hit?.doc).not.toHaveProperty('text');
    expect(hit?.range).toEqual({ start: 'Shipments of opium cross the Panj at night; the '.length, end: 56 });
    expect(BOOK.slice(start + hit!.range.start, start + hit!.range.end)).toBe('corridor');
    expect(hit?.snippet).toEqual({
      before: 'Shipments of opium cross the Panj at night; the ',
      match: 'corridor',
      after: ' runs north through Khatlon.',
    });
  });

  it('finds Cyrillic and Arabic-script words by prefix and with a typo, and cuts their snippets', async () => {
    const index = new SearchIndex();
    await index.syncSources([{ id: 'book', version: 1 }], readBook(BOOK));
    const cyrillic = index.search('Ансарулл вербуэт');
    expect(cyrillic).toHaveLength(1);
    expect(cyrillic[0]!.snippet.match).toBe('Ансаруллах');
    expect(cyrillic[0]!.snippet.before).toBe('Джамаат ');
    const arabic = index.search('بدخشان');
    expect(arabic.map((h) => h.doc.start)).toEqual([BOOK.indexOf('طالبان')]);
    expect(arabic[0]!.snippet.match).toBe('بدخشان');
  });

  it('slices a new version of a source for its hits, and forgets a source that is gone', async () => {
    const index = new SearchIndex();
    await index.syncSources([{ id: 'book', version: 1 }], readBook(BOOK));
    const revised = `A new opening paragraph.\n${BOOK.replace('corridor', 'corridors')}`;
    await index.syncSources([{ id: 'book', version: 2 }], readBook(revised));
    const [hit] = index.search('corridors');
    expect(hit?.doc.start).toBe(revised.indexOf('Shipments'));
    expect(hit?.snippet.match).toBe('corridors');
    expect(index.search('opening').map((h) => h.snippet.after)).toEqual([' paragraph.']);
    expect(Object.keys(stored(index))).toHaveLength(5);

    await index.syncSources([], readBook(''));
    expect(index.search('corridors')).toEqual([]);
    expect(Object.keys(stored(index))).toHaveLength(0);
  });

  it('keeps the text of notes and tags, and gives their hits a snippet too', () => {
    const index = new SearchIndex();
    index.syncNotes([{ id: 'n1', sourceId: 'book', note: 'Recruitment drive reported in Khatlon', updatedAt: '1' }]);
    index.syncTags([{ id: 't1', name: 'Narcotics', description: 'opium and heroin routes', updatedAt: '1' }]);
    const [note] = index.search('Khatlon');
    expect(note?.doc).toMatchObject({ kind: 'note', annotationId: 'n1', sourceId: 'book' });
    expect(note?.snippet).toEqual({ before: 'Recruitment drive reported in ', match: 'Khatlon', after: '' });
    const [tag] = index.search('heroin');
    expect(tag?.doc).toMatchObject({ kind: 'tag', tagId: 't1' });
    expect(tag?.snippet.match).toBe('heroin');
    expect(new Set([note!.doc.id, tag!.doc.id]).size).toBe(2);
  });
});
