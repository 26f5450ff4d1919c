import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import JSZip from 'jszip';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The Electron binary, if this machine has one. Resolved the way the electron package does, but
 * without its lazy download (which cannot succeed where the binary is unreachable).
 */
function electronBinary(): { path?: string; reason?: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8')
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron';
  const path = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(pkg, 'dist', relative);
  return existsSync(path)
    ? { path }
    : { reason: `there is no Electron binary at ${path} (it could not be downloaded on this machine)` };
}

const binary = electronBinary();
const skipReason = `Skipped: ${binary.reason}. On a machine with network access, run "npm install" without ELECTRON_SKIP_BINARY_DOWNLOAD to get Electron, then npm test runs this test.`;

interface MenuSummary {
  label: string;
  items: { label: string; accelerator: string | null; submenu: string[] }[];
}

/** The application menu as labels and accelerators, read in the main process. */
function menuSummary(app: ElectronApplication): Promise<MenuSummary[]> {
  return app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((top) => ({
      label: top.label.replace(/&/g, ''),
      items: (top.submenu?.items ?? []).map((item) => ({
        label: item.label,
        accelerator: item.accelerator ? String(item.accelerator) : null,
        submenu: (item.submenu?.items ?? []).map((sub) => sub.label),
      })),
    })),
  );
}

/** Clicks a menu item in the main process, as the analyst would with the mouse. */
function clickMenu(app: ElectronApplication, top: string, label: string): Promise<void> {
  return app.evaluate(
    ({ Menu, BrowserWindow }, [topLabel, itemLabel]) => {
      const menu = Menu.getApplicationMenu()?.items.find((m) => m.label.replace(/&/g, '') === topLabel);
      const item = menu?.submenu?.items.find((i) => i.label === itemLabel);
      if (!item) throw new Error(`No menu item ${topLabel} › ${itemLabel}`);
      item.click(undefined, BrowserWindow.getAllWindows()[0], undefined);
    },
    [top, label] as const,
  );
}

/** Selects `needle` in the reader with the keyboard: click before it, then Shift+→ across it. */
async function selectWithKeyboard(page: Page, needle: string): Promise<void> {
  const paragraph = page.locator('article.reader p', { hasText: needle }).first();
  await paragraph.scrollIntoViewIfNeeded();
  const start = await page.evaluate((needle) => {
    for (const p of document.querySelectorAll('article.reader p')) {
      const node = p.firstChild as Text | null;
      const at = node?.data.indexOf(needle) ?? -1;
      if (!node || at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + 1, y: rect.top + rect.height / 2 };
    }
    throw new Error(`"${needle}" is not in the reader`);
  }, needle);
  await page.mouse.click(start.x, start.y);
  for (let i = 0; i < needle.length; i++) await page.keyboard.press('Shift+ArrowRight');
}

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.path, skipReason);

  test('starts secured, imports a text file, annotates it and exports a briefing through the save dialog', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workbench-electron-'));
    const work = mkdtempSync(join(tmpdir(), 'workbench-electron-files-'));
    const article = join(work, 'water-briefing-notes.txt');
    writeFileSync(
      article,
      'Kosh-Tepa canal notes\n\nThe Kosh-Tepa canal will draw water from the Amu Darya and reduce the flow reaching Uzbekistan and Turkmenistan.\n',
    );
    const app = await electron.launch({
      executablePath: binary.path,
      args: [root],
      cwd: root,
      env: { ...process.env, WORKBENCH_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle('Analyst Workbench');
      // A fresh data folder is a first start: the welcome stands over the demo until it is closed.
      const welcome = window.getByRole('dialog', { name: 'Welcome to Analyst Workbench' });
      await welcome.getByRole('button', { name: 'Start working' }).click();
      await expect(welcome).toBeHidden();
      await expect(window.getByRole('list', { name: 'Sources' })).toContainText(
        'Security Threats Emanating from Afghanistan',
      );

      // Start: an isolated, sandboxed renderer without Node.
      const isolated = await window.evaluate(
        () =>
          typeof (globalThis as { require?: unknown }).require === 'undefined' &&
          typeof (globalThis as { process?: unknown }).process === 'undefined',
      );
      expect(isolated).toBe(true);
      const preferences = await app.evaluate(({ BrowserWindow }) => {
        // getLastWebPreferences is public at run time but missing from electron.d.ts.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences: () => Electron.WebPreferences | null;
        };
        const prefs = contents.getLastWebPreferences();
        return {
          contextIsolation: prefs?.contextIsolation,
          sandbox: prefs?.sandbox,
          nodeIntegration: prefs?.nodeIntegration,
          webviewTag: prefs?.webviewTag,
        };
      });
      expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
      expect(existsSync(join(dataDir, 'sources'))).toBe(true);

      // The application menu: every main command with its accelerator.
      const menu = await menuSummary(app);
      const file = menu.find((m) => m.label === 'File')!;
      const accelerator = (label: string) => file.items.find((i) => i.label === label)?.accelerator;
      expect(accelerator('Import Sources…')).toBe('CmdOrCtrl+O');
      expect(accelerator('New Passage from Selection')).toBe('CmdOrCtrl+Shift+A');
      expect(accelerator('New Threat')).toBe('CmdOrCtrl+Shift+H');
      expect(accelerator('Export Briefing…')).toBe('CmdOrCtrl+E');
      expect(accelerator('Back up…')).toBe('CmdOrCtrl+Shift+S');
      expect(file.items.map((i) => i.label)).toEqual(
        expect.arrayContaining([
          'Paste as Source…',
          'Export Register as CSV…',
          'Export Register as STIX 2.1…',
          'Export Annotations (W3C)…',
          'Recent Exports',
          'Restore from backup…',
          'Backups…',
        ]),
      );
      expect(
        menu
          .find((m) => m.label === 'Edit')!
          .items.slice(0, 2)
          .map((i) => [i.label, i.accelerator]),
      ).toEqual([
        ['Undo', 'CmdOrCtrl+Z'],
        ['Redo', 'CmdOrCtrl+Shift+Z'],
      ]);
      expect(menu.find((m) => m.label === 'View')!.items.find((i) => i.label === 'Go to Anything…')?.accelerator).toBe(
        'CmdOrCtrl+K',
      );
      expect(menu.find((m) => m.label === 'Help')!.items.map((i) => i.label)).toEqual(
        expect.arrayContaining(['Keyboard Shortcuts', 'About Analyst Workbench']),
      );

      // A menu click reaches the renderer's handler.
      await clickMenu(app, 'Help', 'Keyboard Shortcuts');
      const sheet = window.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(sheet).toBeVisible();
      await window.keyboard.press('Escape');
      await expect(sheet).toBeHidden();

      // Import a text file.
      await window.locator('input#import-files').setInputFiles(article);
      const imported = window
        .getByRole('list', { name: 'Sources' })
        .getByRole('button', { name: /Kosh-Tepa canal notes/ });
      await expect(imported).toBeVisible();
      await imported.click();
      await expect(window.getByRole('heading', { name: 'Kosh-Tepa canal notes', level: 2 })).toBeVisible();

      // Annotate with the keyboard: select, A, choose a tag, save.
      await selectWithKeyboard(window, 'draw water from the Amu Darya');
      await window.keyboard.press('a');
      const editor = window.getByRole('dialog', { name: 'Annotate passage' });
      await expect(editor.locator('blockquote')).toHaveText('draw water from the Amu Darya');
      await editor.getByRole('combobox', { name: 'Tags' }).fill('Water');
      await window.keyboard.press('ArrowDown');
      await window.keyboard.press('Enter');
      await expect(editor.locator('.chip')).toHaveCount(1);
      await window.keyboard.press('Control+Enter');
      await expect(editor).toBeHidden();
      await expect(
        window
          .getByRole('list', { name: 'Passages' })
          .getByRole('listitem')
          .filter({ hasText: 'draw water from the Amu Darya' }),
      ).toHaveCount(1);

      // After a reload the text comes from main's store through the app:// protocol (the page's cache is
      // gone), and the search worker fetches it there itself.
      await window.reload();
      await window
        .getByRole('list', { name: 'Sources' })
        .getByRole('button', { name: /Kosh-Tepa canal notes/ })
        .click();
      await expect(window.getByRole('document', { name: 'Source text' })).toContainText(
        'draw water from the Amu Darya',
      );
      await window.getByRole('button', { name: /^Search/ }).click();
      await window.getByRole('searchbox', { name: 'Search the workspace' }).fill('Amu Darya');
      await expect(
        window
          .getByRole('list', { name: 'Search results' })
          .getByRole('listitem')
          .filter({ hasText: 'Kosh-Tepa canal notes' }),
      ).not.toHaveCount(0);

      // Export a briefing: the save dialog is stubbed in main to answer a path of ours.
      const target = join(work, 'Water briefing.docx');
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, target);
      await window.keyboard.press('Control+4');
      await window.getByRole('button', { name: 'New briefing' }).first().click();
      await window.getByRole('textbox', { name: 'Title', exact: true }).fill('Water briefing');
      await window.getByRole('button', { name: 'Export .docx' }).click();
      await expect.poll(() => existsSync(target), { timeout: 30_000 }).toBe(true);
      const zip = await JSZip.loadAsync(readFileSync(target));
      const documentXml = await zip.file('word/document.xml')?.async('string');
      expect(documentXml).toContain('Water briefing');

      // The export is a recent export, in the app and in File › Recent Exports.
      await expect(window.getByRole('list', { name: 'Recent exports' })).toContainText('Water briefing.docx');
      await expect
        .poll(async () =>
          (await menuSummary(app))
            .find((m) => m.label === 'File')!
            .items.find((i) => i.label === 'Recent Exports')
            ?.submenu.join('|'),
        )
        .toContain('Water briefing.docx');
    } finally {
      await app.close();
    }
    // The window's size and place are remembered for the next start.
    expect(existsSync(join(dataDir, 'window-state.json'))).toBe(true);
  });
});
