// An import's refusal is said in the analyst's language: every reason has its Russian sentence, with
// the file named in «», sizes in КБ/МБ with a decimal comma, and nothing left in English but the
// names it quotes (the file, its extension, the programs to use).
import { describe, expect, it } from 'vitest';
import { ImportRefusal, Refuse, refusalSentence, type RefusalReason } from '../../../main/services/import/refusal';
import { formatBytes, importLanguage } from '../../../main/services/import/refusal-words';

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
