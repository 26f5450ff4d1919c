import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReferences, readReferences } from '../../main/services/bibliography';
import { Source } from '../../shared/domain/source';
import {
  citationKeys,
  CslInput,
  planBibliography,
  referenceFields,
  referenceOf,
} from '../../shared/interop/bibliography';
import { PROJECT_ROOT } from '../support/handler-table';

const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'tests/fixtures/zotero', name), 'utf8');
const items = (text: string) => readReferences(text).map((item) => CslInput.parse(item));

const T0 = '2026-11-20T08:15:00.000Z';
const source = (fields: Partial<Source>): Source =>
  Source.parse({
    id: crypto.randomUUID(),
    title: 'Untitled',
    author: '',
    publisher: '',
    url: '',
    publishedOn: null,
    language: 'en',
    reliability: 'B',
    credibility: 3,
    file: null,
    textHash: 'a'.repeat(64),
    textLength: 10,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  });

// The demo workspace's source as the demo writes it: author and language, nothing else of its record.
const DEMO = source({
  title: 'Security Threats Emanating from Afghanistan: The View from Kazakhstan',
  author: 'Almat Toyekin',
});

describe('reading a Zotero export', () => {
  it.each([
    ['library.json', '2023-05-16'],
    ['library.bib', ''],
    ['library.ris', '2023-05-16'],
  ])('%s gives the three works with their names, DOI, URL and language', (file, demoDate) => {
    const refs = items(fixture(file)).map(referenceFields);
    expect(refs.map((r) => r.title)).toEqual([
      'Security Threats Emanating from Afghanistan: The View from Kazakhstan',
      'Водные ресурсы Центральной Азии и канал Кош-Тепа',
      'مهاجرت از ولایات شمالی افغانستان',
    ]);
    expect(refs[0]).toMatchObject({
      author: 'Almat Toyekin',
      publisher: 'Institute for Foreign Policy Research',
      url: 'https://kisi.kz/en/security-threats-emanating-from-afghanistan',
      // BibTeX from Zotero carries the year and month only: no whole date, so none is recorded.
      publishedOn: demoDate,
      language: 'en',
    });
    expect(refs[1]).toMatchObject({
      author: 'Айгерим Сейткали; Ерлан Назарбек',
      doi: '10.37178/ca-c.23.2.04',
      url: 'https://doi.org/10.37178/ca-c.23.2.04',
      publisher: 'Central Asia and the Caucasus',
      language: 'ru',
    });
    expect(refs[2]).toMatchObject({ author: 'BBC Persian', language: 'fa' });
  });

  it('refuses what is not a reference file, without looking anything up', () => {
    expect(() => readReferences('10.37178/ca-c.23.2.04')).toThrow(/not a CSL-JSON, BibTeX or RIS file/);
    expect(() => readReferences('https://doi.org/10.37178/ca-c.23.2.04')).toThrow(/not a CSL-JSON, BibTeX or RIS file/);
    expect(() => readReferences('Just some notes about sources.')).toThrow(/not a CSL-JSON, BibTeX or RIS file/);
    expect(() => readReferences('[]')).toThrow(/holds no references/);
  });
});

describe('planning the import', () => {
  it('fills the demo source’s empty fields, keeps what the analyst wrote, creates the rest', () => {
    const edited = { ...DEMO, publisher: 'KISI under the President' };
    const plan = planBibliography(items(fixture('library.json')), [edited]);
    expect(plan.fills).toEqual([
      {
        sourceId: DEMO.id,
        sourceTitle: DEMO.title,
        matchedBy: 'title',
        fills: { url: 'https://kisi.kz/en/security-threats-emanating-from-afghanistan', publishedOn: '2023-05-16' },
        kept: [
          { field: 'publisher', yours: 'KISI under the President', theirs: 'Institute for Foreign Policy Research' },
        ],
      },
    ]);
    expect(plan.creates.map((c) => c.title)).toEqual([
      'Водные ресурсы Центральной Азии и канал Кош-Тепа',
      'مهاجرت از ولایات شمالی افغانستان',
    ]);
  });

  it('matches by DOI first, then URL, and a work listed twice is created once', () => {
    const byDoi = source({ title: 'Another title entirely', url: 'https://doi.org/10.37178/CA-C.23.2.04' });
    const byUrl = source({ title: 'Миграция', url: 'http://bbc.com/persian/afghanistan-66812345/' });
    const twice = [...items(fixture('library.ris')), ...items(fixture('library.ris'))];
    const plan = planBibliography(twice, [byDoi, byUrl]);
    expect(plan.fills.map((f) => [f.sourceId, f.matchedBy])).toEqual([
      [byDoi.id, 'DOI'],
      [byUrl.id, 'URL'],
    ]);
    expect(plan.creates.map((c) => c.title)).toEqual([DEMO.title]);
    expect(plan.unchanged).toBe(3);
  });
});

describe('exporting sources as references', () => {
  const sources = [
    source({
      title: 'Угрозы из Афганистана: взгляд из Казахстана',
      author: 'Айгерим Сейткали',
      publisher: 'Институт мировой экономики и политики',
      publishedOn: '2023-05-01',
      url: 'https://doi.org/10.37178/ca-c.23.2.04',
      language: 'ru',
    }),
    { ...DEMO, publisher: 'Institute for Foreign Policy Research', publishedOn: '2023-05-16' },
  ];
  const refs = sources.map((s, i) => referenceOf(s, citationKeys(sources)[i]!));

  it.each(['bibtex', 'ris'] as const)(
    '%s keeps titles, names, publisher, DOI and language through a round trip',
    (format) => {
      const text = formatReferences(refs, format);
      expect(text).toContain('Сейткали');
      const back = items(text).map(referenceFields);
      expect(back.map((r) => [r.title, r.author, r.publisher, r.doi])).toEqual([
        [sources[0]!.title, 'Айгерим Сейткали', 'Институт мировой экономики и политики', '10.37178/ca-c.23.2.04'],
        [DEMO.title, 'Almat Toyekin', 'Institute for Foreign Policy Research', ''],
      ]);
      if (format === 'ris') expect(back.map((r) => r.publishedOn)).toEqual(['2023-05-01', '2023-05-16']);
      // Imported again, the file adds nothing to the sources it came from.
      const plan = planBibliography(items(text), sources);
      expect(plan.creates).toEqual([]);
      expect(plan.fills.flatMap((f) => Object.keys(f.fills))).toEqual([]);
    },
  );

  it('gives BibTeX keys from the first author and year, unique and ASCII', () => {
    expect(citationKeys([...sources, DEMO, DEMO])).toEqual(['source2023', 'toyekin2023', 'toyekin', 'toyekina']);
  });
});
