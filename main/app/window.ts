import { join } from 'node:path';
import { BrowserWindow, dialog, screen } from 'electron';
import { fitToDisplays, readWindowState, writeWindowState, type WindowState } from '../services/window-state';
import { APP_HOST, APP_SCHEME } from './protocol';

/** The one window: isolated, sandboxed, no Node, its size and place remembered between runs. */
export async function createMainWindow(preloadPath: string, stateFile: string): Promise<BrowserWindow> {
  const remembered = fitToDisplays(
    await readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(remembered.x !== undefined && remembered.y !== undefined ? { x: remembered.x, y: remembered.y } : {}),
    width: remembered.width,
    height: remembered.height,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Analyst Workbench',
    backgroundColor: '#f6f5f2',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle-click on a link is a new-window request; the app never wants one (electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  if (remembered.maximized) win.maximize();

  // The renderer's beforeunload says a dialog holds typed input (useUnsavedGuard); Electron would
  // silently keep the window open, so ask here, as a browser would.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Keep editing', 'Discard and close'],
      defaultId: 0,
      cancelId: 0,
      message: 'Discard what you typed?',
      detail: 'A dialog in the workbench holds input that is not saved. Keep editing to go back to it.',
    });
    if (choice === 1) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());

  let pending: NodeJS.Timeout | undefined;
  const remember = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (win.isDestroyed()) return;
      const bounds = win.getNormalBounds();
      const state: WindowState = { ...bounds, maximized: win.isMaximized() };
      void writeWindowState(stateFile, state);
    }, 400);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', remember);
  win.on('close', () => {
    clearTimeout(pending);
    const bounds = win.getNormalBounds();
    void writeWindowState(stateFile, { ...bounds, maximized: win.isMaximized() });
  });

  await win.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
  return win;
}

export function preloadPathFrom(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}
