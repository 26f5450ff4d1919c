// Import fuzzing: generated malformed files for every importer — truncated and bit-flipped Word,
// PDF and HTML files made from real fixtures, zip bombs (high ratio, nested, many entries, lying
// sizes), binary garbage, empty files, invalid UTF-8 and a 100 MB file — go through the real handler
// table with its import worker. Each is refused with a sentence that names the file (or, where the
// damage leaves a readable file, imported as a valid source); a refusal leaves the source store as
// it was; and nothing hangs: a reader that does not finish in time is stopped, thread and all.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { ServiceError } from '../../main/services/errors';
import type { HandlerTable } from '../../main/services/handlers';
import { extractSourceIsolated, ThreadRunner } from '../../main/services/import/isolated';
import { CONTRACT } from '../../shared/ipc';
import { bundleForNode } from '../support/bundle-for-node';
import { randomBytes, seededRng, type Rng } from '../support/fuzz';
import { PROJECT_ROOT, realHandlerTable } from '../support/handler-table';

const SEED = Number(process.env.WORKBENCH_FUZZ_SEED ?? 20261128);
const MB = 1024 * 1024;
const fixture = async (name: string) =>
  new Uint8Array(await readFile(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', name)));

type Outcome = 'refused' | 'refused-or-imported';
interface Case {
  label: string;
  fileName: string;
  bytes: Uint8Array;
  outcome: Outcome;
  reason?: RegExp;
  maxBytes?: number;
}

function truncated(bytes: Uint8Array, share: number): Uint8Array {
  return bytes.slice(0, Math.max(1, Math.floor(bytes.length * share)));
}

function bitFlipped(bytes: Uint8Array, rng: Rng, flips: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(rng() * out.length);
    out[at] = out[at]! ^ (1 << Math.floor(rng() * 8));
  }
  return out;
}

async function zipped(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, content] of Object.entries(files)) zip.file(path, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A real Word document with `extra` parts added: the bomb rides inside a file Word would open. */
async function docxWith(base: Uint8Array, extra: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(base);
  for (const [path, content] of Object.entries(extra)) zip.file(path, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Rewrites every size a zip declares (local headers and central directory) to `size`: a zip that lies. */
function withLyingSizes(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

async function malformedCorpus(): Promise<Case[]> {
  const rng = seededRng(SEED);
  const docx = await fixture('briefing.docx');
  const pdf = await fixture('two-pages.pdf');
  const html = await fixture('article.html');
  const cases: Case[] = [];

  for (const share of [0.02, 0.25, 0.5, 0.75, 0.9, 0.99]) {
    // A zip keeps its table of contents at the end: every cut loses it.
    cases.push({
      label: `docx truncated to ${share * 100}%`,
      fileName: 'briefing.docx',
      bytes: truncated(docx, share),
      outcome: 'refused',
      reason: /damaged or is not a Word/,
    });
    // pdfjs, like PDF readers, recovers what it can from a cut file: a refusal, or the pages that survive.
    cases.push({
      label: `pdf truncated to ${share * 100}%`,
      fileName: 'two-pages.pdf',
      bytes: truncated(pdf, share),
      outcome: 'refused-or-imported',
    });
  }
  for (const share of [0.001, 0.3, 0.8]) {
    cases.push({
      label: `html truncated to ${share * 100}%`,
      fileName: 'article.html',
      bytes: truncated(html, share),
      outcome: 'refused-or-imported',
    });
  }
  for (const flips of [1, 8, 64, 512, 4096, 20000]) {
    cases.push({
      label: `docx with ${flips} bits flipped`,
      fileName: 'briefing.docx',
      bytes: bitFlipped(docx, rng, flips),
      outcome: 'refused-or-imported',
    });
    cases.push({
      label: `pdf with ${flips} bits flipped`,
      fileName: 'two-pages.pdf',
      bytes: bitFlipped(pdf, rng, flips),
      outcome: 'refused-or-imported',
    });
    cases.push({
      label: `html with ${flips} bits flipped`,
      fileName: 'article.html',
      bytes: bitFlipped(html, rng, flips),
      outcome: 'refused-or-imported',
    });
  }

  // Zip bombs.
  cases.push({
    label: 'zip bomb: 40 MB of zeros at a ratio of ~1000:1 inside a real .docx',
    fileName: 'bomb.docx',
    bytes: await docxWith(docx, { 'word/media/blank.bin': new Uint8Array(40 * MB) }),
    outcome: 'refused',
    reason: /zip bomb/,
    maxBytes: 1 * MB,
  });
  const innermost = await zipped({ 'zeros.bin': new Uint8Array(8 * MB) });
  const nested = await zipped({ 'a.zip': await zipped({ 'b.zip': await zipped({ 'c.zip': innermost }) }) });
  cases.push({
    // Nested archives are parts like any other: never unpacked, so the document itself imports.
    label: 'zip bomb: archives nested three deep inside a real .docx',
    fileName: 'nested.docx',
    bytes: await docxWith(docx, { 'word/embeddings/nested.zip': nested }),
    outcome: 'refused-or-imported',
  });
  const many: Record<string, string> = {};
  for (let i = 0; i < 12_000; i++) many[`word/media/part-${i}.xml`] = '';
  cases.push({
    label: 'zip bomb: 12,000 entries inside a real .docx',
    fileName: 'many.docx',
    bytes: await docxWith(docx, many),
    outcome: 'refused',
    reason: /zip of 12,0\d\d parts/,
  });
  cases.push({
    label: 'zip bomb: sizes that lie (declared 100 bytes, inflating to 40 MB)',
    fileName: 'liar.docx',
    bytes: withLyingSizes(await docxWith(docx, { 'word/media/blank.bin': new Uint8Array(40 * MB) }), 100),
    outcome: 'refused',
    reason: /zip bomb|damaged/,
    maxBytes: 1 * MB,
  });

  for (const extension of ['txt', 'md', 'html', 'docx', 'pdf']) {
    cases.push({
      label: `binary garbage as .${extension}`,
      fileName: `garbage.${extension}`,
      bytes: randomBytes(rng, 64 * 1024),
      outcome: 'refused',
    });
    cases.push({
      label: `0 bytes as .${extension}`,
      fileName: `empty.${extension}`,
      bytes: new Uint8Array(0),
      outcome: 'refused',
      reason: /the file is empty \(0 bytes\)/,
    });
  }

  // Invalid UTF-8: overlong forms, lone continuation bytes, surrogates encoded, truncated sequences.
  const invalid = Uint8Array.from(
    { length: 48 * 1024 },
    (_, i) => [0xc0, 0xaf, 0x80, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xfe, 0xe2, 0x28, 0xa1, 0x41][i % 16]!,
  );
  for (const extension of ['txt', 'md', 'html']) {
    cases.push({
      label: `invalid UTF-8 as .${extension}`,
      fileName: `invalid.${extension}`,
      bytes: invalid,
      outcome: 'refused',
      reason: /not a text file/,
    });
  }
  return cases;
}

describe('import fuzzing: malformed files through the handler table', () => {
  let root = '';
  let worker = '';
  let table: HandlerTable;
  let stored: unknown;
  const cases: Case[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'workbench-import-fuzz-'));
    worker = await bundleForNode('main/services/import/worker-entry.ts', join(root, 'bundle'), 'import-worker.cjs');
    table = await realHandlerTable(join(root, 'data'), { importWorker: worker });
    cases.push(...(await malformedCorpus()));
    stored = await dispatch(table, 'listSourceFiles', []);
  }, 120_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('refuses each malformed file with a sentence naming it, and stores nothing when it refuses', async () => {
    const problems: string[] = [];
    const outcomes: string[] = [];
    for (const c of cases) {
      const result = await dispatch(table, 'importSource', [
        { bytes: c.bytes, fileName: c.fileName, keepFullText: false, maxBytes: c.maxBytes ?? 50 * MB },
      ]);
      const after = await dispatch(table, 'listSourceFiles', []);
      if (result.ok) {
        outcomes.push(`${c.label}: imported`);
        if (c.outcome === 'refused') problems.push(`${c.label}: imported, but should have been refused`);
        if (!CONTRACT.importSource.result.safeParse(result.value).success)
          problems.push(`${c.label}: imported a source outside the contract`);
        stored = after;
        continue;
      }
      outcomes.push(`${c.label}: refused`);
      if (!result.error.startsWith(`"${c.fileName}" could not be imported: `) || !/\. [A-Z][^]*\.$/.test(result.error))
        problems.push(`${c.label}: "${result.error}" is not a refusal that names the file and says what to do`);
      if (c.reason && !c.reason.test(result.error))
        problems.push(`${c.label}: "${result.error}" does not say ${c.reason}`);
      if (JSON.stringify(after) !== JSON.stringify(stored))
        problems.push(`${c.label}: the source store changed although the import was refused`);
    }
    console.info(`import fuzz (seed ${SEED}):\n  ${outcomes.join('\n  ')}`);
    expect(problems, `seed ${SEED}`).toEqual([]);
  }, 300_000);

  it('says each refusal in Russian when the interface speaks Russian, the reader’s thread included', async () => {
    const problems: string[] = [];
    for (const c of cases.filter((c) => c.outcome === 'refused')) {
      const result = await dispatch(table, 'importSource', [
        { bytes: c.bytes, fileName: c.fileName, keepFullText: false, maxBytes: c.maxBytes ?? 50 * MB, language: 'ru' },
      ]);
      if (result.ok) problems.push(`${c.label}: imported, but should have been refused`);
      else if (!result.error.startsWith(`Файл «${c.fileName}» не удалось импортировать: `))
        problems.push(`${c.label}: "${result.error}" is not said in Russian`);
    }
    expect(problems, `seed ${SEED}`).toEqual([]);
    const huge = await dispatch(table, 'importSource', [
      { bytes: new Uint8Array(51 * MB), fileName: 'huge.txt', keepFullText: false, maxBytes: 50 * MB, language: 'ru' },
    ]);
    expect(huge).toEqual({
      ok: false,
      error:
        'Файл «huge.txt» не удалось импортировать: его размер 51 МБ, больше предела импорта в 50 МБ. Увеличьте предел в настройках или разделите файл.',
    });
  }, 300_000);

  it('refuses a 100 MB file by its size at once, without reading it', async () => {
    const huge = new Uint8Array(100 * MB).fill(0x61);
    for (const fileName of ['huge.txt', 'huge.pdf', 'huge.docx']) {
      const started = performance.now();
      const result = await dispatch(table, 'importSource', [
        { bytes: huge, fileName, keepFullText: false, maxBytes: 50 * MB },
      ]);
      expect(result).toEqual({
        ok: false,
        error: `"${fileName}" could not be imported: it is 100 MB, over the import limit of 50 MB. Raise the limit in Settings or split the file.`,
      });
      // Not a timing assertion on the product: a refusal that parsed 100 MB would be seconds, not this.
      expect(performance.now() - started, 'the size check should come before any reading').toBeLessThan(5000);
    }
    expect(await dispatch(table, 'listSourceFiles', [])).toEqual(stored);
  });
});

describe('time limits on reading', () => {
  let root = '';
  let worker = '';
  let spinner = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'workbench-import-time-'));
    worker = await bundleForNode('main/services/import/worker-entry.ts', join(root, 'bundle'), 'import-worker.cjs');
    // A reader stuck in a synchronous loop: what no timer on the same thread could interrupt.
    spinner = join(root, 'spinner.cjs');
    await writeFile(spinner, "require('node:worker_threads').parentPort.on('message', () => { for (;;) {} });\n");
  }, 120_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stops a reader that never finishes: the thread is terminated and the import refused', async () => {
    const workersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length;
    const attempt = new ThreadRunner(spinner).run(
      { bytes: new Uint8Array(1) },
      300,
      () => new ServiceError('"stuck.pdf" could not be imported: reading it took longer than 300 ms. Try again.'),
    );
    await expect(attempt).rejects.toThrow('reading it took longer than 300 ms');
    // The spinning thread is gone, not left burning a core.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length).toBe(
      workersBefore,
    );
  });

  it('gives the real import worker the same limit, with the refusal sentence analysts read', async () => {
    const bytes = await fixture('two-pages.pdf');
    const threads = new ThreadRunner(worker);
    const error = await extractSourceIsolated(threads, bytes, 'two-pages.pdf', {
      keepFullText: false,
      maxBytes: 50 * MB,
      timeoutMs: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe(
      '"two-pages.pdf" could not be imported: reading it took longer than 1 ms. Try again; if it keeps happening, split the file into smaller parts and import them one by one.',
    );
    // And with time enough, the same worker reads the file.
    const read = await extractSourceIsolated(threads, bytes, 'two-pages.pdf', {
      keepFullText: false,
      maxBytes: 50 * MB,
    });
    expect(read.text).toContain('— page 2 —');
    // The thread that answered is kept warm and reused, and answers again.
    const again = await extractSourceIsolated(threads, await fixture('notes.md'), 'notes.md', {
      keepFullText: false,
      maxBytes: 50 * MB,
    });
    expect(again.format).toBe('markdown');
    await threads.close();
  });
});
