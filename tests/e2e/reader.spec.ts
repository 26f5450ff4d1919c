// The reader renders only the paragraphs near the screen (issue 19, point 1): what an analyst does
// with text far down a long source — finding it, selecting across paragraphs by keyboard, reading a
// right-to-left paragraph — still works.
import type { Page } from '@playwright/test';
import { expect, SAMPLE_TITLE, test } from './fixtures';
import { highlightedTexts, scrollToText, textRect } from './reader-helpers';

const TITLE = 'Long field report on the Amu Darya basin';
const FAR_PHRASE = 'sediment gauges at Termez were recalibrated';
const RTL_PARAGRAPH = 'ارزیابی نهایی: برداشت آب کانال قوش تپه در سال‌های کم‌آبی افزایش خواهد یافت.';

/** A report of 600 paragraphs; the phrase to find and a Dari paragraph are near its end. */
function longReport(): string {
  const paragraphs: string[] = [];
  for (let i = 1; i <= 600; i++)
    paragraphs.push(
      `Section ${i}. Water allocation along the Amu Darya was discussed by the basin commission, which noted the flow at the gauging stations and the demands of irrigation downstream in season ${i}.`,
    );
  paragraphs[580] = `Section 581. In the last review the ${FAR_PHRASE} after the spring flood, and the readings since agree.`;
  paragraphs[585] = RTL_PARAGRAPH;
  return paragraphs.join('\n\n');
}

/** Pastes `text` as a new source with **Paste…** and waits until the reader shows it. */
async function pasteSource(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Paste…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: 'Text' }).fill(text);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(title);
}

async function pasteLongReport(page: Page): Promise<void> {
  await pasteSource(page, TITLE, longReport());
  await expect(page.getByRole('document', { name: 'Source text' }).locator('p').first()).toContainText('Section 1.');
}

/** How far one turn of the wheel scrolls the reader in the scrolling checks. */
const WHEEL = 600;

/** The first paragraph whose top is on screen in the reader, and where its top is. */
async function topParagraph(app: Page): Promise<{ index: number; top: number }> {
  return app.evaluate(() => {
    const frame = document.querySelector('.reader-scroll')!.getBoundingClientRect();
    for (const p of document.querySelectorAll<HTMLElement>('.reader p[data-index]')) {
      const top = p.getBoundingClientRect().top;
      if (top >= frame.top) return { index: Number(p.dataset.index), top };
    }
    throw new Error('No paragraph on screen.');
  });
}

test.describe('the reader of a long source', () => {
  test('Ctrl+F finds text far off screen, counts the matches and scrolls to each', async ({ app }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    // Only the paragraphs near the screen are on the page: the far phrase is not.
    expect(await reader.locator('p').count()).toBeLessThan(100);
    await expect(reader.locator('p', { hasText: FAR_PHRASE })).toHaveCount(0);

    await reader.locator('p').first().click();
    await app.keyboard.press('Control+F');
    const find = app.getByRole('search', { name: 'Find in source' });
    const box = find.getByRole('searchbox', { name: 'Find in source' });
    await expect(box).toBeFocused();
    await box.fill('sediment gauges at termez');
    await expect(find.getByRole('status')).toHaveText('1 of 1');
    const found = reader.locator('p', { hasText: FAR_PHRASE });
    await expect(found).toBeInViewport();
    await expect.poll(() => highlightedTexts(app, 'wb-found')).toEqual(['sediment gauges at Termez']);

    // Several matches (seasons 59 and 590–599): the first shown is the first where the analyst is
    // reading (season 590); Enter steps on, Shift+Enter back, and round the ends.
    await box.fill('season 59');
    await expect(find.getByRole('status')).toHaveText('2 of 11');
    await expect(reader.locator('p', { hasText: 'in season 590.' })).toBeInViewport();
    await box.press('Enter');
    await expect(find.getByRole('status')).toHaveText('3 of 11');
    await expect(reader.locator('p', { hasText: 'in season 591.' })).toBeInViewport();
    await box.press('Shift+Enter');
    await box.press('Shift+Enter');
    await expect(find.getByRole('status')).toHaveText('1 of 11');
    await expect(reader.locator('p', { hasText: 'in season 59.' })).toBeInViewport();
    await box.press('Shift+Enter');
    await expect(find.getByRole('status')).toHaveText('11 of 11');
    await expect(reader.locator('p', { hasText: 'in season 599.' })).toBeInViewport();

    await box.fill('no such words anywhere');
    await expect(find.getByRole('status')).toHaveText('No matches');
    await box.press('Escape');
    await expect(find).toBeHidden();
    await expect(reader).toBeFocused();
  });

  test('a right-to-left paragraph far down the text reads right to left', async ({ app }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    await reader.locator('p').first().click();
    await app.keyboard.press('Control+F');
    await app.getByRole('searchbox', { name: 'Find in source' }).fill('ارزیابی نهایی');
    const paragraph = reader.locator('p', { hasText: 'ارزیابی نهایی' });
    await expect(paragraph).toBeInViewport();
    expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    // Its text starts at the right edge of the column.
    const { textRight, paragraphRight } = await paragraph.evaluate((p) => {
      const range = document.createRange();
      range.selectNodeContents(p.firstChild!);
      return { textRight: range.getClientRects()[0]!.right, paragraphRight: p.getBoundingClientRect().right };
    });
    expect(paragraphRight - textRight).toBeLessThan(4);
    // Its neighbours stay left to right.
    for (const neighbour of ['Section 585.', 'Section 587.'])
      expect(await reader.locator('p', { hasText: neighbour }).evaluate((p) => getComputedStyle(p).direction)).toBe(
        'ltr',
      );
  });

  // The browser's own moves stop at the edge of the paragraphs rendered; the reader's reach the text's ends.
  test('Ctrl+Home/End, Ctrl+A and Page Up/Down reach the whole text, and a copy holds all of it', async ({ app }) => {
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    const whole = longReport();
    const copied = async () => {
      await app.keyboard.press('Control+C');
      return app.evaluate(() => navigator.clipboard.readText());
    };
    await reader.locator('p').first().click();

    // Ctrl+End: the caret at the very end, the last paragraph on screen.
    await app.keyboard.press('Control+End');
    await expect.poll(() => selectionOffsets(app)).toEqual({ anchor: whole.length, focus: whole.length });
    await expect(reader.locator('p', { hasText: 'in season 600.' })).toBeInViewport();

    // Ctrl+Shift+Home from there selects the whole report back to its first word; the copy is all of it.
    await app.keyboard.press('Control+Shift+Home');
    await expect.poll(() => selectionOffsets(app)).toEqual({ anchor: whole.length, focus: 0 });
    await expect(reader.locator('p', { hasText: 'Section 1. ' })).toBeInViewport();
    expect(await copied()).toBe(whole);

    // Ctrl+A selects it all without moving the page.
    await reader.locator('p', { hasText: 'Section 2. ' }).click();
    const scrollTop = () => app.evaluate(() => document.querySelector('.reader-scroll')!.scrollTop);
    const before = await scrollTop();
    await app.keyboard.press('Control+A');
    await expect.poll(() => selectionOffsets(app)).toEqual({ anchor: 0, focus: whole.length });
    expect(await scrollTop()).toBe(before);
    expect(await copied()).toBe(whole);
    // So does the browser's own Select All, which the desktop menu's Edit › Select all runs.
    await reader.locator('p', { hasText: 'Section 2. ' }).click();
    await app.evaluate(() => document.execCommand('selectAll'));
    await expect.poll(() => selectionOffsets(app)).toEqual({ anchor: 0, focus: whole.length });
    expect(await copied()).toBe(whole);

    // Shift+Page Down, again and again, extends the selection a screen at a time far past the paragraphs
    // first rendered; the screen follows its end, and the copy is exactly the text between.
    await app.keyboard.press('Control+Home');
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      await app.keyboard.press('Shift+PageDown');
      await expect.poll(async () => (await selectionOffsets(app))?.focus ?? 0).toBeGreaterThan(seen.at(-1) ?? 0);
      seen.push((await selectionOffsets(app))!.focus);
    }
    const extended = (await selectionOffsets(app))!;
    expect(extended.anchor).toBe(0);
    expect(extended.focus).toBeGreaterThan(whole.indexOf('Section 60. '));
    const focusParagraph = reader.locator(`p[data-start="${whole.lastIndexOf('\n\n', extended.focus) + 2}"]`);
    await expect(focusParagraph).toBeInViewport();
    // (A selection ending at a paragraph's start copies without the line break before it.)
    expect(await copied()).toBe(whole.slice(0, extended.focus).replace(/\n+$/, ''));

    // Page Up without Shift puts the caret a screen higher, selecting nothing.
    await app.keyboard.press('PageUp');
    await expect.poll(async () => (await selectionOffsets(app))?.focus ?? whole.length).toBeLessThan(extended.focus);
    const moved = (await selectionOffsets(app))!;
    expect(moved.anchor).toBe(moved.focus);
    expect(moved.focus).toBeGreaterThan(0);
    await expect(reader.locator(`p[data-start="${whole.lastIndexOf('\n\n', moved.focus) + 2}"]`)).toBeInViewport();

    // Page Down pressed three times within one frame (a key held while frames are slow): the caret keeps
    // its line on the screen, three screens further, rather than the first move's stale place.
    const caretY = () =>
      app.evaluate(() => {
        const range = window.getSelection()!.getRangeAt(0).cloneRange();
        range.collapse(false);
        const box = document.querySelector('.reader-scroll')!.getBoundingClientRect();
        return (range.getClientRects()[0] ?? range.getBoundingClientRect()).top - box.top;
      });
    const middle = await app.evaluate(() => {
      const box = document.querySelector('.reader-scroll')!.getBoundingClientRect();
      return { x: box.left + 60, y: box.top + box.height / 2 };
    });
    await app.mouse.click(middle.x, middle.y);
    const yBefore = await caretY();
    const from = (await selectionOffsets(app))!.focus;
    await reader.evaluate((article) => {
      for (let i = 0; i < 3; i++)
        article.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true }));
    });
    await expect.poll(async () => (await selectionOffsets(app))?.focus ?? 0).toBeGreaterThan(from);
    expect(Math.abs((await caretY()) - yBefore)).toBeLessThan(60);
  });

  test('a click, a scroll far down with the wheel and a Shift+click select everything between', async ({ app }) => {
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    const whole = longReport();
    const first = await textRect(app, 'Section 3. ');
    await app.mouse.click(first.left + 1, (first.top + first.firstLineBottom) / 2);
    for (let i = 0; i < 10; i++) await app.mouse.wheel(0, 2000);
    // The wheel scrolls smoothly: wait until the page has come to rest, far down.
    const scrollTop = () => app.evaluate(() => document.querySelector('.reader-scroll')!.scrollTop);
    let last = -1;
    await expect
      .poll(async () => {
        const now = await scrollTop();
        const resting = now === last;
        last = now;
        return resting && now > 15000;
      })
      .toBe(true);
    // The caret's paragraph stays on the page, far above the screen, holding the selection's start.
    const onScreen = await app.evaluate(() => {
      const top = document.querySelector('.reader-scroll')!.getBoundingClientRect().top;
      return [...document.querySelectorAll<HTMLElement>('article.reader p')].find(
        (p) => p.getBoundingClientRect().top > top + 150,
      )!.dataset.start!;
    });
    const target = reader.locator(`p[data-start="${onScreen}"]`);
    const box = (await target.boundingBox())!;
    await app.keyboard.down('Shift');
    await app.mouse.click(box.x + 1, box.y + 4);
    await app.keyboard.up('Shift');
    const selected = (await selectionOffsets(app))!;
    expect(selected.anchor).toBe(whole.indexOf('Section 3. '));
    expect(selected.focus).toBe(Number(onScreen));
    await app.keyboard.press('Control+C');
    expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(
      whole.slice(selected.anchor, selected.focus).replace(/\n+$/, ''),
    );
  });

  test('a selection of the whole text dragged out of the reader carries all of it, as a copy does', async ({ app }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    const whole = longReport();
    await reader.locator('p', { hasText: 'Section 2. ' }).click();
    await app.keyboard.press('Control+A');
    await expect.poll(() => selectionOffsets(app)).toEqual({ anchor: 0, focus: whole.length });
    // A drop target beside the reader, standing for Word or a note: it keeps what a drop hands it.
    await app.evaluate(() => {
      const target = document.createElement('div');
      target.id = 'drop-target';
      target.style.cssText = 'position:fixed;right:0;bottom:0;width:200px;height:120px;z-index:9999;background:#ddd';
      target.addEventListener('dragover', (e) => e.preventDefault());
      target.addEventListener('drop', (e) => {
        e.preventDefault();
        target.dataset.plain = e.dataTransfer!.getData('text/plain');
        target.dataset.html = e.dataTransfer!.getData('text/html');
      });
      document.body.append(target);
    });
    // Only the paragraphs near the screen are on the page; the drag starts on one of them, as a mouse does.
    expect(await reader.locator('p').count()).toBeLessThan(100);
    const from = (await reader.locator('p', { hasText: 'Section 3. ' }).boundingBox())!;
    const to = (await app.locator('#drop-target').boundingBox())!;
    await app.mouse.move(from.x + 40, from.y + from.height / 2);
    await app.mouse.down();
    await app.mouse.move(from.x + 80, from.y + from.height / 2 + 10, { steps: 4 });
    await app.mouse.move(to.x + 100, to.y + 60, { steps: 8 });
    await app.mouse.up();
    await expect(app.locator('#drop-target')).toHaveAttribute('data-plain', whole);
    // No partial HTML of the rendered paragraphs beside it, which Word would prefer to the text.
    await expect(app.locator('#drop-target')).toHaveAttribute('data-html', '');
    // The drop outside took nothing out of the source.
    await expect(reader.locator('p', { hasText: 'Section 3. ' })).toHaveText(whole.split('\n\n')[2]!);
  });

  test('reading by caret, as a screen reader in focus mode does, goes on past the paragraphs first rendered', async ({
    app,
  }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    await reader.locator('p').first().click();
    await app.keyboard.press('Control+Home');
    const firstRendered = await reader.locator('p').count();
    const whole = longReport();
    const target = whole.indexOf(`Section ${firstRendered + 20}. `);
    for (let i = 0; i < 400 && ((await selectionOffsets(app))?.focus ?? 0) < target; i++)
      await app.keyboard.press('ArrowDown');
    const caret = (await selectionOffsets(app))!;
    expect(caret.focus).toBeGreaterThanOrEqual(target);
    expect(caret.anchor).toBe(caret.focus);
    await expect(reader.locator(`p[data-start="${whole.lastIndexOf('\n\n', caret.focus) + 2}"]`)).toBeInViewport();
  });

  test('for a screen reader’s browse mode, Whole text puts every paragraph on the page, and is kept after a reload', async ({
    app,
  }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    const paragraphs = reader.locator('p[data-index]');
    expect(await paragraphs.count()).toBeLessThan(100);
    // The reader says where the whole text is, to those who hear its description.
    await expect(reader).toHaveAttribute('aria-description', /turn on Whole text/);

    const whole = app.getByRole('button', { name: 'Whole text' });
    await expect(whole).toHaveAttribute('aria-pressed', 'false');
    // Every value the reader's aria-busy takes from here on.
    await app.evaluate(() => {
      const seen: (string | null)[] = [];
      (window as unknown as { readerBusy: typeof seen }).readerBusy = seen;
      new MutationObserver((changes) => {
        for (const change of changes)
          if ((change.target as Element).matches('article.reader'))
            seen.push((change.target as Element).getAttribute('aria-busy'));
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    });
    await whole.click();
    await expect(whole).toHaveAttribute('aria-pressed', 'true');
    await expect(app.getByText('Every paragraph of a source goes on the page')).toBeVisible();
    // The page fills outward from the screen over a few idle periods; the reader is busy until it is whole.
    await expect(paragraphs).toHaveCount(600);
    await expect(reader).not.toHaveAttribute('aria-busy', 'true');
    expect(await app.evaluate(() => (window as unknown as { readerBusy: (string | null)[] }).readerBusy)).toEqual([
      'true',
      null,
    ]);
    await expect(reader).toHaveAttribute('aria-description', /Every paragraph is on the page/);
    // What browse mode reads: the far paragraphs are in the page's text, the Dari one right to left.
    await expect(reader).toContainText(FAR_PHRASE);
    const rtl = reader.locator('p', { hasText: RTL_PARAGRAPH });
    await expect(rtl).toHaveCount(1);
    expect(await rtl.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    // Nothing above the first paragraph or below the last: no spacer stands in for text.
    expect(
      await reader.locator('.reader-space').evaluateAll((s) => s.map((e) => e.getBoundingClientRect().height)),
    ).toEqual([0, 0]);
    // Ctrl+F still finds and scrolls to the far phrase.
    await reader.locator('p').first().click();
    await app.keyboard.press('Control+f');
    await app.keyboard.type(FAR_PHRASE);
    await app.keyboard.press('Enter');
    await expect(reader.locator('p', { hasText: FAR_PHRASE })).toBeInViewport();
    // Scrolling back up through paragraphs not laid out yet (off screen, they skip layout at a stand-in
    // height) moves the text by what the wheel scrolled and no more: as they take their real height above
    // the screen, the scroll position takes it up too.
    const scroller = app.locator('.reader-scroll');
    await scroller.hover();
    for (let i = 0; i < 4; i++) {
      const before = await topParagraph(app);
      const scrolledFrom = await scroller.evaluate((e) => e.scrollTop);
      await app.mouse.wheel(0, -WHEEL);
      await expect.poll(() => scroller.evaluate((e) => e.scrollTop)).not.toBe(scrolledFrom);
      // Once the paragraphs that came on screen are measured and the scroll has taken them up, the text is still.
      const topOf = () =>
        app.evaluate(
          (index) => document.querySelector(`.reader p[data-index="${index}"]`)!.getBoundingClientRect().top,
          before.index,
        );
      let after = await topOf();
      await expect
        .poll(
          async () => {
            const now = await topOf();
            const still = now === after;
            after = now;
            return still;
          },
          { intervals: [150] },
        )
        .toBe(true);
      expect(Math.abs(after - before.top - WHEEL)).toBeLessThan(4);
    }

    await app.reload();
    await expect(app.getByRole('heading', { level: 2 })).toHaveText(TITLE);
    await expect(app.getByRole('button', { name: 'Whole text' })).toHaveAttribute('aria-pressed', 'true');
    await expect(paragraphs).toHaveCount(600);

    // Off again from the palette: only the paragraphs near the screen are on the page.
    await app.keyboard.press('Control+k');
    await app.keyboard.type('Whole Text on the Page');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('button', { name: 'Whole text' })).toHaveAttribute('aria-pressed', 'false');
    await expect(app.getByText('Only the paragraphs near the screen are on the page again.')).toBeVisible();
    await expect.poll(() => paragraphs.count()).toBeLessThan(100);
  });

  test('the caret left far above the screen stays on the page, and Shift+arrows go on from it', async ({ app }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    const whole = longReport();
    const at = await textRect(app, 'Section 5. ');
    await app.mouse.click(at.left + 1, (at.top + at.firstLineBottom) / 2);
    const start = whole.indexOf('Section 5. ');
    for (let i = 0; i < 10; i++) await app.mouse.wheel(0, 2000);
    await expect(reader.locator('p', { hasText: 'Section 200. ' })).toBeVisible();
    // Far below, yet the caret's paragraph and its neighbours are still on the page (above the screen).
    for (const held of ['Section 4. ', 'Section 5. ', 'Section 6. '])
      await expect(reader.locator('p', { hasText: held })).toHaveCount(1);
    await expect(reader.locator('p', { hasText: 'Section 20. ' })).toHaveCount(0);
    expect(await selectionOffsets(app)).toEqual({ anchor: start, focus: start });
    // The arrows move on from the caret, into the paragraph after it, not to the text on screen.
    for (let i = 0; i < 3; i++) await app.keyboard.press('Shift+ArrowDown');
    const selected = (await selectionOffsets(app))!;
    expect(selected.anchor).toBe(start);
    expect(selected.focus).toBeGreaterThan(start);
    expect(selected.focus).toBeLessThan(whole.indexOf('Section 8. '));
  });

  test('a passage selected from the first word to the last with the keyboard is created whole', async ({ app }) => {
    await pasteLongReport(app);
    const reader = app.getByRole('document', { name: 'Source text' });
    await reader.locator('p').first().click();
    await app.keyboard.press('Control+Home');
    await app.keyboard.press('Control+Shift+End');
    await app.keyboard.press('a');
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await expect(editor).toBeVisible();
    await editor.getByRole('combobox', { name: 'Tags' }).fill('Whole report');
    await editor.getByRole('combobox', { name: 'Tags' }).press('Enter');
    await expect(editor.locator('.chip', { hasText: 'Whole report' })).toBeVisible();
    await app.keyboard.press('Control+Enter');
    await expect(editor).toBeHidden();
    const item = app.getByRole('list', { name: 'Passages' }).getByRole('listitem').filter({ hasText: 'Whole report' });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Section 1. Water allocation');
    // Painted where the analyst is, though its start and end are far off: at the end, and in the middle.
    await expect.poll(() => highlightedTexts(app, 'wb-selected')).toHaveLength(1);
    expect((await highlightedTexts(app, 'wb-selected'))[0]).toContain('in season 600.');
    await scrollToText(app, 'Section 300. ');
    await expect
      .poll(async () => (await highlightedTexts(app, 'wb-selected')).join(''))
      .toContain('Section 300. Water allocation');
  });
});

/** The selection's two ends as offsets in the source's text, or null when it is not in the reader. */
function selectionOffsets(page: Page): Promise<{ anchor: number; focus: number } | null> {
  return page.evaluate(() => {
    const selection = window.getSelection();
    const offset = (node: Node | null, at: number) => {
      const p = (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>(
        'article.reader p[data-start]',
      );
      if (!p || !node) return null;
      const start = Number(p.dataset.start);
      return node === p ? start + (at === 0 ? 0 : (p.textContent?.length ?? 0)) : start + at;
    };
    const anchor = offset(selection?.anchorNode ?? null, selection?.anchorOffset ?? 0);
    const focus = offset(selection?.focusNode ?? null, selection?.focusOffset ?? 0);
    return anchor === null || focus === null ? null : { anchor, focus };
  });
}

/** How many passage ranges the reader has painted (every tag's highlight and the untagged one). */
function paintedPassages(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('wb-t-') || name === 'wb-untagged') n += h.size;
    return n;
  });
}

test('moving between sources in the library: each opens painted, and a source left far down opens where the analyst was', async ({
  app,
}) => {
  await pasteLongReport(app);
  await scrollToText(app, FAR_PHRASE);
  const library = app.getByRole('list', { name: 'Sources' });
  const reader = app.getByRole('document', { name: 'Source text' });

  // By mouse (the pointer rests on the entry, then presses it): the coded sample opens with its passages painted.
  await library.getByRole('button', { name: SAMPLE_TITLE }).click();
  await expect(app.getByRole('heading', { level: 2 })).toHaveText(SAMPLE_TITLE);
  await expect(reader.locator('p').first()).toBeVisible();
  await expect.poll(() => paintedPassages(app)).toBeGreaterThan(0);

  // By keyboard (focus, then Enter): the long report comes back where it was left, far down.
  await library.getByRole('button', { name: TITLE }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 2 })).toHaveText(TITLE);
  await expect(reader.locator('p', { hasText: FAR_PHRASE })).toBeVisible();
  await expect(reader.locator('p', { hasText: 'Section 1. ' })).toHaveCount(0);
});

test('a passage selected with the keyboard across two paragraphs is created and painted', async ({ app }) => {
  const start = 'The Islamic Movement of Uzbekistan';
  const rect = await textRect(app, start);
  await app.mouse.click(rect.left + 1, (rect.top + rect.firstLineBottom) / 2);
  // Down through the rest of the paragraph and into the next one.
  const firstParagraph = app.locator('article.reader p', { hasText: start });
  const nextStart = await firstParagraph.evaluate((p) => {
    const next = p.closest('[data-paragraph]')!.nextElementSibling!.querySelector('p')!;
    return Number(next.dataset.start);
  });
  for (let i = 0; i < 30; i++) {
    await app.keyboard.press('Shift+ArrowDown');
    const end = await app.evaluate(() => {
      const selection = window.getSelection()!;
      const p = selection.focusNode?.parentElement?.closest<HTMLElement>('p[data-start]');
      return p ? Number(p.dataset.start) + selection.focusOffset : -1;
    });
    if (end > nextStart + 20) break;
  }
  await app.keyboard.press('a');
  const editor = app.getByRole('dialog', { name: 'Annotate passage' });
  const quote = (await editor.locator('blockquote').textContent()) ?? '';
  expect(quote.startsWith(start)).toBe(true);
  expect(quote).toContain('\n');
  await editor.getByRole('combobox', { name: 'Tags' }).fill('Across paragraphs');
  await editor.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await expect(editor.locator('.chip', { hasText: 'Across paragraphs' })).toBeVisible();
  await app.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
  const item = app.getByRole('list', { name: 'Passages' }).getByRole('listitem').filter({ hasText: start });
  await expect(item.filter({ hasText: 'Across paragraphs' })).toHaveCount(1);
  // Painted over both paragraphs: the selected passage's range ends in the second one.
  const selected = await highlightedTexts(app, 'wb-selected');
  expect(selected).toHaveLength(1);
  expect(selected[0]!.startsWith(start)).toBe(true);
  expect(selected[0]!.length).toBeGreaterThan(quote.split('\n')[0]!.length);
});

test('a text without line breaks reads as one paragraph in blocks: found far down, selected and coded across a block’s end', async ({
  app,
}) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  // As a PDF whose lines could not be joined, or a page pasted flat, arrives: 120,000 characters, one line.
  const sentences: string[] = [];
  for (let i = 1; sentences.join(' ').length < 120_000; i++)
    sentences.push(`Sentence ${i} on the Amu Darya notes the flow at the gauging stations and the demands downstream.`);
  sentences[sentences.length - 5] = `In the last review the ${FAR_PHRASE} after the spring flood.`;
  // Marks to find, every 37th sentence: some fall near a block's start, some near its end.
  for (let i = 37; i < sentences.length - 10; i += 37) sentences[i - 1] = `Sentence ${i} reads gauge mark ${i}.`;
  const flat = sentences.join(' ');
  await pasteSource(app, 'A flat report', flat);
  const reader = app.getByRole('document', { name: 'Source text' });
  await expect(reader.locator('p').first()).toContainText('Sentence 1 ');

  // In blocks of at most 6,000 characters, each ending at a sentence's end, only those near the screen
  // on the page, and each running on into the next with no gap between, as lines of a paragraph do.
  const blocks = () =>
    app.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('article.reader p[data-start]')].map((p) => ({
        start: Number(p.dataset.start),
        length: p.textContent!.length,
        top: p.getBoundingClientRect().top,
        bottom: p.getBoundingClientRect().bottom,
      })),
    );
  const first = await blocks();
  expect(first.length).toBeGreaterThan(1);
  // At least 20 blocks in the text (none longer than 6,000), a handful of them on the page.
  expect(first.length).toBeLessThan(12);
  for (const [i, block] of first.entries()) {
    expect(block.length).toBeLessThanOrEqual(6000);
    expect(flat.slice(block.start, block.start + block.length)).toMatch(/^Sentence \d+ /);
    const next = first[i + 1];
    if (next?.start !== block.start + block.length) continue;
    expect(flat.slice(block.start, block.start + block.length)).toMatch(/(downstream|mark \d+)\. $/);
    expect(Math.abs(next.top - block.bottom)).toBeLessThan(1);
  }

  // Find brings the match itself on screen, not the middle of a paragraph 20 screens tall, nor the
  // middle of a block three screens tall: wherever in its block the match falls.
  await reader.locator('p').first().click();
  await app.keyboard.press('Control+F');
  const find = app.getByRole('search', { name: 'Find in source' });
  const inView = () =>
    app.evaluate(() => {
      const range = [...(CSS.highlights.get('wb-found') ?? [])][0] as Range | undefined;
      const box = document.querySelector('.reader-scroll')!.getBoundingClientRect();
      const rect = range?.getBoundingClientRect();
      return !!rect && rect.top >= box.top && rect.bottom <= box.bottom;
    });
  for (const phrase of [FAR_PHRASE, 'gauge mark 111.', 'gauge mark 407.', 'gauge mark 703.', 'gauge mark 999.']) {
    await find.getByRole('searchbox', { name: 'Find in source' }).fill(phrase);
    await expect(find.getByRole('status')).toHaveText('1 of 1');
    await expect.poll(() => highlightedTexts(app, 'wb-found')).toEqual([phrase]);
    await expect.poll(inView, { message: phrase }).toBe(true);
  }
  await find.getByRole('searchbox', { name: 'Find in source' }).press('Escape');

  // A passage from the last sentence of the first block into the second, by keyboard: copied exactly,
  // and coded and painted whole, over both blocks.
  await app.evaluate(() => document.querySelector('.reader-scroll')!.scrollTo({ top: 0 }));
  const firstEnd = first[0]!.start + first[0]!.length;
  const lastSentence = flat.lastIndexOf('Sentence ', firstEnd - 2);
  const needle = flat.slice(lastSentence, lastSentence + 14);
  // Its block is two screens tall: once it is on the page again, bring the sentence itself on screen.
  await reader.locator('p', { hasText: needle }).first().waitFor();
  await app.evaluate((needle) => {
    const node = [...document.querySelectorAll('article.reader p')].find((p) => p.textContent!.includes(needle))!
      .firstChild as Text;
    const range = document.createRange();
    const at = node.data.indexOf(needle);
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    const scroller = document.querySelector('.reader-scroll')!;
    scroller.scrollBy({ top: range.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 200 });
  }, needle);
  const rect = await textRect(app, needle);
  await app.mouse.click(rect.left + 1, (rect.top + rect.firstLineBottom) / 2);
  await expect.poll(async () => (await selectionOffsets(app))?.anchor).toBe(lastSentence);
  for (let i = 0; i < 4 && ((await selectionOffsets(app))?.focus ?? 0) < firstEnd + 20; i++)
    await app.keyboard.press('Shift+ArrowDown');
  const chosen = (await selectionOffsets(app))!;
  expect(chosen.focus).toBeGreaterThan(firstEnd);
  await app.keyboard.press('Control+C');
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(flat.slice(chosen.anchor, chosen.focus));
  await app.keyboard.press('a');
  const editor = app.getByRole('dialog', { name: 'Annotate passage' });
  await expect(editor.locator('blockquote')).toHaveText(flat.slice(chosen.anchor, chosen.focus).trim());
  await editor.getByRole('combobox', { name: 'Tags' }).fill('Across blocks');
  await editor.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await expect(editor.locator('.chip', { hasText: 'Across blocks' })).toBeVisible();
  await app.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
  // One range from its start in the first block to its end in the second.
  expect(await highlightedTexts(app, 'wb-selected')).toEqual([flat.slice(chosen.anchor, chosen.focus).trim()]);
});

test('a hard-wrapped text reads as paragraphs of lines: no gap within a paragraph, and a passage across two lines is painted on both', async ({
  app,
}) => {
  // As a plain-text field note arrives: lines wrapped by hand at ~70 columns, a blank line between paragraphs.
  const note = [
    'The Kosh-Tepa canal will draw a fifth of the Amu Darya in dry years,',
    'by the ministry’s own figures, and the intake works are ahead of plan.',
    'Downstream districts were not consulted before the second phase began.',
    '',
    'Karakalpakstan loses the most: its delta lakes shrank again this year',
    'and the fisheries that remain depend on releases from Tuyamuyun.',
    '',
    'گزارش از ولایت بلخ:',
    'برداشت آب کانال قوش تپه در سال‌های کم‌آبی افزایش خواهد یافت.',
  ].join('\n');
  await pasteSource(app, 'Field note, wrapped', note);
  const reader = app.getByRole('document', { name: 'Source text' });
  await expect(reader.locator('p')).toHaveCount(7);

  const lines = await app.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('article.reader p[data-start]')].map((p) => {
      const box = p.getBoundingClientRect();
      return { text: p.textContent!, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
    }),
  );
  const gap = (i: number) => lines[i + 1]!.top - lines[i]!.bottom;
  // Lines of one paragraph follow each other as lines do; a paragraph's end keeps its gap.
  for (const within of [0, 1, 3, 5]) expect(gap(within)).toBeLessThan(2);
  for (const between of [2, 4]) expect(gap(between)).toBeGreaterThan(6);
  // Each line keeps its own direction: the Dari lines read right to left.
  const direction = await reader
    .locator('p')
    .nth(6)
    .evaluate((p) => getComputedStyle(p).direction);
  expect(direction).toBe('rtl');

  // A passage over the end of one line and the start of the next is created and painted on both.
  await app.evaluate(() => {
    const [first, second] = [...document.querySelectorAll<HTMLElement>('article.reader p[data-start]')];
    const range = document.createRange();
    range.setStart(first!.firstChild!, first!.textContent!.indexOf('in dry years'));
    range.setEnd(second!.firstChild!, 'by the ministry’s own figures'.length);
    document.querySelector<HTMLElement>('article.reader')!.focus();
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await app.keyboard.press('a');
  const editor = app.getByRole('dialog', { name: 'Annotate passage' });
  await expect(editor.locator('blockquote')).toHaveText('in dry years,\nby the ministry’s own figures');
  await editor.getByRole('combobox', { name: 'Tags' }).fill('Water');
  await editor.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await expect(editor.locator('.chip', { hasText: 'Water' })).toBeVisible();
  await app.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
  const item = app.getByRole('list', { name: 'Passages' }).getByRole('listitem').filter({ hasText: 'in dry years' });
  await expect(item.filter({ hasText: 'Water' })).toHaveCount(1);
  // One range from the first line into the second (the DOM's text between two paragraphs has no line break).
  expect(await highlightedTexts(app, 'wb-selected')).toEqual(['in dry years,by the ministry’s own figures']);
  await app.screenshot({ path: test.info().outputPath('hard-wrapped.png') });
  // Its margin stripe runs on from the first line into the second, as through a long paragraph's blocks.
  const stripes = await app.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('article.reader .para')].slice(0, 2).map((para) => ({
      classes: para.className,
      stripes: para.querySelector<HTMLElement>('.stripes')!.style.cssText,
    })),
  );
  expect(stripes[0]!.classes).toContain('runs-on');
  expect(stripes[1]!.classes).toContain('continues');
  for (const line of stripes) expect(line.stripes).toContain('--stripes');
});
