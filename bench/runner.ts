/**
 * `npm run bench`: starts the app's bridge (bench/server.ts) on a temp data folder, launches Chromium
 * with the e2e suite's flags, runs every scenario group in its own browser context (a fresh IndexedDB)
 * and writes bench/results.json and the README table. `--smoke` runs tiny sizes once and only checks
 * that every scenario produced a number; it never judges timings.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium';
import { FULL, PROBE, SMOKE, type BenchEnv, type RendererMemory, type ScenarioResult } from './lib';
import { writeReport, type BenchReport } from './report';
import { backupScenarios } from './scenarios/backup';
import { briefingScenarios } from './scenarios/briefing';
import { libraryScenarios } from './scenarios/library';
import { readerScenarios } from './scenarios/reader';
import { registerScenarios } from './scenarios/register';
import { searchScenarios } from './scenarios/search';
import { teamScenarios } from './scenarios/team';

const GROUPS: Record<string, (env: BenchEnv) => Promise<ScenarioResult[]>> = {
  reader: readerScenarios,
  register: registerScenarios,
  search: searchScenarios,
  library: libraryScenarios,
  briefing: briefingScenarios,
  backup: backupScenarios,
  team: teamScenarios,
};

function startServer(root: string, dataDir: string, port: number): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolvePromise, reject) => {
    // With BENCH_PROFILE, main's side (the bridge: backup checks, zip, decoding) is profiled too, for the whole run.
    const profile = process.env.BENCH_PROFILE;
    const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, '--cpu-prof-name=main.cpuprofile'] : [];
    const child = spawn(process.execPath, [...args, join(root, 'bench', 'tmp', 'server.mjs')], {
      env: { ...process.env, BENCH_ROOT: root, BENCH_DATA_DIR: dataDir, BENCH_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolvePromise({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.once('exit', (code) => reject(new Error(`The benchmark host stopped (exit code ${code}).`)));
  });
}

/** RSS of the Chromium renderer processes started by this Node process (Linux only). */
/** Each renderer process this runner's browser runs, with its resident memory split as /proc/<pid>/status splits it. */
function rendererProcesses(): RendererMemory[] {
  if (platform() !== 'linux') return [];
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, guard = 0; p > 1 && guard < 64; p = parents.get(p) ?? 0, guard++)
      if (p === process.pid) return true;
    return false;
  };
  const processes: RendererMemory[] = [];
  for (const pid of parents.keys()) {
    if (!mine(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
      processes.push({ pid, rss: kB('VmRSS'), anon: kB('RssAnon'), file: kB('RssFile'), shmem: kB('RssShmem') });
    } catch {
      // gone
    }
  }
  return processes;
}

function rendererRss(): number | null {
  return rendererProcesses().reduce((n, p) => n + p.rss, 0) || null;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const root = resolve(process.env.BENCH_ROOT ?? process.cwd());
  const sizes = { ...(smoke ? SMOKE : FULL) };
  const runsArg = args.find((a) => a.startsWith('--runs='));
  if (runsArg) sizes.runs = Number(runsArg.slice('--runs='.length));
  const dataDir = mkdtempSync(join(tmpdir(), 'analyst-workbench-bench-'));
  const port = Number(process.env.WORKBENCH_BENCH_PORT ?? 0);
  const { url, child } = await startServer(root, dataDir, port);
  const executablePath = findChromium();
  let browser: Browser | null = null;
  const failures: string[] = [];
  const scenarios: ScenarioResult[] = [];
  try {
    browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
    const env: BenchEnv = {
      baseUrl: url,
      sizes,
      async newContext() {
        const context = await browser!.newContext({ viewport: { width: 1400, height: 880 } });
        await context.addInitScript(PROBE);
        // The bench times an analyst's working session, not the first start: past the welcome, as every
        // context of the e2e suite is (the same localStorage key as renderer/features/welcome/first-run.ts).
        await context.addInitScript(() => {
          try {
            localStorage.setItem('analyst-workbench.welcome-shown', 'skipped by the bench');
          } catch {
            // about:blank and other opaque origins have no storage; the app's page does.
          }
        });
        return context;
      },
      rendererRss,
      rendererProcesses,
      log: (message) => console.log(`  ${message}`),
    };
    for (const [name, run] of Object.entries(GROUPS)) {
      if (only && !only.includes(name)) continue;
      console.log(`${name}…`);
      try {
        scenarios.push(...(await run(env)));
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
        console.error(`  ${name} failed: ${(error as Error).stack ?? error}`);
      }
    }
    const report: BenchReport = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
        memoryGB: Math.round(totalmem() / 1024 ** 3),
        os: `${platform()} ${release()}`,
        node: process.versions.node,
        chromium: browser.version(),
      },
      date: new Date().toISOString(),
      smoke,
      scenarios,
    };
    const full = !smoke && !only && failures.length === 0;
    const resultsPath = smoke
      ? join(root, 'bench', 'tmp', 'smoke-results.json')
      : only
        ? join(root, 'bench', 'tmp', 'partial-results.json')
        : join(root, 'bench', 'results.json');
    writeReport(report, resultsPath, full ? join(root, 'README.md') : null);
    console.log(`Wrote ${resultsPath}${full ? ' and the README table' : ''}.`);
    for (const s of scenarios)
      console.log(
        `  ${s.withinBudget === false ? '✗' : s.withinBudget ? '✓' : '·'} ${s.scenario}: ${s.median} ${s.unit}${s.ratio !== undefined ? ` (${s.ratio}×)` : ''}`,
      );
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`Some scenarios produced no number:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  if (smoke) {
    const expected = Object.keys(GROUPS).filter((g) => !only || only.includes(g)).length;
    if (scenarios.length < expected) {
      console.error('The smoke run produced fewer results than scenario groups.');
      process.exit(1);
    }
    console.log(`Benchmark smoke: ${scenarios.length} scenarios produced numbers (timings are not judged).`);
  }
}

main().catch((error: unknown) => {
  console.error(`The benchmark could not run: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
