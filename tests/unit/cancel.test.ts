// Cancelling long work, with the real parts: worker threads that are really terminated (even one stuck
// in a synchronous loop), the import, briefing and backup services behind the real handler table with
// their bundled workers, and the data folder on disk checked afterwards for anything left behind.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { Backups } from '../../main/services/backups';
import { ensureDataFolder } from '../../main/services/data-folder';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import type { HandlerTable } from '../../main/services/handlers';
import { SourceStore } from '../../main/services/source-store';
import { TaskCancelled, TaskRegistry, type Task } from '../../main/services/tasks';
import { ThreadRunner } from '../../main/services/thread-runner';
import type { Annotation } from '../../shared/domain/annotation';
import { Briefing, defaultBriefingSections } from '../../shared/domain/briefing';
import type { BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument } from '../../shared/domain/briefing-model';
import type { Threat } from '../../shared/domain/threat';
import { bundleForNode } from '../support/bundle-for-node';
import { PROJECT_ROOT, realHandlerTable } from '../support/handler-table';
import { demoSnapshot } from '../support/demo-snapshot';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const MB = 1024 * 1024;
const AT = '2026-03-12T09:00:00.000Z';

let bundles = '';
let importWorker = '';
let briefingWorker = '';

beforeAll(async () => {
  // Kept for the whole file (useTempFolders removes its folders after each test).
  bundles = await mkdtemp(join(tmpdir(), 'workbench-cancel-bundles-'));
  importWorker = await bundleForNode('main/services/import/worker-entry.ts', bundles, 'import-worker.cjs');
  briefingWorker = await bundleForNode('main/services/briefing-worker-entry.ts', bundles, 'briefing-worker.cjs');
}, 180_000);

afterAll(() => rm(bundles, { recursive: true, force: true }));

const threadsAlive = () => process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function call(table: HandlerTable, key: string, args: unknown[]) {
  return dispatch(table, key, args);
}

/** Waits until main reports the task at `step` (or any step when none is named); fails after 20 s. */
async function waitForStep(table: HandlerTable, taskId: string, step?: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const progress = await call(table, 'taskProgress', [{ taskId }]);
    if (
      progress.ok &&
      (progress.value as { state: string; step?: string }).state === 'running' &&
      (!step || (progress.value as { step?: string }).step === step)
    )
      return;
    await pause(50);
  }
  throw new Error(`task ${taskId} never reached ${step ?? 'running'}`);
}

describe('ThreadRunner: cancel', () => {
  it('terminates a worker stuck in a synchronous loop at once, and the next run gets a fresh thread that answers', async () => {
    const folder = await tempFolder();
    const worker = join(folder, 'spin-or-echo.cjs');
    await writeFile(
      worker,
      "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => { if (m === 'spin') for (;;) {} parentPort.postMessage(`echo ${m}`); });\n",
    );
    const runner = new ThreadRunner(worker);
    const before = threadsAlive();
    const controller = new AbortController();
    const started = performance.now();
    const stuck = runner.run<string>('spin', 60_000, () => new Error('timed out'), {
      signal: controller.signal,
      onCancel: () => new Error('The spin was cancelled.'),
    });
    await pause(150);
    controller.abort();
    await expect(stuck).rejects.toThrow('The spin was cancelled.');
    // Not a timing assertion on the product: without terminate, this would wait for the 60 s limit.
    expect(performance.now() - started).toBeLessThan(30_000);
    await pause(200);
    expect(threadsAlive(), 'the spinning thread is gone, not kept warm').toBe(before);
    expect(await runner.run<string>('again', 10_000, () => new Error('timed out'))).toBe('echo again');
    await runner.close();
  });

  it('refuses a run whose signal is already aborted without starting a thread', async () => {
    const folder = await tempFolder();
    const worker = join(folder, 'echo.cjs');
    await writeFile(
      worker,
      "require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));\n",
    );
    const before = threadsAlive();
    await expect(
      new ThreadRunner(worker).run('x', 1000, () => new Error('timed out'), {
        signal: AbortSignal.abort(),
        onCancel: () => new Error('Cancelled before it began.'),
      }),
    ).rejects.toThrow('Cancelled before it began.');
    expect(threadsAlive()).toBe(before);
  });
});

/** A web page big enough that reading it takes a while: many paragraphs in nested blocks. */
function bigHtml(megabytes: number): Uint8Array {
  const paragraph = (i: number) =>
    `<div class="block"><p>Paragraph ${i}: the Amu Darya, the Kosh-Tepa canal and the border with <a href="#n${i}">Tajikistan</a> <em>again</em>.</p></div>\n`;
  const parts = ['<!doctype html><html><head><title>Large page</title></head><body><article><h1>Large page</h1>'];
  let size = 0;
  for (let i = 0; size < megabytes * MB; i++) {
    const p = paragraph(i);
    parts.push(p);
    size += p.length;
  }
  parts.push('</article></body></html>');
  return new TextEncoder().encode(parts.join(''));
}

describe('cancelling an import', () => {
  it('stops a running import: its reader thread is ended, the request rejects with a sentence, nothing is stored', async () => {
    const table = await realHandlerTable(join(await tempFolder(), 'data'), { importWorker });
    const storedBefore = await call(table, 'listSourceFiles', []);
    const taskId = crypto.randomUUID();
    const importing = call(table, 'importSource', [
      { bytes: bigHtml(12), fileName: 'large-page.html', keepFullText: false, maxBytes: 50 * MB, taskId },
    ]);
    await waitForStep(table, taskId, 'reading');
    expect(await call(table, 'cancelTask', [{ taskId }])).toEqual({ ok: true, value: { cancelled: true } });
    expect(await importing).toEqual({
      ok: false,
      error: 'The import of “large-page.html” was cancelled; nothing was added. Import it again when you need it.',
    });
    expect(await call(table, 'listSourceFiles', [])).toEqual(storedBefore);
    expect(await call(table, 'taskProgress', [{ taskId }])).toEqual({ ok: true, value: { state: 'unknown' } });
  }, 60_000);

  it('honours a cancel that arrived before its request (a large upload still in transit): nothing is read or stored', async () => {
    const table = await realHandlerTable(join(await tempFolder(), 'data'), { importWorker });
    const taskId = crypto.randomUUID();
    expect(await call(table, 'cancelTask', [{ taskId }])).toEqual({ ok: true, value: { cancelled: true } });
    const bytes = await readFile(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'notes.md'));
    const result = await call(table, 'importSource', [
      { bytes: new Uint8Array(bytes), fileName: 'notes.md', keepFullText: false, maxBytes: 50 * MB, taskId },
    ]);
    expect(result).toEqual({
      ok: false,
      error: 'The import of “notes.md” was cancelled; nothing was added. Import it again when you need it.',
    });
    expect(await call(table, 'listSourceFiles', [])).toEqual({ ok: true, value: [] });
    // The same file imports normally afterwards, under a new task.
    const again = await call(table, 'importSource', [
      {
        bytes: new Uint8Array(bytes),
        fileName: 'notes.md',
        keepFullText: false,
        maxBytes: 50 * MB,
        taskId: crypto.randomUUID(),
      },
    ]);
    expect(again.ok).toBe(true);
  });

  it('refuses a task id that is not one', async () => {
    const table = await realHandlerTable(join(await tempFolder(), 'data'));
    for (const taskId of ['', 'short', '../../etc/passwd', 'x'.repeat(65), 'id with spaces!']) {
      const result = await call(table, 'cancelTask', [{ taskId }]);
      expect(result.ok, taskId).toBe(false);
    }
  });
});

/** A briefing of `copies` × the demo's threats, each with a footnoted passage: seconds of docx packing. */
async function briefingDocument(copies: number): Promise<BriefingDocument> {
  const demo = await loadDemoWorkspace(
    join(PROJECT_ROOT, 'data'),
    new SourceStore(join(await tempFolder(), 'store')),
    new Date(AT),
  );
  const threats: Threat[] = [];
  const annotations: Annotation[] = [...demo.annotations];
  for (let c = 0; c < copies; c++) {
    for (const t of demo.threats) {
      const id = crypto.randomUUID();
      threats.push({ ...t, id, title: `${t.title} (${c + 1})` });
      annotations.push({ ...demo.annotations[0]!, id: crypto.randomUUID(), threatIds: [id] });
    }
  }
  const briefing = Briefing.parse({
    id: crypto.randomUUID(),
    title: 'Threats from Afghanistan to Central Asia',
    subtitle: '',
    author: 'Dana Seitkali',
    date: '2026-03-12',
    audience: '',
    marking: 'UNCLASSIFIED',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [],
    recommendations: [],
    exports: [],
    createdAt: AT,
    updatedAt: AT,
  });
  return buildBriefingDocument(briefing, {
    registers: [demo.register],
    threats,
    annotations,
    sources: [demo.source],
    actors: demo.actors,
    countries: demo.countries,
  });
}

/** Every part of a .docx but its timestamps (docProps/core.xml), as text. */
async function docxParts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    if (name === 'docProps/core.xml' || zip.files[name]!.dir) continue;
    parts[name] = await zip.file(name)!.async('string');
  }
  return parts;
}

describe('briefing export on the briefing worker', () => {
  it('writes the same Word document as packing it in main did', async () => {
    const document = await briefingDocument(1);
    const inMain = await realHandlerTable(join(await tempFolder(), 'data'));
    const onWorker = await realHandlerTable(join(await tempFolder(), 'data'), { briefingWorker });
    const a = await call(inMain, 'exportBriefing', [{ document }]);
    const b = await call(onWorker, 'exportBriefing', [{ document, taskId: crypto.randomUUID() }]);
    if (!a.ok || !b.ok) throw new Error(`export failed: ${JSON.stringify([a, b])}`);
    const [pa, pb] = [(a.value as { path: string }).path, (b.value as { path: string }).path];
    const [partsA, partsB] = [await docxParts(await readFile(pa)), await docxParts(await readFile(pb))];
    expect(Object.keys(partsB)).toEqual(Object.keys(partsA));
    expect(partsB['word/document.xml']).toContain('Threats from Afghanistan to Central Asia');
    for (const name of Object.keys(partsA)) expect(partsB[name], name).toBe(partsA[name]);
  }, 120_000);

  it('cancels a long export while the document is being built: no file, the request rejects with a sentence', async () => {
    const root = join(await tempFolder(), 'data');
    const table = await realHandlerTable(root, { briefingWorker });
    const document = await briefingDocument(25);
    const taskId = crypto.randomUUID();
    const exporting = call(table, 'exportBriefing', [{ document, taskId }]);
    await waitForStep(table, taskId, 'building');
    // main's event loop answers at once while the worker packs the document.
    const started = performance.now();
    const info = await call(table, 'appInfo', []);
    expect(info.ok).toBe(true);
    const answeredIn = performance.now() - started;
    expect(await call(table, 'cancelTask', [{ taskId }])).toEqual({ ok: true, value: { cancelled: true } });
    expect(await exporting).toEqual({
      ok: false,
      error:
        'The export of “Threats from Afghanistan to Central Asia” was cancelled; no file was written. Export it again when you are ready.',
    });
    expect(await readdir(join(root, 'exports'))).toEqual([]);
    console.info(`main answered appInfo in ${answeredIn.toFixed(0)} ms during the export`);
  }, 120_000);
});

describe('cancelling a backup', () => {
  /** A task from a real registry that is cancelled the moment the backup reaches `step`. */
  function cancelledAt(step: string): { task: Task; registry: TaskRegistry; taskId: string; answers: boolean[] } {
    const registry = new TaskRegistry();
    const taskId = crypto.randomUUID();
    const inner = registry.begin(taskId);
    const answers: boolean[] = [];
    const task: Task = {
      ...inner,
      signal: inner.signal,
      step: (s, d, t) => {
        inner.step(s, d, t);
        if (s === step) answers.push(registry.cancel(taskId));
      },
    };
    return { task, registry, taskId, answers };
  }

  for (const step of ['collecting', 'compressing']) {
    it(`cancelled while ${step}: no backup file, whole or partial, and the sentence says so`, async () => {
      const folder = await ensureDataFolder(await tempFolder());
      const store = new SourceStore(folder.sources);
      const snapshot = await demoSnapshot(store);
      const backups = new Backups({ folder: folder.backups, store, appVersion: '1.2.3' });
      const { task, answers } = cancelledAt(step);
      const error = await backups.write({ snapshot, reason: 'manual', keep: 10 }, task).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskCancelled);
      expect((error as Error).message).toBe(
        'The backup was cancelled; no backup file was written. Back up again when you are ready.',
      );
      expect(answers).toEqual([true]);
      expect(await readdir(folder.backups)).toEqual([]);
      expect(await backups.list()).toEqual([]);
    });
  }

  it('a cancel once the file is being written is answered "too late", and the whole backup is kept', async () => {
    const folder = await ensureDataFolder(await tempFolder());
    const store = new SourceStore(folder.sources);
    const backups = new Backups({ folder: folder.backups, store, appVersion: '1.2.3' });
    const { task, answers } = cancelledAt('writing');
    const written = await backups.write({ snapshot: await demoSnapshot(store), reason: 'manual', keep: 10 }, task);
    expect(answers).toEqual([false]);
    expect(await readdir(folder.backups)).toEqual([written.id]);
    expect((await backups.open({ backupId: written.id! })).snapshot.tables.threats).toHaveLength(12);
  });

  it('through the channels: a cancelled writeBackup leaves the backups folder as it was', async () => {
    const root = join(await tempFolder(), 'data');
    const table = await realHandlerTable(root);
    const snapshot = await demoSnapshot(new SourceStore(join(root, 'sources')));
    const taskId = crypto.randomUUID();
    expect(await call(table, 'cancelTask', [{ taskId }])).toEqual({ ok: true, value: { cancelled: true } });
    expect(await call(table, 'writeBackup', [{ snapshot, reason: 'manual', keep: 10, taskId }])).toEqual({
      ok: false,
      error: 'The backup was cancelled; no backup file was written. Back up again when you are ready.',
    });
    expect(await call(table, 'listBackups', [])).toEqual({ ok: true, value: [] });
    expect(await readdir(join(root, 'backups'))).toEqual([]);
  });
});
