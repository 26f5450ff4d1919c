/**
 * The benchmark page: served from the app's own origin (so it shares the app's IndexedDB) and built
 * only by `npm run bench`, never into dist/renderer. It seeds deterministic workspaces through the
 * app's real database module and renders the comparison baselines (plain paragraphs, Recogito).
 * The runner (bench/run.mjs) drives it through `window.bench`.
 */
import { createTextAnnotator } from '@recogito/text-annotator';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import '@recogito/text-annotator/text-annotator.css';
import { exportDB, importInto } from 'dexie-export-import';
import { bytesToBase64 } from '../../shared/ipc/wire';
import { splitParagraphs } from '../../shared/domain/text';
import { db, WorkbenchDatabase } from '../../renderer/db';
import { workspace } from '../../renderer/workspace';
import { replaceWorkspace } from '../../renderer/workspace/commands/backup';
import { blankBriefing, loadBriefingWorkspace, readBriefing } from '../../renderer/db/briefings';
import { buildBriefingDocument } from '../../shared/domain/briefing-model';
import { backUpWorkspace, openBackupSnapshot } from '../../renderer/features/backup/backup-actions';
import { workbench } from '../../renderer/platform/workbench';
import { storeSourceText } from '../../renderer/db/source-texts';
import { readSourceOpening } from '../../renderer/db/source-annotations';
import { OPENING_CHARS } from '../../renderer/features/sources/opening';
import type { InlineSourceText } from '../../shared/domain/source';
import '../../renderer/app/styles.css';
import * as gen from './generate';
import './bench.css';

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** The measure: work is done when the second animation frame after it starts. */
const afterPaint = async () => {
  await frame();
  await frame();
};
const stage = () => document.getElementById('stage')!;

export interface ReaderSpec {
  /** The source's title in the library (a second book needs a title of its own). */
  title?: string;
  seed: number;
  chars: number;
  paragraphs: number;
  annotations: number;
  tags: number;
}

/** The reader's source text and passages, generated the same way for the app and the baselines. */
function readerData(spec: ReaderSpec) {
  const random = gen.prng(spec.seed);
  const text = gen.prose(random, spec.chars, spec.paragraphs);
  const made = gen.source(random, spec.title ?? 'Year-end report (benchmark)', text);
  const tagList = gen.tags(random, spec.tags);
  const list = gen.annotations(random, made.source.id, text, spec.annotations, tagList);
  return { ...made, text, tags: tagList, annotations: list };
}

/** Adds one mark decoration to the CodeMirror peer (its "create a passage"). */
const addMark = StateEffect.define<{ from: number; to: number }>();

/** One mark decoration per tag colour, as the app paints one highlight per tag. */
function codeMirrorMarks(data: Pick<ReturnType<typeof readerData>, 'tags' | 'annotations'>) {
  const byTag = new Map(
    data.tags.map((t) => [t.id, Decoration.mark({ attributes: { style: `background: ${t.color}38` } })]),
  );
  const untagged = Decoration.mark({ class: 'cm-untagged' });
  return StateField.define<DecorationSet>({
    create: () =>
      Decoration.set(
        data.annotations
          .filter((a) => a.position.end > a.position.start)
          .map((a) => (byTag.get(a.tagIds[0] ?? '') ?? untagged).range(a.position.start, a.position.end)),
        true,
      ),
    update: (marks, tr) => {
      let next = marks.map(tr.changes);
      for (const e of tr.effects)
        if (e.is(addMark)) next = next.update({ add: [untagged.range(e.value.from, e.value.to)], sort: true });
      return next;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

/**
 * The CodeMirror peers' view: read-only, wrapped, one mark per passage, on the stage. Answers once its
 * first screen of text and marks is painted.
 */
async function openCodeMirror(
  text: string,
  marks: Pick<ReturnType<typeof readerData>, 'tags' | 'annotations'>,
): Promise<{ parent: HTMLElement; view: EditorView }> {
  const parent = document.createElement('div');
  parent.className = 'codemirror-reader';
  stage().append(parent);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [EditorState.readOnly.of(true), EditorView.lineWrapping, codeMirrorMarks(marks)],
    }),
  });
  while (!parent.querySelector('.cm-line span[style]')) await frame();
  await afterPaint();
  return { parent, view };
}

/** Paragraph markup as the app's reader has it (a stripe cell and a <p> per paragraph), without React. */
function paragraphsInto(container: HTMLElement, text: string, withStripes: boolean): void {
  const fragment = document.createDocumentFragment();
  for (const [i, p] of splitParagraphs(text).entries()) {
    const para = document.createElement('div');
    const el = document.createElement('p');
    el.dir = 'auto';
    el.dataset.index = String(i);
    el.textContent = p.text;
    if (withStripes) {
      para.className = 'para';
      const stripes = document.createElement('span');
      stripes.className = 'stripes';
      para.append(stripes);
    }
    para.append(el);
    fragment.append(para);
  }
  container.append(fragment);
}

/** A generated text put into main's store, as the app keeps texts; answers the record naming it. */
const inStore = (text: InlineSourceText) => storeSourceText(db.textStore, text.sourceId, text.text);

/** The raw backup peers' database (see seedWorkspace). */
const peerDatabase = new WorkbenchDatabase('analyst-workbench-bench-peer');

/** The last raw export (rawBackupRestore), for the plain-file-copy peer. */
let lastExport: Blob | null = null;

const bench = {
  async seedReader(spec: ReaderSpec) {
    const data = readerData(spec);
    // Texts are kept as the app keeps them: in main's store, the record naming them.
    const stored = await inStore(data.sourceText);
    await db.transaction('rw', [db.sources, db.sourceTexts, db.tags, db.annotations], async () => {
      // The source names its text by the digest the store gave it, as every source the app writes does
      // (the generator's digest is a random stand-in, which the app would never hold).
      await db.sources.put({ ...data.source, textHash: stored.sha256 });
      await db.sourceTexts.put(stored);
      await db.tags.bulkPut(data.tags);
      await db.annotations.bulkPut(data.annotations);
    });
    return {
      sourceId: data.source.id,
      textHash: stored.sha256,
      title: data.source.title,
      annotations: data.annotations.length,
      chars: data.text.length,
    };
  },

  /** Baseline (a): the same text as plain paragraphs, same CSS, no highlights. Answers ms. */
  async renderPlain(spec: ReaderSpec) {
    const { text } = readerData(spec);
    stage().replaceChildren();
    await afterPaint();
    const started = performance.now();
    const scroll = document.createElement('div');
    scroll.className = 'reader-scroll';
    const article = document.createElement('article');
    article.className = 'reader';
    article.contentEditable = 'true';
    paragraphsInto(article, text, true);
    scroll.append(article);
    stage().append(scroll);
    await afterPaint();
    return performance.now() - started;
  },

  /** Baseline (b): @recogito/text-annotator showing the same passages on the same text. Answers ms. */
  async renderRecogito(spec: ReaderSpec) {
    const data = readerData(spec);
    stage().replaceChildren();
    await afterPaint();
    const started = performance.now();
    const container = document.createElement('div');
    container.className = 'recogito-reader';
    paragraphsInto(container, data.text, false);
    stage().append(container);
    const annotator = createTextAnnotator(container);
    annotator.setAnnotations(
      data.annotations.map((a) => ({
        id: a.id,
        bodies: [],
        target: {
          annotation: a.id,
          selector: [{ quote: a.quote.exact, start: a.position.start, end: a.position.end }],
        },
      })) as never,
    );
    // Its renderer draws on a debounced animation frame: wait until highlights are on the page.
    while (
      !container.querySelector('.r6o-span-highlight-layer > *') &&
      !document.querySelector('.r6o-span-highlight-layer > *')
    )
      await frame();
    await afterPaint();
    const elapsed = performance.now() - started;
    annotator.destroy();
    return elapsed;
  },

  /**
   * Peer (c): CodeMirror 6 — a read-only EditorView (line wrapping, the reading font) over the same
   * text with one mark decoration per passage. Answers the ms to open it (the view created, its first
   * screen of text and marks painted) and to add one mark (dispatch → painted), as the app's open and
   * create are measured.
   */
  async renderCodeMirror(spec: ReaderSpec) {
    const data = readerData(spec);
    stage().replaceChildren();
    await afterPaint();
    const started = performance.now();
    const { parent, view } = await openCodeMirror(data.text, data);
    const open = performance.now() - started;
    // A mark in the second line on screen, as the app's create codes a sentence on screen.
    const line = view.state.doc.line(Math.min(3, view.state.doc.lines));
    const from = line.from + Math.min(10, line.length);
    const to = Math.min(line.to, from + 80);
    const before = parent.querySelectorAll('.cm-untagged').length;
    const began = performance.now();
    view.dispatch({ effects: addMark.of({ from, to }) });
    while (parent.querySelectorAll('.cm-untagged').length <= before) await frame();
    await afterPaint();
    const create = performance.now() - began;
    view.destroy();
    stage().replaceChildren();
    return { open, create };
  },

  /**
   * Peer (d): CodeMirror 6 opening the stored source — its text from main's store and the passages of
   * its first screens from IndexedDB, through the app's own opening read (`readSourceOpening`, the read
   * the library's click starts), then the same view as peer (c). Against the app's open from a click,
   * this compares the two ways of showing a book with the same data path; peer (c) starts with its text
   * in memory, like the app's open after the pointer has rested on the entry. Answers ms.
   *
   * Read through a connection of its own, opened before the clock starts, whose text store holds
   * nothing yet — as the app's fresh page holds nothing of the book. Read through this page's `db`, the
   * text came from the memory that seeding it had filled (`CachedTextStore` keeps what it writes), and
   * the peer skipped the fetch from main the app pays: ~35 ms of the main thread for a 1 MB text.
   */
  async renderCodeMirrorStored(spec: ReaderSpec, stored: { sourceId: string; textHash: string }) {
    const { tags } = readerData(spec);
    stage().replaceChildren();
    const cold = new WorkbenchDatabase();
    await cold.open();
    await afterPaint();
    try {
      const started = performance.now();
      const opening = await readSourceOpening(cold, stored.sourceId, OPENING_CHARS, stored.textHash);
      const { view } = await openCodeMirror(opening.text, { tags, annotations: opening.annotations });
      const open = performance.now() - started;
      view.destroy();
      return open;
    } finally {
      cold.close();
      stage().replaceChildren();
    }
  },

  async seedRegister(spec: { seed: number; threats: number }) {
    const random = gen.prng(spec.seed);
    const reg = gen.register(random, `Bench register (${spec.threats} threats)`);
    const list = gen.threats(random, reg.id, spec.threats);
    await db.transaction('rw', db.registers, db.threats, async () => {
      await db.registers.put(reg);
      await db.threats.bulkPut(list);
    });
    return { registerId: reg.id, name: reg.name, firstTitle: list[0]!.title };
  },

  /** `sources` sources of about `bytesEach` characters; answers a query term found in the text. */
  async seedCorpus(spec: { seed: number; sources: number; bytesEach: number }) {
    const random = gen.prng(spec.seed);
    for (let i = 0; i < spec.sources; i += 10) {
      const batch = Array.from({ length: Math.min(10, spec.sources - i) }, (_, k) => {
        const text = gen.prose(random, spec.bytesEach, Math.max(1, Math.round(spec.bytesEach / 400)));
        return gen.source(random, `Corpus source ${String(i + k + 1).padStart(3, '0')}`, text);
      });
      const stored = await Promise.all(batch.map((b) => inStore(b.sourceText)));
      await db.transaction('rw', db.sources, db.sourceTexts, async () => {
        await db.sources.bulkPut(batch.map((b, k) => ({ ...b.source, textHash: stored[k]!.sha256 })));
        await db.sourceTexts.bulkPut(stored);
      });
    }
    return { query: 'Kosh-Tepa canal' };
  },

  /** A register of `threats` threats, `quotes` passages linked to them over `sources` sources, and a briefing. */
  async seedBriefing(spec: { seed: number; threats: number; quotes: number; sources: number }) {
    const random = gen.prng(spec.seed);
    const reg = gen.register(random, 'Bench briefing register');
    const threatList = gen.threats(random, reg.id, spec.threats);
    const tagList = gen.tags(random, 8);
    const sourcesMade = Array.from({ length: spec.sources }, (_, i) =>
      gen.source(random, `Briefing source ${i + 1}`, gen.prose(random, 40_000, 100)),
    );
    const perSource = Math.ceil(spec.quotes / spec.sources);
    const passages = sourcesMade.flatMap((s, i) =>
      gen.annotations(
        random,
        s.source.id,
        s.sourceText.text,
        Math.min(perSource, spec.quotes - i * perSource),
        tagList,
        threatList.map((t) => t.id),
      ),
    );
    const storedTexts = await Promise.all(sourcesMade.map((s) => inStore(s.sourceText)));
    const briefing = blankBriefing({
      title: 'Bench briefing',
      filters: { registerIds: [reg.id], categories: [], minimumScore: 0, countryCodes: [] },
    });
    await db.transaction('rw', db.workspaceTables, async () => {
      await db.registers.put(reg);
      await db.threats.bulkPut(threatList);
      await db.tags.bulkPut(tagList);
      await db.sources.bulkPut(sourcesMade.map((s) => s.source));
      await db.sourceTexts.bulkPut(storedTexts);
      await db.annotations.bulkPut(passages);
      await db.briefings.put(briefing);
    });
    return { briefingId: briefing.id, title: briefing.title, quotes: passages.length };
  },

  /** The document tree a briefing exports (for profiling main's writer in Node). */
  async briefingDocument(briefingId: string) {
    const briefing = readBriefing(await db.briefings.get(briefingId));
    return buildBriefingDocument(
      briefing,
      await loadBriefingWorkspace(
        db,
        briefing.keyJudgments.flatMap((k) => k.passageIds),
      ),
    );
  },

  /** The export's parts, timed apart (for profiling): read the workspace, build the document, write the .docx in main. */
  async exportBriefingParts(briefingId: string) {
    const t0 = performance.now();
    const briefing = readBriefing(await db.briefings.get(briefingId));
    const workspace = await loadBriefingWorkspace(
      db,
      briefing.keyJudgments.flatMap((k) => k.passageIds),
    );
    const t1 = performance.now();
    const document = buildBriefingDocument(briefing, workspace);
    const t2 = performance.now();
    const written = await workbench().exportBriefing({ document });
    const t3 = performance.now();
    return { readMs: t1 - t0, buildMs: t2 - t1, writeMs: t3 - t2, bytes: written.bytes };
  },

  /** A workspace of about `megabytes` MB: source texts, a 10,000-threat register and 5,000 passages. */
  async seedWorkspace(spec: { seed: number; megabytes: number; threats: number; annotations: number }) {
    const random = gen.prng(spec.seed);
    const count = Math.max(1, Math.round(spec.megabytes));
    const made = Array.from({ length: count }, (_, i) =>
      gen.source(random, `Workspace source ${i + 1}`, gen.prose(random, 1_000_000 * (spec.megabytes / count), 2500)),
    );
    const storedTexts = await Promise.all(made.map((m) => inStore(m.sourceText)));
    const tagList = gen.tags(random, 8);
    const reg = gen.register(random, 'Workspace register');
    const threatList = gen.threats(random, reg.id, spec.threats);
    const first = made[0]!;
    const passages = gen.annotations(
      random,
      first.source.id,
      first.sourceText.text,
      spec.annotations,
      tagList,
      threatList.slice(0, 500).map((t) => t.id),
    );
    await db.transaction('rw', db.workspaceTables, async () => {
      await db.sources.bulkPut(made.map((m) => m.source));
      await db.sourceTexts.bulkPut(storedTexts);
      await db.tags.bulkPut(tagList);
      await db.registers.put(reg);
      await db.threats.bulkPut(threatList);
      await db.annotations.bulkPut(passages);
    });
    // The raw peers' copy of the same workspace, held wholly in IndexedDB (texts in their records): what
    // a backup of the database alone would be, and the bytes the plain file copy copies.
    await peerDatabase.delete();
    await peerDatabase.open();
    await peerDatabase.transaction('rw', peerDatabase.workspaceTables, async () => {
      await peerDatabase.sources.bulkPut(made.map((m) => m.source));
      await peerDatabase.sourceTexts.bulkPut(made.map((m) => m.sourceText));
      await peerDatabase.tags.bulkPut(tagList);
      await peerDatabase.registers.put(reg);
      await peerDatabase.threats.bulkPut(threatList);
      await peerDatabase.annotations.bulkPut(passages);
    });
    return { sources: count };
  },

  /**
   * The raw peer for backups: dexie-export-import of the same workspace held wholly in IndexedDB (its
   * own database, texts in the records), then a clear-and-import.
   */
  async rawBackupRestore() {
    const started = performance.now();
    const blob = await exportDB(peerDatabase);
    const exported = performance.now();
    lastExport = blob;
    await importInto(peerDatabase, blob, { clearTablesBeforeImport: true, acceptVersionDiff: true });
    const restored = performance.now();
    return { backupMs: exported - started, restoreMs: restored - exported, bytes: blob.size };
  },

  /**
   * Bytes `start`..`end` of the last raw export, in base64: the runner writes them to a file for the
   * plain-file-copy peer (the same bytes, copied on disk). Read after the timings, never during them.
   */
  async lastExportSlice(start: number, end: number) {
    if (!lastExport) throw new Error('There is no raw export yet.');
    return {
      base64: bytesToBase64(new Uint8Array(await lastExport.slice(start, end).arrayBuffer())),
      size: lastExport.size,
    };
  },

  /**
   * The app's own backup and restore of the same database, as the Backups dialog does them: read the
   * snapshot and have main write the checked backup file (a rolling 'before-restore' one, so it lands
   * in the backups folder and is pruned), then have main open and check it and replace every table.
   */
  async appBackupRestore() {
    const started = performance.now();
    // When the window stopped reading and started sending, and when it handed the rest to main.
    const marks: Record<string, number> = {};
    const written = await backUpWorkspace('before-restore', {
      onStep: (step) => {
        const phase = step.text.startsWith('Sending the workspace:')
          ? 'sending'
          : step.text.startsWith('Sending the workspace to')
            ? 'writing'
            : null;
        if (phase && marks[phase] === undefined) marks[phase] = performance.now();
      },
    });
    const backedUp = performance.now();
    const sending = marks.sending ?? marks.writing ?? backedUp;
    const writing = marks.writing ?? backedUp;
    if (!written.id) throw new Error('The benchmark backup was not written into the backups folder.');
    const opened = await openBackupSnapshot({ backupId: written.id });
    const checked = performance.now();
    await replaceWorkspace(workspace, opened.snapshot);
    const restored = performance.now();
    // The same restore onto an emptied workspace (another computer's): every record is written.
    await db.transaction('rw', db.workspaceTables, async () => {
      for (const table of db.workspaceTables) if (table !== db.meta) await table.clear();
    });
    const emptied = performance.now();
    await replaceWorkspace(workspace, opened.snapshot);
    const restoredOntoEmpty = performance.now() - emptied + (checked - backedUp);
    // The runner's probe (bench/lib.ts PROBE) records the page's long tasks from its first script on.
    const probe = (window as unknown as { __probe: { longTasks: { start: number; duration: number }[] } }).__probe;
    const during = (from: number, to: number) =>
      Math.max(0, ...probe.longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration));
    return {
      backupMs: backedUp - started,
      backupLongestTask: during(started, backedUp),
      restoreLongestTask: during(backedUp, restored),
      restoreMs: restored - backedUp,
      restoreOntoEmptyMs: restoredOntoEmpty,
      bytes: written.bytes,
      phases: {
        readWorkspace: sending - started,
        sendParts: writing - sending,
        writeInMain: backedUp - writing,
        openBackup: checked - backedUp,
        replaceWorkspace: restored - checked,
      },
    };
  },
};

export type BenchApi = typeof bench;

declare global {
  interface Window {
    bench: BenchApi;
  }
}
window.bench = bench;
document.body.dataset.ready = 'true';
