import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { DATA_DIR, expect, SAMPLE_TITLE, skipWelcome, test } from './fixtures';
import { highlightedTexts, selectWithMouse } from './reader-helpers';

/**
 * Merging a colleague's work the way analysts do it: two installations (two browser contexts, so two
 * IndexedDB workspaces with their own replica ids, on the one bridge and data folder), a real backup
 * file on disk handed from one to the other, and only the UI in between.
 */

const BACKUPS = join(DATA_DIR, 'backups');
const THREAT = 'Kosh-Tepa canal water draw on the Amu Darya';
const THEIR_DESCRIPTION = 'Aigerim: the canal’s first phase already draws water; see the 2025 ICWC figures.';
const MY_DESCRIPTION = 'Mine: the draw matters from the second phase on; watch the Uzbek response.';
const THEIR_PASSAGE = 'uncontrolled mass migration';
const MY_PASSAGE = 'creates migration risks in the border areas';
const NOTED_PASSAGE = 'Kosh-Tepa canal will significantly reduce';
const THEIR_NOTE = 'Aigerim: check the 15% against the SIC ICWC data.';

/** One installation: its own browser context (its own IndexedDB), the demo workspace on screen. */
async function installation(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  await skipWelcome(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto('/');
  await expect(
    page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SAMPLE_TITLE) }),
  ).toBeVisible();
  return { page, problems };
}

async function saved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: 'All changes are saved' })).toBeVisible();
}

async function openThreat(page: Page, title: string) {
  await page
    .getByRole('button', { name: /Register/ })
    .first()
    .click();
  await page
    .getByRole('grid', { name: 'Threats' })
    .locator('tbody tr', { hasText: title })
    .getByRole('gridcell')
    .first()
    .click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
  return page.getByRole('textbox', { name: 'Description' });
}

async function describeThreat(page: Page, text: string) {
  const description = await openThreat(page, THREAT);
  await description.fill(text);
  await description.press('Control+Enter');
  await saved(page);
}

async function annotate(page: Page, passage: string, tag: string) {
  await page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await selectWithMouse(page, passage);
  await page.getByRole('button', { name: /Annotate/ }).click();
  const editor = page.getByRole('dialog', { name: 'Annotate passage' });
  await expect(editor.locator('blockquote')).toHaveText(passage);
  const tags = editor.getByRole('combobox', { name: 'Tags' });
  await tags.fill(tag);
  await editor.getByRole('option', { name: `Create tag “${tag}”` }).click();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await saved(page);
}

/** The passage whose whole quote is `quote` (longer demo passages may contain it). */
function passageItem(page: Page, quote: string): Locator {
  return page
    .getByRole('list', { name: 'Passages' })
    .getByRole('listitem')
    .filter({ has: page.locator('.passage-quote', { hasText: new RegExp(`^${quote}$`) }) });
}

async function openBackups(page: Page): Promise<Locator> {
  await page
    .getByRole('contentinfo')
    .getByRole('button', { name: /^(Backed up|Backups…)/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Reading the backups folder…')).toHaveCount(0);
  return dialog;
}

/** "Back up now" in the Backups dialog; answers the file written into the data folder's backups/. */
async function backUpNow(page: Page): Promise<string> {
  const dialog = await openBackups(page);
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const status = dialog.getByRole('status').filter({ hasText: /^Backed up the workspace/ });
  await expect(status).toBeVisible();
  const path = /to (.*\.awbackup)\.$/.exec((await status.textContent()) ?? '')?.[1];
  expect(path && basename(path)).toBeTruthy();
  expect(join(BACKUPS, basename(path!))).toBe(path);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return path!;
}

/** The codebook holds exactly one tag called `name` (in any letter case), coding `passages` passages. */
async function expectOneTag(page: Page, name: RegExp, passages: number) {
  await page
    .getByRole('button', { name: /Sources/ })
    .first()
    .click();
  await page.getByRole('tab', { name: 'Codebook' }).click();
  const tags = page.getByRole('list', { name: 'Codebook' }).getByRole('button', { name });
  await expect(tags).toHaveCount(1);
  await expect(tags.locator('.count')).toHaveText(String(passages));
  await page.getByRole('tab', { name: 'Passages' }).click();
}

test.describe('merging a colleague’s backup', () => {
  test('through a real backup file: summary, conflicts, report, one tag for both codings, undo as one step, merge from the list', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(180_000);
    const colleague = await installation(browser);
    const me = await installation(browser);
    const b = colleague.page;
    const a = me.page;

    // The colleague: a description, a new tag on a passage, a note on a demo passage; then a backup.
    await describeThreat(b, THEIR_DESCRIPTION);
    await annotate(b, THEIR_PASSAGE, 'Labour migration');
    await b
      .getByRole('button', { name: /Sources/ })
      .first()
      .click();
    const noted = b.getByRole('list', { name: 'Passages' }).getByRole('listitem').filter({ hasText: NOTED_PASSAGE });
    await noted.getByRole('button').dblclick();
    const editor = b.getByRole('dialog', { name: 'Edit passage' });
    await editor.getByRole('textbox', { name: 'Note' }).fill(THEIR_NOTE);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(noted).toContainText(THEIR_NOTE);
    await saved(b);
    const theirBackup = await backUpNow(b);

    // Me, independently: the same threat's description, and a tag of the same name in other letters.
    await describeThreat(a, MY_DESCRIPTION);
    await annotate(a, MY_PASSAGE, 'labour migration');
    await expectOneTag(a, /^labour migration/i, 1);

    // A corrupt copy of their file is refused in the Backups dialog, and nothing changes.
    const corrupt = testInfo.outputPath('cut off.awbackup');
    const theirBytes = readFileSync(theirBackup);
    writeFileSync(corrupt, theirBytes.subarray(0, Math.floor(theirBytes.length * 0.7)));
    let dialog = await openBackups(a);
    await dialog.getByLabel('Colleague’s backup to merge').setInputFiles(corrupt);
    await expect(dialog.getByRole('alert')).toHaveText(
      'The backup file is damaged or incomplete — it may have been cut off while it was copied. Nothing was changed. Use another backup.',
    );
    await expect(a.getByRole('dialog', { name: /^Merge/ })).toHaveCount(0);
    await a.screenshot({ path: testInfo.outputPath('merge-corrupt-refused.png') });

    // Their real file from disk, as the analyst picks it.
    await dialog.getByLabel('Colleague’s backup to merge').setInputFiles(theirBackup);
    await expect(dialog).toBeHidden();
    const merge = a.getByRole('dialog', { name: /^Merge .* backup$/ });
    await expect(merge).toBeVisible();
    const summary = merge.getByRole('table', { name: 'What the merge will do' });
    await expect(summary).toBeVisible();
    const row = (records: string) => summary.getByRole('row', { name: new RegExp(`^${records}`) });
    // Added, Updated, Same name, Conflicts, Kept deleted, Skipped
    await expect(row('Passages').getByRole('cell')).toHaveText(['1', '1', '0', '0', '0', '0']);
    // Their tag becomes mine (same name); only its spelling differs, which is theirs or mine to choose.
    await expect(row('Tags').getByRole('cell')).toHaveText(['0', '0', '1', '1', '0', '0']);
    await expect(row('Threats').getByRole('cell')).toHaveText(['0', '0', '0', '1', '0', '0']);
    const spelling = merge.getByRole('radiogroup', { name: 'Name of “labour migration”' });
    await expect(spelling.getByRole('radio', { name: 'Mine' })).toHaveAccessibleDescription('labour migration');
    await expect(spelling.getByRole('radio', { name: 'Theirs' })).toHaveAccessibleDescription('Labour migration');
    await expect(spelling.getByRole('radio', { name: 'Both' })).toHaveCount(0);

    const conflict = merge.getByRole('radiogroup', { name: `Description of “${THREAT}”` });
    await expect(conflict.getByRole('radio', { name: 'Mine' })).toHaveAccessibleDescription(MY_DESCRIPTION);
    await expect(conflict.getByRole('radio', { name: 'Theirs' })).toHaveAccessibleDescription(THEIR_DESCRIPTION);
    await expect(conflict.getByRole('radio', { name: 'Both' })).toBeVisible();
    const apply = merge.getByRole('button', { name: 'Apply merge' });
    await expect(apply).toBeDisabled();
    await a.screenshot({ path: testInfo.outputPath('merge-review.png') });
    await conflict.getByRole('radio', { name: 'Both' }).check();
    await expect(apply).toBeDisabled();
    await spelling.getByRole('radio', { name: 'Mine' }).check();
    await expect(apply).toBeEnabled();
    await apply.click();

    await expect(merge.getByRole('heading', { name: 'Merge applied' })).toBeVisible();
    const report = merge.getByLabel('Merge report');
    await expect(report).toContainText(/^Merged the backup from colleague [0-9a-f]{8}\./);
    await expect(report).toContainText('Passages: 1 added, 1 updated.');
    await expect(report).toContainText('Tags: 1 merged with the same name, 1 conflict settled.');
    // Their whole history since the demo, a revision per field: the new passage (12 fields) and tag (7),
    // the note and the description (each with its updatedAt stamp).
    await expect(report).toContainText('History entries: 23 added.');
    await expect(report).toContainText(/Threats: .*1 conflict settled\./);
    await expect(report).toContainText('Conflicting fields settled: 1 kept mine, 0 took theirs, 1 kept both.');
    await a.screenshot({ path: testInfo.outputPath('merge-report.png') });
    await merge.getByRole('button', { name: 'Close' }).click();
    await expect(merge).toBeHidden();
    await saved(a);

    // One "labour migration" tag, coding both passages.
    await expectOneTag(a, /^labour migration/i, 2);
    // Their passage is in my reader, anchored at its text; their note came too.
    const passages = a.getByRole('list', { name: 'Passages' });
    const theirs = passageItem(a, THEIR_PASSAGE);
    await expect(theirs).toContainText('labour migration');
    await theirs.getByRole('button').click();
    expect(await highlightedTexts(a, 'wb-selected')).toEqual([THEIR_PASSAGE]);
    await expect(passages.getByRole('listitem').filter({ hasText: NOTED_PASSAGE })).toContainText(THEIR_NOTE);
    await a.screenshot({ path: testInfo.outputPath('merge-reader.png') });
    // The threat keeps both descriptions, mine first.
    const description = await openThreat(a, THREAT);
    await expect(description).toHaveValue(
      new RegExp(`^${MY_DESCRIPTION}\\n[\\s\\S]*colleague [0-9a-f]{8}[\\s\\S]*${THEIR_DESCRIPTION}$`),
    );

    // Ctrl+Z undoes the whole merge in one step.
    await a
      .getByRole('grid', { name: 'Threats' })
      .locator('tbody tr', { hasText: THREAT })
      .getByRole('gridcell')
      .first()
      .click();
    await a.keyboard.press('Control+z');
    await expect(description).toHaveValue(MY_DESCRIPTION);
    await saved(a);
    await expectOneTag(a, /^labour migration/i, 1);
    await expect(passageItem(a, THEIR_PASSAGE)).toHaveCount(0);
    await expect(passages.getByRole('listitem').filter({ hasText: NOTED_PASSAGE })).not.toContainText(THEIR_NOTE);

    // Their backup is in the list too: merge it from there, taking their side this time.
    dialog = await openBackups(a);
    await dialog
      .getByRole('table', { name: 'Backups' })
      .locator(`tr[title="${basename(theirBackup)}"]`)
      .getByRole('button', { name: /^Merge the backup of/ })
      .click();
    await expect(merge).toBeVisible();
    await merge.getByRole('button', { name: 'Take theirs for all' }).click();
    await merge.getByRole('button', { name: 'Apply merge' }).click();
    await expect(merge.getByLabel('Merge report')).toContainText(
      'Conflicting fields settled: 0 kept mine, 2 took theirs, 0 kept both.',
    );
    await merge.getByRole('button', { name: 'Close' }).click();
    await saved(a);
    await expect(await openThreat(a, THREAT)).toHaveValue(THEIR_DESCRIPTION);
    await expectOneTag(a, /^labour migration/i, 2);

    expect(colleague.problems, 'the colleague’s page reported errors').toEqual([]);
    expect(me.problems, 'my page reported errors').toEqual([]);
  });

  test('a backup of this same workspace is refused with its sentence, and nothing changes', async ({
    app,
  }, testInfo) => {
    const own = await backUpNow(app);
    const dialog = await openBackups(app);
    await dialog
      .getByRole('table', { name: 'Backups' })
      .locator(`tr[title="${basename(own)}"]`)
      .getByRole('button', { name: /^Merge the backup of/ })
      .click();
    const merge = app.getByRole('dialog', { name: /^Merge .* backup$/ });
    await expect(merge.getByRole('alert')).toHaveText(
      'This backup was made from this workspace itself, so there is nothing to merge. To go back to it, restore it instead.',
    );
    await app.screenshot({ path: testInfo.outputPath('merge-own-refused.png') });
    await merge.getByRole('button', { name: 'Close' }).click();
    await expect(merge).toBeHidden();
    await expect(app.getByRole('list', { name: 'Passages' }).getByRole('listitem')).toHaveCount(35);
  });
});
