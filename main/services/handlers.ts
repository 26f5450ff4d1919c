import type { ChannelKey, ParsedArgsOf, ResultOf } from '../../shared/ipc';
import type { DataFolder } from './data-folder';
import { loadDemoWorkspace } from './demo-workspace';
import { SourceStore } from './source-store';

/** The functions that answer each channel; the same table serves Electron's IPC and the loopback bridge. */
export type HandlerTable = {
  [K in ChannelKey]: (...args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K>;
};

export interface WorkbenchServices {
  appName: string;
  appVersion: string;
  host: 'electron' | 'bridge';
  dataFolder: DataFolder;
  /** The bundled `data/` folder (sample article, demo register, reference facts). */
  bundledDataRoot: string;
}

/** The handler table both hosts serve: Electron registers it with ipcMain, the bridge over HTTP. */
export function createHandlerTable(services: WorkbenchServices): HandlerTable {
  const store = new SourceStore(services.dataFolder.sources);
  return {
    appInfo: () => ({
      name: services.appName,
      version: services.appVersion,
      dataFolder: services.dataFolder.root,
      host: services.host,
    }),
    putSourceFile: ({ bytes }) => store.put(bytes),
    readSourceFile: (sha256) => store.read(sha256),
    listSourceFiles: () => store.list(),
    deleteSourceFile: async (sha256) => ({ deleted: await store.delete(sha256) }),
    loadDemoWorkspace: () => loadDemoWorkspace(services.bundledDataRoot, store),
  };
}
