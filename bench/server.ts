/**
 * The benchmark host: the app's own bridge (the same handler table Electron registers) serving a
 * folder that holds the built renderer plus the benchmark page at /bench/. Built by bench/run.mjs
 * into bench/tmp; prints one JSON line {url, dataFolder} when it listens.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BRIDGE_SCRIPT_PATH, startBridge, TOKEN_META_NAME } from '../main/bridge/server';
import { ensureDataFolder } from '../main/services/data-folder';
import { createHandlerTable } from '../main/services/handlers';
import { SourceStore } from '../main/services/source-store';

async function main(): Promise<void> {
  const root = resolve(process.env.BENCH_ROOT ?? process.cwd());
  const site = resolve(process.env.BENCH_SITE ?? join(root, 'bench', 'tmp', 'site'));
  const dataFolder = await ensureDataFolder(resolve(process.env.BENCH_DATA_DIR ?? join(root, 'bench', 'tmp', 'data')));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string; version: string };
  const table = createHandlerTable({
    appName: pkg.productName,
    appVersion: pkg.version,
    host: 'bridge',
    dataFolder,
    bundledDataRoot: join(root, 'data'),
    // The workers the app's bridge runs (main/bridge/cli.ts): the briefing is packed, and files are
    // read, on worker threads, as in the app — main's bundle does not carry the docx library itself.
    importWorker: join(root, 'dist', 'main', 'import-worker.cjs'),
    briefingWorker: join(root, 'dist', 'main', 'briefing-worker.cjs'),
  });
  const bridge = await startBridge({
    table,
    sourceStore: new SourceStore(dataFolder.sources),
    rendererDir: site,
    clientScript: readFileSync(join(root, 'dist', 'bridge', 'client.js'), 'utf8'),
    port: Number(process.env.BENCH_PORT ?? 0),
  });
  // The bridge injects its token into the app's index.html only; the benchmark page gets the same
  // injection here, so it can reach main too.
  const page = join(site, 'bench', 'index.html');
  const html = readFileSync(page, 'utf8').replace(
    /<meta name="workbench-bridge-token"[^>]*><script[^>]*><\/script>/,
    '',
  );
  writeFileSync(
    page,
    html.replace(
      /<head>/i,
      `<head><meta name="${TOKEN_META_NAME}" content="${bridge.token}"><script src="${BRIDGE_SCRIPT_PATH}"></script>`,
    ),
  );
  console.log(JSON.stringify({ url: bridge.url, dataFolder: dataFolder.root }));
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The benchmark host could not start: ${(error as Error).message}`);
  process.exit(1);
});
