import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataFolder, ensureDataFolder } from '../services/data-folder';
import { createHandlerTable } from '../services/handlers';
import { SourceStore } from '../services/source-store';
import { Log } from '../services/log';
import { startBridge } from './server';

/** `npm run preview`: the whole app in a browser, with real files in the data folder. */
async function main(): Promise<void> {
  // This file is built to dist/bridge/cli.mjs; the project root is two folders up.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
    license?: string;
  };
  const port = Number(process.env.WORKBENCH_PORT ?? 5199);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`WORKBENCH_PORT must be a port number (0–65535); it is "${process.env.WORKBENCH_PORT}".`);
    process.exit(2);
  }
  const dataFolder = await ensureDataFolder(resolve(process.env.WORKBENCH_DATA_DIR ?? defaultDataFolder()));
  const log = new Log(dataFolder.logs);
  process.on('uncaughtException', (error) => void log.write('error', 'uncaught exception in the bridge', error));
  process.on('unhandledRejection', (reason) => void log.write('error', 'unhandled rejection in the bridge', reason));
  const table = createHandlerTable({
    appName: pkg.productName,
    appVersion: pkg.version,
    host: 'bridge',
    dataFolder,
    bundledDataRoot: join(root, 'data'),
    importWorker: join(root, 'dist', 'main', 'import-worker.cjs'),
    briefingWorker: join(root, 'dist', 'main', 'briefing-worker.cjs'),
    log,
    ...(pkg.license ? { license: pkg.license } : {}),
  });
  const bridge = await startBridge({
    table,
    sourceStore: new SourceStore(dataFolder.sources),
    rendererDir: join(root, 'dist', 'renderer'),
    clientScript: readFileSync(join(root, 'dist', 'bridge', 'client.js'), 'utf8'),
    port,
    dispatchOptions: { onUnexpectedError: (key, error) => void log.write('error', `request ${key} failed`, error) },
  });
  void log.write('info', `bridge started on ${bridge.url}`);
  console.log(`Analyst Workbench is running at ${bridge.url}`);
  console.log(`Data folder: ${dataFolder.root}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    console.error(
      `Port ${process.env.WORKBENCH_PORT ?? 5199} is in use. Set WORKBENCH_PORT to another port and try again.`,
    );
  else console.error(`The workbench could not start: ${(error as Error).message}`);
  process.exit(1);
});
