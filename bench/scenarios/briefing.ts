/** A briefing with hundreds of threats and a thousand footnoted quotes, exported to .docx. */
import { existsSync, statSync } from 'node:fs';
import { idle, openApp, openBenchPage, profiled, result, setUiState, type BenchEnv, type ScenarioResult } from '../lib';

export async function briefingScenarios(env: BenchEnv): Promise<ScenarioResult[]> {
  const spec = env.sizes.briefing;
  const context = await env.newContext();
  const page = await context.newPage();
  try {
    await openBenchPage(page, env);
    const seeded = await page.evaluate((s) => window.bench.seedBriefing(s), spec);
    env.log(`briefing: seeded ${spec.threats} threats and ${seeded.quotes} quotes`);
    await setUiState(page, { view: 'briefings' });
    await openApp(page, env, async (p) => {
      await p
        .getByRole('list', { name: 'Briefings' })
        .getByRole('button', { name: /Bench briefing/ })
        .click();
      await p.getByRole('button', { name: /Export \.docx/ }).waitFor({ timeout: 120_000 });
    });
    await idle(page, 1500);

    const exports: number[] = [];
    const longest: number[] = [];
    for (let i = 0; i < env.sizes.runs; i++) {
      const exportOnce = () =>
        page.evaluate(async () => {
          const button = [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
            /Export \.docx/.test(b.textContent ?? ''),
          );
          if (!button) throw new Error('No Export .docx button.');
          const seen = () =>
            [...document.querySelectorAll('[role="status"], [role="alert"], .notice')].filter((n) =>
              /Exported the briefing to/.test(n.textContent ?? ''),
            ).length;
          const before = seen();
          const began = performance.now();
          button.click();
          const done = await window.__probe.settle(() => {
            const errors = [...document.querySelectorAll('[role="alert"]')]
              .map((n) => n.textContent ?? '')
              .filter((t) => t.trim());
            if (errors.length) throw new Error(`The export failed: ${errors.join(' ')}`);
            return seen() > before;
          }, 300_000);
          // Long tasks of the page while the export ran: what would have kept a keystroke waiting.
          const tasks = window.__probe.longTasks.filter((t) => t.start >= began && t.start <= done);
          return { ms: done - began, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
        });
      const run = await (i === env.sizes.runs - 1 ? profiled(page, 'briefing-export', exportOnce) : exportOnce());
      exports.push(run.ms);
      longest.push(run.longest);
      // Dismiss the notice so the next run waits for a new one.
      await page.evaluate(() => {
        for (const b of document.querySelectorAll<HTMLButtonElement>('button[aria-label^="Dismiss"]')) b.click();
      });
      await idle(page, 300);
    }
    const written = await page.evaluate(() =>
      [...document.querySelectorAll('[role="status"], .notice')].map((n) => n.textContent ?? '').join(' '),
    );
    const path = /Exported the briefing to (.+?\.docx)/.exec(written)?.[1];
    const size = path && existsSync(path) ? statSync(path).size : null;
    env.log(
      `briefing: export ${exports.map(Math.round).join(', ')}${size ? `; ${Math.round(size / 1024)} kB` : ''}; longest task ${longest.map(Math.round).join(', ')}`,
    );
    return [
      result(
        `briefing with ${spec.threats} threats and ${seeded.quotes} footnoted quotes: export (click → .docx written)`,
        exports,
        {
          budget: { text: '≤ 3 s', max: 3000 },
          ...(size ? { note: `${Math.round(size / 1024)} kB .docx` } : {}),
        },
      ),
      result(`briefing export: longest main-thread task while it runs`, longest, {
        budget: { text: '≤ 200 ms', max: 200 },
        note: 'PerformanceObserver long tasks in the page',
      }),
    ];
  } finally {
    await context.close();
  }
}
