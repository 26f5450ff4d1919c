/**
 * Backup and restore of a 50 MB workspace: first the raw peer (dexie-export-import of the same database,
 * in the page), then the app's own backup (renderer/db/backup.ts readWorkspaceSnapshot + channel
 * writeBackup) and restore (channel openBackup + replaceWorkspace), compared with the raw medians.
 */
import { median, openBenchPage, result, type BenchEnv, type ScenarioResult } from '../lib';

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
    const app: {
      backupMs: number;
      restoreMs: number;
      bytes: number;
      backupLongestTask: number;
      restoreLongestTask: number;
      phases: Record<string, number>;
    }[] = [];
    for (let i = 0; i < env.sizes.runs; i++) app.push(await page.evaluate(() => window.bench.appBackupRestore()));
    env.log(
      `backup: app backup ${app.map((r) => Math.round(r.backupMs)).join(', ')}; app restore ${app.map((r) => Math.round(r.restoreMs)).join(', ')} (file ${Math.round(app[0]!.bytes / 1e6)} MB)`,
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
      { note: 'peer for the app’s backup' },
    );
    const rawImport = result(
      `raw dexie-export-import: clear and import the ${size} workspace`,
      raw.map((r) => r.restoreMs),
      { note: 'peer for the app’s restore' },
    );
    const budget = { text: '≤ 5 s and ≤ 2× raw', max: 5000, maxRatio: 2 };
    return [
      rawExport,
      rawImport,
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
