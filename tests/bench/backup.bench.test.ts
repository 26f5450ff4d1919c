import { copyFile, readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { Backups } from '../../main/services/backups';
import { ensureDataFolder } from '../../main/services/data-folder';
import { SourceStore } from '../../main/services/source-store';
import { toWire } from '../../shared/ipc/wire';
import { useTempFolders } from '../support/temp-folder';
import { largeWorkspace } from './backup-workspace';

const tempFolder = useTempFolders();
const MEGABYTES = Number(process.env.BENCH_WORKSPACE_MB ?? 50);

/**
 * Issue 8's budget: back up and restore a 50 MB workspace in ≤ 5 s each. Main's share is measured here
 * (checking every record, reading the originals, zipping, the atomic write; and reading, checking and
 * unpacking again). The numbers are reported as JSON, never asserted: speed is a benchmark, not a test.
 */
it(`backs up and opens a ${MEGABYTES} MB workspace`, async () => {
  const folder = await ensureDataFolder(await tempFolder());
  const store = new SourceStore(folder.sources);
  const snapshot = await largeWorkspace(store, MEGABYTES);
  const workspaceBytes =
    Buffer.byteLength(JSON.stringify(snapshot.tables)) + (await store.list()).reduce((n, f) => n + f.size, 0);
  const backups = new Backups({ folder: folder.backups, store, appVersion: 'bench' });

  let t = performance.now();
  const written = await backups.write({ snapshot, reason: 'manual', keep: 10 });
  const writeMs = performance.now() - t;
  // For timing the whole round trip through the app by hand (restore this file in the browser preview).
  if (process.env.BENCH_BACKUP_OUT) await copyFile(written.path!, process.env.BENCH_BACKUP_OUT);

  const elsewhere = await ensureDataFolder(await tempFolder());
  const other = new Backups({
    folder: elsewhere.backups,
    store: new SourceStore(elsewhere.sources),
    appVersion: 'bench',
  });
  const bytes = new Uint8Array(await readFile(written.path!));
  t = performance.now();
  const opened = await other.open({ bytes });
  const openMs = performance.now() - t;

  // What the loopback bridge adds on top: the snapshot as JSON each way.
  t = performance.now();
  const wire = toWire([{ snapshot: opened.snapshot }]);
  const wireMs = performance.now() - t;

  expect(opened.snapshot.tables.annotations).toHaveLength(snapshot.tables.annotations.length);
  console.log(
    JSON.stringify({
      benchmark: 'backup',
      workspaceMB: +(workspaceBytes / 1024 / 1024).toFixed(1),
      backupFileMB: +(written.bytes / 1024 / 1024).toFixed(1),
      records: Object.values(snapshot.tables).reduce((n, r) => n + r.length, 0),
      writeMs: Math.round(writeMs),
      openMs: Math.round(openMs),
      snapshotToWireMs: Math.round(wireMs),
      wireMB: +(wire.length / 1024 / 1024).toFixed(1),
    }),
  );
}, 120_000);
