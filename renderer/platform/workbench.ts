import type { AppInfo, WorkbenchApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** Installed by the desktop preload or by the loopback bridge's client script. */
    readonly workbench?: WorkbenchApi;
  }
}

/**
 * The renderer's only door to main. Everything else in the renderer calls these functions, never
 * `window.workbench` directly, so the transport stays swappable and testable.
 */
export function workbench(): WorkbenchApi {
  const api = window.workbench;
  if (!api) {
    throw new Error('The workbench service is not connected. Start the app with "npm start" or "npm run preview".');
  }
  return api;
}

export function isConnected(): boolean {
  return window.workbench !== undefined;
}

export type { AppInfo };
