import type { Browser, Page } from '@playwright/test';
import { startTestCouch, type TestCouch } from '../support/couch-server';
import { expect, SAMPLE_TITLE, skipWelcome, test } from './fixtures';

/**
 * Two analysts share one workspace through a CouchDB-compatible server on 127.0.0.1 (express-pouchdb in
 * memory, started by this test): two browser contexts (two IndexedDB workspaces) on the one preview, and
 * only the UI in between — publish, join, edit the same field on both sides, settle it in the conflict view.
 */

const THREAT = 'Kosh-Tepa canal water draw on the Amu Darya';
const AMIRA = 'Amira: the first phase already draws water.';
const BRUNO = 'Bruno: it matters from the second phase on.';
const LIVE = 'Amira, live: the canal reached its second phase.';

let couch: TestCouch;
test.beforeAll(async () => {
  couch = await startTestCouch();
});
test.afterAll(async () => couch.close());

async function analyst(browser: Browser): Promise<{ page: Page; problems: string[] }> {
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

async function teamSettings(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  if (!(await dialog.isVisible())) await page.keyboard.press('Control+,');
  await dialog.getByRole('tab', { name: 'Team' }).click();
  return dialog;
}

async function closeSettings(page: Page) {
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();
}

async function connect(page: Page, user: string, button: 'Connect' | 'Publish to a new database') {
  const settings = await teamSettings(page);
  await settings.getByLabel('Server address').fill(couch.url);
  await settings.getByLabel('Database').fill('sahel-team');
  await settings.getByLabel('User name').fill(user);
  await settings.getByLabel('Password').fill(`${user}-pw`);
  await settings.getByRole('button', { name: button }).click();
  await expect(settings.getByRole('status').filter({ hasText: /Synced:/ })).toBeVisible({ timeout: 60_000 });
  return settings;
}

async function syncNow(page: Page) {
  const settings = await teamSettings(page);
  await settings.getByRole('button', { name: 'Sync now' }).click();
  await expect(settings.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await expect(settings.getByRole('status').filter({ hasText: /Synced:/ })).toBeVisible();
  return settings;
}

async function describeThreat(page: Page, text: string) {
  await page
    .getByRole('button', { name: /Register/ })
    .first()
    .click();
  await page
    .getByRole('grid', { name: 'Threats' })
    .locator('tbody tr', { hasText: THREAT })
    .getByRole('gridcell')
    .first()
    .click();
  const description = page.getByRole('textbox', { name: 'Description' });
  await description.fill(text);
  await description.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'All changes are saved' })).toBeVisible();
  return description;
}

test('two analysts sync through the team server and settle a conflict in the Mine / Theirs / Both view', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const amira = await analyst(browser);
  const bruno = await analyst(browser);

  const published = await connect(amira.page, 'amira', 'Publish to a new database');
  await expect(published.getByRole('status')).toContainText('Published this workspace');
  // The browser preview cannot reach the OS keychain: no offer to remember the password, and a sentence why.
  await expect(published.getByText(/kept for this session only/)).toBeVisible();
  await expect(published.getByRole('checkbox', { name: /Remember the password/ })).toHaveCount(0);
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    await amira.page.setViewportSize(viewport);
    await amira.page.screenshot({ path: testInfo.outputPath(`team-panel-${viewport.width}.png`) });
  }
  await closeSettings(amira.page);
  await connect(bruno.page, 'bruno', 'Connect');
  await closeSettings(bruno.page);
  await expect(bruno.page.getByRole('contentinfo').getByRole('button', { name: 'Team: synced' })).toBeVisible();

  // Both change the same threat's description while apart; Amira's reaches the server first.
  await describeThreat(amira.page, AMIRA);
  await describeThreat(bruno.page, BRUNO);
  await expect(bruno.page.getByRole('contentinfo').getByRole('button', { name: /Team: \d+ to send/ })).toBeVisible();
  await syncNow(amira.page);
  const settings = await syncNow(bruno.page);

  const conflicts = settings.getByRole('region', { name: '1 conflict to settle' });
  await expect(conflicts).toBeVisible();
  await expect(
    bruno.page.getByRole('contentinfo').getByRole('button', { name: 'Team: 1 conflict to settle' }),
  ).toBeVisible();
  const field = conflicts.getByRole('radiogroup', { name: `Description of “${THREAT}”` });
  await expect(field.getByText(BRUNO)).toBeVisible();
  await expect(field.getByText(AMIRA)).toBeVisible();
  await bruno.page.setViewportSize({ width: 1366, height: 768 });
  await bruno.page.screenshot({ path: testInfo.outputPath('team-conflict.png') });
  await field.getByRole('radio', { name: 'Both' }).click();
  await conflicts.getByRole('button', { name: /Settle/ }).click();
  await expect(conflicts).toBeHidden();
  await expect(settings.getByRole('status').filter({ hasText: /Synced:/ })).toBeVisible();

  await syncNow(amira.page);
  await closeSettings(amira.page);
  const description = await describeThreatShown(amira.page);
  await expect(description).toHaveValue(new RegExp(`${BRUNO}[\\s\\S]*——— the team ———[\\s\\S]*${AMIRA}`));
  await expect(amira.page.getByRole('contentinfo').getByRole('button', { name: 'Team: synced' })).toBeVisible();

  // Live sync on at both: Amira's next change reaches Bruno without anyone pressing Sync now.
  for (const { page } of [amira, bruno]) {
    const team = await teamSettings(page);
    await team.getByRole('checkbox', { name: 'Live sync' }).check();
    await expect(team.getByRole('status').filter({ hasText: /Synced:/ })).toBeVisible();
    await closeSettings(page);
  }
  await describeThreat(amira.page, LIVE);
  await expect
    .poll(async () => (await describeThreatShown(bruno.page)).inputValue(), { timeout: 60_000, intervals: [1000] })
    .toBe(LIVE);

  expect(amira.problems).toEqual([]);
  expect(bruno.problems).toEqual([]);
});

async function describeThreatShown(page: Page) {
  await page
    .getByRole('button', { name: /Register/ })
    .first()
    .click();
  await page
    .getByRole('grid', { name: 'Threats' })
    .locator('tbody tr', { hasText: THREAT })
    .getByRole('gridcell')
    .first()
    .click();
  return page.getByRole('textbox', { name: 'Description' });
}
