import { storeTextsThrough } from './source-text';
import { readAllSourceTexts } from '../../renderer/db/source-texts';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIEFING_SECTIONS, OPTIONAL_SECTIONS } from '../../shared/domain/briefing';
import { BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument } from '../../shared/domain/briefing-model';
import { citationWarnings } from '../../shared/domain/citation-engine';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { blankBriefing, loadBriefingWorkspace, readBriefing } from '../../renderer/db/briefings';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { BriefingPreview } from '../../renderer/features/briefings/BriefingPreview';
import { TABLE_WIDTH, tableFonts, tableLayout } from '../../shared/domain/briefing-table-layout';
import {
  createBriefing,
  deleteBriefing,
  duplicateBriefing,
  recordBriefingExport,
  updateBriefing,
} from '../../renderer/workspace/commands/briefings';
import { CommandFailed } from '../../renderer/workspace/workspace';
import { perform, workspaceOf } from './perform';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const open: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function demo() {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  open.push(db);
  const dataRoot = await tempFolder();
  const api = await realWorkbench(dataRoot);
  await seedDemoWorkspaceOnce(storeTextsThrough(db, api), () => api.loadDemoWorkspace());
  return { db, api, dataRoot };
}

describe('briefings in IndexedDB', () => {
  it('are created with every section on but the optional ones, saved, duplicated without their exports, deleted and restored exactly', async () => {
    const { db } = await demo();
    const briefing = await perform(db, createBriefing, { title: 'Weekly note' });
    expect(briefing.sections.every((s) => s.enabled === !OPTIONAL_SECTIONS.has(s.kind))).toBe(true);
    expect(briefing.marking).toBe('FOR OFFICIAL USE ONLY');
    const saved = await perform(db, updateBriefing, {
      ...briefing,
      subtitle: 'Tajik border',
      keyJudgments: [{ id: crypto.randomUUID(), text: 'Incidents will rise.', confidence: 'low', passageIds: [] }],
    });
    await perform(db, recordBriefingExport, {
      briefingId: briefing.id,
      entry: { at: new Date().toISOString(), path: '/tmp/a.docx', bytes: 1234 },
    });

    const copy = await perform(db, duplicateBriefing, briefing.id);
    expect(copy).toMatchObject({ title: 'Weekly note (copy)', subtitle: 'Tajik border', exports: [] });
    expect(copy.id).not.toBe(briefing.id);
    expect(copy.keyJudgments[0]!.id).not.toBe(saved.keyJudgments[0]!.id);
    expect(copy.keyJudgments[0]!.text).toBe('Incidents will rise.');

    const before = await db.briefings.get(briefing.id);
    const removed = await perform(db, deleteBriefing, briefing.id);
    expect(removed).toEqual(before);
    expect(await db.briefings.get(briefing.id)).toBeUndefined();
    await workspaceOf(db).undo();
    expect(await db.briefings.get(briefing.id)).toEqual(before);
  });

  it('refuse an empty title, and a stale draft never erases the export history', async () => {
    const { db } = await demo();
    const briefing = await perform(db, createBriefing, {});
    await expect(perform(db, updateBriefing, { ...briefing, title: '  ' })).rejects.toThrow(/needs a title/);
    await perform(db, recordBriefingExport, {
      briefingId: briefing.id,
      entry: { at: new Date().toISOString(), path: '/tmp/b.docx', bytes: 99 },
    });
    const after = await perform(db, updateBriefing, { ...briefing, author: 'Dana Seitkali' });
    expect(after.exports).toHaveLength(1);
    expect(after.author).toBe('Dana Seitkali');
    await perform(db, deleteBriefing, briefing.id);
    await expect(perform(db, updateBriefing, briefing)).rejects.toThrow(/no longer exists/);
  });

  it('record an export in the history, but not as a step for Ctrl+Z', async () => {
    const { db } = await demo();
    const briefing = await perform(db, createBriefing, { title: 'Exported' });
    const ws = workspaceOf(db);
    await perform(db, recordBriefingExport, {
      briefingId: briefing.id,
      entry: { at: new Date().toISOString(), path: '/tmp/c.docx', bytes: 10 },
    });
    expect(ws.history().undoLabel).toBe('create a briefing');
    const exportRevisions = await db.revisions
      .where({ entity: 'briefing', entityId: briefing.id })
      .filter((r) => r.command === 'briefings.recordExport')
      .toArray();
    expect(exportRevisions.map((r) => r.field).sort()).toEqual(['exports', 'updatedAt']);
    await expect(
      perform(db, recordBriefingExport, {
        briefingId: crypto.randomUUID(),
        entry: { at: new Date().toISOString(), path: '/tmp/d.docx', bytes: 10 },
      }),
    ).rejects.toThrow('That briefing no longer exists; the file was written, but its history could not be kept.');
  });

  it('undo and redo the composer’s saves, a duplicate and a delete, each exactly', async () => {
    const { db } = await demo();
    const ws = workspaceOf(db);
    const created = await perform(db, createBriefing, { title: 'Weekly note' });
    const edited = await perform(db, updateBriefing, { ...created, subtitle: 'Tajik border', marking: 'UNCLASSIFIED' });
    expect(ws.history().undoLabel).toBe('edit “Weekly note”');
    await ws.undo();
    expect(await db.briefings.get(created.id)).toEqual(created);
    await ws.redo();
    expect(await db.briefings.get(created.id)).toEqual(edited);

    const copy = await perform(db, duplicateBriefing, created.id);
    expect(ws.history().undoLabel).toBe('duplicate a briefing as “Weekly note (copy)”');
    await ws.undo();
    expect(await db.briefings.get(copy.id)).toBeUndefined();
    await ws.redo();
    expect(await db.briefings.get(copy.id)).toEqual(copy);

    await perform(db, deleteBriefing, created.id);
    expect(ws.history().undoLabel).toBe('delete “Weekly note”');
    await ws.undo();
    expect(await db.briefings.get(created.id)).toEqual(edited);
    await ws.redo();
    expect(await db.briefings.get(created.id)).toBeUndefined();
    // Deleting what is gone is nothing to undo.
    expect(await perform(db, deleteBriefing, created.id)).toBeUndefined();
    expect(ws.history().undoLabel).toBe('delete “Weekly note”');
  });

  it('a refused save leaves everything as it was', async () => {
    const { db } = await demo();
    const created = await perform(db, createBriefing, { title: 'Kept' });
    const count = await db.revisions.count();
    await expect(perform(db, updateBriefing, { ...created, title: '' })).rejects.toBeInstanceOf(CommandFailed);
    await expect(perform(db, updateBriefing, { ...created, marking: 'x'.repeat(201) })).rejects.toThrow(
      /would be invalid \(marking\)/,
    );
    expect(await db.briefings.get(created.id)).toEqual(created);
    expect(await db.revisions.count()).toBe(count);
  });

  it('read a record saved before judgments and recommendations existed, with every section in place', () => {
    const old = {
      id: crypto.randomUUID(),
      title: 'Old',
      subtitle: '',
      author: '',
      date: '2025-01-01',
      audience: '',
      marking: 'UNCLASSIFIED',
      sections: [{ kind: 'heat-map', enabled: true }],
      filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
      exports: [],
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const briefing = readBriefing(old);
    expect(briefing.keyJudgments).toEqual([]);
    expect(briefing.recommendations).toEqual([]);
    expect(briefing.sections).toHaveLength(BRIEFING_SECTIONS.length);
    expect(briefing.sections[0]).toEqual({ kind: 'heat-map', enabled: true });
    // Saved before the citation style was a choice: Chicago, full note first.
    expect(briefing.citationStyle).toBe('chicago-full-note');
  });

  it('read the passages of key judgments stored under their earlier name (evidenceIds) as passageIds', () => {
    const passage = crypto.randomUUID();
    const stored = {
      ...blankBriefing(),
      keyJudgments: [{ id: crypto.randomUUID(), text: 'Flows will fall.', confidence: 'low', evidenceIds: [passage] }],
    };
    const [judgment] = readBriefing(stored).keyJudgments;
    expect(judgment).toMatchObject({ text: 'Flows will fall.', passageIds: [passage] });
    expect(judgment).not.toHaveProperty('evidenceIds');
  });

  it('keep the citation style chosen through briefings.update, and the notes follow it with each passage’s paragraph', async () => {
    const { db } = await demo();
    const created = await perform(db, createBriefing, { title: 'Styles' });
    expect(created.citationStyle).toBe('chicago-full-note');
    const workspace = await loadBriefingWorkspace(db);
    const texts = await readAllSourceTexts(db);
    // Every passage of the demo gets the number of the paragraph (non-blank line) it starts in.
    for (const a of workspace.annotations) {
      const text = texts.get(a.sourceId)!;
      const before = text.slice(0, a.position.start).split('\n');
      const paragraph = before.slice(0, -1).filter((line) => line.trim()).length + 1;
      expect(workspace.passageLocators?.get(a.id), a.quote.exact).toEqual({ label: 'paragraph', value: paragraph });
    }
    const chicago = buildBriefingDocument(created, workspace);
    // The demo's article has no publisher or date recorded: the note says n.d., and the composer warns first.
    expect(chicago.footnotes[0]!.text).toMatch(/^Almat Toyekin, “Security Threats .*,” n\.d\., para\. \d+\.$/);
    expect(chicago.footnotes[1]!.text).toMatch(/^Toyekin, (“Security Threats .*,” )?para\. \d+\.$/);
    const sources = new Map(workspace.sources.map((s) => [s.id, s]));
    expect(citationWarnings(chicago.footnotes, sources)).toEqual([
      expect.objectContaining({ missing: ['publisher', 'date'] }),
    ]);
    const saved = await perform(db, updateBriefing, { ...created, citationStyle: 'gost-r-7.0.5-2008' });
    expect((await db.briefings.get(created.id))!.citationStyle).toBe('gost-r-7.0.5-2008');
    const gost = buildBriefingDocument(readBriefing(saved), workspace);
    expect(gost.footnotes[0]!.text).toMatch(/^Toyekin, с\. \d+\.$/);
  });
});

describe('from the workspace to a file main writes', () => {
  it('loads the passages the model needs, builds the document, exports it through main and records it', async () => {
    const { db, api, dataRoot } = await demo();
    const unlinked = (await db.annotations.toArray()).find((a) => a.threatIds.length === 0);
    const someEvidence = unlinked ?? (await db.annotations.toArray())[0]!;
    const briefing = await perform(db, createBriefing, {
      title: 'Kosh-Tepa and the Amu Darya',
      filters: { registerIds: [], categories: ['water'], minimumScore: 0, countryCodes: [] },
      keyJudgments: [
        {
          id: crypto.randomUUID(),
          text: 'The canal will cut the river’s flow.',
          confidence: 'high',
          passageIds: [someEvidence.id],
        },
      ],
    });
    const workspace = await loadBriefingWorkspace(db, [someEvidence.id]);
    expect(workspace.annotations.map((a) => a.id)).toContain(someEvidence.id);
    const linkedToThreats = (await db.annotations.toArray()).filter((a) => a.threatIds.length > 0);
    expect(workspace.annotations.map((a) => a.id)).toEqual(expect.arrayContaining(linkedToThreats.map((a) => a.id)));
    const doc = buildBriefingDocument(briefing, workspace);
    expect(BriefingDocument.safeParse(doc).success).toBe(true);
    const { path, bytes } = await api.exportBriefing({ document: doc });
    expect(path).toBe(`${dataRoot}/exports/${briefing.date} Kosh-Tepa and the Amu Darya.docx`);
    const after = await perform(db, recordBriefingExport, {
      briefingId: briefing.id,
      entry: { at: new Date().toISOString(), path: path!, bytes },
    });
    expect(after.exports).toEqual([expect.objectContaining({ path, bytes })]);
    // In the browser host, opening answers with where the file is.
    await expect(api.openBriefingExport({ path: path! })).resolves.toMatchObject({
      done: false,
      message: expect.stringContaining('only available in the desktop app'),
    });
    await expect(api.openBriefingExport({ path: '/etc/passwd' })).rejects.toThrow(
      /only opens briefings it exported itself/,
    );
  });
});

describe('the preview', () => {
  it('renders the same tree as sheets: the marking on each, footnotes at their foot, tables coloured by band, quotes in their direction', async () => {
    const { db } = await demo();
    const briefing = await perform(db, createBriefing, {
      title: 'Preview <b>test</b>',
      marking: 'UNCLASSIFIED',
      keyJudgments: [
        {
          id: crypto.randomUUID(),
          text: '<img src=x onerror=alert(1)> طالبان در بدخشان کنترل مرزها را تشدید کردند',
          confidence: 'moderate',
          passageIds: [],
        },
      ],
    });
    const doc = buildBriefingDocument(briefing, await loadBriefingWorkspace(db));
    const html = renderToStaticMarkup(createElement(BriefingPreview, { document: doc }));
    const sheets = doc.blocks.filter((b) => b.type === 'page-break').length + 1;
    expect(html.match(/<section class="sheet"/g)).toHaveLength(sheets);
    expect(html.match(/<p class="sheet-marking"[^>]*>UNCLASSIFIED<\/p>/g)).toHaveLength(sheets * 2);
    // Analysts' text is text, never markup.
    expect(html).not.toContain('<img');
    expect(html).toContain('Preview &lt;b&gt;test&lt;/b&gt;');
    expect(html).toContain('<p dir="rtl"><span class="doc-judgment-number">1.</span>');
    for (const note of doc.footnotes)
      expect(html).toContain(`id="briefing-note-${note.number}" value="${note.number}"`);
    expect(html).toContain('background:#F4B6BB;color:#8A0F18');
    expect(html).toContain('<table aria-label="Heat map">');
    expect(html).toContain('<nav class="doc-contents" aria-label="Table of contents">');
  });

  it('sets each table’s columns as the .docx sets them, from its words, and its text smaller where the .docx does', async () => {
    const { db } = await demo();
    const briefing = await perform(db, createBriefing, { title: 'Columns', marking: 'UNCLASSIFIED' });
    const doc = buildBriefingDocument(briefing, await loadBriefingWorkspace(db));
    const fonts = tableFonts(doc.page.template);
    const tables = doc.blocks.filter((b) => b.type === 'table');
    expect(tables.length).toBeGreaterThan(1);
    const percents = (html: string, label: string) => {
      const figure = html.slice(html.indexOf(`<table aria-label="${label}">`));
      const group = figure.slice(0, figure.indexOf('</colgroup>'));
      return [...group.matchAll(/width:([\d.]+)%/g)].map((m) => Number(m[1]));
    };
    const html = renderToStaticMarkup(createElement(BriefingPreview, { document: doc }));
    for (const table of tables) {
      const expected = tableLayout(table, fonts).widths.map((w) => Number(((w / TABLE_WIDTH) * 100).toFixed(2)));
      expect(percents(html, table.label), table.label).toEqual(expected);
    }

    // Words the columns hold only at a smaller size: the .docx sets the table smaller, and so does the preview.
    const first = tables[0]!;
    const long = 'Противоправительственнотеррористическая';
    const withWords = (word: string) => {
      const table = { ...first, rows: first.rows.map((row) => row.map((cell) => ({ ...cell, text: word }))) };
      return { table, doc: { ...doc, blocks: doc.blocks.map((b) => (b === first ? table : b)) } };
    };
    const shrunk = Array.from({ length: long.length - 5 }, (_, n) => withWords(long.slice(0, n + 6))).find((c) => {
      const l = tableLayout(c.table, fonts);
      return l.fits && l.size < 9.5;
    });
    if (!shrunk) throw new Error('some word length makes the table fit only below 9.5 pt');
    const layout = tableLayout(shrunk.table, fonts);
    const widened = shrunk.doc;
    const smaller = renderToStaticMarkup(createElement(BriefingPreview, { document: widened }));
    expect(smaller).toContain(`--table-scale:${(layout.size / 9.5).toFixed(3)}`);
    expect(html).not.toContain('--table-scale');
  });
});
