import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DATA_DIR, expect, test } from './fixtures';
import { textRect } from './reader-helpers';

/**
 * Desktop manners in the browser: the keys that the desktop menu's accelerators share (a browser tab
 * has no application menu, so its commands are reached through the same keys and the palette), the
 * shortcut sheet, recent exports, About, and the guard on unsaved typed input.
 */

const gridRows = (page: Page) =>
  page
    .getByRole('grid')
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });

/** Selects `needle` in the reader with the keyboard: click before it, then Shift+→ across it. */
async function selectWithKeyboard(page: Page, needle: string): Promise<void> {
  const rect = await textRect(page, needle);
  await page.mouse.click(rect.left + 1, (rect.top + rect.firstLineBottom) / 2);
  for (let i = 0; i < needle.length; i++) await page.keyboard.press('Shift+ArrowRight');
}

function exportedDocx(): Set<string> {
  const folder = join(DATA_DIR, 'exports');
  return new Set(existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.docx')) : []);
}

test.describe('keyboard shortcuts', () => {
  test('F1, Ctrl+/ and the palette open one searchable sheet built from the keymap', async ({ app }, testInfo) => {
    await app.keyboard.press('F1');
    const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    for (const group of [
      'Global',
      'Views',
      'Reader',
      'Passages',
      'Passage popover',
      'Register grid',
      'Dialogs',
      'Window',
    ]) {
      await expect(sheet.getByRole('heading', { name: group, exact: true })).toBeVisible();
    }
    await expect(sheet.getByRole('row', { name: /Export the open briefing/ })).toContainText('Ctrl+E');
    await expect(sheet.getByRole('row', { name: /Add a threat to the current register/ })).toContainText(
      'Ctrl+Shift+H',
    );
    await app.screenshot({ path: testInfo.outputPath('shortcut-sheet-light.png') });

    await sheet.getByRole('searchbox', { name: 'Find a shortcut' }).fill('passage');
    await expect(sheet.getByRole('row', { name: /Next passage/ })).toBeVisible();
    await expect(sheet.getByRole('row', { name: /Export the open briefing/ })).toHaveCount(0);
    // By the key itself, as it is written.
    await sheet.getByRole('searchbox', { name: 'Find a shortcut' }).fill('Ctrl+K');
    await expect(sheet.getByRole('row')).toHaveCount(1);
    await expect(sheet.getByRole('row')).toContainText('Go to anything');
    await sheet.getByRole('searchbox', { name: 'Find a shortcut' }).fill('nothing like this');
    await expect(sheet.getByRole('status')).toHaveText('No shortcut matches “nothing like this”.');
    await app.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    await app.keyboard.press('Control+/');
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('searchbox', { name: 'Find a shortcut' })).toHaveValue('');
    await sheet.getByRole('button', { name: 'Close' }).click();

    await app.keyboard.press('Control+k');
    await app.getByRole('combobox', { name: /Go to a view/ }).fill('keyboard');
    await app.keyboard.press('Enter');
    await expect(sheet).toBeVisible();

    // Right-to-left pages keep key names readable left to right.
    await app.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    await expect(sheet.locator('.shortcut-keys').first()).toHaveAttribute('dir', 'ltr');
    await app.screenshot({ path: testInfo.outputPath('shortcut-sheet-rtl.png') });
    await app.evaluate(() => document.documentElement.removeAttribute('dir'));
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: testInfo.outputPath('shortcut-sheet-dark.png') });
  });

  test('the palette lists the registry’s views and commands with their keys, and says why one cannot run', async ({
    app,
  }, testInfo) => {
    await app.setViewportSize({ width: 1366, height: 768 });
    await app.keyboard.press('Control+k');
    const palette = app.getByRole('dialog', { name: 'Go to anything' });
    const box = palette.getByRole('combobox', { name: /Go to a view/ });
    // With nothing typed: every view and command, each with its key where it has one.
    await expect(palette.getByRole('option', { name: /Go to\s*Passages\s*Ctrl\+5/ })).toBeVisible();
    await expect(palette.getByRole('option', { name: /Command\s*Export Briefing…\s*Ctrl\+E/ })).toBeVisible();
    await expect(palette.getByRole('option', { name: /Command\s*Back up…\s*Ctrl\+Shift\+S/ })).toBeVisible();
    // Nothing done yet, so nothing to undo: listed, dimmed, with the reason where the key would be.
    const undo = palette.getByRole('option', { name: /^Command\s*Undo/ });
    await expect(undo).toHaveAttribute('aria-disabled', 'true');
    await expect(undo).toContainText('There is nothing to undo.');
    await app.screenshot({ path: testInfo.outputPath('palette-1366x768.png') });

    // A key hint is searchable, as it is written.
    await box.fill('ctrl+shift+h');
    await expect(palette.getByRole('option').first()).toContainText('New Threat');
    await app.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(gridRows(app)).toHaveCount(13);
    await expect(
      app.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Title' }),
    ).toHaveValue('New threat');

    // Now there is something to undo, and the palette's Undo takes it back.
    // Reopened, the palette starts empty: keys typed at once after Ctrl+K are the whole query, not
    // added to the last one ('ctrl+shift+h').
    await app.locator('#register-heading').click();
    await app.keyboard.press('Control+k');
    await app.keyboard.type('undo');
    await expect(box).toHaveValue('undo');
    await expect(undo).not.toHaveAttribute('aria-disabled', 'true');
    await app.keyboard.press('Enter');
    await expect(gridRows(app)).toHaveCount(12);

    await app.keyboard.press('F1');
    await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await app.screenshot({ path: testInfo.outputPath('shortcut-sheet-1366x768.png') });
  });

  test('the menu’s commands run from their keys: new threat, search, paste, annotate, undo', async ({ app }) => {
    // New Threat (Ctrl+Shift+H): into the current register, selected, its title ready to type over.
    await app.keyboard.press('Control+2');
    await expect(gridRows(app)).toHaveCount(12);
    await app.keyboard.press('Control+Shift+H');
    await expect(gridRows(app)).toHaveCount(13);
    const title = app.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Title' });
    await expect(title).toHaveValue('New threat');
    await expect(title).toBeFocused();
    await app.keyboard.type('Water shortage in the Fergana valley');
    await app.keyboard.press('Enter');
    await expect(gridRows(app).filter({ hasText: 'Water shortage in the Fergana valley' })).toHaveCount(1);
    // Undo (Ctrl+Z) reaches the workspace's undo stack once the focus has left the text field.
    await app.locator('#register-heading').click();
    await app.keyboard.press('Control+z');
    await expect(gridRows(app).filter({ hasText: 'Water shortage in the Fergana valley' })).toHaveCount(0);
    await app.keyboard.press('Control+z');
    await expect(gridRows(app)).toHaveCount(12);
    await app.keyboard.press('Control+Shift+z');
    await expect(gridRows(app)).toHaveCount(13);

    // Search (Ctrl+Shift+F): the Search view, the keyboard in its box.
    await app.keyboard.press('Control+Shift+F');
    await expect(app.getByRole('searchbox', { name: 'Search the workspace' })).toBeFocused();

    // Paste as Source (Ctrl+Shift+P): the Sources view's paste dialog.
    await app.keyboard.press('Control+Shift+P');
    const paste = app.getByRole('dialog', { name: 'Paste text' });
    await expect(paste).toBeVisible();
    await paste.getByRole('button', { name: 'Cancel' }).click();
    await expect(paste).toBeHidden();

    // New Passage from Selection (Ctrl+Shift+A) with nothing selected says what to do.
    await app.getByRole('document', { name: 'Source text' }).click();
    await app.keyboard.press('Control+Shift+A');
    await expect(
      app.getByRole('status').or(app.getByRole('alert')).filter({ hasText: 'Select a passage in the text first' }),
    ).toBeVisible();
    // …and with a keyboard selection opens the coding popover on it.
    await selectWithKeyboard(app, 'public order');
    await app.keyboard.press('Control+Shift+A');
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await expect(editor.locator('blockquote')).toHaveText('public order');
  });

  test('the desktop menu hears which commands cannot run now and which settings are on: Undo and Redo follow the history, Whole Text its setting', async ({
    app,
  }) => {
    // What the renderer tells main (the desktop greys these menu items out and checks these settings; the
    // preview's bridge only answers).
    const told: { disabled: string[]; checked: string[] }[] = [];
    app.on('request', (request) => {
      if (!request.url().endsWith('/api/setMenuState')) return;
      const [state] = JSON.parse(request.postData() ?? '[]') as [{ disabled: string[]; checked: string[] }];
      told.push(state);
    });
    const latest = () => told.at(-1)?.disabled ?? [];
    const checked = () => told.at(-1)?.checked ?? [];
    await app.keyboard.press('Control+2');
    await expect(gridRows(app)).toHaveCount(12);
    await app.keyboard.press('Control+Shift+H');
    await expect(gridRows(app)).toHaveCount(13);
    await app.locator('#register-heading').click();
    // Out of the text field: Undo has a step to undo, Redo none; New Passage has no reader to answer it here.
    const greyed = (...ids: string[]) => [...latest()].filter((id) => ids.includes(id)).sort();
    await expect.poll(() => greyed('undo', 'redo', 'annotation:new')).toEqual(['annotation:new', 'redo']);
    await app.keyboard.press('Control+z');
    await expect(gridRows(app)).toHaveCount(12);
    await expect.poll(() => greyed('undo', 'redo')).toEqual(['undo']);
    // In a text field Undo is the field's own, so the item is enabled again while the focus is there.
    await app.getByLabel('Filter threats').focus();
    await expect.poll(latest).not.toContain('undo');

    // View › Whole Text on the Page is checked while the setting is on, whichever way it was turned on.
    expect(checked()).toEqual([]);
    await app.locator('#register-heading').click();
    await app.keyboard.press('Control+k');
    await app.keyboard.type('Whole Text on the Page');
    await app.keyboard.press('Enter');
    await expect.poll(checked).toEqual(['reader:whole-text']);
    await app.keyboard.press('Control+1');
    await app.getByRole('button', { name: 'Whole text' }).click();
    await expect.poll(checked).toEqual([]);
  });

  test('Ctrl+E exports the open briefing; the file is listed under recent exports and in the palette', async ({
    app,
  }, testInfo) => {
    // With no briefing yet the command says what to do instead.
    await app.keyboard.press('Control+e');
    await expect(app.getByText('There is no briefing to export yet.')).toBeVisible();
    await app.getByRole('button', { name: 'New briefing' }).first().click();
    await expect(app.getByRole('heading', { name: 'Details', exact: true })).toBeVisible();
    await app.getByRole('textbox', { name: 'Title', exact: true }).fill('Shortcut briefing');
    await app.getByRole('heading', { name: 'Preview' }).click();

    const before = exportedDocx();
    await app.keyboard.press('Control+e');
    // Writing the .docx can take a while on a busy machine.
    await expect.poll(() => [...exportedDocx()].filter((f) => !before.has(f)).length, { timeout: 30_000 }).toBe(1);
    const written = [...exportedDocx()].filter((f) => !before.has(f));
    expect(written[0]).toMatch(/Shortcut briefing.*\.docx$/);

    const recent = app.getByRole('list', { name: 'Recent exports' });
    await expect(recent.getByRole('listitem').first()).toContainText(written[0]!, { timeout: 30_000 });
    await expect(recent.getByRole('listitem').first()).toContainText('Briefing');
    await app.screenshot({ path: testInfo.outputPath('recent-exports.png') });
    // Opening files is the desktop's; the browser preview says where the file is.
    await recent.getByRole('button', { name: `Open ${written[0]}` }).click();
    await expect(
      app.getByText(
        `Opening files is only available in the desktop app. The file is saved at ${join(DATA_DIR, 'exports', written[0]!)}.`,
      ),
    ).toBeVisible();

    // From another view, Ctrl+E comes back to the briefing and exports it again.
    await app.keyboard.press('Control+1');
    await app.keyboard.press('Control+e');
    await expect.poll(() => [...exportedDocx()].filter((f) => !before.has(f)).length, { timeout: 30_000 }).toBe(2);

    await app.keyboard.press('Control+k');
    await app.getByRole('combobox', { name: /Go to a view/ }).fill('Shortcut briefing');
    await expect(app.getByRole('option', { name: /Recent export.*Shortcut briefing/ }).first()).toBeVisible();
    await app.keyboard.press('Escape');

    await recent.getByRole('listitem').first().waitFor();
    await app.getByRole('region', { name: 'Recent exports' }).getByRole('button', { name: 'Clear' }).click();
    await expect(app.getByText('Nothing exported yet.')).toBeVisible();
  });

  test('About shows the version, runtime, licence and a copyable data folder', async ({ app }) => {
    await app.keyboard.press('Control+k');
    await app.getByRole('combobox', { name: /Go to a view/ }).fill('About');
    await app.keyboard.press('Enter');
    const about = app.getByRole('dialog', { name: 'Analyst Workbench' });
    await expect(about).toContainText('0.1.0');
    await expect(about).toContainText('Node.js');
    await expect(about).toContainText('Licence');
    await expect(about.getByRole('textbox', { name: 'Data folder' })).toHaveValue(DATA_DIR);
    await about.getByRole('button', { name: 'Copy' }).click();
    await expect(about.getByRole('status')).toContainText(/Copied the data folder’s path|press Ctrl\+C/);
  });
});

test.describe('unsaved typed input', () => {
  test('the annotation popover asks before dropping a note: on Escape, on Cancel and when leaving the view', async ({
    app,
  }, testInfo) => {
    await selectWithKeyboard(app, 'public order');
    await app.keyboard.press('a');
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await editor.getByRole('textbox', { name: 'Note' }).fill('Check against the 2023 figures.');

    await app.keyboard.press('Escape');
    const prompt = app.getByRole('alertdialog', { name: 'Discard the note you typed?' });
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await app.screenshot({ path: testInfo.outputPath('discard-prompt.png') });
    // Escape on the prompt keeps editing (and is not taken by the popover as well).
    await app.keyboard.press('Escape');
    await expect(prompt).toBeHidden();
    await expect(editor.getByRole('textbox', { name: 'Note' })).toHaveValue('Check against the 2023 figures.');

    // Leaving the view asks too; keeping editing stays here.
    await app
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /Register/ })
      .click();
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Keep editing' }).click();
    await expect(app.getByRole('heading', { name: 'Sources', level: 1 })).toBeVisible();
    await expect(editor).toBeVisible();
    await editor.getByRole('textbox', { name: 'Note' }).focus();
    await app.keyboard.press('Control+2');
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Keep editing' }).click();
    await expect(editor).toBeVisible();

    await editor.getByRole('button', { name: 'Cancel' }).click();
    await prompt.getByRole('button', { name: 'Discard' }).click();
    await expect(editor).toBeHidden();
    await expect(
      app
        .getByRole('list', { name: 'Passages' })
        .getByRole('listitem')
        .filter({ hasText: /^public order/ }),
    ).toHaveCount(0);

    // An untouched popover closes at once.
    await selectWithKeyboard(app, 'public order');
    await app.keyboard.press('a');
    await expect(editor).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(editor).toBeHidden();
    await expect(prompt).toBeHidden();
  });

  test('closing or reloading the window with typed input asks first (beforeunload)', async ({ app }) => {
    await app.keyboard.press('Control+Shift+P');
    const paste = app.getByRole('dialog', { name: 'Paste text' });
    await paste.getByRole('textbox', { name: 'Text' }).fill('Draft text pasted from a report.');
    await app.keyboard.press('Escape');
    const prompt = app.getByRole('alertdialog', { name: 'Discard the text you pasted?' });
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Keep editing' }).click();
    await expect(paste.getByRole('textbox', { name: 'Text' })).toHaveValue('Draft text pasted from a report.');

    const asked: string[] = [];
    app.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await app.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(['beforeunload']);
  });

  test('nothing typed, nothing asked: a clean window closes without a prompt', async ({ app }) => {
    const asked: string[] = [];
    app.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await app.keyboard.press('Control+Shift+P');
    await app.getByRole('dialog', { name: 'Paste text' }).getByRole('button', { name: 'Cancel' }).click();
    await app.close({ runBeforeUnload: true });
    expect(asked).toEqual([]);
  });

  test('the CSV column mapping and a rating rationale ask before they are dropped', async ({ app }) => {
    await app.keyboard.press('Control+2');
    // Choose the file once the register is in (its grid is drawn again when the whole register arrives).
    await expect(app.getByText('Loading the whole register…')).toBeHidden();
    await expect(app.getByText('12 threats')).toBeVisible();
    await app.getByLabel('CSV file to import').setInputFiles({
      name: 'threats.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Title,Likelihood,Impact,Notes\nFlooding,3,4,seasonal\n'),
    });
    const csv = app.getByRole('dialog', { name: 'Import “threats.csv”' });
    await expect(csv).toBeVisible();
    // Untouched (the guessed mapping), Cancel closes at once.
    await csv.getByRole('button', { name: 'Cancel' }).click();
    await expect(csv).toBeHidden();

    await app.getByLabel('CSV file to import').setInputFiles({
      name: 'threats.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Title,Likelihood,Impact,Notes\nFlooding,3,4,seasonal\n'),
    });
    await expect(csv).toBeVisible();
    await csv.getByRole('combobox').first().selectOption({ index: 0 });
    await app.keyboard.press('Escape');
    const prompt = app.getByRole('alertdialog', { name: 'Discard the column mapping you chose for this CSV file?' });
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Discard' }).click();
    await expect(csv).toBeHidden();

    await gridRows(app).first().getByRole('gridcell').first().click();
    await app.getByRole('button', { name: 'Change rating…' }).click();
    await app.getByRole('textbox', { name: 'Rationale' }).fill('New reporting from Termez.');
    await app.getByRole('form', { name: 'Change rating' }).getByRole('button', { name: 'Cancel' }).click();
    const rationale = app.getByRole('alertdialog', { name: 'Discard the rationale you typed?' });
    await expect(rationale).toBeVisible();
    await rationale.getByRole('button', { name: 'Keep editing' }).click();
    await expect(app.getByRole('textbox', { name: 'Rationale' })).toHaveValue('New reporting from Termez.');
  });
});
