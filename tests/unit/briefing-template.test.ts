// The briefing template in the exported .docx: the issuer and logo on the cover, Letter paper, Russian
// fixed texts, the document number and the marking in the document properties.
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeBriefingDocx } from '../../main/services/briefing-docx';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import { Briefing, defaultBriefingSections } from '../../shared/domain/briefing';
import { BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument } from '../../shared/domain/briefing-model';
import {
  BriefingTemplate,
  DEFAULT_BRIEFING_TEMPLATE,
  documentNumber,
  FIXED_TEXTS,
} from '../../shared/domain/briefing-template';
import { PROJECT_ROOT } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const AT = '2026-03-12T09:00:00.000Z';
/** A 1×1 PNG: the smallest real image a logo can be. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const TEMPLATE: BriefingTemplate = {
  institution: 'Институт внешнеполитических исследований',
  department: 'Отдел Центральной Азии',
  logo: { mime: 'image/png', data: PNG, width: 1, height: 1 },
  documentNumberPattern: 'ИВПИ-{YYYY}/{NNN}',
  distribution: 'Министр иностранных дел\nСовет безопасности',
  defaultMarking: 'ДСП',
  handling: 'Только для служебного пользования: не копировать и не пересылать.',
  headingFont: 'Liberation Sans',
  bodyFont: 'Liberation Serif',
  paper: 'Letter',
  language: 'ru',
};

async function exported(template: BriefingTemplate) {
  const demo = await loadDemoWorkspace(join(PROJECT_ROOT, 'data'), new SourceStore(await tempFolder()), new Date(AT));
  const briefing = Briefing.parse({
    id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6c01',
    title: 'Угрозы из Афганистана',
    subtitle: '',
    author: 'Дана Сейткали',
    date: '2026-03-12',
    audience: '',
    marking: 'ДСП',
    bottomLine: 'ИГИЛ-Хорасан и канал Кош-Тепа — главные угрозы из Афганистана.',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [
      {
        id: '6b1f3c2a-0c55-4f7e-8a11-2d3e4f5a6c02',
        text: 'ИГИЛ-Хорасан, вероятно, попытается совершить теракт в Центральной Азии.',
        confidence: 'moderate',
        passageIds: [demo.annotations[10]!.id],
      },
    ],
    recommendations: [],
    exports: [
      { at: AT, path: '/tmp/a.docx', bytes: 1 },
      { at: AT, path: '/tmp/b.docx', bytes: 1 },
    ],
    createdAt: AT,
    updatedAt: AT,
  });
  const doc = buildBriefingDocument(briefing, {
    registers: [demo.register],
    threats: demo.threats,
    annotations: demo.annotations,
    sources: [demo.source],
    actors: demo.actors,
    countries: demo.countries,
    template,
  });
  expect(BriefingDocument.safeParse(doc).success).toBe(true);
  const zip = await JSZip.loadAsync(await writeBriefingDocx(doc));
  const read = (name: string) => zip.file(name)!.async('string');
  return { doc, zip, read };
}

describe('the briefing template', () => {
  it('numbers documents by its pattern', () => {
    expect(documentNumber('AWB-{YYYY}-{NNN}', '2026-03-12', 4)).toBe('AWB-2026-004');
    expect(documentNumber('{DD}.{MM}.{YYYY} № {N}', '2026-03-12', 12)).toBe('12.03.2026 № 12');
    expect(documentNumber('', '2026-03-12', 1)).toBe('');
  });

  it('refuses a template without a default marking or with a font name that is not one', () => {
    expect(BriefingTemplate.safeParse({ ...DEFAULT_BRIEFING_TEMPLATE, defaultMarking: ' ' }).success).toBe(false);
    expect(BriefingTemplate.safeParse({ ...DEFAULT_BRIEFING_TEMPLATE, bodyFont: 'Arial"/><w:b/>' }).success).toBe(
      false,
    );
  });

  it('has every fixed text in English and Russian', () => {
    const shape = (t: object): string[] =>
      Object.entries(t).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null && !Array.isArray(v) ? shape(v).map((s) => `${k}.${s}`) : [k],
      );
    expect(shape(FIXED_TEXTS.ru)).toEqual(shape(FIXED_TEXTS.en));
    for (const [key, value] of Object.entries(FIXED_TEXTS.ru.sections)) expect(value, key).toMatch(/^[А-ЯЁа-яё :,]+$/);
  });

  it('puts the logo, issuer, number and distribution on the cover, on Letter paper, with Russian fixed texts', async () => {
    const { doc, zip, read } = await exported(TEMPLATE);
    const body = await read('word/document.xml');
    // Letter: 8.5 × 11 inches.
    expect(body).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    expect(Object.keys(zip.files).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
    expect(body).toContain('<wp:docPr');
    for (const fixed of [
      'Аналитическая записка',
      'Подготовлено в',
      'Институт внешнеполитических исследований, Отдел Центральной Азии',
      'Документ №',
      'ИВПИ-2026/003',
      'Рассылка',
      'Министр иностранных дел; Совет безопасности',
      'Только для служебного пользования: не копировать и не пересылать.',
      'Содержание',
      'Главный вывод',
      'Ключевые выводы',
      'Средняя уверенность',
      'Обзор угроз',
      'Таблица 1. ',
      'Приложение: источники',
      '12 марта 2026',
    ])
      expect(body, fixed).toContain(fixed);
    expect(body).not.toContain('Key judgments');
    expect(body).not.toContain('Analytical briefing');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/footer\d+\.xml$/.test(n))
        .map((n) => read(n)),
    );
    expect(footers.join('')).toContain('Стр. ');
    expect(footers.join('')).toContain(' из ');
    const theme = await read('word/theme/theme1.xml');
    expect(theme).toContain('typeface="Liberation Sans"');
    expect(theme).toContain('typeface="Liberation Serif"');
    // The marking in the core and custom properties, with the document number and the institution.
    const custom = await read('docProps/custom.xml');
    for (const value of ['Classification', 'ДСП', 'Document number', 'ИВПИ-2026/003', 'Institution'])
      expect(custom).toContain(value);
    expect(await read('docProps/core.xml')).toContain('<cp:category>ДСП</cp:category>');
    expect(doc.page.language).toBe('ru');
  });

  it('keeps A4 and the English texts by default', async () => {
    const { read } = await exported(DEFAULT_BRIEFING_TEMPLATE);
    const body = await read('word/document.xml');
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(body).toContain('Key judgments');
    expect(body).toContain('This document is marked ДСП: share it only with the readers it is addressed to');
  });
});
