/** What every scenario shares: result records, statistics, the in-page probe and app helpers. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { BenchApi } from './page/main';

export interface Budget {
  /** Human wording for the README, e.g. "≤ 250 ms". */
  text: string;
  max?: number;
  /** For scenarios compared with a peer: ratio = this median / the peer's median. */
  maxRatio?: number;
  minRatio?: number;
}

export interface ScenarioResult {
  scenario: string;
  runs: number;
  samples: number[];
  median: number;
  min: number;
  max: number;
  unit: 'ms' | 'MB' | 'count';
  comparison?: { scenario: string; median: number };
  ratio?: number;
  budget: Budget | null;
  withinBudget: boolean | null;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function result(
  scenario: string,
  samples: number[],
  options: {
    unit?: ScenarioResult['unit'];
    budget?: Budget | null;
    comparison?: { scenario: string; median: number };
    note?: string;
  } = {},
): ScenarioResult {
  if (samples.length === 0 || samples.some((s) => !Number.isFinite(s)))
    throw new Error(`The scenario "${scenario}" produced no valid measurement.`);
  const m = median(samples);
  const ratio =
    options.comparison && options.comparison.median > 0
      ? Math.round((m / options.comparison.median) * 100) / 100
      : undefined;
  const budget = options.budget ?? null;
  let within: boolean | null = null;
  if (budget) {
    within = true;
    if (budget.max !== undefined && m > budget.max) within = false;
    if (budget.maxRatio !== undefined && (ratio === undefined || ratio > budget.maxRatio)) within = false;
    if (budget.minRatio !== undefined && (ratio === undefined || ratio < budget.minRatio)) within = false;
  }
  return {
    scenario,
    runs: samples.length,
    samples: samples.map(round),
    median: round(m),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    unit: options.unit ?? 'ms',
    ...(options.comparison
      ? { comparison: { scenario: options.comparison.scenario, median: round(options.comparison.median) } }
      : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    budget,
    withinBudget: within,
    ...(options.note ? { note: options.note } : {}),
  };
}

export interface BenchSizes {
  runs: number;
  peerRuns: number;
  reader: { seed: number; chars: number; paragraphs: number; annotations: number; tags: number };
  /** The second, larger book whose memory the reader scenario measures (issue 19: 5 MB, 20,000 passages). */
  readerLarge: { title: string; seed: number; chars: number; paragraphs: number; annotations: number; tags: number };
  register: { seed: number; threats: number };
  corpus: { seed: number; sources: number; bytesEach: number };
  /** A library of thousands of short sources (the search corpus is a few hundred long ones). */
  library: { seed: number; sources: number; bytesEach: number };
  briefing: { seed: number; threats: number; quotes: number; sources: number };
  workspace: { seed: number; megabytes: number; threats: number; annotations: number };
  /** Team sync (issue 20): offline changes per analyst before they converge; the workspace a new member joins. */
  team: { seed: number; changes: number; megabytes: number };
}

export const FULL: BenchSizes = {
  runs: 5,
  peerRuns: 3,
  reader: { seed: 1, chars: 1_000_000, paragraphs: 2500, annotations: 5000, tags: 8 },
  readerLarge: {
    title: 'Five-year report (benchmark)',
    seed: 11,
    chars: 5_000_000,
    paragraphs: 12_500,
    annotations: 20_000,
    tags: 8,
  },
  register: { seed: 2, threats: 10_000 },
  corpus: { seed: 3, sources: 200, bytesEach: 200_000 },
  library: { seed: 7, sources: 3000, bytesEach: 3000 },
  briefing: { seed: 4, threats: 300, quotes: 1000, sources: 20 },
  workspace: { seed: 5, megabytes: 50, threats: 10_000, annotations: 5000 },
  team: { seed: 6, changes: 1000, megabytes: 64 },
};

/** Tiny sizes for `npm run bench:smoke`: every scenario runs once so the harness cannot rot. */
export const SMOKE: BenchSizes = {
  runs: 1,
  peerRuns: 1,
  reader: { seed: 1, chars: 20_000, paragraphs: 50, annotations: 100, tags: 8 },
  readerLarge: {
    title: 'Five-year report (benchmark)',
    seed: 11,
    chars: 40_000,
    paragraphs: 100,
    annotations: 200,
    tags: 8,
  },
  register: { seed: 2, threats: 200 },
  corpus: { seed: 3, sources: 5, bytesEach: 20_000 },
  // Past the library's windowing threshold (300), so the smoke runs the windowed list.
  library: { seed: 7, sources: 320, bytesEach: 1000 },
  briefing: { seed: 4, threats: 10, quotes: 30, sources: 2 },
  workspace: { seed: 5, megabytes: 1, threats: 200, annotations: 100 },
  team: { seed: 6, changes: 20, megabytes: 2 },
};

export interface RendererMemory {
  pid: number;
  rss: number;
  anon: number;
  file: number;
  shmem: number;
}

/** CPU time (user + system, in clock ticks) a process has used, or null once it is gone (Linux /proc). */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * The renderer process that runs `page`. Chromium tells no page its process id, and the browser runs
 * others beside it (the page it left, kept for going back; a spare renderer it keeps warm): the page
 * keeps its thread busy for a moment, and its process is the one whose CPU time grows by about that much.
 */
export async function pageProcess(page: Page, env: BenchEnv): Promise<RendererMemory | null> {
  const before = new Map(env.rendererProcesses().map((p) => [p.pid, cpuTicks(p.pid) ?? 0]));
  await page.evaluate(() => {
    const until = performance.now() + 400;
    while (performance.now() < until) {
      // busy on purpose: the CPU time this adds marks the page's process
    }
  });
  let best: { pid: number; grew: number } | null = null;
  for (const [pid, ticks] of before) {
    const grew = (cpuTicks(pid) ?? ticks) - ticks;
    if (!best || grew > best.grew) best = { pid, grew };
  }
  // 400 ms is ~40 ticks at Linux's 100 Hz; under 20 the answer would be a guess.
  if (!best || best.grew < 20) return null;
  return env.rendererProcesses().find((p) => p.pid === best.pid) ?? null;
}

export interface BenchEnv {
  baseUrl: string;
  sizes: BenchSizes;
  newContext(): Promise<BrowserContext>;
  /** Resident memory of the renderer processes the browser runs, in bytes (Linux /proc). */
  rendererRss(): number | null;
  /** The same, per renderer process: anonymous memory (heaps, DOM, layout) apart from mapped files (the browser's own code) and shared memory. */
  rendererProcesses(): RendererMemory[];
  log(message: string): void;
}

/**
 * Helpers installed into every page before its scripts run. `settle` checks its condition inside
 * animation-frame callbacks and returns at the frame after the one that saw it true: the second
 * animation frame after the work, as the issue measures.
 */
export const PROBE = `
window.__probe = {
  frame: () => new Promise((r) => requestAnimationFrame(r)),
  async settle(pred, timeoutMs = 180000) {
    const began = performance.now();
    for (;;) {
      await window.__probe.frame();
      if (pred()) break;
      if (performance.now() - began > timeoutMs) throw new Error('timed out waiting for the page');
    }
    await window.__probe.frame();
    return performance.now();
  },
  highlightCount() {
    let n = 0;
    if (typeof CSS === 'undefined' || !CSS.highlights) return 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('wb-t-') || name === 'wb-untagged') n += h.size;
    return n;
  },
  // Long tasks are recorded from the page's first script on, so work that starts at load is seen too.
  longTasks: [],
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__probe.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
`;

declare global {
  interface Window {
    bench: BenchApi;
    __probe: {
      frame(): Promise<number>;
      settle(pred: () => boolean, timeoutMs?: number): Promise<number>;
      highlightCount(): number;
      longTasks: { start: number; duration: number }[];
    };
  }
}

export const DEMO_TITLE = 'Security Threats Emanating from Afghanistan: The View from Kazakhstan';
export const UI_STATE_KEY = 'analyst-workbench:ui';

/** Opens the benchmark page (same origin as the app, so the same IndexedDB). */
export async function openBenchPage(page: Page, env: BenchEnv): Promise<void> {
  await page.goto(`${env.baseUrl}bench/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
}

/** Where the app opens: the zustand store persists its UI state under this key. */
export async function setUiState(page: Page, state: Record<string, unknown>): Promise<void> {
  await page.evaluate(([key, value]) => localStorage.setItem(key, JSON.stringify({ state: value, version: 0 })), [
    UI_STATE_KEY,
    state,
  ] as const);
}

/** Loads the app and waits until its frame and the demo workspace are on screen, then lets it idle. */
export async function openApp(
  page: Page,
  env: BenchEnv,
  ready: (page: Page) => Promise<void> = waitForSources,
): Promise<void> {
  await page.goto(env.baseUrl);
  await ready(page);
  await idle(page);
}

/**
 * The app writes its daily backup at the first start on a data folder. A reload before that write
 * ends aborts it, so every later start writes it again, on top of whatever is being measured: wait
 * for it once, so the runs time the work under test and not the once-a-day backup.
 */
export async function waitForDailyBackup(page: Page): Promise<void> {
  // Polled from here: page.waitForFunction does not wait for an async predicate's answer.
  const began = Date.now();
  for (;;) {
    const written = await page.evaluate(async () => {
      const api = (
        window as unknown as { workbench: { listBackups(): Promise<{ reason: string; createdAt: string | null }[]> } }
      ).workbench;
      return (await api.listBackups()).some((b) => b.reason === 'daily' && b.createdAt !== null);
    });
    if (written) return;
    if (Date.now() - began > 180_000) throw new Error('The first daily backup was not written within 3 minutes.');
    await page.waitForTimeout(250);
  }
}

export async function waitForSources(page: Page): Promise<void> {
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: new RegExp(DEMO_TITLE) })
    .waitFor({ timeout: 120_000 });
}

/** Lets pending work finish (live queries, index catch-up) so it is not billed to the next scenario. */
export async function idle(page: Page, ms = 400): Promise<void> {
  await page.evaluate((wait) => new Promise((r) => setTimeout(r, wait)), ms);
  await page.evaluate(() => window.__probe.settle(() => true));
}

export async function cdp(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return session;
}

export async function metric(session: CDPSession, name: string): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === name)?.value ?? Number.NaN;
}

/**
 * `BENCH_PROFILE=<folder>` records a V8 CPU profile and a timeline trace of the work a scenario names
 * (the last run of each measurement: `<name>.cpuprofile`, `<name>.trace.json`; open them in Chromium's
 * DevTools), to find where the time goes. Profiling slows the page: do not compare profiled timings with the table.
 */
export async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return work();
  const browser = page.context().browser();
  mkdirSync(folder, { recursive: true });
  // BENCH_TRACE_CATEGORIES widens the trace (e.g. `loading,IndexedDB,v8`) to name the work the timeline leaves as bare tasks.
  await browser?.startTracing(page, {
    path: join(folder, `${name}.trace.json`),
    categories: (process.env.BENCH_TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline').split(
      ',',
    ),
  });
  // BENCH_PROFILE_CPU=off keeps the trace alone: the sampling profiler slows the page several times over
  // and moves the hot spots, where a trace without it times the tasks as they run.
  const cpu = process.env.BENCH_PROFILE_CPU !== 'off';
  const session: CDPSession = await page.context().newCDPSession(page);
  if (cpu) {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    await session.send('Profiler.start');
  }
  try {
    return await work();
  } finally {
    if (cpu) {
      const { profile } = (await session.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    }
    await session.detach();
    await browser?.stopTracing();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * What the renderer's memory is made of, as one log line: each renderer process's resident memory split
 * into anonymous (heaps, DOM, layout, workers), file-backed (the browser's own code, fonts) and shared
 * (compositor buffers); the page's JS heap used and reserved; its DOM counters; its workers (each a V8
 * heap of its own in the same process, not in the page's heap figure); and the browser's own breakdown
 * where the page is allowed to ask for it (measureUserAgentSpecificMemory needs cross-origin isolation).
 */
export async function memoryBreakdown(page: Page, session: CDPSession, env: BenchEnv): Promise<string> {
  const counters = (await session.send('Memory.getDOMCounters')) as {
    documents: number;
    nodes: number;
    jsEventListeners: number;
  };
  const used = await metric(session, 'JSHeapUsedSize');
  const total = await metric(session, 'JSHeapTotalSize');
  const agent = await page.evaluate(async () => {
    const measure = (
      performance as unknown as {
        measureUserAgentSpecificMemory?: () => Promise<{
          bytes: number;
          breakdown: { bytes: number; types: string[] }[];
        }>;
      }
    ).measureUserAgentSpecificMemory;
    if (!crossOriginIsolated || !measure)
      return 'measureUserAgentSpecificMemory unavailable (page not cross-origin isolated)';
    const m = await measure.call(performance);
    return `measureUserAgentSpecificMemory ${(m.bytes / 1024 / 1024).toFixed(1)} MB`;
  });
  const processes = env
    .rendererProcesses()
    .map((p) => `pid ${p.pid}: RSS ${mb(p.rss)} = anon ${mb(p.anon)} + file ${mb(p.file)} + shmem ${mb(p.shmem)}`)
    .join('; ');
  return (
    `${env.rendererProcesses().length} renderer processes (${processes}); page JS heap ${mb(used)} used of ${mb(total)}; ` +
    `DOM ${counters.nodes} nodes, ${counters.documents} documents, ${counters.jsEventListeners} listeners; ` +
    `${page.workers().length} workers (${page
      .workers()
      .map((w) => w.url().split('/').pop())
      .join(', ')}); ${agent}`
  );
}
