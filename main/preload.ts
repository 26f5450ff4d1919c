/**
 * The sandboxed preload: exposes `window.workbench` as named functions only. No ipcRenderer, no event
 * objects and no Node reach the page. Bundled on its own as CommonJS (sandboxed preloads cannot import).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMAND_CHANNEL, isMenuCommand } from '../shared/ipc/channels';
import { createApiClient } from '../shared/ipc/client';

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
);

contextBridge.exposeInMainWorld('workbench', workbench);
