// Main says its refusals in the interface's language once the renderer has told it (setInterfaceLanguage):
// a file that is not a backup is refused in Russian for a Russian interface, in English otherwise, and
// the error's own message (which the log reads) stays English.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { ServiceError, speak } from '../../main/services/errors';
import { PROJECT_ROOT, realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
afterEach(() => speak('en'));

const NOT_A_BACKUP_EN = /^This file is not an Analyst Workbench backup \(backups end in \.awbackup/;
const NOT_A_BACKUP_RU =
  'Этот файл не является резервной копией Analyst Workbench (копии имеют расширение .awbackup и создаются командой «Файл → Создать резервную копию…»). Ничего не изменено.';

describe('the language main speaks', () => {
  it('refuses in the interface’s language, as the renderer last said it', async () => {
    const table = await realHandlerTable(await tempFolder());
    const word = new Uint8Array(await readFile(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'briefing.docx')));
    const open = () => dispatch(table, 'openBackup', [{ bytes: word }]);
    expect(await open()).toMatchObject({ ok: false, error: expect.stringMatching(NOT_A_BACKUP_EN) });
    expect(await dispatch(table, 'setInterfaceLanguage', [{ language: 'ru' }])).toEqual({
      ok: true,
      value: { speaks: 'ru' },
    });
    expect(await open()).toEqual({ ok: false, error: NOT_A_BACKUP_RU });
    // Kazakh, like any language main has no words for, hears English.
    expect(await dispatch(table, 'setInterfaceLanguage', [{ language: 'kk' }])).toEqual({
      ok: true,
      value: { speaks: 'en' },
    });
    expect(await open()).toMatchObject({ ok: false, error: expect.stringMatching(NOT_A_BACKUP_EN) });
  });

  it('says the refusals of a references file, a REFI-QDA file and a recent export in Russian', async () => {
    const table = await realHandlerTable(await tempFolder());
    const word = new Uint8Array(await readFile(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'briefing.docx')));
    await dispatch(table, 'setInterfaceLanguage', [{ language: 'ru' }]);
    const refusals = [
      await dispatch(table, 'readReferences', [{ text: 'hello' }]),
      await dispatch(table, 'readRefiQda', [{ bytes: word }]),
      await dispatch(table, 'openRecentExport', [{ id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a10' }]),
    ];
    expect(refusals).toEqual([
      {
        ok: false,
        error:
          'Этот файл не является файлом ссылок в формате CSL-JSON, BibTeX или RIS. Ничего не импортировано. В Zotero выберите «Файл → Экспортировать библиотеку…» и один из этих форматов.',
      },
      {
        ok: false,
        error:
          'Этот файл не является проектом REFI-QDA (файлы .qdpx — это zip-архивы с project.qde внутри). Ничего не импортировано.',
      },
      expect.objectContaining({ ok: false }),
    ]);
    const recent = refusals[2] as { ok: false; error: string };
    expect(recent.error.replace(/«[^»]*»/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('keeps English where a sentence has not been written in the language, and in the message the log reads', () => {
    const plain = new ServiceError('Only in English.');
    expect(plain.in('ru')).toBe('Only in English.');
    const both = new ServiceError({ en: 'In English.', ru: 'По-русски.' });
    expect(both.message).toBe('In English.');
    expect(both.in('ru')).toBe('По-русски.');
    expect(both.in('en')).toBe('In English.');
  });
});
