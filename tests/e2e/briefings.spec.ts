import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readDocx, stripBidiControls } from '../support/docx-reader';
import { DATA_DIR, expect, SAMPLE_ARTICLE, SAMPLE_TITLE, test } from './fixtures';

const sectionOrder = (page: Page) =>
  page
    .getByRole('list', { name: 'Sections' })
    .locator('li[data-section]')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-section')));
const preview = (page: Page) => page.getByRole('document', { name: 'Briefing preview' });
const briefingList = (page: Page) => page.getByRole('list', { name: 'Briefings' });

async function newBriefing(page: Page, title: string) {
  await page.keyboard.press('Control+4');
  await page.getByRole('button', { name: 'New briefing' }).first().click();
  const field = page.getByRole('textbox', { name: 'Title', exact: true });
  await field.fill(title);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test.describe('briefings', () => {
  test('compose a briefing from the demo workspace, preview it, export the .docx, and reopen it after a reload', async ({
    app,
  }) => {
    test.setTimeout(120_000);
    await newBriefing(app, 'Afghanistan: threats to Central Asia, Q1 2026');
    await app.getByRole('textbox', { name: 'Subtitle' }).fill('Assessment for the Security Council secretariat');
    await app.getByRole('textbox', { name: 'Author' }).fill('Dana Seitkali');
    await app.getByRole('textbox', { name: 'Audience' }).fill('Ministry of Foreign Affairs, Department of Asia');
    // A custom marking, in the words a Kazakh ministry uses (ДСП: for official use).
    await app.getByRole('combobox', { name: 'Security marking' }).selectOption('custom');
    await app.getByRole('textbox', { name: 'Custom marking' }).fill('ДСП — FOR OFFICIAL USE ONLY');

    // Sections: one switched off, one moved with the keyboard, one dragged with the mouse.
    expect(await sectionOrder(app)).toEqual([
      'cover',
      'contents',
      'bottom-line',
      'scope-note',
      'key-judgments',
      'assumptions',
      'alternatives',
      'threat-overview',
      'heat-map',
      'threat-details',
      'country-comparison',
      'key-gaps',
      'indicators',
      'recommendations',
      'estimative-key',
      'sources-annex',
    ]);
    await app.getByRole('checkbox', { name: /Country comparison/ }).uncheck();
    const recommendationsHandle = app.getByRole('button', { name: 'Move Recommendations', exact: true });
    await recommendationsHandle.focus();
    for (let i = 0; i < 8; i++) await app.keyboard.press('ArrowUp');
    await expect(recommendationsHandle).toBeFocused();
    await app
      .getByRole('button', { name: 'Move Heat map', exact: true })
      .dragTo(app.locator('li[data-section="threat-overview"]'));
    expect(await sectionOrder(app)).toEqual([
      'cover',
      'contents',
      'bottom-line',
      'scope-note',
      'key-judgments',
      'recommendations',
      'assumptions',
      'alternatives',
      'heat-map',
      'threat-overview',
      'threat-details',
      'country-comparison',
      'key-gaps',
      'indicators',
      'estimative-key',
      'sources-annex',
    ]);
    for (let i = 0; i < 5; i++) await app.getByRole('button', { name: 'Move Recommendations down' }).click();
    expect(await sectionOrder(app)).toEqual([
      'cover',
      'contents',
      'bottom-line',
      'scope-note',
      'key-judgments',
      'assumptions',
      'alternatives',
      'heat-map',
      'threat-overview',
      'threat-details',
      'recommendations',
      'country-comparison',
      'key-gaps',
      'indicators',
      'estimative-key',
      'sources-annex',
    ]);

    // Filters: terrorism and water, score 9 or more, affecting Uzbekistan → ISIS-K and the Kosh-Tepa canal.
    await app.getByRole('checkbox', { name: 'Terrorism' }).check();
    await app.getByRole('checkbox', { name: 'Water' }).check();
    await app.getByRole('spinbutton', { name: 'Minimum score' }).fill('9');
    await app.getByRole('combobox', { name: 'Countries' }).fill('Uzbek');
    await app.getByRole('option', { name: /Uzbekistan/ }).click();
    await expect(app.getByRole('status').filter({ hasText: 'pass the filters' })).toHaveText(
      '2 threats pass the filters.',
    );

    // A key judgment with its confidence and a cited passage; a recommendation.
    await app.getByRole('button', { name: 'Add key judgment' }).click();
    await app
      .getByRole('textbox', { name: 'Key judgment 1' })
      .fill(
        'The Kosh-Tepa canal will very likely cut the Amu Darya’s flow to Uzbekistan and Turkmenistan within five years.',
      );
    await app.getByRole('combobox', { name: 'Confidence of key judgment 1' }).selectOption('high');
    await app.getByRole('searchbox', { name: 'Find evidence for key judgment 1' }).fill('285-kilometer');
    await app
      .getByRole('list', { name: 'Passages found for key judgment 1' })
      .getByRole('button', { name: 'Cite' })
      .first()
      .click();
    await expect(app.getByRole('list', { name: 'Evidence for key judgment 1' }).getByRole('listitem')).toHaveCount(1);
    await app.getByRole('button', { name: 'Add recommendation' }).click();
    await app
      .getByRole('textbox', { name: 'Recommendation 1' })
      .fill('Open a water channel with Kabul through the Interstate Commission for Water Coordination.');

    // The preview is the document: marking on every sheet, sections in the chosen order, the filters applied.
    // It says plainly that its sheets are the document's sections, not Word's pages.
    await expect(app.getByText(/shown section by section, not page by page/)).toBeVisible();
    const doc = preview(app);
    await expect(doc.getByRole('heading', { name: 'Afghanistan: threats to Central Asia, Q1 2026' })).toBeVisible();
    const sheets = doc.getByRole('region', { name: /^Sheet \d+$/ });
    const sheetCount = await sheets.count();
    expect(sheetCount).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < sheetCount; i++)
      await expect(sheets.nth(i).getByText('ДСП — FOR OFFICIAL USE ONLY', { exact: true })).toHaveCount(2);
    await expect(doc).toContainText('High confidence');
    await expect(doc).toContainText('The Kosh-Tepa canal will very likely cut');
    const headings = await doc.locator('h3').allInnerTexts();
    // No bottom line written: that section prints nothing, and the composer says so before export.
    expect(headings).toEqual([
      'Scope note and sources',
      'Key judgments',
      'Heat map',
      'Threat overview',
      'Threat details',
      'Recommendations',
      'Estimative language',
      'Annex: Sources',
    ]);
    const overview = doc.getByRole('table', { name: 'Threat overview' });
    await expect(overview.getByRole('row')).toHaveCount(3);
    await expect(overview).toContainText('ISIS-Khorasan recruitment and attacks from Afghanistan');
    await expect(overview).toContainText('Kosh-Tepa canal water draw on the Amu Darya');
    await expect(overview).not.toContainText('Tehrik-e Taliban');
    await expect(overview.getByRole('cell', { name: '20 Critical' }).first()).toHaveCSS(
      'background-color',
      'rgb(244, 182, 187)',
    );
    await expect(doc.getByRole('table', { name: 'Heat map' }).getByRole('cell', { name: 'T1, T2' })).toBeVisible();
    // Footnote 1 is the key judgment's passage, cited first; the annex lists the one source once.
    await expect(doc.getByRole('list', { name: 'Footnotes' }).first().getByRole('listitem').first()).toContainText(
      /^Almat Toyekin, “Security Threats Emanating from Afghanistan: The View from Kazakhstan,” n\.d\., para\. \d+\./,
    );
    await expect(doc.getByRole('table', { name: 'Sources' }).getByRole('row')).toHaveCount(2);
    await expect(doc.getByRole('navigation', { name: 'Table of contents' })).toContainText(
      'T2. Kosh-Tepa canal water draw on the Amu Darya',
    );

    for (const scheme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: scheme });
      await doc.evaluate((el) => (el.scrollTop = 0));
      await app.locator('.composer-body').evaluate((el) => (el.scrollTop = 0));
      await app.waitForTimeout(150);
      await app.screenshot({ path: test.info().outputPath(`briefing-composer-${scheme}.png`) });
      // Scroll the preview alone (scrollIntoView would move the whole frame too).
      await doc.getByRole('heading', { name: 'Key judgments' }).evaluate((el) => {
        const scroller = el.closest('.preview-scroll')!;
        scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 16;
      });
      await app.getByRole('heading', { name: 'Sections' }).evaluate((el) => {
        const scroller = el.closest('.composer-body')!;
        scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
      });
      await app.waitForTimeout(150);
      await app.screenshot({ path: test.info().outputPath(`briefing-preview-${scheme}.png`) });
    }
    await app.emulateMedia({ colorScheme: 'light' });

    // Export: main writes the .docx into the data folder's exports/ and the briefing remembers it.
    const before = new Set(existsSync(join(DATA_DIR, 'exports')) ? readdirSync(join(DATA_DIR, 'exports')) : []);
    await app.getByRole('button', { name: 'Export .docx' }).click();
    await expect(app.getByText(/Exported the briefing to .*\.docx\./)).toBeVisible({ timeout: 30_000 });
    const written = readdirSync(join(DATA_DIR, 'exports')).filter((f) => f.endsWith('.docx') && !before.has(f));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d{4}-\d{2}-\d{2} Afghanistan threats to Central Asia, Q1 2026\.docx$/);
    const file = join(DATA_DIR, 'exports', written[0]!);
    expect(statSync(file).size).toBeGreaterThan(5000);
    const history = app.getByRole('list', { name: 'Export history' });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await expect(history).toContainText(file);

    // In the browser, "Open" says where the file is instead.
    await history.getByRole('button', { name: 'Open' }).click();
    await expect(
      app.getByText(`Opening files is only available in the desktop app. The briefing is saved at ${file}.`),
    ).toBeVisible();

    // The file a reader opens says what the preview said.
    const read = await readDocx(file);
    try {
      const text = stripBidiControls(read.text);
      expect(text).toContain('Afghanistan: threats to Central Asia, Q1 2026');
      expect(text).toContain('The Kosh-Tepa canal will very likely cut');
      expect(text).toContain('High confidence');
      for (const page of read.pages) {
        const lines = page.trim().split('\n');
        expect([lines[0], lines.at(-1)], 'the marking at the top and bottom of every page').toEqual([
          'ДСП — FOR OFFICIAL USE ONLY',
          'ДСП — FOR OFFICIAL USE ONLY',
        ]);
      }
      expect(text).not.toContain('Tehrik-e Taliban');
    } finally {
      await read.cleanUp();
    }

    // Reload and reopen: everything was saved.
    await expect(app.getByRole('status').filter({ hasText: 'Briefing saved' })).toBeVisible();
    await app.reload();
    await app.keyboard.press('Control+4');
    await briefingList(app)
      .getByRole('button', { name: /Afghanistan: threats to Central Asia, Q1 2026/ })
      .click();
    await expect(app.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(
      'Afghanistan: threats to Central Asia, Q1 2026',
    );
    await expect(app.getByRole('textbox', { name: 'Custom marking' })).toHaveValue('ДСП — FOR OFFICIAL USE ONLY');
    await expect(app.getByRole('textbox', { name: 'Key judgment 1' })).toHaveValue(
      /The Kosh-Tepa canal will very likely cut/,
    );
    await expect(app.getByRole('combobox', { name: 'Confidence of key judgment 1' })).toHaveValue('high');
    await expect(app.getByRole('checkbox', { name: /Country comparison/ })).not.toBeChecked();
    expect(await sectionOrder(app)).toEqual([
      'cover',
      'contents',
      'bottom-line',
      'scope-note',
      'key-judgments',
      'assumptions',
      'alternatives',
      'heat-map',
      'threat-overview',
      'threat-details',
      'recommendations',
      'country-comparison',
      'key-gaps',
      'indicators',
      'estimative-key',
      'sources-annex',
    ]);
    await expect(app.getByRole('list', { name: 'Export history' })).toContainText(file);
    await expect(preview(app)).toContainText('High confidence');
    await expect(preview(app).getByRole('table', { name: 'Threat overview' }).getByRole('row')).toHaveCount(3);
  });

  test('choose the citation style: the notes follow it, the choice is kept, and missing source details are warned of first', async ({
    app,
  }) => {
    await newBriefing(app, 'Citation styles');
    const doc = preview(app);
    const firstNote = doc.getByRole('list', { name: 'Footnotes' }).first().getByRole('listitem').first();
    const style = app.getByRole('combobox', { name: 'Citation style' });
    await expect(style).toHaveValue('chicago-full-note');
    await expect(firstNote).toContainText(/Almat Toyekin, “Security Threats .*,” n\.d\., para\. \d+\./);
    // The demo article has no publisher or date: the composer says so before any export.
    const warnings = app.getByRole('region', { name: 'Before exporting' });
    await expect(warnings).toContainText(
      '“Security Threats Emanating from Afghanistan: The View from Kazakhstan” has no publisher or date recorded',
    );
    await style.selectOption('gost-r-7.0.5-2008');
    await expect(firstNote).toContainText(/Toyekin, с\. \d+\./);
    await expect(doc.getByRole('table', { name: 'Sources' })).toContainText(
      'Toyekin A. Security Threats Emanating from Afghanistan',
    );
    await style.selectOption('apa');
    await expect(firstNote).toContainText(/Toyekin, n\.d\., para\. \d+\./);
    // The analytic standards: the bottom line first, the cut-off in the scope note; their warnings go once given.
    await expect(warnings).toContainText('The bottom line is empty');
    await expect(warnings).toContainText('No information cut-off date is set');
    await app
      .getByRole('textbox', { name: 'Bottom line' })
      .fill('ISIS-Khorasan and the Kosh-Tepa canal are the gravest threats, and both are rising.');
    await app.getByRole('textbox', { name: 'Information cut-off' }).fill('2026-03-01');
    await expect(warnings).not.toContainText('The bottom line is empty');
    await expect(warnings).not.toContainText('No information cut-off date is set');
    await expect(doc.getByRole('heading', { name: 'Bottom line' })).toBeVisible();
    await expect(doc).toContainText('Information cut-off: 1 March 2026');
    await expect(doc.getByRole('table', { name: 'Estimative language' })).toContainText('Roughly even chance');
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await style.scrollIntoViewIfNeeded();
      await app.waitForTimeout(150);
      await app.screenshot({ path: test.info().outputPath(`briefing-citation-style-${width}x${height}.png`) });
    }
    await expect(app.getByRole('status').filter({ hasText: 'Briefing saved' })).toBeVisible();
    await app.reload();
    await app.keyboard.press('Control+4');
    await briefingList(app)
      .getByRole('button', { name: /Citation styles/ })
      .click();
    await expect(app.getByRole('combobox', { name: 'Citation style' })).toHaveValue('apa');
  });

  test('the check before export: a quoted passage changed in its source blocks the export until confirmed; an overridden warning is recorded with the export', async ({
    app,
  }) => {
    test.setTimeout(120_000);
    await newBriefing(app, 'Checked before export');
    await app.getByRole('textbox', { name: 'Author' }).fill('Dana Seitkali');
    const check = app.getByRole('region', { name: 'Before exporting' });
    const exportButton = app.getByRole('button', { name: 'Export .docx' });
    await expect(check.getByRole('list', { name: 'Warnings', exact: true })).toContainText(
      'No information cut-off date is set',
    );
    await expect(check.getByRole('list', { name: 'Blockers' })).toHaveCount(0);
    await expect(exportButton).toBeEnabled();

    // The article is revised: "by 15%" now reads "by 12–15%" inside a passage quoted under the Kosh-Tepa threat.
    const revised = test.info().outputPath('article-revised.txt');
    const original = readFileSync(SAMPLE_ARTICLE, 'utf8');
    expect(original).toContain('the Amu Darya by 15%.');
    writeFileSync(revised, original.replace('the Amu Darya by 15%.', 'the Amu Darya by 12–15%.'));
    await app.keyboard.press('Control+1');
    await app
      .getByRole('list', { name: 'Sources' })
      .getByRole('button', { name: new RegExp(SAMPLE_TITLE) })
      .click();
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.getByLabel('New version of the source').setInputFiles(revised);
    const replace = app.getByRole('dialog', { name: `Replace the text of “${SAMPLE_TITLE}”?` });
    await replace.getByRole('button', { name: 'Replace the text' }).click();
    await expect(replace).toBeHidden();

    // Back in the composer: the quote may no longer be what the source says, so the export is blocked, with the reason.
    const reopen = async () => {
      await app.keyboard.press('Control+4');
      await briefingList(app)
        .getByRole('button', { name: /Checked before export/ })
        .click();
    };
    await reopen();
    const blockers = check.getByRole('list', { name: 'Blockers' });
    await expect(blockers.getByRole('listitem')).toHaveCount(1);
    await expect(blockers).toContainText('the Amu Darya by 15%');
    await expect(blockers).toContainText('Confirm it under Review');
    await expect(exportButton).toBeDisabled();
    await expect(exportButton).toHaveAccessibleDescription(/Export is blocked: a quoted passage needs review/);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.screenshot({ path: test.info().outputPath(`briefing-check-blocked-${width}x${height}.png`) });
    }

    // The jump opens the passage under Review; the analyst confirms it where the workbench found it.
    await blockers.getByRole('button', { name: 'Go to the passage' }).click();
    const review = app.getByRole('list', { name: 'Review queue' });
    await expect(review.getByRole('listitem')).toHaveCount(1);
    await expect(review).toContainText('12–15');
    await review.getByRole('button', { name: 'Accept' }).click();
    await expect(review).toBeHidden();
    await reopen();
    await expect(check.getByRole('list', { name: 'Blockers' })).toHaveCount(0);
    await expect(exportButton).toBeEnabled();

    // A warning let stand: it moves under "overridden", and the export records it, by whom and when.
    const cutOff = check.getByRole('list', { name: 'Warnings', exact: true }).getByRole('listitem').filter({
      hasText: 'No information cut-off date is set',
    });
    await cutOff.getByRole('button', { name: /^Override/ }).click();
    await expect(check.getByRole('list', { name: 'Warnings', exact: true })).not.toContainText(
      'No information cut-off date',
    );
    await expect(check.getByText('1 warning overridden')).toBeVisible();
    await check.getByText('1 warning overridden').click();
    await expect(check.getByRole('list', { name: 'Overridden warnings' })).toContainText('Overridden by Dana Seitkali');
    // A warning's jump takes the analyst to the field that fixes it.
    await check
      .getByRole('list', { name: 'Warnings', exact: true })
      .getByRole('button', { name: 'Write the bottom line' })
      .click();
    await expect(app.getByRole('textbox', { name: 'Bottom line' })).toBeFocused();

    await exportButton.click();
    await expect(app.getByText(/Exported the briefing to .*\.docx\./)).toBeVisible({ timeout: 30_000 });
    const history = app.getByRole('list', { name: 'Export history' });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await history.getByText('1 warning overridden').click();
    await expect(history).toContainText('No information cut-off date is set');
    await expect(history).toContainText('overridden by Dana Seitkali');

    // Withdrawn, the warning counts again; the export already written keeps its record.
    await check.getByRole('button', { name: 'Withdraw override' }).click();
    await expect(check.getByRole('list', { name: 'Warnings', exact: true })).toContainText(
      'No information cut-off date is set',
    );
    await expect(history).toContainText('overridden by Dana Seitkali');
  });

  test('after a jump from the check before export, coming back shows the same briefing, and a field’s jump focuses the field', async ({
    app,
  }) => {
    await newBriefing(app, 'Jumped from the check');
    const check = app.getByRole('region', { name: 'Before exporting' });
    const warnings = check.getByRole('list', { name: 'Warnings', exact: true });
    // The demo article has no publisher or date: the jump opens its details under Sources.
    await warnings.getByRole('button', { name: 'Open the source’s details' }).first().click();
    await expect(app.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
    await expect(check).toBeHidden();

    // Back in Briefings: the composer of the same briefing, not the list waiting for a choice.
    await app.keyboard.press('Control+4');
    await expect(app.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Jumped from the check');
    await expect(app.getByText('Open a briefing')).toHaveCount(0);
    await expect(briefingList(app).getByRole('button', { name: /Jumped from the check/ })).toHaveAttribute(
      'aria-current',
      'true',
    );

    // A field's jump focuses the field, in view.
    await warnings.getByRole('button', { name: 'Set the cut-off date' }).click();
    const cutOff = app.getByLabel('Information cut-off', { exact: true });
    await expect(cutOff).toBeFocused();
    await expect(cutOff).toBeInViewport();
    // Only the composer scrolls to it: the window keeps the app's frame where it was.
    expect(await app.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.screenshot({ path: test.info().outputPath(`briefing-jump-back-${width}x${height}.png`) });
    }
  });

  test('choose the evidence quoted: the strongest by default, the analyst’s choice per threat, a mention left out, with undo', async ({
    app,
  }) => {
    await newBriefing(app, 'Curated evidence');
    const chooser = app.getByRole('list', { name: 'Evidence quoted' });
    const t1 = chooser.getByRole('listitem').filter({ hasText: 'T1. Humanitarian and economic crisis' }).first();
    await t1.locator('summary').click();
    await expect(t1.locator('summary')).toContainText('quoted · the strongest');
    const passages = t1.getByRole('list', { name: /^Passages of T1\./ });
    const boxes = passages.getByRole('checkbox');
    const ticked = async () =>
      (await boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked))).length;
    expect(await ticked()).toBe(3);
    // Untick the first quoted passage: the choice is the analyst's now, and the preview drops the quote.
    const first = passages
      .getByRole('listitem')
      .filter({ has: app.locator('input:checked') })
      .first();
    const words = (await first.locator('span[dir="auto"]').textContent())!.slice(0, 40);
    await expect(preview(app)).toContainText(words);
    await first.getByRole('checkbox').click();
    await expect(t1.locator('summary')).toContainText('2 of');
    await expect(t1.locator('summary')).toContainText('your choice');
    await expect.poll(ticked).toBe(2);
    // Back to the default with one click, and the choice is a step for Ctrl+Z.
    await t1.getByRole('button', { name: 'Quote the strongest' }).click();
    await expect(t1.locator('summary')).toContainText('the strongest');
    await app.getByRole('heading', { name: 'Evidence quoted' }).click();
    await app.keyboard.press('Control+z');
    await expect(t1.locator('summary')).toContainText('your choice');

    // A passage marked a mention is no evidence to quote by default.
    await app.getByRole('spinbutton', { name: 'Quotes per threat' }).fill('5');
    await t1.getByRole('button', { name: 'Quote the strongest' }).click();
    await expect(t1.locator('summary')).toContainText('5 of 5 quoted · the strongest');
    const mentionable = passages
      .getByRole('listitem')
      .filter({ has: app.locator('input:checked') })
      .first();
    const mentioned = (await mentionable.locator('span[dir="auto"]').textContent())!;
    await mentionable.getByRole('button', { name: 'Mark as a mention' }).click();
    const same = passages.getByRole('listitem').filter({ hasText: mentioned });
    await expect(same).toContainText('a mention');
    await expect(t1.locator('summary')).toContainText('4 of 5 quoted');
    await expect(same.getByRole('checkbox')).not.toBeChecked();
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await t1.scrollIntoViewIfNeeded();
      await app.screenshot({ path: test.info().outputPath(`briefing-evidence-${width}x${height}.png`) });
    }
  });

  test('the briefing template: set in Settings, it gives new briefings their marking and the document its issuer, logo, paper and Russian fixed texts', async ({
    app,
  }) => {
    test.setTimeout(120_000);
    const logo = test.info().outputPath('logo.png');
    writeFileSync(
      logo,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    await app.keyboard.press('Control+,');
    const dialog = app.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Briefing template' }).click();
    await dialog.getByRole('textbox', { name: 'Institution' }).fill('Институт внешнеполитических исследований');
    await dialog.getByRole('textbox', { name: 'Document number pattern' }).fill('ИВПИ-{YYYY}/{NNN}');
    await dialog
      .getByRole('textbox', { name: 'Distribution list' })
      .fill('Министр иностранных дел\nСовет безопасности');
    await dialog.getByRole('textbox', { name: 'Default marking' }).fill('ДСП');
    await dialog.getByLabel('Logo').setInputFiles(logo);
    await expect(dialog.getByRole('img', { name: 'The logo printed on the cover' })).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Paper' }).selectOption('Letter');
    await dialog.getByRole('combobox', { name: 'Language of the fixed texts' }).selectOption('ru');
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.screenshot({ path: test.info().outputPath(`briefing-template-settings-${width}x${height}.png`) });
    }
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Template saved.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await newBriefing(app, 'Угрозы из Афганистана');
    await expect(app.getByRole('combobox', { name: 'Security marking' })).toHaveValue('custom');
    await expect(app.getByRole('textbox', { name: 'Custom marking' })).toHaveValue('ДСП');
    const doc = preview(app);
    await expect(doc.getByRole('heading', { name: 'Обзор угроз' })).toBeVisible();
    await expect(doc).toContainText('ИВПИ-');
    await expect(doc).toContainText('Министр иностранных дел; Совет безопасности');

    await app.getByRole('button', { name: 'Export .docx' }).click();
    await expect(app.getByText(/Exported the briefing to .*\.docx\./)).toBeVisible({ timeout: 30_000 });
    const file = (await app.getByRole('list', { name: 'Export history' }).locator('.export-path').textContent())!;
    const read = await readDocx(file);
    try {
      const text = stripBidiControls(read.text);
      expect(text).toContain('АНАЛИТИЧЕСКАЯ ЗАПИСКА');
      expect(text).toContain('Институт внешнеполитических исследований');
      expect(text).toContain('ИВПИ-2026/001'.replace('2026', new Date().getFullYear().toString()));
      expect(text).toContain('Ключевые выводы');
      expect(text).toMatch(/Стр\. 2 из \d+/);
    } finally {
      await read.cleanUp();
    }
  });

  test('a briefing without a marking or title is not exported, and says why', async ({ app }) => {
    await newBriefing(app, 'Unmarked');
    await app.getByRole('combobox', { name: 'Security marking' }).selectOption('custom');
    await app.getByRole('textbox', { name: 'Custom marking' }).fill('');
    await expect(app.getByRole('alert').filter({ hasText: 'Choose or write a marking' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Export .docx' })).toBeDisabled();
    await app.getByRole('textbox', { name: 'Custom marking' }).fill('UNCLASSIFIED');
    await expect(app.getByRole('button', { name: 'Export .docx' })).toBeEnabled();
    await app.getByRole('textbox', { name: 'Title', exact: true }).fill('');
    await expect(app.getByRole('alert').filter({ hasText: 'A briefing needs a title' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Export .docx' })).toBeDisabled();
    await app.getByRole('textbox', { name: 'Subtitle' }).fill('Kept while the title is empty');
    await expect(app.getByRole('status').filter({ hasText: 'Briefing saved' })).toBeVisible();
    await app.reload();
    await app.keyboard.press('Control+4');
    // The empty title was never saved; the rest was.
    await briefingList(app)
      .getByRole('button', { name: /Unmarked/ })
      .click();
    await expect(app.getByRole('textbox', { name: 'Subtitle' })).toHaveValue('Kept while the title is empty');
    await expect(app.getByRole('combobox', { name: 'Security marking' })).toHaveValue('UNCLASSIFIED');
  });

  test('creating a briefing, the composer’s saves and a duplicate are undone and redone by keys', async ({ app }) => {
    await newBriefing(app, 'Undo me');
    await expect(app.getByRole('status').filter({ hasText: 'Briefing saved' })).toBeVisible();
    const title = app.getByRole('textbox', { name: 'Title', exact: true });
    // Out of the field, Ctrl+Z is the workspace's: the save of the title is taken back, then redone.
    await app.getByRole('heading', { name: 'Sections' }).click();
    await app.keyboard.press('Control+z');
    await expect(title).toHaveValue('New briefing');
    await expect(app.getByText('Undone: edit “Undo me”.')).toBeVisible();
    await app.keyboard.press('Control+Shift+Z');
    await expect(title).toHaveValue('Undo me');

    await app.getByRole('button', { name: 'Duplicate' }).click();
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(2);
    await app.getByRole('heading', { name: 'Sections' }).click();
    await app.keyboard.press('Control+z');
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(1);
    await app.keyboard.press('Control+Shift+Z');
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(2);
    await expect(briefingList(app)).toContainText('Undo me (copy)');

    // All the way back to no briefing, and forward again.
    for (let i = 0; i < 3; i++) await app.keyboard.press('Control+z');
    await expect(app.getByText('No briefings yet')).toBeVisible();
    for (let i = 0; i < 3; i++) await app.keyboard.press('Control+Shift+Z');
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(2);
  });

  test('duplicate and delete briefings, with undo', async ({ app }) => {
    await newBriefing(app, 'Weekly note on the Tajik border');
    await app.getByRole('button', { name: 'Add key judgment' }).click();
    await app
      .getByRole('textbox', { name: 'Key judgment 1' })
      .fill('Cross-border incidents are likely to rise this spring.');
    await app.getByRole('button', { name: 'Duplicate' }).click();
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(2);
    await expect(app.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(
      'Weekly note on the Tajik border (copy)',
    );
    await expect(app.getByRole('textbox', { name: 'Key judgment 1' })).toHaveValue(
      'Cross-border incidents are likely to rise this spring.',
    );

    await app.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(1);
    await expect(app.getByText('Deleted “Weekly note on the Tajik border (copy)”.')).toBeVisible();
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(2);
    await expect(briefingList(app)).toContainText('Weekly note on the Tajik border (copy)');

    // Both survive a reload (Duplicate saved the draft first); deleting the last ones leaves the empty list.
    await app.reload();
    await app.keyboard.press('Control+4');
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(2);
    await briefingList(app)
      .getByRole('button', { name: /^Weekly note on the Tajik border \(copy\)/ })
      .click();
    await app.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(briefingList(app).getByRole('listitem')).toHaveCount(1);
    await briefingList(app)
      .getByRole('button', { name: /^Weekly note on the Tajik border/ })
      .click();
    await app.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(app.getByText('No briefings yet')).toBeVisible();
  });
});
