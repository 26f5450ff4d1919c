import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
/** The bridge's data folder for this run (set in playwright.config.ts). */
export const DATA_DIR = process.env.WORKBENCH_E2E_DATA_DIR!;

/** A new folder for files a test writes to import, inside the run's scratch folder (removed when the run ends). */
export function scratchFolder(name: string): string {
  const root = process.env.WORKBENCH_E2E_SCRATCH!;
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${name}-`));
}

export const SAMPLE_ARTICLE = join(PROJECT_ROOT, 'data', 'sample', 'security-threats-afghanistan-kazakhstan.txt');
export const SAMPLE_TITLE = 'Security Threats Emanating from Afghanistan: The View from Kazakhstan';

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The localStorage mark of a profile that has had its first-run welcome (renderer/features/welcome/first-run.ts). */
export const WELCOME_SHOWN_KEY = 'analyst-workbench.welcome-shown';

/** Marks a browser context as past its first run, so the welcome does not stand over the view a test drives. */
export async function skipWelcome(context: BrowserContext): Promise<void> {
  await context.addInitScript((key) => localStorage.setItem(key, 'skipped by the e2e fixture'), WELCOME_SHOWN_KEY);
}

/**
 * Opens the app and waits until the demo workspace is on screen. Fails the test on any page error.
 * Every test's context is past its first run (tests/e2e/welcome.spec.ts is the one that is not).
 */
export const test = base.extend<{ app: Page; expectedConsoleErrors: RegExp[] }>({
  /** Console errors a test causes on purpose (Chromium logs every refused fetch, such as a missing text's 404). */
  expectedConsoleErrors: [[], { option: true }],
  context: async ({ context }, use) => {
    await skipWelcome(context);
    await use(context);
  },
  app: async ({ page, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedConsoleErrors.some((expected) => expected.test(message.text())))
        problems.push(message.text());
    });
    await page.goto('/');
    await expect(
      page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: new RegExp(SAMPLE_TITLE) }),
    ).toBeVisible();
    await use(page);
    expect(problems, 'the page reported errors').toEqual([]);
  },
});

export { expect };

/** The files in the bridge's exports folder now. */
export function exportedFiles(): string[] {
  const folder = join(DATA_DIR, 'exports');
  return existsSync(folder) ? readdirSync(folder) : [];
}

/**
 * The one file with this ending that an action added to the exports folder since `before` (a listing
 * taken just before it). Earlier tests of the run export the same records under the same names, so a
 * file is never picked by its name or its place in a listing.
 */
export async function addedExport(before: string[], ending: string): Promise<string> {
  const added = () => exportedFiles().filter((f) => !before.includes(f) && f.endsWith(ending));
  await expect.poll(() => added().length).toBe(1);
  return join(DATA_DIR, 'exports', added()[0]!);
}

/** Opens a toolbar's menu (a button with aria-expanded) unless it is open already. */
export async function openMenu(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}
