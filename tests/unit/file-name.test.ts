import { describe, expect, it } from 'vitest';
import { exportFileName, fileStem, safeFileName } from '../../shared/interop/file-name';
import { briefingFileName } from '../../shared/domain/briefing-model';

describe('the one file-name rule of every export', () => {
  it('turns characters a platform refuses into one space, whatever they are', () => {
    expect(exportFileName('Threats: Central Asia', '.csv')).toBe('Threats Central Asia.csv');
    expect(exportFileName('Afghanistan/Pakistan \\ border', '.csv')).toBe('Afghanistan Pakistan border.csv');
    expect(exportFileName('A*B?C"D<E>F|G', '.stix.json')).toBe('A B C D E F G.stix.json');
    expect(exportFileName('tab\there\nnew line', '.csv')).toBe('tab here new line.csv');
  });

  it('keeps Cyrillic, Kazakh, Dari and emoji, in NFC', () => {
    expect(exportFileName('Ауғанстан қауіптері: 2026', '.csv')).toBe('Ауғанстан қауіптері 2026.csv');
    expect(exportFileName('تهدیدها از افغانستان', '.jsonld')).toBe('تهدیدها از افغانستان.jsonld');
    expect(exportFileName('Water 💧 & 🇰🇿🤝🇦🇫', '.csv')).toBe('Water 💧 & 🇰🇿🤝🇦🇫.csv');
    expect(fileStem('Қазақстан'.normalize('NFD'))).toBe('Қазақстан'.normalize('NFC'));
  });

  it('drops direction marks that could disguise an extension', () => {
    expect(fileStem('report\u202Efdp.exe')).toBe('report fdp.exe');
    expect(fileStem('\u200Fمهاجرت\u200E')).toBe('مهاجرت');
  });

  it('leaves no leading or trailing dots and spaces, and falls back when nothing is left', () => {
    expect(exportFileName('  ..hidden register... ', '.csv')).toBe('hidden register.csv');
    expect(exportFileName('Register v2.', '.csv')).toBe('Register v2.csv');
    expect(exportFileName(':::///', '.csv', 'register')).toBe('register.csv');
    expect(exportFileName('', '.csv')).toBe('export.csv');
  });

  it('marks Windows device names, alone or before an extension', () => {
    for (const name of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'lpt9']) {
      expect(exportFileName(name, '.csv'), name).toBe(`${name}_.csv`);
    }
    expect(exportFileName('CON.stix', '.json')).toBe('CON_.stix.json');
    expect(exportFileName('Console', '.csv')).toBe('Console.csv');
    expect(exportFileName('COM10', '.csv')).toBe('COM10.csv');
  });

  it('cuts long names at 120 code points without splitting an emoji', () => {
    const stem = fileStem(`${'😀'.repeat(119)}👩🏽‍💻 tail`);
    expect(Array.from(stem).length).toBeLessThanOrEqual(120);
    expect(stem).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(fileStem('a'.repeat(300))).toBe('a'.repeat(120));
  });

  it('is what main applies to any requested name: the last path part, its plain extension kept', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\Threats: 2026.csv')).toBe('Threats 2026.csv');
    expect(safeFileName('Register.stix.json')).toBe('Register.stix.json');
    expect(safeFileName('NUL.docx')).toBe('NUL_.docx');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('name.')).toBe('name');
    expect(safeFileName('')).toBe('export');
    expect(safeFileName('two\nlines\n.csv')).toBe('two lines.csv');
    expect(safeFileName('شҚ/a\n.//\n.')).toBe('export');
  });

  it('names briefings by the same rule', () => {
    const doc = (title: string) =>
      ({ page: { isoDate: '2026-03-12', title } }) as Parameters<typeof briefingFileName>[0];
    expect(briefingFileName(doc('Q1: Afghanistan/Central Asia'))).toBe('2026-03-12 Q1 Afghanistan Central Asia.docx');
    expect(briefingFileName(doc('::'))).toBe('2026-03-12 Briefing.docx');
  });
});
