/**
 * Electron entry: lifecycle and security wiring only. Everything that does work lives in
 * main/services and is reached through the handler table.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import { MENU_COMMAND_CHANNEL } from '../../shared/ipc/channels';
import { registerIpc } from '../ipc/register';
import { ensureDataFolder } from '../services/data-folder';
import { backupPathsIn, LaunchedBackups, OpenedBackupsInbox } from '../services/launched-backups';
import { createHandlerTable, recentExportsFile } from '../services/handlers';
import { RecentExports } from '../services/recent-exports';
import { Log } from '../services/log';
import { openLogFile } from '../services/log-file';
import { QuitBackupGate } from '../services/quit-backup';
import { SourceStore } from '../services/source-store';
import { installMenu, type InstalledMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, preloadPathFrom } from './window';

registerAppScheme();

// Tests and portable setups may point the app at another data folder (the bridge honours the same variable).
if (process.env.WORKBENCH_DATA_DIR) app.setPath('userData', resolve(process.env.WORKBENCH_DATA_DIR));

let mainWindow: BrowserWindow | null = null;
// One quit backup per window: asked for when the window closes or the app quits, whichever comes first.
let quitBackup = new QuitBackupGate();

/** Asks the window to write the quit backup; false when there is no window to ask. */
function askForQuitBackup(): boolean {
  if (!mainWindow || mainWindow.isDestroyed()) return false;
  mainWindow.webContents.send(MENU_COMMAND_CHANNEL, 'workspace:backup-on-quit');
  return true;
}

// Backups the system asks us to open (file association). Once the data folder is known, start() takes
// them into backups/ and points the window's Backups dialog at them (see main/services/launched-backups.ts).
const launchedBackups = new LaunchedBackups();
launchedBackups.add(backupPathsIn(process.argv.slice(1), process.cwd()));
// macOS sends files as events, possibly before the app is ready, so listen from the start.
app.on('open-file', (event, path) => {
  event.preventDefault();
  launchedBackups.add(backupPathsIn([path], process.cwd()));
});
app.on('second-instance', (_event, argv, workingDirectory) =>
  launchedBackups.add(backupPathsIn(argv, workingDirectory)),
);

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
  // Errors nobody caught still reach the error log (Help › Open Error Log) instead of vanishing.
  process.on('uncaughtException', (error) => void log.write('error', 'uncaught exception in main', error));
  process.on('unhandledRejection', (reason) => void log.write('error', 'unhandled rejection in main', reason));

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  hardenContents();

  // dist/main/index.cjs → the app root is two folders up (inside app.asar when packaged).
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'dist', 'renderer'), new SourceStore(dataFolder.sources));
  const license = await readFile(join(appRoot, 'package.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { license?: string }).license,
    () => undefined,
  );
  let menu: InstalledMenu | null = null;
  const openedBackups = new OpenedBackupsInbox(dataFolder.backups);
  const recentExports = new RecentExports({
    file: recentExportsFile(dataFolder),
    // Only ever called with files main exported itself (see main/services/recent-exports.ts).
    openPath: (path) => shell.openPath(path),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    onChange: (entries, added) => {
      menu?.rebuild(entries);
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
      importWorker: join(__dirname, 'import-worker.cjs'),
      briefingWorker: join(__dirname, 'briefing-worker.cjs'),
      chooseSavePath: async (suggestedPath) => {
        // Offer the export's own type first, so the dialog keeps the extension the file needs.
        const extension = extname(suggestedPath).slice(1);
        const filters = extension
          ? [
              { name: `${extension.toUpperCase()} file`, extensions: [extension] },
              { name: 'All files', extensions: ['*'] },
            ]
          : [];
        const options = { defaultPath: suggestedPath, filters };
        const result = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      // Only ever called with a briefing main exported itself (see main/services/briefing-exports.ts).
      openPath: (path) => shell.openPath(path),
      showItemInFolder: (path) => shell.showItemInFolder(path),
      log,
      onBackupSettled: (reason, outcome) => {
        if (reason === 'quit') quitBackup.settle(outcome);
      },
      openedBackups,
      recentExports,
      menuState: (state) => menu?.setState(state),
      // The OS keychain for team sync's password (main/services/team-passwords.ts does the rest).
      encryptor: safeStorage,
      runtime: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      ...(license ? { license } : {}),
    }),
    { onUnexpectedError: (key, error) => void log.write('error', `request ${key} failed`, error) },
  );
  menu = installMenu({
    getWindow: () => mainWindow,
    recentExports,
    openErrorLog: () =>
      void openLogFile(log, (path) => shell.openPath(path)).catch(
        (error: unknown) => void log.write('error', 'could not open the error log', error),
      ),
  });
  windowStateFile = join(dataFolder.root, 'window-state.json');
  await openWindow();

  // Each opened backup is checked and copied in, then the Backups dialog opens on it. A window still
  // loading takes them itself when its backup feature starts (takeOpenedBackups), so none is missed.
  const adoptOpened = (paths: readonly string[]) =>
    void openedBackups.adopt(paths).then((anything) => {
      if (anything && mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isLoading())
        mainWindow.webContents.send(MENU_COMMAND_CHANNEL, 'workspace:backups');
    });
  adoptOpened(launchedBackups.take());
  launchedBackups.onOpened((path) => adoptOpened([path]));
}

let windowStateFile = '';

/**
 * The window's localStorage (where the analyst was: view, source, panes) is written to disk now. The page
 * writes it when idle and as it goes; Electron can lose DOM storage written while the app quits.
 */
function flushWindowState(): void {
  session.defaultSession.flushStorageData();
}

async function openWindow(): Promise<void> {
  quitBackup = new QuitBackupGate();
  mainWindow = await createMainWindow(preloadPathFrom(__dirname), windowStateFile);
  mainWindow.on('close', (event) => {
    if (quitBackup.finished) return;
    event.preventDefault();
    void quitBackup.run(askForQuitBackup).then(() => {
      flushWindowState();
      mainWindow?.close();
    });
  });
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
  app.on('before-quit', (event) => {
    if (quitBackup.finished) return;
    event.preventDefault();
    void quitBackup.run(askForQuitBackup).then(() => {
      flushWindowState();
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && windowStateFile) void openWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Analyst Workbench could not start:', error);
      app.exit(1);
    });
}
