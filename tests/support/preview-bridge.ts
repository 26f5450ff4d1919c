import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBridge, TOKEN_HEADER, type RunningBridge } from '../../main/bridge/server';
import { ensureDataFolder } from '../../main/services/data-folder';
import { SourceStore } from '../../main/services/source-store';
import { sourceTextPathOf } from '../../shared/ipc/channels';
import type { TextRequest } from '../../shared/ipc';
import { realHandlerTable } from './handler-table';

export interface PreviewBridge {
  bridge: RunningBridge;
  /** Puts a text into the data folder's store, as an import does. */
  putText(text: string): Promise<{ sha256: string }>;
  /** The request the browser preview's page makes for a stored text (with this run's token, or another). */
  textRequest(sha256: string, token?: string): TextRequest;
}

/** The bridge `npm run preview` runs, over a real data folder in `dataRoot` and an empty renderer. */
export async function startPreviewBridge(dataRoot: string, rendererDir: string): Promise<PreviewBridge> {
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const sourceStore = new SourceStore((await ensureDataFolder(dataRoot)).sources);
  const bridge = await startBridge({
    table: await realHandlerTable(dataRoot),
    sourceStore,
    rendererDir,
    clientScript: '',
    port: 0,
  });
  return {
    bridge,
    putText: (text) => sourceStore.putText(text),
    textRequest: (sha256, token = bridge.token) => ({
      url: new URL(sourceTextPathOf(sha256) ?? '/', bridge.url).href,
      headers: { [TOKEN_HEADER]: token },
    }),
  };
}
