/**
 * The sandboxed preload: exposes `window.workbench` as named functions only. No ipcRenderer, no event
 * objects and no Node reach the page. Bundled on its own as CommonJS (sandboxed preloads cannot import).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMAND_CHANNEL, isMenuCommand, sourceTextPathOf } from '../shared/ipc/channels';
import { createApiClient } from '../shared/ipc/client';

/** The page this preload runs in (main's tsconfig has no DOM library). */
declare const location: { readonly origin: string };

const workbench = createApiClient(
  (channel, _key, args) => ipcRenderer.invoke(channel, ...args),
  (listener) => {
    const relay = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay);
    };
  },
  // Texts are served by main's app:// protocol handler to the app's own pages and workers.
  (sha256) => {
    const path = sourceTextPathOf(sha256);
    return path ? { url: new URL(path, location.origin).href, headers: {} } : null;
  },
);

contextBridge.exposeInMainWorld('workbench', workbench);
