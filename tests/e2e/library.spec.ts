// The library at an institute's size: 1,200 sources, brought in as one Zotero export, as a desk that has
// kept its reading for years would. Only the entries near the screen are on the page; the keyboard, the
// current source and the passage counts work over the whole list as over a short one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SAMPLE_TITLE, scratchFolder, test } from './fixtures';

const COUNT = 1200;

/** A RIS export of `COUNT` reports, titled "Field report 0001 …" to "Field report 1200 …". */
function risLibrary(): string {
  const folder = scratchFolder('library');
  const entries = Array.from({ length: COUNT }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return [
      'TY  - RPRT',
      `TI  - Field report ${n}: border crossings at Termez and the Amu Darya`,
      'AU  - Institute desk',
      `PY  - ${2000 + (i % 25)}`,
      'ER  - ',
      '',
    ].join('\n');
  });
  const path = join(folder, 'desk-library.ris');
  writeFileSync(path, entries.join('\n'));
  return path;
}

const twoFrames = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Whether a library entry is wholly in view: below the pane's sticky header and above its bottom. */
function wholeInPane(entry: Element): boolean {
  const pane = entry.closest('.list-pane')!;
  const header = pane.querySelector('.pane-header')!.getBoundingClientRect();
  const box = entry.getBoundingClientRect();
  return box.top >= header.bottom - 1 && box.bottom <= pane.getBoundingClientRect().bottom + 1;
}

/** The library entry that has the keyboard focus: its title, and whether it is wholly in the pane's view. */
function focusedEntry(page: Page) {
  return page.evaluate(() => {
    const button = document.activeElement as HTMLElement | null;
    const pane = document.querySelector('.list-pane')!;
    const header = pane.querySelector('.pane-header')!.getBoundingClientRect();
    const view = pane.getBoundingClientRect();
    const box = button?.getBoundingClientRect();
    return {
      title:
        button
          ?.closest('li')
          ?.querySelector('.item-title')
          ?.textContent?.replace(/^\S+\s/, '') ?? '',
      inView: !!box && box.top >= header.bottom - 1 && box.bottom <= view.bottom + 1,
    };
  });
}

test('a library of 1,200 sources: only the entries near the screen are on the page, and the keyboard, the current source and the counts work over all of them', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const chooser = app.waitForEvent('filechooser');
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /^Go to a view/ }).fill('Import References (Zotero)');
  await app.keyboard.press('Enter');
  await (await chooser).setFiles(risLibrary());
  const dialog = app.getByRole('dialog', { name: /Import references from “desk-library.ris”/ });
  await expect(dialog.getByRole('status')).toContainText('1,200 references', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(app.getByText(/created 1,200 sources/)).toBeVisible({ timeout: 60_000 });

  const library = app.getByRole('list', { name: 'Sources' });
  const entries = library.getByRole('listitem');
  // The demo's source and the 1,200 reports, in title order: only a few screens of them on the page.
  await expect(entries.first()).toHaveAttribute('aria-setsize', String(COUNT + 1));
  expect(await entries.count()).toBeLessThan(40);
  await expect(entries.first()).toHaveAttribute('aria-posinset', '1');
  await expect(entries.first()).toContainText('Field report 0001');

  // One tab stop: the arrow keys, End, Home, Page Down and typed letters move between entries.
  await library.getByRole('button', { name: /Field report 0001/ }).focus();
  for (let i = 0; i < 5; i++) await app.keyboard.press('ArrowDown');
  expect(await focusedEntry(app)).toEqual({
    title: 'Field report 0006: border crossings at Termez and the Amu Darya',
    inView: true,
  });
  await app.keyboard.press('End');
  await twoFrames(app);
  await expect.poll(() => focusedEntry(app)).toEqual({ title: SAMPLE_TITLE, inView: true });
  await app.keyboard.press('Home');
  await expect.poll(() => focusedEntry(app)).toMatchObject({ title: /^Field report 0001/, inView: true });
  await app.keyboard.type('field report 0750', { delay: 20 });
  await expect.poll(() => focusedEntry(app)).toMatchObject({ title: /^Field report 0750/, inView: true });
  await app.keyboard.press('PageDown');
  await expect.poll(() => focusedEntry(app)).toMatchObject({ inView: true });
  const afterPage = (await focusedEntry(app)).title;
  expect(Number(afterPage.match(/Field report (\d+)/)![1])).toBeGreaterThan(752);
  // Only the entries near the screen, wherever the list is.
  expect(await entries.count()).toBeLessThan(40);
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2, name: afterPage })).toBeVisible();
  await expect(library.locator('[aria-current="true"]')).toContainText(afterPage);

  // Scrolled far from the focused entry, the keys go on from it.
  await app.locator('.list-pane').evaluate((pane) => pane.scrollBy({ top: 40_000 }));
  await twoFrames(app);
  await app.keyboard.press('ArrowDown');
  const next = `Field report ${String(Number(afterPage.match(/(\d+)/)![1]) + 1).padStart(4, '0')}`;
  await expect.poll(() => focusedEntry(app)).toMatchObject({ title: new RegExp(`^${next}`), inView: true });
  // Tab leaves the list and Shift+Tab comes back to the same entry, not to the first.
  await app.keyboard.press('Shift+Tab');
  // One tab stop: Shift+Tab from an entry leaves the list, not to the entry before it.
  expect(await app.evaluate(() => !!document.activeElement?.closest('ul[aria-label="Sources"]'))).toBe(false);
  await app.keyboard.press('Tab');
  await expect.poll(() => focusedEntry(app)).toMatchObject({ title: new RegExp(`^${next}`) });

  // Opened again, the library shows the source that was open, though it is far down the list.
  await app.reload();
  await expect(app.getByRole('heading', { level: 2, name: afterPage })).toBeVisible();
  const current = library.locator('[aria-current="true"]');
  // Wholly in the pane's view, below its sticky header (within a pixel's rounding).
  await expect.poll(() => current.evaluate(wholeInPane)).toBe(true);

  // The demo source's count is read when it comes on the page.
  await library
    .getByRole('button', { name: /Field report 0001/ })
    .or(current)
    .first()
    .focus();
  await app.keyboard.press('End');
  const demo = library.getByRole('button', { name: new RegExp(SAMPLE_TITLE) });
  await expect(demo).toContainText('35 passages');
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    await app.setViewportSize(size);
    await app.keyboard.press('End');
    await expect.poll(() => demo.evaluate(wholeInPane)).toBe(true);
    await app.screenshot({ path: testInfo.outputPath(`library-${COUNT}-${size.width}.png`) });
  }
});
