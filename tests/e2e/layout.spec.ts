import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { selectWithMouse } from './reader-helpers';

// Issue 17, points 2, 3 and 8: the register fits a laptop, works by keyboard, and a new threat is unrated.
const grid = (page: Page) => page.getByRole('grid', { name: 'Threats' });
const rows = (page: Page) => grid(page).locator('tbody tr[data-threat-id]');
const SHOTS = '/tmp/layout';

async function openRegister(page: Page) {
  await page.keyboard.press('Control+2');
  await expect(rows(page)).toHaveCount(12);
}

/** How many grid rows are wholly inside the grid's scroll area. */
async function rowsInView(page: Page): Promise<number> {
  return grid(page).evaluate((el) => {
    const scroller = el.getBoundingClientRect();
    const header = el.querySelector('thead')!.getBoundingClientRect();
    return [...el.querySelectorAll('tbody tr[data-threat-id]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= header.bottom - 1 && r.bottom <= scroller.bottom + 1;
    }).length;
  });
}

for (const size of [
  { width: 1280, height: 720, rows: 8 },
  { width: 1366, height: 768, rows: 10 },
  { width: 1440, height: 900, rows: 12 },
]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the register shows its rows, one toolbar row, and every column can be reached', async ({ app }) => {
      await openRegister(app);
      await app.screenshot({ path: `${SHOTS}/register-${size.width}.png` });
      expect(await rowsInView(app)).toBeGreaterThanOrEqual(size.rows);
      // The threat actions sit on one row.
      const toolbar = app.getByRole('toolbar', { name: 'Threats' });
      const tops = await toolbar
        .locator(':scope > button, :scope > .menu-anchor')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(new Set(tops).size).toBe(1);
      // Every column is on screen or reachable by scrolling the grid sideways.
      await grid(app).evaluate((el) => (el.scrollLeft = el.scrollWidth));
      const last = grid(app).getByRole('columnheader', { name: 'Evidence' });
      await expect(last).toBeInViewport();
      // The inspector opens on a selection, can be closed, and comes back with the next selection.
      await rows(app).first().getByRole('gridcell').first().click();
      const inspector = app.getByRole('complementary', { name: 'Inspector' });
      await expect(inspector).toBeVisible();
      await app.screenshot({ path: `${SHOTS}/register-inspector-${size.width}.png` });
      await inspector.getByRole('button', { name: 'Close the inspector' }).click();
      await expect(inspector).toHaveCount(0);
      await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
      await rows(app).nth(1).getByRole('gridcell').first().click();
      await expect(inspector).toBeVisible();
    });
  });
}

test.describe('at 150 % zoom (960×600 CSS pixels at device scale 1.5)', () => {
  test.use({ viewport: { width: 960, height: 600 }, deviceScaleFactor: 1.5 });

  test('the grid keeps a height and shows threats', async ({ app }) => {
    await openRegister(app);
    await app.screenshot({ path: `${SHOTS}/register-zoom150.png` });
    const height = await grid(app).evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(150);
    expect(await rowsInView(app)).toBeGreaterThanOrEqual(3);
    // Folding the heat map away gives the rows more room, and it stays folded after a reload.
    await app.getByRole('button', { name: 'Heat map' }).click();
    await expect(app.getByRole('table', { name: 'Heat map' })).toBeHidden();
    await app.reload();
    await expect(rows(app).first()).toBeVisible();
    await expect(app.getByRole('table', { name: 'Heat map' })).toBeHidden();
    await app.getByRole('button', { name: 'Heat map' }).click();
    await expect(app.getByRole('table', { name: 'Heat map' })).toBeVisible();
  });

  test('the reader column stays readable', async ({ app }) => {
    await app.keyboard.press('Control+1');
    const reader = app.getByRole('document', { name: 'Source text' });
    await expect(reader).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/reader-zoom150.png` });
    const width = await reader.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(320);
  });

  test('the reader and the briefing preview: no sideways cut, text as large as the interface’s, one tab stop', async ({
    app,
  }) => {
    const bodySize = await app.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const reader = app.getByRole('document', { name: 'Source text' });
    await expect(reader).toBeVisible();
    const text = await reader.evaluate((el) => ({
      size: parseFloat(getComputedStyle(el.querySelector('p')!).fontSize),
      cut: el.parentElement!.scrollWidth - el.parentElement!.clientWidth,
    }));
    expect(text.size).toBeGreaterThanOrEqual(bodySize);
    expect(text.cut).toBeLessThanOrEqual(0);

    await app.keyboard.press('Control+4');
    await app.getByRole('button', { name: 'New briefing' }).first().click();
    const preview = app.getByRole('document', { name: 'Briefing preview' });
    await expect(preview.locator('.sheet').first()).toBeVisible();
    await app.screenshot({ path: '/tmp/a11y/briefing-zoom150.png' });
    const sheet = await preview.evaluate((el) => {
      const size = (selector: string) =>
        [...el.querySelectorAll<HTMLElement>(selector)].map((e) => parseFloat(getComputedStyle(e).fontSize));
      return {
        cut: el.scrollWidth - el.clientWidth,
        sheetCut: [...el.querySelectorAll('.sheet')].some((s) => s.scrollWidth > s.clientWidth + 1),
        paragraphs: size('.sheet p'),
        notes: size('.sheet-notes li'),
        links: el.querySelectorAll('a').length,
        tabbableLinks: [...el.querySelectorAll<HTMLElement>('a, button, input')].filter((e) => e.tabIndex >= 0).length,
      };
    });
    expect(sheet.cut).toBeLessThanOrEqual(0);
    expect(sheet.sheetCut).toBe(false);
    expect(Math.min(...sheet.paragraphs)).toBeGreaterThanOrEqual(bodySize - 1);
    expect(sheet.notes.length).toBeGreaterThan(0);
    expect(Math.min(...sheet.notes)).toBeGreaterThanOrEqual(bodySize);
    // The footnote marks are there but are not tab stops; the preview itself is one, to scroll by keyboard.
    expect(sheet.links).toBeGreaterThan(0);
    expect(sheet.tabbableLinks).toBe(0);
    await preview.focus();
    await expect(preview).toBeFocused();
    await app.keyboard.press('Tab');
    expect(await preview.evaluate((el) => el.contains(document.activeElement))).toBe(false);
  });
});

test.describe('keyboard', () => {
  test('a skip link, the view heading after Ctrl+2, the heat map as one tab stop and Tab out of the grid', async ({
    app,
  }) => {
    await app.keyboard.press('Tab');
    const skip = app.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await openRegister(app);
    await expect(app.getByRole('heading', { level: 1 })).toBeFocused();

    // The heat map: one tab stop, arrows move inside it.
    const heat = app.getByRole('table', { name: 'Heat map' });
    await heat.getByRole('button').first().focus();
    await expect(heat.locator('button[tabindex="0"]')).toHaveCount(1);
    await app.keyboard.press('ArrowRight');
    await expect(heat.getByRole('button', { name: /Likelihood 5 .*impact 2/ })).toBeFocused();
    await app.keyboard.press('Tab');
    await expect(heat.getByRole('button').filter({ has: app.locator(':focus') })).toHaveCount(0);
    expect(await heat.evaluate((el) => el.contains(document.activeElement))).toBe(false);

    // Into the grid, arrows move, Tab leaves it.
    await grid(app).focus();
    await app.keyboard.press('ArrowDown');
    await app.keyboard.press('ArrowRight');
    await expect(grid(app)).toBeFocused();
    await app.keyboard.press('Tab');
    expect(await grid(app).evaluate((el) => el.contains(document.activeElement))).toBe(false);

    // The cell editor: Tab goes round its controls, Escape cancels, Enter in the field saves.
    await grid(app).focus();
    await app.keyboard.press('ArrowRight'); // Likelihood
    await app.keyboard.press('Enter');
    const editor = app.getByRole('dialog', { name: 'Edit Likelihood' });
    await expect(editor.getByRole('spinbutton', { name: 'Likelihood' })).toBeFocused();
    await app.keyboard.press('Shift+Tab');
    await expect(editor.getByRole('button', { name: 'Lower likelihood' })).toBeFocused();
    await app.keyboard.press('Tab');
    await app.keyboard.press('Tab');
    await expect(editor.getByRole('textbox', { name: 'Rationale for the change' })).toBeFocused();
    await app.keyboard.press('Tab');
    await app.keyboard.press('Tab');
    await expect(editor.getByRole('button', { name: 'Save' })).toBeFocused();
    // From the last control Tab goes round to the first; the focus never leaves the editor.
    await app.keyboard.press('Tab');
    await expect(editor.getByRole('button', { name: 'Lower likelihood' })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(grid(app)).toBeFocused();

    // Column filters live outside the grid's roles and sort from the keyboard (Alt+↓).
    const filters = app.getByRole('group', { name: 'Column filters' });
    await filters.getByRole('textbox', { name: 'Filter Threat' }).focus();
    await app.keyboard.press('Alt+ArrowDown');
    await expect(grid(app).getByRole('columnheader', { name: /Threat/ })).toHaveAttribute('aria-sort', 'descending');
    expect(await grid(app).locator('input').count()).toBe(0);
  });
});

test.describe('a threat not yet rated', () => {
  test('a new threat is "not rated" in the grid, the heat map counts it apart, and rating it scores it', async ({
    app,
  }) => {
    await openRegister(app);
    const unrated = app.getByTestId('unrated-count');
    await expect(unrated).toHaveText('0 not rated');
    await app.getByRole('button', { name: 'Add threat' }).click();
    await expect(rows(app)).toHaveCount(13);
    const fresh = rows(app).filter({ hasText: 'New threat' });
    await expect(fresh.getByRole('gridcell', { name: /^Score:/ })).toHaveText('not rated');
    await expect(fresh.getByRole('gridcell', { name: /^Likelihood:/ })).toHaveText('not rated');
    // Sorted by score, unrated threats come last.
    await expect(rows(app).last()).toContainText('New threat');
    await expect(unrated).toHaveText('1 not rated');
    const heatTotal = await app
      .getByRole('table', { name: 'Heat map' })
      .getByRole('button')
      .evaluateAll((cells) => cells.reduce((n, c) => n + Number(c.textContent || 0), 0));
    expect(heatTotal).toBe(12);

    const inspector = app.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'Rate…' }).click();
    const form = inspector.getByRole('form', { name: 'Change rating' });
    await form.getByRole('combobox', { name: /Likelihood/ }).selectOption('4');
    await form.getByRole('combobox', { name: /Impact/ }).selectOption('5');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect(fresh.getByRole('gridcell', { name: /^Score:/ })).toHaveText('20');
    await expect(unrated).toHaveText('0 not rated');
  });
});

test.describe('focus after an action', () => {
  test('New briefing, Add key judgment and removing a country column leave the focus on the new thing', async ({
    app,
  }) => {
    await app.keyboard.press('Control+4');
    await app.getByRole('button', { name: 'New briefing' }).first().click();
    await expect(app.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused();
    await app.getByRole('button', { name: 'Add key judgment' }).click();
    await expect(app.getByRole('textbox', { name: 'Key judgment 1' })).toBeFocused();
    await expect(app.getByRole('textbox', { name: 'Key judgment 1' })).toBeInViewport();
    // A second judgment from the keyboard: focus and view follow the new one.
    await app.getByRole('button', { name: 'Add key judgment' }).focus();
    await app.keyboard.press('Space');
    await expect(app.getByRole('textbox', { name: 'Key judgment 2' })).toBeFocused();
    await expect(app.getByRole('textbox', { name: 'Key judgment 2' })).toBeInViewport();

    await app.keyboard.press('Control+3');
    const remove = app.getByRole('button', { name: / from the comparison$/ });
    await expect(remove.first()).toBeVisible();
    const before = await remove.count();
    expect(before).toBeGreaterThan(2);
    await remove.first().click();
    await expect(remove).toHaveCount(before - 1);
    expect(await app.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
      / from the comparison$/,
    );
  });
});

test.describe('the focused field stays in sight', () => {
  /**
   * Puts `field` (focused) at the bottom edge of the pane that scrolls it, makes the window 200 px shorter
   * (the same loss of height as a panel growing above the pane) and checks the field is still wholly in view.
   */
  async function shrinkUnder(app: Page, field: Locator): Promise<void> {
    await expect(field).toBeFocused();
    const scrolled = await field.evaluate((el) => {
      let pane = el.parentElement!;
      while (!/auto|scroll/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement!;
      pane.scrollTop += el.getBoundingClientRect().bottom - pane.getBoundingClientRect().bottom + 4;
      pane.dataset.testPane = '';
      return pane.scrollTop;
    });
    const pane = app.locator('[data-test-pane]');
    await expect(field).toBeInViewport({ ratio: 1 });
    const size = app.viewportSize()!;
    await app.setViewportSize({ width: size.width, height: size.height - 200 });
    await expect(field).toBeFocused();
    await expect(field).toBeInViewport({ ratio: 1 });
    // Scrolled by the pane, not by something else that moved the field.
    expect(await pane.evaluate((el) => el.scrollTop)).toBeGreaterThan(scrolled);
    await app.setViewportSize(size);
    await pane.evaluate((el) => delete el.dataset.testPane);
  }

  test('a key judgment being typed in stays in view when the composer pane gets shorter', async ({ app }) => {
    await app.keyboard.press('Control+4');
    await app.getByRole('button', { name: 'New briefing' }).first().click();
    const add = app.getByRole('button', { name: 'Add key judgment' });
    for (let n = 1; n <= 4; n++) await add.click();
    const last = app.getByRole('textbox', { name: 'Key judgment 4' });
    await last.pressSequentially('Flows through the Kosh-Tepa canal');
    // Settled first: the save and the check before export change what is above the pane.
    await expect(app.locator('.composer .draft-state')).toHaveText('Briefing saved');
    await shrinkUnder(app, last);

    // A field scrolled away from on purpose is left where it is.
    const body = app.locator('.composer-body');
    await body.evaluate((pane) => (pane.scrollTop = 0));
    await expect(last).not.toBeInViewport();
    const size = app.viewportSize()!;
    await app.setViewportSize({ width: size.width, height: size.height - 260 });
    await app.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await body.evaluate((pane) => pane.scrollTop)).toBe(0);
    await app.setViewportSize(size);
  });

  test('a key judgment added as a new briefing opens is still in view once the briefing’s evidence has loaded', async ({
    app,
  }) => {
    await app.keyboard.press('Control+4');
    await app.getByRole('button', { name: 'New briefing' }).first().click();
    await app.getByRole('button', { name: 'Add key judgment' }).click();
    const field = app.getByRole('textbox', { name: 'Key judgment 1' });
    await expect(field).toBeFocused();
    // Added before the evidence list had loaded, the judgment was pushed out of view as the list filled in
    // above it; the composer now shows the judgments once the list is there. Settled: saved, the evidence list above the judgments filled in and the check before export shown.
    await expect(app.locator('.composer .draft-state')).toHaveText('Briefing saved');
    await expect(app.getByRole('spinbutton', { name: 'Quotes per threat' })).toBeVisible();
    await app.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect(field).toBeFocused();
    await expect(field).toBeInViewport();
  });

  test('so does a field in the threat inspector', async ({ app }) => {
    await app.keyboard.press('Control+2');
    await app.getByRole('row').nth(1).click();
    const inspector = app.getByRole('complementary', { name: 'Inspector' });
    const search = inspector.getByRole('searchbox', { name: 'Link a passage' });
    await search.focus();
    await search.pressSequentially('canal');
    await shrinkUnder(app, search);
  });
});

test.describe('focus after saving a passage, and dialogs that hold and return the focus', () => {
  const reader = (page: Page) => page.getByRole('document', { name: 'Source text' });
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

  test('the annotate popover keeps Tab inside, Escape returns to the reader at the selection, Save to the new card', async ({
    app,
  }) => {
    const words = 'effective armed forces have been created';
    await selectWithMouse(app, words);
    await expect(reader(app)).toBeFocused();
    await app.keyboard.press('a');
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await expect(editor.getByRole('combobox', { name: 'Tags' })).toBeFocused();
    // Shift+Tab from the first control goes round to Save; Tab from Save back to the first.
    await app.keyboard.press('Shift+Tab');
    await expect(editor.getByRole('button', { name: 'Save' })).toBeFocused();
    await app.keyboard.press('Tab');
    await expect(editor.getByRole('combobox', { name: 'Tags' })).toBeFocused();
    for (let i = 0; i < 12; i++) {
      await app.keyboard.press('Tab');
      expect(await editor.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    // Escape: back in the reader, the words still selected (A annotates them again).
    await app.keyboard.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(reader(app)).toBeFocused();
    expect(await app.evaluate(() => window.getSelection()?.toString())).toBe(words);

    // Saved: the new passage's card has the focus.
    await app.keyboard.press('a');
    await editor.getByRole('textbox', { name: 'Note' }).fill('Focus lands on this card.');
    await app.keyboard.press('Control+Enter');
    await expect(editor).toHaveCount(0);
    const card = app.getByRole('list', { name: 'Passages' }).getByRole('button').filter({ hasText: words });
    await expect(card).toBeFocused();
    await expect(card).toBeInViewport();

    // Editing it from its card (E) and saving leaves the focus on the same card.
    await app.keyboard.press('e');
    const edit = app.getByRole('dialog', { name: 'Edit passage' });
    await expect(edit).toBeVisible();
    await edit.getByRole('textbox', { name: 'Note' }).fill('Edited; the focus stays on the card.');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toHaveCount(0);
    await expect(card).toBeFocused();
    // The card shows the saved note once the write is read back (a render or two after the dialog closes).
    await expect.poll(() => focusedText(app)).toContain('Edited; the focus stays on the card.');
  });

  test('every modal dialog keeps Tab inside and gives the focus back to where it was opened', async ({ app }) => {
    // Paste (opened by its button): Escape returns to the button.
    const paste = app.getByRole('button', { name: /^Paste/ });
    await paste.focus();
    await app.keyboard.press('Enter');
    const pasteDialog = app.getByRole('dialog', { name: 'Paste text' });
    await expect(pasteDialog).toBeVisible();
    for (let i = 0; i < 8; i++) {
      await app.keyboard.press('Tab');
      expect(await pasteDialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await app.keyboard.press('Escape');
    await expect(pasteDialog).toBeHidden();
    await expect(paste).toBeFocused();

    // Settings (Ctrl+,) from the reader: Tab stays in, Escape returns to the reader.
    await reader(app).focus();
    await app.keyboard.press('Control+,');
    const settings = app.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    for (let i = 0; i < 25; i++) {
      await app.keyboard.press('Shift+Tab');
      expect(await settings.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await app.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await expect(reader(app)).toBeFocused();

    // The shortcut sheet opened from the palette returns past the closed palette, to the reader.
    await app.keyboard.press('Control+k');
    await app.keyboard.type('Keyboard shortcuts');
    await app.keyboard.press('Enter');
    const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    for (let i = 0; i < 4; i++) {
      await app.keyboard.press('Tab');
      expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await app.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(reader(app)).toBeFocused();
  });
});

test.describe('the Sources view’s side panes', () => {
  const listPane = (page: Page) => page.getByRole('region', { name: 'Sources' });
  const panel = (page: Page) => page.getByRole('complementary', { name: 'Source panel' });
  const widthOf = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().width));

  test('fold away and come back by keyboard, resize with the arrow keys, and are kept after a reload', async ({
    app,
  }) => {
    await expect(listPane(app)).toBeVisible();
    await expect(panel(app)).toBeVisible();

    // The source list's edge: → widens it by a step; the width survives a reload.
    const edge = app.getByRole('separator', { name: 'Resize the source list' });
    const before = await widthOf(app, '.list-pane');
    await edge.focus();
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('ArrowRight');
    await expect.poll(() => widthOf(app, '.list-pane')).toBe(before + 48);
    await expect(edge).toHaveAttribute('aria-valuenow', String(before + 48));

    // The source panel's edge: ← widens it (it sits on the right).
    const panelEdge = app.getByRole('separator', { name: 'Resize the source panel' });
    const panelBefore = await widthOf(app, '.side-pane');
    await panelEdge.focus();
    await app.keyboard.press('ArrowLeft');
    await expect.poll(() => widthOf(app, '.side-pane')).toBe(panelBefore + 24);

    // Folding the list: the toggle keeps the focus, now collapsed; the reader gets the room.
    const readerBefore = await widthOf(app, '.reader-pane');
    const listToggle = app.getByRole('button', { name: 'Source list' });
    await listToggle.focus();
    await expect(listToggle).toHaveAttribute('aria-expanded', 'true');
    await app.keyboard.press('Enter');
    await expect(listPane(app)).toBeHidden();
    await expect(listToggle).toHaveAttribute('aria-expanded', 'false');
    await expect(listToggle).toBeFocused();
    // The panel folds the same way.
    const panelToggle = app.getByRole('button', { name: 'Source panel' });
    await panelToggle.focus();
    await app.keyboard.press('Space');
    await expect(panel(app)).toBeHidden();
    await expect(panelToggle).toBeFocused();
    expect(await widthOf(app, '.reader-pane')).toBeGreaterThan(readerBefore + 400);
    await app.screenshot({ path: '/tmp/a11y/sources-folded.png' });

    // Ctrl+1 still finds the view's heading with the list folded.
    await app.keyboard.press('Control+2');
    await app.keyboard.press('Control+1');
    await expect(app.getByRole('heading', { level: 1, name: 'Sources' })).toBeFocused();

    await app.reload();
    await expect(app.getByRole('document', { name: 'Source text' })).toBeVisible();
    await expect(listPane(app)).toBeHidden();
    await expect(panel(app)).toBeHidden();
    await app.getByRole('button', { name: 'Source list' }).click();
    await app.getByRole('button', { name: 'Source panel' }).click();
    await expect(listPane(app)).toBeVisible();
    await expect(panel(app)).toBeVisible();
    expect(await widthOf(app, '.list-pane')).toBe(before + 48);
    expect(await widthOf(app, '.side-pane')).toBe(panelBefore + 24);
  });
});

test.describe('the Countries view’s inspector', () => {
  test('folds away, is resized by keyboard, is kept after a reload, and opens again on a chosen cell', async ({
    app,
  }) => {
    await app.keyboard.press('Control+3');
    const inspector = app.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector).toBeVisible();
    const width = () => inspector.evaluate((el) => Math.round(el.getBoundingClientRect().width));
    const before = await width();
    await app.getByRole('separator', { name: 'Resize the inspector' }).focus();
    await app.keyboard.press('ArrowLeft');
    await expect.poll(width).toBe(before + 24);
    const toggle = app.getByRole('button', { name: 'Inspector', exact: true });
    await toggle.focus();
    await app.keyboard.press('Enter');
    await expect(inspector).toBeHidden();
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await app.reload();
    await app.keyboard.press('Control+3');
    await expect(app.getByRole('heading', { level: 1, name: 'Countries' })).toBeVisible();
    await expect(inspector).toBeHidden();
    // Choosing a matrix cell opens it again, at the width it had.
    await app.getByRole('tab', { name: 'Country × threat matrix' }).click();
    await app
      .getByRole('table', { name: 'Country × threat matrix' })
      .getByRole('button', { name: /^Kosh-Tepa canal.* — Uzbekistan:/ })
      .click();
    await expect(inspector).toBeVisible();
    expect(await width()).toBe(before + 24);
  });
});

for (const size of [
  { width: 1280, height: 720, scale: 1, name: '1280' },
  { width: 1366, height: 768, scale: 1, name: '1366' },
  { width: 1440, height: 900, scale: 1, name: '1440' },
  { width: 960, height: 600, scale: 1.5, name: 'zoom150' },
]) {
  test.describe(`Sources and Countries at ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });

    test('the side panes and the reader fit the window', async ({ app }) => {
      const reader = app.getByRole('document', { name: 'Source text' });
      await expect(reader).toBeVisible();
      await app.screenshot({ path: `/tmp/a11y/sources-${size.name}.png` });
      const layout = await app.locator('.sources-layout').evaluate((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        reader: document.querySelector('.reader-pane')!.getBoundingClientRect().width,
      }));
      expect(layout.scroll).toBeLessThanOrEqual(layout.client);
      expect(layout.reader).toBeGreaterThan(320);
      await app.keyboard.press('Control+3');
      await expect(app.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
      await app.screenshot({ path: `/tmp/a11y/countries-${size.name}.png` });
    });
  });
}

test.describe('visible focus', () => {
  /** What shows where the focus is: the focused control's ring (outline or inset shadow), or its box's. */
  const ringOf = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing focused';
      for (const node of [el, el.closest('.picker-box')]) {
        if (!node) continue;
        const style = getComputedStyle(node);
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return 'ring';
        if (style.boxShadow !== 'none') return 'ring';
      }
      return `no ring on ${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${el.getAttribute('aria-label') ?? el.getAttribute('type') ?? el.textContent?.slice(0, 40)}`;
    });

  test('the palette input, the date field and every tab stop of Sources and Briefings show a focus ring', async ({
    app,
  }) => {
    await app.keyboard.press('Control+k');
    await expect(app.getByRole('combobox', { name: /^Go to a view/ })).toBeFocused();
    expect(await ringOf(app)).toBe('ring');
    await app.keyboard.press('Escape');

    // Every tab stop from the top of the Sources view.
    const missing = new Set<string>();
    await app.getByRole('heading', { level: 1, name: 'Sources' }).focus();
    for (let i = 0; i < 30; i++) {
      await app.keyboard.press('Tab');
      const ring = await ringOf(app);
      if (ring !== 'ring') missing.add(ring);
    }

    // The briefing's date field, clicked (Chromium gives a clicked date field no ring of its own).
    await app.keyboard.press('Control+4');
    await app.getByRole('button', { name: 'New briefing' }).first().click();
    await app.getByLabel('Date', { exact: true }).click();
    const date = await ringOf(app);
    if (date !== 'ring') missing.add(date);
    for (let i = 0; i < 30; i++) {
      await app.keyboard.press('Tab');
      const ring = await ringOf(app);
      if (ring !== 'ring') missing.add(ring);
    }
    expect([...missing]).toEqual([]);
  });
});
