import { sourceTextIn } from './source-text';
import { describe, expect, it } from 'vitest';
import { sha256OfText } from '../../renderer/db/hash';
import { importReferences } from '../../renderer/workspace/commands/bibliography';
import { updateSourceMetadata } from '../../renderer/workspace/commands/sources';
import { CommandFailed } from '../../renderer/workspace/workspace';
import { CslInput } from '../../shared/interop/bibliography';
import { useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demoDatabase = useDemoDatabases();

// A Zotero "CSL JSON" export of the demo article and a journal article the workspace does not have.
const LIBRARY: CslInput[] = [
  {
    id: 'http://zotero.org/users/local/kV3pQ9aB/items/7XKJ2M4P',
    type: 'report',
    title: 'Security threats emanating from Afghanistan — the view from Kazakhstan',
    publisher: 'Institute for Foreign Policy Research',
    URL: 'https://kisi.kz/en/security-threats-emanating-from-afghanistan',
    author: [{ family: 'Toyekin', given: 'A.' }],
    issued: { 'date-parts': [['2023', 5, 16]] },
  },
  {
    id: 'http://zotero.org/users/local/kV3pQ9aB/items/Q2WERT7Y',
    type: 'article-journal',
    title: 'Водные ресурсы Центральной Азии и канал Кош-Тепа',
    'container-title': 'Central Asia and the Caucasus',
    DOI: '10.37178/ca-c.23.2.04',
    language: 'ru',
    author: [{ family: 'Сейткали', given: 'Айгерим' }],
    issued: { 'date-parts': [[2023, 6, 30]] },
  },
].map((item) => CslInput.parse(item));

describe('sources.importReferences', () => {
  it('fills only empty fields, creates the unmatched reference, and is one undo step', async () => {
    const db = await demoDatabase();
    const [demo] = await db.sources.toArray();
    await perform(db, updateSourceMetadata, { id: demo!.id, patch: { publisher: 'KISI' } });
    const result = await perform(db, importReferences, {
      fileName: 'My Library.json',
      items: LIBRARY,
      emptyTextHash: await sha256OfText(''),
    });
    expect(result).toEqual({ filled: 1, created: 1 });

    const filled = (await db.sources.get(demo!.id))!;
    // The title matched (punctuation aside) and was kept; the analyst's publisher and the author stay.
    expect(filled).toMatchObject({
      title: demo!.title,
      author: demo!.author,
      publisher: 'KISI',
      url: 'https://kisi.kz/en/security-threats-emanating-from-afghanistan',
      publishedOn: '2023-05-16',
    });
    const created = (await db.sources.toArray()).find((s) => s.id !== demo!.id)!;
    expect(created).toMatchObject({
      title: 'Водные ресурсы Центральной Азии и канал Кош-Тепа',
      author: 'Айгерим Сейткали',
      publisher: 'Central Asia and the Caucasus',
      url: 'https://doi.org/10.37178/ca-c.23.2.04',
      publishedOn: '2023-06-30',
      language: 'ru',
      textLength: 0,
      file: null,
    });
    expect(await sourceTextIn(db, created.id)).toBe('');

    const revisions = (await db.revisions.toArray()).filter((r) => r.command === 'sources.importReferences');
    expect(new Set(revisions.map((r) => r.changeId)).size).toBe(1);
    expect(revisions.every((r) => r.rationale === 'Imported from My Library.json')).toBe(true);

    // Again: everything is filled now and the article exists (matched by its DOI): refused, nothing written.
    const count = await db.revisions.count();
    await expect(
      perform(db, importReferences, {
        fileName: 'My Library.json',
        items: LIBRARY,
        emptyTextHash: await sha256OfText(''),
      }),
    ).rejects.toThrow(CommandFailed);
    expect(await db.revisions.count()).toBe(count);

    await workspaceOf(db).undo();
    expect(await db.sources.count()).toBe(1);
    expect((await db.sources.get(demo!.id))!).toMatchObject({ publisher: 'KISI', url: '', publishedOn: null });
  });
});
