// Replacing a source's text, end to end (issue 14): a multilingual note coded in four places is
// replaced by an edited copy (a paragraph inserted above, "15 %" changed to "12–15 %" inside a coded
// sentence, a duplicated closing paragraph removed). The view must not fail; unchanged passages
// keep their exact quote at their new place, the changed one waits in Review with its changed words
// marked, and Ctrl+Z brings back the old text with every passage where it was.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CODED } from '../unit/multilingual-note';
import { expect, PROJECT_ROOT, test } from './fixtures';
import { scrollToText } from './reader-helpers';

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'replace');
const NOTE = join(FIXTURES, 'multilingual-note.txt');
const REVISED = join(FIXTURES, 'multilingual-note-revised.txt');
/** A .txt file says no title of its own: the file's name stands for it. */
/** The note's first line, which the import takes as its title. */
const TITLE = 'Записка о водных рисках бассейна Амударьи';
const SCREENSHOTS = process.env.WORKBENCH_SCREENSHOTS ?? 'test-results';

const PASSAGES = CODED;
const RUSSIAN_NOW = 'По оценкам института, сток в низовья может сократиться на 12–15 % в маловодные годы.';
const UNCHANGED = [PASSAGES.kazakh, PASSAGES.dari, PASSAGES.english];

/**
 * Selects `needle` in the reader as the browser's own selection (the analyst's drag, without the
 * pixel geometry of right-to-left lines) and puts the caret's focus in the reader, ready for A.
 */
async function selectInReader(page: Page, needle: string): Promise<void> {
  await scrollToText(page, needle);
  await page.locator('article.reader p', { hasText: needle }).first().scrollIntoViewIfNeeded();
  await page.evaluate((needle) => {
    const reader = document.querySelector<HTMLElement>('article.reader')!;
    for (const p of reader.querySelectorAll('p')) {
      const node = p.firstChild as Text | null;
      const at = node?.data.indexOf(needle) ?? -1;
      if (!node || at === -1) continue;
      reader.focus();
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${needle}" is not in the reader`);
  }, needle);
}

async function code(page: Page, needle: string, tag: string): Promise<void> {
  await selectInReader(page, needle);
  await page.keyboard.press('a');
  const editor = page.getByRole('dialog', { name: 'Annotate passage' });
  await expect(editor.locator('blockquote')).toHaveText(needle);
  const tags = editor.getByRole('combobox', { name: 'Tags' });
  await tags.fill(tag);
  await tags.press('Enter');
  await expect(editor.locator('.chip', { hasText: tag })).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
}

/** Every passage painted in the reader (any tag's highlight): its text and where it starts in the source's text. */
async function paintedSpans(page: Page): Promise<{ text: string; start: number }[]> {
  return page.evaluate(() => {
    const spans = new Map<string, { text: string; start: number }>();
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('wb-t-') && name !== 'wb-untagged') continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        const p = range.startContainer.parentElement!;
        const span = { text: range.toString(), start: Number(p.dataset.start) + range.startOffset };
        spans.set(`${span.start}:${span.text}`, span);
      }
    }
    return [...spans.values()].sort((a, b) => a.start - b.start);
  });
}

/** Where `needle` is in the text the reader shows (its paragraphs' data-start and their text). */
async function offsetInReader(page: Page, needle: string): Promise<number> {
  return page.evaluate((needle) => {
    for (const p of document.querySelectorAll<HTMLElement>('article.reader p')) {
      const at = p.textContent!.indexOf(needle);
      if (at !== -1) return Number(p.dataset.start) + at;
    }
    return -1;
  }, needle);
}

/** The spans every passage should be painted at, found in the text on the page. */
async function expectedSpans(page: Page, quotes: string[]): Promise<{ text: string; start: number }[]> {
  const spans = await Promise.all(quotes.map(async (text) => ({ text, start: await offsetInReader(page, text) })));
  for (const span of spans) expect(span.start, `“${span.text}” is in the reader`).toBeGreaterThanOrEqual(0);
  return spans.sort((a, b) => a.start - b.start);
}

test.describe('replacing a source’s text', () => {
  test('a multilingual note coded in four places: preview, replace, review the changed passage, undo — with no error', async ({
    app,
  }, testInfo) => {
    // Imports, codes four passages, previews at two window sizes, replaces and undoes: slow on a busy machine.
    test.setTimeout(150_000);
    await app.locator('#import-files').setInputFiles(NOTE);
    await expect(app.getByRole('region', { name: 'Imports' })).toContainText('Imported');
    await expect(app.getByRole('heading', { level: 2 })).toHaveText(TITLE);

    await code(app, PASSAGES.russian, 'Water flow');
    await code(app, PASSAGES.kazakh, 'Organised crime');
    await code(app, PASSAGES.dari, 'Water flow');
    await code(app, PASSAGES.english, 'Water flow');
    const list = app.getByRole('list', { name: 'Passages' });
    await expect(list.getByRole('listitem')).toHaveCount(4);
    const before = await expectedSpans(app, Object.values(PASSAGES));
    await expect.poll(() => paintedSpans(app)).toEqual(before);

    // See before you replace: what stays, what moves (with its changed words), what is lost.
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.getByLabel('New version of the source').setInputFiles(REVISED);
    const preview = app.getByRole('dialog', { name: `Replace the text of “${TITLE}”?` });
    await expect(preview).toBeVisible();
    const counts = preview.getByRole('list', { name: 'Passages after the change' });
    await expect(counts.getByRole('listitem')).toHaveText([
      '3 passages stay in place',
      '1 passage moved',
      '0 passages cannot be found',
    ]);
    await expect(preview).not.toContainText('passage(s)');
    const moving = preview.getByRole('region', { name: 'Passages that move' }).getByRole('listitem');
    await expect(moving).toHaveCount(1);
    await expect(moving.locator('del')).toHaveText(['15']);
    await expect(moving.locator('ins')).toHaveText(['12–15']);
    await expect(preview.getByRole('button', { name: 'Replace the text' })).toBeFocused();

    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.screenshot({ path: join(SCREENSHOTS, `replace-text-preview-${width}x${height}.png`) });
      await testInfo.attach(`preview at ${width}×${height}`, {
        path: join(SCREENSHOTS, `replace-text-preview-${width}x${height}.png`),
        contentType: 'image/png',
      });
      // Readable: the dialog's counts, its moved passage and its two buttons are inside the window.
      for (const part of [
        counts,
        moving.first(),
        preview.getByRole('button', { name: 'Cancel' }),
        preview.getByRole('button', { name: 'Replace the text' }),
      ])
        await expect(part).toBeInViewport();
    }

    // Escape cancels: nothing changes.
    await app.keyboard.press('Escape');
    await expect(preview).toBeHidden();
    await expect(app.getByRole('document', { name: 'Source text' })).not.toContainText('12–15 %');
    await expect.poll(() => paintedSpans(app)).toEqual(before);

    // The same file again; Enter on Apply replaces the text.
    await app.getByLabel('New version of the source').setInputFiles(REVISED);
    await expect(preview.getByRole('button', { name: 'Replace the text' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(preview).toBeHidden();

    const reader = app.getByRole('document', { name: 'Source text' });
    await expect(reader).toContainText('12–15 %');
    await expect(reader).toContainText('Обновлено: добавлены данные');
    await expect(app.getByRole('alert').filter({ hasText: /stopped working/ })).toHaveCount(0);
    await expect(
      app.getByText('The text was replaced. 1 passage moved: confirm it under Review.', { exact: false }),
    ).toBeVisible();

    // Unchanged passages: the same quotes, painted where those words now are; the changed one at its new words.
    const after = await expectedSpans(app, [...UNCHANGED, RUSSIAN_NOW]);
    expect(after.find((s) => s.text === PASSAGES.dari)!.start).toBeGreaterThan(
      before.find((s) => s.text === PASSAGES.dari)!.start,
    );
    await expect.poll(() => paintedSpans(app)).toEqual(after);

    // The changed passage waits in Review, its changed words marked.
    const review = app.getByRole('list', { name: 'Review queue' });
    await expect(review.getByRole('listitem')).toHaveCount(1);
    const moved = review.getByRole('listitem');
    await expect(moved).toContainText('Moved');
    await expect(moved).toContainText(`Coded: ${PASSAGES.russian}`);
    await expect(moved.locator('del')).toHaveText(['15']);
    await expect(moved.locator('ins')).toHaveText(['12–15']);
    await app.getByRole('tab', { name: /Passages/ }).click();
    for (const quote of UNCHANGED)
      await expect(list.getByRole('listitem').filter({ hasText: quote })).not.toContainText('moved');
    await expect(list.getByRole('listitem').filter({ hasText: PASSAGES.russian })).toContainText(
      'moved — confirm in Review',
    );

    // One step back: the old text, every passage where it was.
    await app.keyboard.press('Control+z');
    await expect(reader).not.toContainText('12–15 %');
    await expect(reader).not.toContainText('Обновлено');
    await expect.poll(() => paintedSpans(app)).toEqual(before);
    await expect(list.getByRole('listitem')).toHaveCount(4);
    await expect(list).not.toContainText('moved');
    await expect(app.getByRole('tab', { name: 'Review' })).toHaveText('Review');
    await expect(app.getByRole('alert').filter({ hasText: /stopped working/ })).toHaveCount(0);
  });
});

test.describe('correcting a source’s text', () => {
  test('the dialog shows, as the analyst types, which passages stay, move (changed words marked) or are lost', async ({
    app,
  }) => {
    test.setTimeout(120_000);
    await app.locator('#import-files').setInputFiles(NOTE);
    await expect(app.getByRole('heading', { level: 2 })).toHaveText(TITLE);
    await code(app, PASSAGES.russian, 'Water flow');
    await code(app, PASSAGES.english, 'Water flow');

    await app.getByRole('tab', { name: 'Details' }).click();
    await app.getByRole('button', { name: 'Correct the text…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Correct the text' });
    const editor = dialog.getByRole('textbox', { name: 'Source text' });
    await expect(dialog).toContainText('No correction yet: every passage stays where it is.');
    const original = await editor.inputValue();
    await editor.fill(
      original.replace('на 15 %', 'на 12–15 %').replace('the main water risk for the lower basin', 'a risk'),
    );
    const counts = dialog.getByRole('list', { name: 'Passages after the change' });
    await expect(counts.getByRole('listitem')).toHaveText([
      '0 passages stay in place',
      '1 passage moved',
      '1 passage cannot be found',
    ]);
    await expect(dialog.getByRole('region', { name: 'Passages that move' }).locator('ins')).toHaveText(['12–15']);
    await expect(dialog.getByRole('region', { name: 'Passages that cannot be found' })).toContainText(PASSAGES.english);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.screenshot({ path: join(SCREENSHOTS, `correct-text-plan-${width}x${height}.png`) });
      for (const part of [counts, dialog.getByRole('button', { name: 'Save text' })])
        await expect(part).toBeInViewport();
    }

    await dialog.getByRole('button', { name: 'Save text' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      app.getByText(
        'The corrected text was saved. 1 passage moved and 1 passage cannot be found: confirm them under Review.',
        { exact: false },
      ),
    ).toBeVisible();
    const review = app.getByRole('list', { name: 'Review queue' });
    await expect(review.getByRole('listitem')).toHaveCount(2);
    await expect(review.getByRole('listitem').filter({ hasText: 'Moved' }).locator('ins')).toHaveText(['12–15']);
    await expect(review.getByRole('listitem').filter({ hasText: 'Not found' })).toContainText(PASSAGES.english);
  });
});
