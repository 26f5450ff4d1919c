import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Analyst Workbench';

/** The folders main keeps under the data folder. */
export interface DataFolder {
  root: string;
  sources: string;
  exports: string;
  backups: string;
  logs: string;
}

export function dataFolderLayout(root: string): DataFolder {
  return {
    root,
    sources: join(root, 'sources'),
    exports: join(root, 'exports'),
    backups: join(root, 'backups'),
    logs: join(root, 'logs'),
  };
}

export async function ensureDataFolder(root: string): Promise<DataFolder> {
  const layout = dataFolderLayout(root);
  for (const folder of [layout.sources, layout.exports, layout.backups, layout.logs]) {
    await mkdir(folder, { recursive: true });
  }
  return layout;
}

/**
 * Where the bridge keeps data when WORKBENCH_DATA_DIR is not set: the same per-user application-data
 * folder Electron's `app.getPath('userData')` uses on each platform.
 */
export function defaultDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME);
}
