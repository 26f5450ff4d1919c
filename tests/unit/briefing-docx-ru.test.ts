// A briefing whose template writes the fixed texts in Russian: every word the workbench itself puts in the
// document (sentences, table headings and titles, legends, annex, cover, handling line, citations by the
// CSL ru-RU locale) is Russian, tagged ru-RU for Word's spell-check, and LibreOffice prints it so.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBriefingDocx } from '../../main/services/briefing-docx';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import { Briefing, defaultBriefingSections } from '../../shared/domain/briefing';
import type { BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument, type BriefingWorkspace } from '../../shared/domain/briefing-model';
import { DEFAULT_BRIEFING_TEMPLATE } from '../../shared/domain/briefing-template';
import { passageLocator } from '../../shared/domain/citation-engine';
import type { Source } from '../../shared/domain/source';
import { readDocx, stripBidiControls, type ReadDocument } from '../support/docx-reader';
import { PROJECT_ROOT } from '../support/handler-table';

const AT = '2026-03-12T09:00:00.000Z';

/**
 * English words and phrases the workbench writes into a briefing (never the analyst's own words, which
 * stay as written). Each is in the English export of the same briefing, so the list is not idle.
 */
const ENGLISH_FIXED = [
  'ANALYTICAL BRIEFING',
  'Prepared by',
  'Contents',
  'Bottom line',
  'Scope note',
  'This briefing covers',
  'Information cut-off',
  'The ratings and judgments draw on',
  'rests on that one source alone',
  'Key judgments',
  'Moderate confidence',
  'Threat overview',
  'ordered by score',
  'Table 1',
  'Heat map',
  'Likelihood \\ Impact',
  'Bands: low below',
  'Threat details',
  'Score ',
  'impact (',
  '; trend ',
  '; moderate confidence.',
  'See T',
  'INDICATORS',
  'MITIGATIONS',
  'EVIDENCE',
  'Country comparison',
  'Border with Afghanistan',
  'Population: CIA',
  'Most serious threat',
  'million (2025)',
  'Recommendations',
  'follows from key judgment',
  'Estimative language',
  'Roughly even chance',
  'Confidence is about the evidence',
  'Annex: Sources',
  'Each source quoted',
  'Usually reliable',
  'Footnotes',
  'This document is marked',
  'Page 2 of',
  'para.',
  'March 14, 2025',
];

let folder = '';
let english: BriefingDocument;
let russian: BriefingDocument;
let zip: JSZip;
let read: ReadDocument;
let englishRead: ReadDocument;

const flat = (text: string) => stripBidiControls(text).replace(/\s+/g, ' ');

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'workbench-briefing-ru-'));
  const demo = await loadDemoWorkspace(
    join(PROJECT_ROOT, 'data'),
    new SourceStore(join(folder, 'store')),
    new Date(AT),
  );
  // The demo article's record lacks publisher and date; a reader's copy has them (fixture values).
  const article: Source = {
    ...demo.source,
    publisher: 'Institute for Foreign Policy Research',
    publishedOn: '2025-03-14',
  };
  const [first, second] = demo.threats;
  const briefing = Briefing.parse({
    id: '7c2a4d3b-1d66-4a8f-9b22-3e4f5a6b7c01',
    title: 'Угрозы из Афганистана для Центральной Азии',
    subtitle: '',
    author: 'Дана Сейткали',
    date: '2026-03-12',
    audience: 'МИД, Департамент Азии',
    marking: 'ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ',
    bottomLine: 'ИГИЛ-Хорасан и канал Кош-Тепа — самые серьёзные угрозы из Афганистана для Центральной Азии.',
    informationCutOff: '2026-03-01',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [
      {
        id: '7c2a4d3b-1d66-4a8f-9b22-3e4f5a6b7c02',
        text: 'ИГИЛ-Х, вероятно, попытается совершить теракт в Центральной Азии в ближайшие двенадцать месяцев.',
        confidence: 'moderate',
        passageIds: demo.annotations.filter((a) => a.threatIds.includes(first!.id)).map((a) => a.id),
      },
    ],
    recommendations: [
      {
        id: '7c2a4d3b-1d66-4a8f-9b22-3e4f5a6b7c03',
        text: 'Усилить наблюдение на таджикско-афганской границе.',
        judgmentIds: ['7c2a4d3b-1d66-4a8f-9b22-3e4f5a6b7c02'],
      },
    ],
    exports: [],
    createdAt: AT,
    updatedAt: AT,
  });
  expect(second).toBeDefined();
  const workspace = (language: 'en' | 'ru'): BriefingWorkspace => ({
    registers: [demo.register],
    threats: demo.threats,
    annotations: demo.annotations,
    sources: [article],
    passageLocators: new Map(
      demo.annotations.map((a) => [a.id, passageLocator(demo.sourceText.text, a.position.start)!]),
    ),
    actors: demo.actors,
    countries: demo.countries,
    template: { ...DEFAULT_BRIEFING_TEMPLATE, language },
  });
  english = buildBriefingDocument(briefing, workspace('en'));
  russian = buildBriefingDocument(briefing, workspace('ru'));
  const bytes = await writeBriefingDocx(russian);
  zip = await JSZip.loadAsync(bytes);
  await writeFile(join(folder, 'ru.docx'), bytes);
  await writeFile(join(folder, 'en.docx'), await writeBriefingDocx(english));
  read = await readDocx(join(folder, 'ru.docx'));
  englishRead = await readDocx(join(folder, 'en.docx'));
}, 180_000);

afterAll(async () => {
  await read?.cleanUp();
  await englishRead?.cleanUp();
  await rm(folder, { recursive: true, force: true });
});

describe('a briefing with Russian fixed texts', () => {
  it('prints no English word of its own: every fixed English phrase of the English export is gone', () => {
    const en = flat(englishRead.text);
    const ru = flat(read.text);
    expect(ENGLISH_FIXED.filter((phrase) => !en.includes(phrase))).toEqual([]);
    expect(ENGLISH_FIXED.filter((phrase) => ru.includes(phrase))).toEqual([]);
    // The analyst's own words (titles, descriptions, quotes) stay as written.
    expect(ru).toContain('Humanitarian and economic crisis in Afghanistan');
  });

  it('prints the generated sentences, tables, legend, annex, cover and citations in Russian', () => {
    const ru = flat(read.text);
    const missing = [
      'АНАЛИТИЧЕСКАЯ ЗАПИСКА',
      'Подготовил Дана Сейткали',
      'Дата 12 марта 2026',
      'Содержание',
      'Главный вывод',
      'Записка охватывает: 12 угроз из реестра «',
      'Сведения учтены по состоянию на 1 марта 2026',
      'Оценки и выводы опираются на один источник',
      'Средняя уверенность',
      'Таблица 1. Обзор угроз.',
      'по убыванию оценки (вероятность × ущерб)',
      'Вероятность \\ Ущерб',
      'Уровни: низкий — ниже',
      'Угрозы подробно',
      'тенденция:',
      'См. ',
      'ИНДИКАТОРЫ',
      'Сравнение стран',
      'Население',
      // The figures' source note: its label in Russian, the publication as it calls itself.
      'Население: CIA, The World Factbook, «',
      'млн',
      '(следует из ключевого вывода 1)',
      'Шкала оценочных формулировок',
      'Примерно равные шансы',
      'Приложение: источники',
      'Обычно надёжен',
      'Документ имеет пометку «ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ»',
      'Стр. 2 из',
      // Chicago through the ru-RU locale: the paragraph term and the year as Russian writes them.
      'Toyekin, п. ',
      '2025 г.',
    ].filter((phrase) => !ru.includes(phrase));
    expect(missing).toEqual([]);
  });

  it('tags the Russian runs ru-RU and makes Russian the language of its styles; English titles stay en-GB', async () => {
    const body = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('<w:lang w:val="ru-RU"/>');
    const runOf = (text: string) =>
      new RegExp(`<w:r>((?:(?!</w:r>).)*?)<w:t[^>]*>[^<]*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 's').exec(
        body,
      )?.[1] ?? '';
    for (const text of ['Записка охватывает', 'Таблица 1. Обзор угроз', 'Уровни: низкий', 'Вероятность \\ Ущерб'])
      expect(runOf(text), text).toContain('<w:lang w:val="ru-RU"/>');
    // A threat's title is the analyst's English: tagged as English in the Russian document.
    const threat = russian.blocks.find((b) => b.type === 'heading' && b.level === 2);
    const title = threat?.type === 'heading' ? threat.text : '';
    const headingParagraph = body
      .split('<w:p>')
      .find((p) => p.includes('<w:pStyle w:val="Heading2"/>') && p.includes(`>${title}</w:t>`));
    expect(headingParagraph).toContain('<w:lang w:val="en-GB"/>');
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(notes).toMatch(/<w:lang w:val="en-GB"\/>(?:(?!<\/w:r>).)*Toyekin, п\. \d+\./s);
  });

  it('prints the cover without a page number, and no other page with under 200 characters of its own', () => {
    expect(flat(read.pages[0]!)).not.toMatch(/Стр\. \d/);
    const own = (page: string) =>
      stripBidiControls(page)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && l !== 'ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ' && !l.includes(' · Стр. '))
        .join(' ');
    read.pages.slice(1).forEach((page, i) => {
      expect(flat(page), `page ${i + 2}`).toContain(`Стр. ${i + 2} из ${read.pages.length}`);
      expect(own(page).length, `page ${i + 2}`).toBeGreaterThanOrEqual(200);
    });
  });

  it('gives the contents the pages LibreOffice prints the Russian headings on', () => {
    const contents = stripBidiControls(read.pages[1]!);
    const headings = russian.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
    for (const heading of headings) {
      const entry = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\.+\\s*(\\d+)`).exec(contents);
      const printedOn =
        read.pages.findIndex(
          (p, i) =>
            i > 1 &&
            stripBidiControls(p)
              .split('\n')
              .some((line) => line.trim() === heading),
        ) + 1;
      expect(printedOn, `${heading} is printed`).toBeGreaterThan(2);
      expect(Number(entry?.[1]), `page of ${heading}`).toBe(printedOn);
    }
  });
});
