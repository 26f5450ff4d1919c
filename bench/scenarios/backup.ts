/**
 * Backup and restore of a 64 MB workspace: first the raw peers (dexie-export-import of the same workspace
 * held wholly in IndexedDB, in the page; a plain copy on disk of the same bytes), then the app's own backup
 * (renderer/db/backup.ts readWorkspaceSnapshot + channel writeBackup: the records, and the source texts
 * from main's store as files) and restore (channel openBackup + replaceWorkspace), compared with the raw medians.
 */
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { median, openBenchPage, profiled, result, type BenchEnv, type ScenarioResult } from '../lib';

/** Bytes of the raw export fetched from the page per call when writing it to a file. */
const SLICE_BYTES = 8 * 1024 * 1024;

/** Writes the page's last raw export (the whole workspace as dexie-export-import wrote it) to `path`. */
async function saveLastExport(page: Page, path: string): Promise<number> {
  const file = await open(path, 'w');
  try {
    let start = 0;
    for (;;) {
      const { base64, size } = await page.evaluate(([s, e]) => window.bench.lastExportSlice(s, e), [
        start,
        start + SLICE_BYTES,
      ] as const);
      await file.write(Buffer.from(base64, 'base64'));
      start += SLICE_BYTES;
      if (start >= size) return size;
    }
  } finally {
    await file.close();
  }
}

/** A plain copy of a file on disk, flushed to the disk as the app's backup file is (writeFileAtomically). */
async function plainCopy(from: string, to: string): Promise<number> {
  await rm(to, { force: true });
  const started = performance.now();
  await copyFile(from, to);
  const copy = await open(to, 'r+');
  await copy.sync();
  await copy.close();
  return performance.now() - started;
}

export async function backupScenarios(env: BenchEnv): Promise<ScenarioResult[]> {
  const spec = env.sizes.workspace;
  const context = await env.newContext();
  const page = await context.newPage();
  try {
    await openBenchPage(page, env);
    await page.evaluate((s) => window.bench.seedWorkspace(s), spec);
    const raw: { backupMs: number; restoreMs: number; bytes: number }[] = [];
    for (let i = 0; i < env.sizes.runs; i++) raw.push(await page.evaluate(() => window.bench.rawBackupRestore()));
    const size = `${Math.round(raw[0]!.bytes / 1e6)} MB`;
    env.log(
      `backup: raw export ${raw.map((r) => Math.round(r.backupMs)).join(', ')}; raw import ${raw.map((r) => Math.round(r.restoreMs)).join(', ')} (${size})`,
    );
    // The other raw peer: the same bytes as a file, copied on disk — there, and back.
    const folder = await mkdtemp(join(tmpdir(), 'workbench-bench-copy-'));
    const copies: { backupMs: number; restoreMs: number }[] = [];
    try {
      const workspaceFile = join(folder, 'workspace.json');
      await saveLastExport(page, workspaceFile);
      for (let i = 0; i < env.sizes.runs; i++) {
        const backupMs = await plainCopy(workspaceFile, join(folder, 'backup.json'));
        const restoreMs = await plainCopy(join(folder, 'backup.json'), join(folder, 'restored.json'));
        copies.push({ backupMs, restoreMs });
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    env.log(
      `backup: plain file copy there ${copies.map((c) => Math.round(c.backupMs)).join(', ')}; back ${copies.map((c) => Math.round(c.restoreMs)).join(', ')}`,
    );
    const app: {
      backupMs: number;
      restoreMs: number;
      restoreOntoEmptyMs: number;
      bytes: number;
      backupLongestTask: number;
      restoreLongestTask: number;
      phases: Record<string, number>;
    }[] = [];
    for (let i = 0; i < env.sizes.runs; i++)
      app.push(
        i === env.sizes.runs - 1
          ? await profiled(page, 'backup-restore', () => page.evaluate(() => window.bench.appBackupRestore()))
          : await page.evaluate(() => window.bench.appBackupRestore()),
      );
    env.log(
      `backup: app backup ${app.map((r) => Math.round(r.backupMs)).join(', ')}; app restore ${app.map((r) => Math.round(r.restoreMs)).join(', ')}; onto an empty workspace ${app.map((r) => Math.round(r.restoreOntoEmptyMs)).join(', ')} (file ${Math.round(app[0]!.bytes / 1e6)} MB)`,
    );
    for (const run of app)
      env.log(
        `backup: phases ${Object.entries(run.phases)
          .map(([phase, ms]) => `${phase} ${Math.round(ms)}`)
          .join(', ')}`,
      );
    const rawExport = result(
      `raw dexie-export-import: export a ${size} workspace`,
      raw.map((r) => r.backupMs),
      { note: 'peer for the app’s backup: the same workspace held wholly in IndexedDB, texts in the records' },
    );
    const rawImport = result(
      `raw dexie-export-import: clear and import the ${size} workspace`,
      raw.map((r) => r.restoreMs),
      { note: 'peer for the app’s restore' },
    );
    const copyThere = result(
      `plain file copy of the same ${size} (the raw export's bytes), flushed to disk`,
      copies.map((c) => c.backupMs),
      { note: 'second peer for the app’s backup' },
    );
    const copyBack = result(
      `plain file copy of the ${size} back again, flushed to disk`,
      copies.map((c) => c.restoreMs),
      { note: 'second peer for the app’s restore' },
    );
    const budget = { text: '≤ 5 s and ≤ 2× raw', max: 5000, maxRatio: 2 };
    const againstCopy = { text: '≤ 2× the raw peers', maxRatio: 2 };
    return [
      rawExport,
      rawImport,
      copyThere,
      copyBack,
      result(
        `back up a ${size} workspace (read, check and write the backup file)`,
        app.map((r) => r.backupMs),
        {
          budget,
          comparison: { scenario: rawExport.scenario, median: median(raw.map((r) => r.backupMs)) },
        },
      ),
      result(
        `restore a ${size} workspace (open and check the backup, replace every table)`,
        app.map((r) => r.restoreMs),
        {
          budget,
          comparison: { scenario: rawImport.scenario, median: median(raw.map((r) => r.restoreMs)) },
          note: 'over the workspace the backup was taken from: only records that differ are written',
        },
      ),
      result(
        `restore a ${size} workspace onto an empty one (another computer's: every record written)`,
        app.map((r) => r.restoreOntoEmptyMs),
        {
          budget,
          comparison: { scenario: rawImport.scenario, median: median(raw.map((r) => r.restoreMs)) },
          note: 'opening and checking the backup plus replacing the emptied tables',
        },
      ),
      result(
        `back up a ${size} workspace, compared with the plain file copy`,
        app.map((r) => r.backupMs),
        {
          budget: againstCopy,
          comparison: { scenario: copyThere.scenario, median: median(copies.map((c) => c.backupMs)) },
          note: 'the same runs as the backup above',
        },
      ),
      result(
        `restore a ${size} workspace, compared with the plain file copy`,
        app.map((r) => r.restoreMs),
        {
          budget: againstCopy,
          comparison: { scenario: copyBack.scenario, median: median(copies.map((c) => c.restoreMs)) },
          note: 'the same runs as the restore above',
        },
      ),
      result(
        `back up: longest main-thread task while it runs`,
        app.map((r) => r.backupLongestTask),
        { budget: { text: '≤ 200 ms', max: 200 }, note: 'PerformanceObserver long tasks in the page' },
      ),
      result(
        `restore: longest main-thread task while it runs`,
        app.map((r) => r.restoreLongestTask),
        {
          budget: { text: '≤ 200 ms', max: 200 },
          note: 'PerformanceObserver long tasks in the page; includes writing every record into IndexedDB, whose values are copied as they are written',
        },
      ),
    ];
  } finally {
    await context.close();
  }
}
