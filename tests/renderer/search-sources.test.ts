import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../renderer/features/search/search-index';

const MISSING =
  'The text of this source is no longer in the data folder. Restore a backup that holds it (File → Backups…), or import the source again.';

describe('indexing source texts for search', () => {
  it('leaves out a source whose text cannot be read, indexes the rest, and tries it again at the next sync', async () => {
    const index = new SearchIndex();
    const texts = new Map([
      ['a', 'Jamaat Ansarullah recruits along the Tajik border.'],
      ['c', 'The Kosh-Tepa canal draws on the Amu Darya.'],
    ]);
    const readText = (id: string) => {
      const text = texts.get(id);
      return text === undefined ? Promise.reject(new Error(MISSING)) : Promise.resolve(text);
    };
    const progress: [number, number][] = [];
    const sources = [
      { id: 'a', version: 1 },
      { id: 'b', version: 1 },
      { id: 'c', version: 1 },
    ];

    // The unreadable source is second: the one after it is still indexed.
    expect(await index.syncSources(sources, readText, (done, total) => progress.push([done, total]))).toEqual([
      MISSING,
    ]);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(index.search('Kosh-Tepa', 10).map((hit) => hit.doc.sourceId)).toEqual(['c']);
    expect(index.search('Ansarullah', 10).map((hit) => hit.doc.sourceId)).toEqual(['a']);

    // Its text is back (a backup restored): the next sync indexes it, and only it.
    texts.set('b', 'Narcotics routes cross the Panj.');
    const read: string[] = [];
    expect(await index.syncSources(sources, (id) => (read.push(id), readText(id)))).toEqual([]);
    expect(read).toEqual(['b']);
    expect(index.search('Panj', 10).map((hit) => hit.doc.sourceId)).toEqual(['b']);
  });

  it('finds each place in a text without line breaks, a hit per block the reader shows', async () => {
    const index = new SearchIndex();
    const sentences: string[] = [];
    for (let i = 1; i <= 600; i++) sentences.push(`Sentence ${i} notes the flow at the gauging stations downstream.`);
    for (const i of [10, 300, 590]) sentences[i] = `Sentence ${i + 1} names the Kosh-Tepa canal.`;
    const flat = sentences.join(' ');
    await index.syncSources([{ id: 'flat', version: 1 }], () => Promise.resolve(flat));
    const hits = index.search('Kosh-Tepa', 10);
    expect(hits).toHaveLength(3);
    // Each hit leads to its own place: the block's start plus the match within it.
    const places = hits.map((hit) => hit.doc.start! + hit.range.start).sort((a, b) => a - b);
    let from = 0;
    const expected: number[] = [];
    for (;;) {
      const at = flat.indexOf('Kosh-Tepa', from);
      if (at === -1) break;
      expected.push(at);
      from = at + 1;
    }
    expect(places).toEqual(expected);
    for (const hit of hits) expect(hit.snippet.after).toMatch(/^-Tepa canal/);
  });
});
