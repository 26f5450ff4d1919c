// Retrieval (the Passages view) at any length: a handful of passages and a thousand, reached with the
// wheel as an analyst scrolls, the long one with only the passages near the screen on the page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addedExport, expect, exportedFiles, scratchFolder, test } from './fixtures';
import { highlightedTexts } from './reader-helpers';

/** Chooses what to retrieve by the option's own text (a tag's option is indented by its depth). */
async function retrieve(app: Page, name: string): Promise<void> {
  const select = app.getByRole('combobox', { name: 'Retrieve passages for' });
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value!);
}

/** Scrolls the Passages view with the mouse wheel, a few screens at a time, until `done` holds. */
async function wheelUntil(app: Page, done: () => Promise<boolean>): Promise<void> {
  const box = (await app.locator('.passages-view').boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let step = 0; step < 300 && !(await done()); step++) {
    await app.mouse.wheel(0, 2400);
    await app.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  expect(await done()).toBe(true);
}

/**
 * Imports the demo's 35 passages again `times` times under new identifiers (its W3C export, edited), all
 * on the demo's source: 2,100 passages for 60, of which 360 are coded Judgment, past the windowing.
 */
async function importPassagesAgain(app: Page, times: number): Promise<void> {
  await app.getByRole('tab', { name: 'Details' }).click();
  const before = exportedFiles();
  await app.getByRole('button', { name: 'Export annotations (W3C JSON-LD)' }).click();
  const exported = JSON.parse(readFileSync(await addedExport(before, '.jsonld'), 'utf8'));
  const items = exported.first.items as { id: string }[];
  const copies = Array.from({ length: times }, (_, k) =>
    items.map((item) => ({ ...item, id: `${item.id}-again-${k}` })),
  );
  exported.first.items = copies.flat();
  exported.total = exported.first.items.length;
  const path = join(scratchFolder('retrieval'), 'many-passages.jsonld');
  writeFileSync(path, JSON.stringify(exported));
  await app.locator('input[type=file][aria-label="Annotations file"]').setInputFiles(path);
  await expect(app.getByText(`Imported ${(items.length * times).toLocaleString('en')} passages`)).toBeVisible({
    timeout: 120_000,
  });
}

/** Wholly in sight: inside the Passages view's visible box and the window. */
const isInView = (locator: ReturnType<Page['locator']>) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const pane = element.closest('.passages-view')!.getBoundingClientRect();
    return box.top >= Math.max(pane.top, 0) && box.bottom <= Math.min(pane.bottom, window.innerHeight) + 1;
  });

test('a short retrieval scrolls with the wheel to its last passage', async ({ app }) => {
  await app.keyboard.press('Control+5');
  await retrieve(app, 'Judgment');
  const passages = app.locator('.retrieved');
  await expect(passages.first()).toBeVisible();
  const count = await passages.count();
  expect(count).toBeGreaterThan(3);
  // The view was as tall as its passages inside a work area that clips: the last ones could not be reached.
  await expect(passages.last()).not.toBeInViewport();
  await wheelUntil(app, () => isInView(passages.last()));
});

test('a tag on more than a thousand passages: only those near the screen are on the page, the wheel reaches the last, and it opens in its source', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  // The demo's 35 passages, each again 60 times under new identifiers: 2,135 passages on one source.
  await importPassagesAgain(app, 60);

  await app.keyboard.press('Control+5');
  await retrieve(app, 'Judgment');
  const summary = app.getByText(/passages in 1 source/);
  await expect(summary).toBeVisible();
  const total = Number((await summary.textContent())!.replace(/,/g, '').match(/(\d+) passages/)![1]);
  expect(total).toBeGreaterThan(300);
  const rows = app.getByRole('list', { name: 'Passages' }).getByRole('listitem');
  // The source's heading and its passages are rows of one list: a few screens of them on the page.
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(total + 1));
  await expect(rows.first()).toContainText('Security Threats Emanating from Afghanistan');
  expect(await rows.count()).toBeLessThan(40);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    await app.setViewportSize(size);
    await app.screenshot({ path: testInfo.outputPath(`retrieval-${total}-${size.width}.png`) });
  }

  const last = app.locator(`[role="listitem"][aria-posinset="${total + 1}"]`);
  await wheelUntil(app, async () => (await last.count()) === 1 && (await isInView(last)));
  expect(await rows.count()).toBeLessThan(40);
  const quote = (await last.locator('blockquote').textContent())!;
  await last.getByRole('button', { name: 'Show in source' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Sources' })).toBeAttached();
  await expect.poll(() => highlightedTexts(app, 'wb-selected')).toEqual([quote]);
});

/** The control with the keyboard focus: its text, and its row's place in the list (0 outside the list). */
const focusedControl = (app: Page) =>
  app.evaluate(() => {
    const control = document.activeElement;
    return {
      text: control?.textContent ?? '',
      row: Number(control?.closest('[role="listitem"]')?.getAttribute('aria-posinset') ?? 0),
    };
  });

/** The focused control is wholly in sight below the Passages view's sticky header. */
const focusedClearInView = (app: Page) =>
  app.evaluate(() => {
    const box = document.activeElement!.getBoundingClientRect();
    const pane = document.querySelector('.passages-view')!;
    const header = pane.querySelector('.pane-header')!.getBoundingClientRect();
    return box.top >= header.bottom - 1 && box.bottom <= pane.getBoundingClientRect().bottom + 1;
  });

test('in a long retrieval the focused button stays on the page when the wheel takes its row far away: Tab, Shift+Tab and Enter go on from it', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await importPassagesAgain(app, 60);
  await app.keyboard.press('Control+5');
  await retrieve(app, 'Judgment');
  const list = app.getByRole('list', { name: 'Passages' });
  const rows = list.getByRole('listitem');
  const row = (place: number) => list.locator(`[aria-posinset="${place}"]`);
  await expect(rows.first()).toHaveAttribute('aria-setsize', '367');
  // Far down the list: every row on the page but the focused one is past the 100th, the first rows long gone.
  const farDown = () =>
    list.evaluate((element) =>
      [...element.querySelectorAll('[role="listitem"]')].every(
        (item) => item.contains(document.activeElement) || Number(item.getAttribute('aria-posinset')) > 100,
      ),
    );
  const wheelFar = () => wheelUntil(app, farDown);

  // From the chooser, Tab goes through the first passage's buttons (the list's first row is the
  // source's heading) and on to the second passage's.
  await app.getByRole('combobox', { name: 'Retrieve passages for' }).focus();
  for (const expected of [
    { text: 'Copy as quote', row: 2 },
    { text: 'Show in source', row: 2 },
    { text: 'Copy as quote', row: 3 },
    { text: 'Show in source', row: 3 },
  ]) {
    await app.keyboard.press('Tab');
    expect(await focusedControl(app)).toEqual(expected);
  }
  const quote = (await row(3).locator('blockquote').textContent())!;

  // Wheeled far away, the focused passage stays on the page (its neighbours do not) and keeps the focus.
  await wheelFar();
  expect(await rows.count()).toBeLessThan(40);
  await expect(row(4)).toHaveCount(0);
  await expect(row(3).getByRole('button', { name: 'Show in source' })).toBeFocused();
  expect(await app.evaluate(() => document.activeElement === document.body)).toBe(false);

  // Tab goes on to the next passage, though it was not on the page, and brings it into view.
  await app.keyboard.press('Tab');
  await expect.poll(() => focusedControl(app)).toEqual({ text: 'Copy as quote', row: 4 });
  await expect.poll(() => focusedClearInView(app)).toBe(true);
  await app.keyboard.press('Shift+Tab');
  expect(await focusedControl(app)).toEqual({ text: 'Show in source', row: 3 });
  await app.keyboard.press('Shift+Tab');
  expect(await focusedControl(app)).toEqual({ text: 'Copy as quote', row: 3 });

  // Shift+Tab from the first button goes back to the passage before, clear of the sticky header.
  await wheelFar();
  await expect(row(3).getByRole('button', { name: 'Copy as quote' })).toBeFocused();
  await app.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedControl(app)).toEqual({ text: 'Show in source', row: 2 });
  await expect.poll(() => focusedClearInView(app)).toBe(true);

  // Tab within a passage far away brings it back into view, clear of the header too.
  await app.keyboard.press('Tab');
  expect(await focusedControl(app)).toEqual({ text: 'Copy as quote', row: 3 });
  await wheelFar();
  await app.keyboard.press('Tab');
  expect(await focusedControl(app)).toEqual({ text: 'Show in source', row: 3 });
  await expect.poll(() => focusedClearInView(app)).toBe(true);

  // And Enter, far away from it, opens that passage in its source.
  await wheelFar();
  await expect(row(3).getByRole('button', { name: 'Show in source' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Sources' })).toBeAttached();
  await expect.poll(() => highlightedTexts(app, 'wb-selected')).toEqual([quote]);
});
