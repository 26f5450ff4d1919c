import type { Page } from '@playwright/test';

const twoFrames = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Scrolls the reader, a screen at a time from the top as an analyst reads, until a paragraph holding
 * `needle` is on the page: the reader renders only the paragraphs near the screen.
 */
export async function scrollToText(page: Page, needle: string): Promise<void> {
  const paragraph = page.locator('article.reader p', { hasText: needle }).first();
  await page.locator('article.reader p').first().waitFor();
  if ((await paragraph.count()) > 0) return;
  await page.evaluate(() => document.querySelector('.reader-scroll')!.scrollTo({ top: 0 }));
  for (let step = 0; step < 400; step++) {
    await twoFrames(page);
    if ((await paragraph.count()) > 0) return;
    const atEnd = await page.evaluate(() => {
      const scroller = document.querySelector('.reader-scroll')!;
      const before = scroller.scrollTop;
      scroller.scrollBy({ top: scroller.clientHeight * 0.8 });
      return scroller.scrollTop === before;
    });
    if (atEnd) break;
  }
  await twoFrames(page);
  if ((await paragraph.count()) === 0) throw new Error(`"${needle}" is not in the reader`);
}

/**
 * Reads the whole text by scrolling the reader from top to bottom: every paragraph's text where it
 * starts in the source, and the names of the highlights painted on the way.
 */
export async function readWholeText(page: Page): Promise<{ text: string; highlights: Set<string> }> {
  await page.locator('article.reader p').first().waitFor();
  await page.evaluate(() => document.querySelector('.reader-scroll')!.scrollTo({ top: 0 }));
  const paragraphs = new Map<number, string>();
  const highlights = new Set<string>();
  for (let step = 0; step < 400; step++) {
    await twoFrames(page);
    const seen = await page.evaluate(() => {
      const out: [number, string][] = [];
      for (const p of document.querySelectorAll<HTMLElement>('article.reader p[data-start]'))
        out.push([Number(p.dataset.start), p.textContent ?? '']);
      const names = [...CSS.highlights].filter(([, h]) => h.size > 0).map(([name]) => name);
      const scroller = document.querySelector('.reader-scroll')!;
      const before = scroller.scrollTop;
      scroller.scrollBy({ top: scroller.clientHeight * 0.8 });
      return { out, names, atEnd: scroller.scrollTop === before };
    });
    for (const [start, text] of seen.out) paragraphs.set(start, text);
    for (const name of seen.names) highlights.add(name);
    if (seen.atEnd) break;
  }
  let text = '';
  for (const [start, para] of [...paragraphs].sort((a, b) => a[0] - b[0])) text = text.padEnd(start, '\n') + para;
  return { text, highlights };
}

/** Viewport rectangle of the first occurrence of `needle` in the reader's text. */
export async function textRect(
  page: Page,
  needle: string,
): Promise<{
  left: number;
  top: number;
  right: number;
  bottom: number;
  firstLineBottom: number;
  firstLineRight: number;
}> {
  await scrollToText(page, needle);
  await page.locator('article.reader p', { hasText: needle }).first().scrollIntoViewIfNeeded();
  // Paragraphs skipped by content-visibility take their real height as they come into view, which
  // can move the text for a frame or two: measure until two frames agree.
  let previous = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const rect = await measure(page, needle);
    const key = JSON.stringify(rect);
    if (key === previous) return rect;
    previous = key;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return measure(page, needle);
}

function measure(page: Page, needle: string) {
  return page.evaluate((needle) => {
    for (const p of document.querySelectorAll('article.reader p')) {
      const node = p.firstChild as Text | null;
      const at = node?.data.indexOf(needle) ?? -1;
      if (!node || at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const rects = [...range.getClientRects()];
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return {
        left: first.left,
        top: first.top,
        right: last.right,
        bottom: last.bottom,
        firstLineBottom: first.bottom,
        firstLineRight: first.right,
      };
    }
    throw new Error(`"${needle}" is not in the reader`);
  }, needle);
}

/** Selects `needle` in the reader with a real mouse drag, as an analyst does. */
export async function selectWithMouse(page: Page, needle: string): Promise<void> {
  const rect = await textRect(page, needle);
  await page.mouse.move(rect.left + 1, (rect.top + rect.firstLineBottom) / 2);
  await page.mouse.down();
  await page.mouse.move(rect.right - 1, rect.bottom - 4, { steps: 8 });
  await page.mouse.up();
}

/** Names and sizes of the Custom Highlight API registry entries the reader painted. */
export async function paintedHighlights(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [name, highlight] of CSS.highlights) out[name] = highlight.size;
    return out;
  });
}

/** Texts covered by every range of one highlight (e.g. the search hit), in order. */
export async function highlightedTexts(page: Page, name: string): Promise<string[]> {
  return page.evaluate((name) => {
    const highlight = CSS.highlights.get(name);
    return highlight ? [...highlight].map((r) => r.toString()) : [];
  }, name);
}
