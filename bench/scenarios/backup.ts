/**
 * Backup and restore of a 50 MB workspace. The raw peer (dexie-export-import of the same database,
 * in the page) runs now. The app's own backup (channels writeBackup/openBackup, renderer/db/backup.ts
 * readWorkspaceSnapshot/replaceWorkspace) lives on another branch; once merged, enabling it takes:
 *  1. in bench/page/main.ts, `appBackupRestore()`: time `readWorkspaceSnapshot(db)` + `workbench().writeBackup(…)`
 *     (backup), then `workbench().openBackup(…)` + `replaceWorkspace(db, …)` (restore), the same way
 *     `rawBackupRestore()` times the peer, answering { backupMs, restoreMs, bytes };
 *  2. here, after the raw runs, the same number of `appBackupRestore` runs, reported as two results with
 *     `comparison` = the raw medians and budget { text: '≤ 5 s and ≤ 2× raw', max: 5000, maxRatio: 2 }.
 */
import { openBenchPage, result, type BenchEnv, type ScenarioResult } from '../lib';

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
    env.log(`backup: raw export ${raw.map((r) => Math.round(r.backupMs)).join(', ')}; raw import ${raw.map((r) => Math.round(r.restoreMs)).join(', ')} (${size})`);
    return [
      result(`raw dexie-export-import: export a ${size} workspace`, raw.map((r) => r.backupMs), { note: 'peer for the app’s backup' }),
      result(`raw dexie-export-import: clear and import the ${size} workspace`, raw.map((r) => r.restoreMs), { note: 'peer for the app’s restore' }),
    ];
  } finally {
    await context.close();
  }
}
