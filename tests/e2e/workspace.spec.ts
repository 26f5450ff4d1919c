import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, expect, SAMPLE_ARTICLE, SAMPLE_TITLE, sha256OfFile, test } from './fixtures';
import { scrollToText } from './reader-helpers';

test.describe('the demo workspace', () => {
  test('opens on the sample article, readable in the reader', async ({ app }) => {
    await expect(app.getByRole('heading', { name: SAMPLE_TITLE, level: 2 })).toBeVisible();
    const reader = app.getByRole('document', { name: 'Source text' });
    // The reader renders the paragraphs near the screen: the sentence is read by scrolling down to it.
    const sentence =
      'The implementation of a large water infrastructure project by the Taliban to build a 285-kilometer Kosh-Tepa canal';
    await scrollToText(app, sentence);
    await expect(reader).toContainText(sentence);
    await expect(reader.locator('p[dir="auto"]').first()).toBeVisible();
    await expect(app.getByText('Grade B3')).toBeVisible();
    await expect(app.getByRole('button', { name: /Sources\s*1/ })).toHaveAttribute('aria-current', 'page');
  });

  test('stores the article’s original file in the data folder on disk', async ({ app }) => {
    const sha = sha256OfFile(SAMPLE_ARTICLE);
    const stored = join(DATA_DIR, 'sources', sha.slice(0, 2), sha);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored)).toEqual(readFileSync(SAMPLE_ARTICLE));
    await expect(app.getByRole('contentinfo')).toContainText(DATA_DIR);
    expect(existsSync(join(DATA_DIR, 'logs'))).toBe(true);
  });

  test('lists the starter register’s threats, highest score first', async ({ app }) => {
    await app.getByRole('button', { name: /Register/ }).click();
    const rows = app.getByRole('grid', { name: 'Threats' }).locator('tbody tr[data-threat-id]');
    await expect(rows).toHaveCount(12);
    for (const name of [
      'ISIS-Khorasan',
      'Kosh-Tepa',
      'Jamaat Ansarullah',
      'Balochistan Liberation Army',
      'drug trafficking',
      'madrassas',
    ]) {
      await expect(rows.filter({ hasText: new RegExp(name, 'i') })).toHaveCount(1);
    }
    const scores = (await rows.getByRole('gridcell', { name: /^Score:/ }).allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('lists the 11 countries with the source of each figure on hover', async ({ app }) => {
    await app.getByRole('button', { name: /Countries/ }).click();
    // All 11 on the exposure ranking; four compared side by side by default.
    await expect(app.getByRole('list', { name: /^Exposure ranking/ }).getByRole('listitem')).toHaveCount(11);
    const table = app.getByRole('table', { name: 'Compared countries' });
    await expect(table.getByRole('columnheader')).toHaveCount(4);
    for (const name of ['Kazakhstan', 'Uzbekistan', 'Tajikistan', 'Turkmenistan'])
      await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
    await expect(table).toContainText('Dushanbe');
    await expect(table.getByText('1,357 km', { exact: true })).toHaveAttribute('title', /World Factbook/);
    await table.getByRole('button', { name: 'Tajikistan', exact: true }).click();
    await expect(app.getByRole('complementary', { name: 'Inspector' })).toContainText('Other published border lengths');
  });

  test('shows an empty briefing list that says what briefings are', async ({ app }) => {
    await app.getByRole('button', { name: /Briefings/ }).click();
    await expect(app.getByText('No briefings yet')).toBeVisible();
    await expect(app.getByText(/footnoted citations/)).toBeVisible();
  });
});

test.describe('editing', () => {
  test('a renamed threat survives a reload, with its history', async ({ app }) => {
    await app.getByRole('button', { name: /Register/ }).click();
    await app
      .getByRole('grid', { name: 'Threats' })
      .locator('tbody tr', { hasText: 'Kosh-Tepa canal water draw' })
      .getByRole('gridcell')
      .first()
      .click();
    const title = app.getByRole('textbox', { name: 'Title' });
    await expect(title).toHaveValue('Kosh-Tepa canal water draw on the Amu Darya');
    await title.fill('Kosh-Tepa canal: Amu Darya flow to Uzbekistan down 15%');
    await title.press('Enter');
    await expect(app.getByRole('status').filter({ hasText: 'All changes are saved' })).toBeVisible();
    await expect(app.getByRole('list', { name: 'History' })).toContainText(
      'Kosh-Tepa canal water draw on the Amu Darya',
    );

    await app.reload();
    await expect(app.getByRole('grid', { name: 'Threats' })).toContainText(
      'Kosh-Tepa canal: Amu Darya flow to Uzbekistan down 15%',
    );
    await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(
      'Kosh-Tepa canal: Amu Darya flow to Uzbekistan down 15%',
    );
    await expect(app.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(1);
  });

  test('an empty title is refused with a sentence and nothing is saved', async ({ app }) => {
    await app.getByRole('button', { name: /Register/ }).click();
    await app
      .getByRole('grid', { name: 'Threats' })
      .locator('tbody tr', { hasText: 'Jamaat Ansarullah' })
      .getByRole('gridcell')
      .first()
      .click();
    const title = app.getByRole('textbox', { name: 'Title' });
    const original = await title.inputValue();
    await title.fill('   ');
    await title.press('Enter');
    await expect(app.getByRole('alert')).toHaveText('A threat needs a title.');
    await title.press('Escape');
    await expect(title).toHaveValue(original);
    await app.reload();
    await expect(app.getByRole('grid', { name: 'Threats' })).toContainText(original);
  });
});

test.describe('keyboard', () => {
  test('Ctrl+1…4 switch views and the arrow keys select a threat', async ({ app }) => {
    await app.keyboard.press('Control+2');
    await expect(app.getByRole('grid', { name: 'Threats' })).toBeVisible();
    await app.getByRole('grid', { name: 'Threats' }).focus();
    await app.keyboard.press('ArrowDown');
    await expect(app.getByRole('textbox', { name: 'Title' })).toBeVisible();
    await app.keyboard.press('Control+3');
    await expect(app.getByRole('table', { name: 'Countries' })).toBeVisible();
    await app.keyboard.press('Control+4');
    await expect(app.getByText('No briefings yet')).toBeVisible();
    await app.keyboard.press('Control+1');
    await expect(app.getByRole('document', { name: 'Source text' })).toBeVisible();
  });

  test('the reader’s text size can be changed and is remembered', async ({ app }) => {
    const reader = app.getByRole('document', { name: 'Source text' });
    const before = await reader.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await app.getByRole('button', { name: 'Larger text' }).click();
    await app.getByRole('button', { name: 'Larger text' }).click();
    await expect.poll(() => reader.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBe(before + 2);
    await app.reload();
    await expect
      .poll(() =>
        app.getByRole('document', { name: 'Source text' }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
      )
      .toBe(before + 2);
  });
});

test.describe('security of the browser host', () => {
  test('serves the page with a strict CSP and refuses API calls without the token', async ({ app, request }) => {
    const response = await request.get('/');
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    const refused = await request.post('/api/appInfo', { data: [] });
    expect(refused.status()).toBe(401);
    // The page itself reaches main through window.workbench.
    const info = await app.evaluate(() =>
      (window as unknown as { workbench: { appInfo(): Promise<unknown> } }).workbench.appInfo(),
    );
    expect(info).toMatchObject({ host: 'bridge', dataFolder: expect.stringContaining('analyst-workbench-e2e') });
  });
});

test('screenshots of each view, light and dark', async ({ app }, testInfo) => {
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    for (const [view, key] of [
      ['sources', '1'],
      ['register', '2'],
      ['countries', '3'],
      ['briefings', '4'],
    ] as const) {
      await app.keyboard.press(`Control+${key}`);
      await app.waitForTimeout(150);
      await app.screenshot({ path: testInfo.outputPath(`${view}-${scheme}.png`) });
    }
  }
});
