// Citations by CSL: the source's record as CSL-JSON, citeproc-js with the bundled styles, full note first
// and short after, each note with its locator, the annex from the same engine, and warnings for what is missing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CitationEngine,
  citationWarnings,
  cslItem,
  cslNames,
  passageLocator,
} from '../../shared/domain/citation-engine';
import { CITATION_STYLES, type CitationStyle } from '../../shared/domain/citation-style';
import { RECORD_SCHEMAS } from '../../shared/interop/backup/records';
import type { Source } from '../../shared/domain/source';
import { PROJECT_ROOT } from '../support/handler-table';

const AT = '2026-03-12T09:00:00.000Z';
const base: Source = {
  id: '7c1d0000-0000-4000-8000-000000000001',
  title: 'Security Threats Emanating from Afghanistan: The View from Kazakhstan',
  author: 'Almat Toyekin',
  publisher: 'Institute for Foreign Policy Research',
  url: '',
  publishedOn: '2025-03-14',
  language: 'en',
  reliability: 'B',
  credibility: 3,
  file: null,
  textHash: 'a'.repeat(64),
  textLength: 1000,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
};
const russian: Source = {
  ...base,
  id: '7c1d0000-0000-4000-8000-000000000002',
  title: 'Угрозы безопасности Центральной Азии',
  author: 'Ерлан Қасымов',
  publisher: 'Қазақстан стратегиялық зерттеулер институты',
  publishedOn: '2024-05-02',
  language: 'ru',
};
const sources = new Map([base, russian].map((s) => [s.id, s]));

/** Notes 1–4: the article at paragraphs 10 and 12, the Russian source at page 3, the article again at 13. */
function notesIn(style: CitationStyle) {
  const engine = new CitationEngine(style, sources);
  engine.cite(base.id, { label: 'paragraph', value: 10 }, 1);
  engine.cite(base.id, { label: 'paragraph', value: 12 }, 2);
  engine.cite(russian.id, { label: 'page', value: 3 }, 3);
  engine.cite(base.id, { label: 'paragraph', value: 13 }, 4);
  return { engine, notes: [1, 2, 3, 4].map((n) => engine.noteText(n)) };
}

describe('citations by CSL', () => {
  it('write Chicago full notes the first time a source is cited and short notes after, each with its locator', () => {
    const { notes } = notesIn('chicago-full-note');
    expect(notes).toEqual([
      'Almat Toyekin, “Security Threats Emanating from Afghanistan: The View from Kazakhstan” (Institute for Foreign Policy Research, March 14, 2025), para. 10.',
      'Toyekin, para. 12.',
      'Ерлан Қасымов, “Угрозы безопасности Центральной Азии” (Қазақстан стратегиялық зерттеулер институты, May 2, 2024), 3.',
      'Toyekin, “Security Threats Emanating from Afghanistan,” para. 13.',
    ]);
  });

  it('write short notes throughout in Chicago short-note style, and the full reference in the bibliography', () => {
    const { engine, notes } = notesIn('chicago-short-note');
    expect(notes[0]).toBe('Toyekin, “Security Threats Emanating from Afghanistan,” para. 10.');
    expect(notes[2]).toBe('Қасымов, “Угрозы безопасности Центральной Азии,” 3.');
    expect(engine.bibliography().get(base.id)).toBe(
      'Toyekin, Almat. “Security Threats Emanating from Afghanistan: The View from Kazakhstan.” Institute for Foreign Policy Research, March 14, 2025.',
    );
  });

  it('write GOST R 7.0.5-2008 references with Russian terms, and APA ones, as notes without their brackets', () => {
    expect(notesIn('gost-r-7.0.5-2008').notes).toEqual([
      'Toyekin, 2025, с. 10.',
      'Toyekin, 2025, с. 12.',
      'Қасымов, 2024, с. 3.',
      'Toyekin, 2025, с. 13.',
    ]);
    const gost = notesIn('gost-r-7.0.5-2008').engine.bibliography();
    expect(gost.get(russian.id)).toMatch(/^Қасымов Е\. Угрозы безопасности Центральной Азии\. .*2024\.$/);
    expect(notesIn('apa').notes).toEqual([
      'Toyekin, 2025, para. 10.',
      'Toyekin, 2025, para. 12.',
      'Қасымов, 2024, p. 3.',
      'Toyekin, 2025, para. 13.',
    ]);
  });

  it('never repeat a full note, in any style', () => {
    for (const style of CITATION_STYLES) {
      const { notes } = notesIn(style);
      expect(new Set(notes).size, style).toBe(notes.length);
    }
  });

  it('make CSL names of people and keep organisations whole', () => {
    expect(cslNames('Almat Toyekin')).toEqual([{ family: 'Toyekin', given: 'Almat' }]);
    expect(cslNames('Toyekin, Almat; Ерлан Қасымов')).toEqual([
      { family: 'Toyekin', given: 'Almat' },
      { family: 'Қасымов', given: 'Ерлан' },
    ]);
    expect(cslNames('International Crisis Group')).toEqual([{ literal: 'International Crisis Group' }]);
    expect(cslItem({ ...base, author: '', publisher: '', publishedOn: null, url: 'https://example.org/a' })).toEqual({
      id: base.id,
      type: 'webpage',
      title: base.title,
      'title-short': 'Security Threats Emanating from Afghanistan',
      URL: 'https://example.org/a',
      language: 'en',
    });
  });

  it('locate a passage by the paragraph the reader counts, or by the page of an imported PDF', () => {
    const text = 'Title\n\nFirst paragraph.\nSecond paragraph.\n\nThird one.';
    expect(passageLocator(text, 0)).toEqual({ label: 'paragraph', value: 1 });
    expect(passageLocator(text, text.indexOf('Second') + 3)).toEqual({ label: 'paragraph', value: 3 });
    expect(passageLocator(text, text.indexOf('Third'))).toEqual({ label: 'paragraph', value: 4 });
    const pdf = '— page 1 —\nIntro.\n\n— page 2 —\nThe passage here.';
    expect(passageLocator(pdf, pdf.indexOf('passage'))).toEqual({ label: 'page', value: 2 });
    expect(passageLocator(pdf, pdf.length + 5)).toBeNull();
  });

  it('warn, before export, of each cited source without an author, publisher or date', () => {
    const bare = { ...base, id: '7c1d0000-0000-4000-8000-000000000003', author: '', publisher: '', publishedOn: null };
    const all = new Map([...sources, [bare.id, bare]]);
    const warnings = citationWarnings(
      [{ sourceId: base.id }, { sourceId: bare.id }, { sourceId: bare.id }, { sourceId: russian.id }],
      all,
    );
    expect(warnings).toEqual([
      {
        sourceId: bare.id,
        missing: ['author', 'publisher', 'date'],
      },
    ]);
  });

  it('read briefings from backups made before the style was a choice as Chicago full note, and refuse an unknown style', () => {
    const old = {
      id: '7c1d0000-0000-4000-8000-0000000000aa',
      title: 'Old briefing',
      subtitle: '',
      author: '',
      date: '2025-01-01',
      audience: '',
      marking: 'UNCLASSIFIED',
      sections: [],
      filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
      exports: [],
      createdAt: AT,
      updatedAt: AT,
    };
    expect(RECORD_SCHEMAS.briefings.parse(old)).toMatchObject({ citationStyle: 'chicago-full-note' });
    expect(RECORD_SCHEMAS.briefings.parse({ ...old, citationStyle: 'apa' })).toMatchObject({ citationStyle: 'apa' });
    expect(RECORD_SCHEMAS.briefings.safeParse({ ...old, citationStyle: 'harvard' }).success).toBe(false);
  });

  it('ship the styles and locales it uses in data/citation/, with their licence note', async () => {
    const readme = await readFile(join(PROJECT_ROOT, 'data', 'citation', 'README.md'), 'utf8');
    expect(readme).toContain('CC BY-SA 3.0');
    for (const file of [
      'styles/chicago-fullnote-bibliography.csl',
      'styles/chicago-note-bibliography.csl',
      'styles/gost-r-7-0-5-2008.csl',
      'styles/apa.csl',
    ]) {
      expect(readme).toContain(file);
      expect(await readFile(join(PROJECT_ROOT, 'data', 'citation', file), 'utf8')).toMatch(
        /creativecommons\.org\/licenses\/by-sa\/3\.0/,
      );
    }
  });
});
