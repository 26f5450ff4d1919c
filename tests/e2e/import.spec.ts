import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { w3cAnnotationValidator } from '../support/w3c-validator';
import {
  addedExport,
  DATA_DIR,
  expect,
  exportedFiles,
  PROJECT_ROOT,
  SAMPLE_ARTICLE,
  scratchFolder,
  sha256OfFile,
  test,
} from './fixtures';

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'import');
const scratch = scratchFolder('import');

function scratchFile(name: string, content: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

test.describe('importing sources', () => {
  test('several files at once through the file picker: each format, with progress and clear outcomes', async ({
    app,
  }) => {
    const empty = scratchFile('empty.txt', '');
    const unsupported = scratchFile('notes.xyz', 'hello');
    const brokenPdf = scratchFile('broken.pdf', readFileSync(join(FIXTURES, 'two-pages.pdf')).subarray(0, 400));
    await app
      .locator('#import-files')
      .setInputFiles([
        join(FIXTURES, 'article.html'),
        join(FIXTURES, 'briefing.docx'),
        join(FIXTURES, 'two-pages.pdf'),
        join(FIXTURES, 'notes.md'),
        join(FIXTURES, 'kazakh-utf16le.txt'),
        empty,
        unsupported,
        brokenPdf,
        SAMPLE_ARTICLE,
      ]);
    const imports = app.getByRole('region', { name: 'Imports' });
    await expect(imports).toContainText('9 of 9 done', { timeout: 30_000 });
    const job = (name: string) => imports.getByRole('listitem').filter({ hasText: name });
    for (const name of ['article.html', 'briefing.docx', 'two-pages.pdf', 'notes.md', 'kazakh-utf16le.txt'])
      await expect(job(name)).toContainText('Imported');
    await expect(job('empty.txt')).toContainText(/"empty\.txt" could not be imported: .*empty/);
    await expect(job('notes.xyz')).toContainText(/"notes\.xyz" could not be imported: \.xyz files are not supported/);
    await expect(job('broken.pdf')).toContainText(/"broken\.pdf" could not be imported: .*damaged/);
    await expect(job('security-threats-afghanistan-kazakhstan.txt')).toContainText('Already imported');

    // Nothing half-imported: only the five good files joined the sample article.
    await expect(app.getByRole('list', { name: 'Sources' }).getByRole('listitem')).toHaveCount(6);
    const stored = readdirSync(join(DATA_DIR, 'sources'), { recursive: true }).filter((f) => String(f).length > 60);
    expect(stored).not.toContain(expect.stringContaining(sha256OfFile(empty)));

    // The duplicate opens the existing source.
    await job('security-threats-afghanistan-kazakhstan.txt').getByRole('button', { name: 'Open existing' }).click();
    await expect(app.getByRole('heading', { level: 2 })).toContainText('Security Threats Emanating from Afghanistan');

    // The web page arrives as its article: no comment form, no menu.
    await app
      .getByRole('list', { name: 'Sources' })
      .getByRole('button')
      .filter({ hasText: 'Kosh-Tepa canal strains the Amu Darya basin' })
      .first()
      .click();
    const reader = app.getByRole('document', { name: 'Source text' });
    await expect(reader).not.toContainText('Leave a Reply');

    // The PDF keeps its page breaks.
    await app
      .getByRole('list', { name: 'Sources' })
      .getByRole('button')
      .filter({ hasText: 'Border Security Review' })
      .first()
      .click();
    await expect(reader).toContainText('— page 2 —');
  });

  test('drag and drop onto the window imports, and the metadata can be corrected', async ({ app }) => {
    const bytes = readFileSync(join(FIXTURES, 'notes.md'));
    await app.evaluate(
      (data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'dropped-notes.md', { type: 'text/markdown' }));
        for (const type of ['dragenter', 'dragover', 'drop'])
          window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [...bytes],
    );
    await expect(app.getByRole('region', { name: 'Imports' })).toContainText('Imported');
    await app.getByRole('tab', { name: 'Details' }).click();
    const author = app.getByRole('textbox', { name: 'Author' });
    await author.fill('Institute desk');
    await author.press('Enter');
    await app.getByRole('combobox', { name: 'Reliability' }).selectOption('B');
    await app.getByRole('combobox', { name: 'Credibility' }).selectOption('2');
    // The analyst reloads once the status bar says the change is saved (the write is in flight until then).
    await expect(
      app.getByRole('list', { name: 'Sources' }).getByRole('listitem').filter({ hasText: 'Institute desk' }),
    ).toContainText('B2');
    await expect(app.getByText('All changes are saved')).toBeVisible();
    await app.reload();
    const item = app.getByRole('list', { name: 'Sources' }).getByRole('listitem').filter({ hasText: 'Institute desk' });
    await expect(item).toContainText('B2');
  });

  test('pasted Dari text reads right to left', async ({ app }) => {
    await app.getByRole('button', { name: 'Paste…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Paste text' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('گزارش کوتاه درباره کانال قوش تپه');
    await dialog
      .getByRole('textbox', { name: 'Text' })
      .fill('کانال قوش تپه آب دریای آمو را برای آبیاری شمال افغانستان برداشت می‌کند.\n\nThe English summary follows.');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(app.getByRole('heading', { level: 2 })).toHaveText('گزارش کوتاه درباره کانال قوش تپه');
    const paragraphs = app.getByRole('document', { name: 'Source text' }).locator('p');
    expect(await paragraphs.nth(0).evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    expect(await paragraphs.nth(1).evaluate((p) => getComputedStyle(p).direction)).toBe('ltr');
    await app.getByRole('tab', { name: 'Details' }).click();
    await expect(app.getByRole('textbox', { name: 'Language' })).toHaveValue('fa');
  });

  test('a file over the import limit is refused with the limit named', async ({ app }) => {
    await app.getByRole('spinbutton', { name: 'Import limit in megabytes' }).fill('1');
    await app.getByRole('spinbutton', { name: 'Import limit in megabytes' }).press('Enter');
    const big = scratchFile('big-report.txt', 'Amu Darya. '.repeat(120_000));
    await app.locator('#import-files').setInputFiles(big);
    await expect(app.getByRole('region', { name: 'Imports' })).toContainText(
      /"big-report\.txt" could not be imported: it is 1\.3 MB, over the import limit of 1 MB/,
    );
  });

  test('in a Russian interface, an import’s refusals and warnings are in Russian, the reader’s own included', async ({
    app,
  }) => {
    await app.keyboard.press('Control+,');
    await app.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: 'Language' }).click();
    await app.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await app.getByRole('dialog', { name: 'Настройки' }).getByRole('button', { name: 'Закрыть' }).click();
    const unsupported = scratchFile('заметки.xyz', 'hello');
    const brokenPdf = scratchFile('сломанный.pdf', readFileSync(join(FIXTURES, 'two-pages.pdf')).subarray(0, 400));
    const empty = scratchFile('пустой.txt', '');
    await app.locator('#import-files').setInputFiles([unsupported, brokenPdf, empty]);
    const imports = app.getByRole('region', { name: 'Импорт' });
    const job = (name: string) => imports.getByRole('listitem').filter({ hasText: name });
    await expect(job('заметки.xyz')).toContainText(
      'Файл «заметки.xyz» не удалось импортировать: файлы .xyz не поддерживаются. Импортируйте .txt, .md, .html, .docx или .pdf.',
      { timeout: 30_000 },
    );
    // Refused on the reader's thread: said in Russian all the same.
    await expect(job('сломанный.pdf')).toContainText(
      'Файл «сломанный.pdf» не удалось импортировать: он, по-видимому, повреждён или не является файлом PDF.',
    );
    await expect(job('пустой.txt')).toContainText('Файл «пустой.txt» не удалось импортировать: файл пуст (0 байт).');

    // A file imported with a warning: the warning is written in Russian, and the source's details keep it.
    await app.locator('#import-files').setInputFiles(join(FIXTURES, 'scanned-annex.pdf'));
    await expect(job('scanned-annex.pdf')).toContainText('Импортирован', { timeout: 30_000 });
    await job('scanned-annex.pdf').getByRole('button', { name: 'Открыть' }).click();
    await app.getByRole('tab', { name: 'Сведения' }).click();
    await expect(app.getByRole('region', { name: 'При импорте файла' })).toHaveText(
      'При импорте файлаУ страницы 2 нет текстового слоя (сканы или только изображения); если её содержание важно, распознайте PDF (OCR).',
    );
  });
});

test.describe('W3C Web Annotation files', () => {
  test('export writes a JSON-LD collection; importing it back restores deleted passages', async ({ app }) => {
    await app.getByRole('tab', { name: 'Details' }).click();
    const before = exportedFiles();
    await app.getByRole('button', { name: 'Export annotations (W3C JSON-LD)' }).click();
    await expect(app.getByRole('status').filter({ hasText: /exports/ })).toBeVisible();
    const path = await addedExport(before, '.jsonld');
    const collection = JSON.parse(readFileSync(path, 'utf8'));
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.items).toHaveLength(35);
    // Every annotation in the file passes the W3C test suite's "must" assertions, read under the
    // collection's @context (written once, on the collection).
    const validator = w3cAnnotationValidator();
    for (const annotation of collection.first.items)
      expect(validator.failedMusts({ '@context': collection['@context'], ...annotation })).toEqual([]);

    await app.getByRole('tab', { name: /Passages/ }).click();
    const list = app.getByRole('list', { name: 'Passages' });
    for (let i = 0; i < 3; i++) {
      await list.getByRole('listitem').first().getByRole('button').click();
      await app.keyboard.press('Delete');
      await expect(list.getByRole('listitem')).toHaveCount(34 - i);
    }
    await expect(list.getByRole('listitem')).toHaveCount(32);
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.locator('input[type=file][aria-label="Annotations file"]').setInputFiles(path);
    await expect(app.getByText(/Imported 3 passages from .*32 were already here/)).toBeVisible();
    await app.getByRole('tab', { name: /Passages/ }).click();
    await expect(list.getByRole('listitem')).toHaveCount(35);
    // The import is one step: one Ctrl+Z takes all three back, Ctrl+Shift+Z brings them again.
    await list.getByRole('listitem').first().getByRole('button').focus();
    await app.keyboard.press('Control+z');
    await expect(list.getByRole('listitem')).toHaveCount(32);
    await expect(
      app.getByRole('status').filter({ hasText: /Undone: import 3 passages from “.*\.jsonld”\./ }),
    ).toBeVisible();
    await app.keyboard.press('Control+Shift+Z');
    await expect(list.getByRole('listitem')).toHaveCount(35);
  });
});
