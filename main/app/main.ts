/**
 * Electron entry: lifecycle and security wiring only. Everything that does work lives in
 * main/services and is reached through the handler table.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { registerIpc } from '../ipc/register';
import { ensureDataFolder } from '../services/data-folder';
import { createHandlerTable, recentExportsFile } from '../services/handlers';
import { RecentExports } from '../services/recent-exports';
import { Log } from '../services/log';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, preloadPathFrom } from './window';

registerAppScheme();

// Tests and portable setups may point the app at another data folder (the bridge honours the same variable).
if (process.env.WORKBENCH_DATA_DIR) app.setPath('userData', resolve(process.env.WORKBENCH_DATA_DIR));

let mainWindow: BrowserWindow | null = null;

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The renderer is a single page: it never navigates, opens windows or embeds webviews.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function start(): Promise<void> {
  const dataFolder = await ensureDataFolder(app.getPath('userData'));
  const log = new Log(dataFolder.logs);
  void log.write('info', `starting ${app.getName()} ${app.getVersion()}`);

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  hardenContents();

  // dist/main/index.cjs → the app root is two folders up (inside app.asar when packaged).
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  const license = await readFile(join(appRoot, 'package.json'), 'utf8').then((text) => (JSON.parse(text) as { license?: string }).license, () => undefined);
  let rebuildMenu: (recent: Awaited<ReturnType<RecentExports['list']>>) => void = () => undefined;
  const recentExports = new RecentExports({
    file: recentExportsFile(dataFolder),
    // Only ever called with files main exported itself (see main/services/recent-exports.ts).
    openPath: (path) => shell.openPath(path),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    onChange: (entries, added) => {
      rebuildMenu(entries);
      if (added) app.addRecentDocument(added.path);
      else app.clearRecentDocuments();
    },
  });
  registerIpc(
    createHandlerTable({
      appName: 'Analyst Workbench',
      appVersion: app.getVersion(),
      host: 'electron',
      dataFolder,
      bundledDataRoot: join(appRoot, 'data'),
      chooseSavePath: async (suggestedPath) => {
        // Offer the export's own type first, so the dialog keeps the extension the file needs.
        const extension = extname(suggestedPath).slice(1);
        const filters = extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }, { name: 'All files', extensions: ['*'] }] : [];
        const options = { defaultPath: suggestedPath, filters };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      // Only ever called with a briefing main exported itself (see main/services/briefing-exports.ts).
      openPath: (path) => shell.openPath(path),
      showItemInFolder: (path) => shell.showItemInFolder(path),
      recentExports,
      runtime: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      ...(license ? { license } : {}),
    }),
    { onUnexpectedError: (key, error) => void log.write('error', `request ${key} failed`, error) },
  );
  rebuildMenu = installMenu({ getWindow: () => mainWindow, recentExports });
  windowStateFile = join(dataFolder.root, 'window-state.json');
  await openWindow();
}

let windowStateFile = '';

async function openWindow(): Promise<void> {
  mainWindow = await createMainWindow(preloadPathFrom(__dirname), windowStateFile);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && windowStateFile) void openWindow();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    console.error('Analyst Workbench could not start:', error);
    app.exit(1);
  });
}
