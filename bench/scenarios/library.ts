/**
 * A library of thousands of sources, as an institute's desk keeps over years: the app starting on it,
 * and moving from source to source in it. The library lists every source; past a few hundred it puts
 * only the entries near the screen on the page (renderer/features/sources/SourceList.tsx).
 */
import type { Page } from '@playwright/test';
import {
  idle,
  openBenchPage,
  profiled,
  result,
  setUiState,
  waitForDailyBackup,
  type BenchEnv,
  type ScenarioResult,
} from '../lib';

/**
 * Loads the app on the Sources view; answers the time from navigation until the library's entries and
 * the first source's reader are on screen, and the longest main-thread task from navigation until the
 * page has been quiet for a while after (the library's first counts, the search index's start).
 */
async function start(page: Page, env: BenchEnv): Promise<{ ms: number; longest: number }> {
  await page.goto(env.baseUrl);
  return page.evaluate(async () => {
    const shown = await window.__probe.settle(
      () =>
        document.querySelectorAll('ul[aria-label="Sources"] > li').length > 0 &&
        !!document.getElementById('reader-title') &&
        document.querySelector('.reader p[data-index]') !== null,
      120_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    return { ms: shown, longest: Math.max(0, ...window.__probe.longTasks.map((t) => t.duration)) };
  });
}

/**
 * Opens the `nth` entry on the library's screen with a click; answers the time until its first screen
 * is painted, and the longest main-thread task meanwhile.
 */
async function openEntry(page: Page, nth: number): Promise<{ ms: number; longest: number }> {
  return page.evaluate(async (nth) => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('ul[aria-label="Sources"] button')].filter(
      (b) => b.getAttribute('aria-current') !== 'true',
    );
    const button = buttons[nth % buttons.length]!;
    const title = button.querySelector('.item-title')!.textContent!.replace(/^\S+\s/, '');
    const began = performance.now();
    button.click();
    const done = await window.__probe.settle(
      () =>
        document.getElementById('reader-title')?.textContent === title &&
        document.querySelector('.reader p[data-index]') !== null,
    );
    const tasks = window.__probe.longTasks.filter((t) => t.start >= began && t.start <= done);
    return { ms: done - began, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
  }, nth);
}

export async function libraryScenarios(env: BenchEnv): Promise<ScenarioResult[]> {
  const spec = env.sizes.library;
  const context = await env.newContext();
  const page = await context.newPage();
  try {
    await openBenchPage(page, env);
    await page.evaluate((s) => window.bench.seedCorpus(s), spec);
    env.log(`library: seeded ${spec.sources} sources`);
    // The first start on a data folder writes the daily backup: done before anything is timed.
    await setUiState(page, { view: 'sources' });
    await page.goto(env.baseUrl);
    await waitForDailyBackup(page);

    const starts: { ms: number; longest: number }[] = [];
    for (let i = 0; i < env.sizes.runs; i++) {
      await setUiState(page, { view: 'sources' });
      starts.push(await start(page, env));
    }
    env.log(
      `library: start ${starts.map((s) => `${Math.round(s.ms)} ms (longest task ${Math.round(s.longest)})`).join(', ')}`,
    );
    await idle(page, 500);
    const opens: { ms: number; longest: number }[] = [];
    for (let i = 0; i < env.sizes.runs; i++) {
      const open = () => openEntry(page, i * 2 + 1);
      opens.push(await (i === env.sizes.runs - 1 ? profiled(page, 'library-open', open) : open()));
      await idle(page, 300);
    }
    env.log(
      `library: open ${opens.map((o) => `${Math.round(o.ms)} ms (longest task ${Math.round(o.longest)})`).join(', ')}`,
    );
    const label = `a library of ${spec.sources} sources`;
    return [
      result(
        `${label}: the app starts on it — from navigation to the library and the first source on screen`,
        starts.map((s) => s.ms),
      ),
      result(
        `${label}: longest main-thread task as the app starts — PerformanceObserver long tasks, from navigation until 1.5 s after the first screen`,
        starts.map((s) => s.longest),
        { budget: { text: '≤ 200 ms', max: 200 } },
      ),
      result(
        `${label}: open a source from the library (click → its first screen painted)`,
        opens.map((o) => o.ms),
        {
          budget: { text: '≤ 250 ms', max: 250 },
        },
      ),
      result(
        `${label}: longest main-thread task while a source opens — PerformanceObserver long tasks; 0 when none took over 50 ms`,
        opens.map((o) => o.longest),
        { budget: { text: '≤ 100 ms', max: 100 } },
      ),
    ];
  } finally {
    await context.close();
  }
}
