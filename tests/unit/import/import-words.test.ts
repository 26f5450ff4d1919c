// An import's refusal is said in the analyst's language: every reason has its Russian sentence, with
// the file named in «», sizes in КБ/МБ with a decimal comma, and nothing left in English but the
// names it quotes (the file, its extension, the programs to use).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../../main/services/import';
import { PROJECT_ROOT } from '../../support/handler-table';
import { ImportRefusal, Refuse, refusalSentence, type RefusalReason } from '../../../main/services/import/refusal';
import {
  formatBytes,
  importLanguage,
  type ImportWarning,
  warningSentence,
} from '../../../main/services/import/import-words';

const MB = 1024 * 1024;

/** One of every reason, with the facts a real refusal has. */
const EVERY_REASON: RefusalReason[] = [
  { code: 'empty' },
  { code: 'too-large', size: 73 * MB, limit: 50 * MB },
  { code: 'unsupported', extension: 'xyz', actual: null },
  { code: 'unsupported', extension: '', actual: null },
  { code: 'unsupported', extension: 'bin', actual: 'pdf' },
  { code: 'unsupported', extension: 'doc', actual: 'old-office' },
  { code: 'unsupported', extension: 'png', actual: 'image' },
  { code: 'misnamed', extension: 'txt', actual: 'pdf' },
  { code: 'misnamed', extension: 'html', actual: 'zip' },
  { code: 'not-text' },
  { code: 'no-text', hint: 'document' },
  { code: 'no-text', hint: 'empty-pages' },
  { code: 'no-text', hint: 'scanned-pictures' },
  { code: 'damaged', kind: 'pdf' },
  { code: 'damaged', kind: 'docx' },
  { code: 'not-word-document' },
  { code: 'password-protected' },
  { code: 'locked-or-old-word' },
  { code: 'no-text-layer' },
  { code: 'unreadable', problems: [] },
  { code: 'zip-bomb', limit: 512 * MB },
  { code: 'too-many-parts', parts: 25_000, limit: 10_000 },
  { code: 'too-slow', timeoutMs: 60_000 },
  { code: 'reader-failed', detail: 'ошибка' },
  { code: 'no-reader' },
];

/** Words a Russian sentence may quote as they are: names of formats, programs and files. */
const QUOTED =
  /«[^»]*»|\.\w+|\b(?:PDF|Word|LibreOffice|Office|OCR|OCRmyPDF|Adobe|Acrobat|UTF-\d+|Windows-1251|zip|Analyst|Workbench|word\/document\.xml|import-worker\.cjs)\b/g;

describe('import refusals in Russian', () => {
  it('says every reason in Russian, naming the file and what to do', () => {
    for (const reason of EVERY_REASON) {
      const said = refusalSentence('ru', 'отчёт.pdf', reason);
      expect(said.startsWith('Файл «отчёт.pdf» не удалось импортировать: '), said).toBe(true);
      expect(said.endsWith('.'), said).toBe(true);
      expect(said.replace(QUOTED, ''), `${reason.code}: ${said}`).not.toMatch(/[A-Za-z]{3,}/);
      // The English sentence is still the error's message (the log reads it).
      expect(new ImportRefusal('report.pdf', reason).message.startsWith('"report.pdf" could not be imported: ')).toBe(
        true,
      );
    }
  });

  it('writes sizes, counts and times the Russian way', () => {
    expect(refusalSentence('ru', 'отчёт.pdf', { code: 'too-large', size: 73 * MB, limit: 50 * MB })).toBe(
      'Файл «отчёт.pdf» не удалось импортировать: его размер 73 МБ, больше предела импорта в 50 МБ. Увеличьте предел в настройках или разделите файл.',
    );
    expect(Refuse.tooLarge('big.txt', 50 * MB + 200_000, 50 * MB).in('ru')).toContain('его размер 50,2 МБ');
    expect(formatBytes(1, false, 'ru')).toBe('1 байт');
    expect(formatBytes(3, false, 'ru')).toBe('3 байта');
    expect(formatBytes(5, false, 'ru')).toBe('5 байт');
    expect(formatBytes(10_419, false, 'ru')).toBe('10 КБ');
    expect(refusalSentence('ru', 'a.docx', { code: 'too-many-parts', parts: 25_000, limit: 10_000 })).toMatch(
      /это zip из 25\s000 частей — больше 10\s000/,
    );
    expect(refusalSentence('ru', 'a.pdf', { code: 'too-slow', timeoutMs: 60_000 })).toContain('больше 60 секунд.');
    expect(refusalSentence('ru', 'a.pdf', { code: 'too-slow', timeoutMs: 1_000 })).toContain('больше 1 секунды.');
  });

  it('speaks Russian for a Russian interface and English for any other', () => {
    expect(importLanguage('ru')).toBe('ru');
    expect(importLanguage('ru-RU')).toBe('ru');
    expect(importLanguage('en-GB')).toBe('en');
    expect(importLanguage('kk')).toBe('en');
    expect(importLanguage(undefined)).toBe('en');
  });
});

describe('import warnings in the analyst’s language', () => {
  const EVERY_WARNING: ImportWarning[] = [
    { code: 'read-as-cp1251' },
    { code: 'unreadable-characters', count: 3 },
    { code: 'whole-page' },
    { code: 'tracked-changes', count: 2 },
    { code: 'struck-through', count: 1 },
    { code: 'language-script', declared: 'ru', script: 'Latin', detected: 'uz' },
    { code: 'page-unreadable', page: 4, problems: [{ kind: 'controls', count: 12 }] },
    { code: 'pages-damaged', pages: [2] },
    { code: 'pdf-repaired' },
    { code: 'pages-without-text', pages: [3, 4, 5] },
  ];

  it('writes each warning in English as the import always has, and in Russian with nothing left in English', () => {
    expect(warningSentence('en', { code: 'tracked-changes', count: 2 })).toBe(
      'The document holds 2 tracked changes; the text reads as if they were all accepted (insertions kept, deletions left out). Open the file in Word to see who changed what.',
    );
    expect(warningSentence('en', { code: 'pages-without-text', pages: [3, 4, 5] })).toBe(
      'Pages 3, 4 and 5 have no text layer (scanned images, or pictures only); run OCR on the PDF if their content matters.',
    );
    expect(warningSentence('ru', { code: 'pages-without-text', pages: [3, 4, 5] })).toBe(
      'У страниц 3, 4 и 5 нет текстового слоя (сканы или только изображения); если их содержание важно, распознайте PDF (OCR).',
    );
    expect(warningSentence('ru', { code: 'pages-damaged', pages: [2] })).toMatch(/^На странице 2 есть повреждённое/);
    const many = Array.from({ length: 15 }, (_, i) => i + 1);
    expect(warningSentence('ru', { code: 'pages-damaged', pages: many })).toMatch(
      /^На страницах 1, 2, .*, 10 и ещё 5 /,
    );
    expect(warningSentence('ru', { code: 'unreadable-characters', count: 3 })).toBe(
      'Не удалось прочитать 3 символа, вместо них стоит «\uFFFD». Сверьте текст с оригиналом.',
    );
    expect(warningSentence('ru', { code: 'unreadable-characters', count: 1 })).toBe(
      'Один символ не удалось прочитать, вместо него стоит «\uFFFD». Сверьте текст с оригиналом.',
    );
    for (const warning of EVERY_WARNING)
      expect(warningSentence('ru', warning).replace(QUOTED, ''), warning.code).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('writes the warnings of a real import in the language the request names', async () => {
    const bytes = new Uint8Array(
      await readFile(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'scanned-annex.pdf')),
    );
    const options = { keepFullText: false, maxBytes: 50 * MB };
    const english = await extractSource(bytes, 'annex.pdf', options);
    const russian = await extractSource(bytes, 'annex.pdf', { ...options, language: 'ru' as const });
    expect(english.warnings).toEqual([
      'Page 2 has no text layer (scanned images, or pictures only); run OCR on the PDF if their content matters.',
    ]);
    expect(russian.warnings).toEqual([
      'У страницы 2 нет текстового слоя (сканы или только изображения); если её содержание важно, распознайте PDF (OCR).',
    ]);
    expect(russian.text).toBe(english.text);
  });
});
