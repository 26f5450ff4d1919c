// Table columns in a written briefing are wide enough for their words: LibreOffice prints the .docx, poppler
// reads the PDF, and no word of a table (heading or cell) is broken across lines, in Russian or in English,
// even where the analyst's threat titles carry long words and names.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBriefingDocx } from '../../main/services/briefing-docx';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import { Briefing, defaultBriefingSections } from '../../shared/domain/briefing';
import type { BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument, type BriefingWorkspace } from '../../shared/domain/briefing-model';
import { DEFAULT_BRIEFING_TEMPLATE } from '../../shared/domain/briefing-template';
import type { Threat } from '../../shared/domain/threat';
import { brokenWords } from '../support/broken-words';
import { readDocx, type ReadDocument } from '../support/docx-reader';
import { PROJECT_ROOT } from '../support/handler-table';

const AT = '2026-03-12T09:00:00.000Z';

/** Threat titles an analyst might give, in Russian with Kazakh names and in Uzbek: long words, long names. */
const LONG_TITLES = [
  'Террористическая активность Исламского движения Узбекистана',
  'Наркотрафик через таджикско-афганскую границу',
  'Жамағат Ансаруллах: вербовка в Бадахшане',
  'Контрабандисты, трансграничные наркокартели',
  'Радикализирующиеся трудовые мигранты',
  'Oʻzbekiston Islomiy Harakati: yollanma jangarilar',
];

let folder = '';
const documents: Partial<Record<'en' | 'ru', { doc: BriefingDocument; read: ReadDocument }>> = {};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'workbench-briefing-tables-'));
  const demo = await loadDemoWorkspace(
    join(PROJECT_ROOT, 'data'),
    new SourceStore(join(folder, 'store')),
    new Date(AT),
  );
  const threats: Threat[] = demo.threats.map((t, i) => (i < LONG_TITLES.length ? { ...t, title: LONG_TITLES[i]! } : t));
  const briefing = Briefing.parse({
    id: '7c2a4d3b-1d66-4a8f-9b22-3e4f5a6b7c11',
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
    keyJudgments: [],
    recommendations: [],
    exports: [],
    createdAt: AT,
    updatedAt: AT,
  });
  for (const language of ['ru', 'en'] as const) {
    const workspace: BriefingWorkspace = {
      registers: [demo.register],
      threats,
      annotations: demo.annotations,
      sources: [demo.source],
      actors: demo.actors,
      countries: demo.countries,
      template: { ...DEFAULT_BRIEFING_TEMPLATE, language },
    };
    const doc = buildBriefingDocument(briefing, workspace);
    const path = join(folder, `${language}.docx`);
    await writeFile(path, await writeBriefingDocx(doc));
    documents[language] = { doc, read: await readDocx(path) };
  }
}, 240_000);

afterAll(async () => {
  for (const d of Object.values(documents)) await d.read.cleanUp();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Every word the briefing's tables print: column headings and cells. */
function tableTexts(doc: BriefingDocument): string[] {
  return doc.blocks.flatMap((b) =>
    b.type === 'table' ? [...b.columns.map((c) => c.text), ...b.rows.flatMap((r) => r.map((c) => c.text))] : [],
  );
}

describe.each(['ru', 'en'] as const)('a %s briefing with long words in its tables', (language) => {
  it('writes every table the briefing has, with the long titles in them', () => {
    const { doc } = documents[language]!;
    const kinds = new Set(doc.blocks.flatMap((b) => (b.type === 'table' ? [b.kind] : [])));
    expect([...kinds].sort()).toEqual(['annex', 'countries', 'heat-map', 'key', 'overview']);
    expect(tableTexts(doc).join(' ')).toContain('Террористическая');
  });

  it('prints no word of a table broken across lines', async () => {
    const { doc, read } = documents[language]!;
    expect(read.text).toContain('Террористическая');
    expect(await brokenWords(read.pdfPath, tableTexts(doc))).toEqual([]);
  });
});
