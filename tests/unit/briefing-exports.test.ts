// The briefing channels at the edge of main: exportBriefing refuses a document that is not valid or too
// large with a sentence the analyst can read (through dispatch, and over the bridge's HTTP), and the
// open / show-in-folder channels only ever reach files main itself wrote.
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { startBridge, TOKEN_HEADER, type RunningBridge } from '../../main/bridge/server';
import { ensureDataFolder } from '../../main/services/data-folder';
import { writeBriefingDocx } from '../../main/services/briefing-docx';
import { createHandlerTable, type HandlerTable, type WorkbenchServices } from '../../main/services/handlers';
import { SourceStore } from '../../main/services/source-store';
import { Briefing, defaultBriefingSections } from '../../shared/domain/briefing';
import type { BriefingDocument } from '../../shared/domain/briefing-document';
import { buildBriefingDocument } from '../../shared/domain/briefing-model';
import { fromWire, toWire } from '../../shared/ipc/wire';
import { PROJECT_ROOT, realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const running: RunningBridge[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.close()));
});

const AT = '2026-03-12T09:00:00.000Z';

/** A short briefing: the title page and the key judgments, which need no workspace. */
function smallDocument(title = 'Weekly note on the Tajik border'): BriefingDocument {
  const briefing = Briefing.parse({
    id: '7c1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b01',
    title,
    subtitle: '',
    author: 'Dana Seitkali',
    date: '2026-03-12',
    audience: '',
    marking: 'UNCLASSIFIED',
    sections: defaultBriefingSections().map((s) => ({
      ...s,
      enabled: s.kind === 'key-judgments' || s.kind === 'recommendations',
    })),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [
      {
        id: '7c1f3c2a-0c55-4f7e-8a11-2d3e4f5a6b02',
        text: 'Cross-border incidents are likely to rise this spring.',
        confidence: 'low',
        passageIds: [],
      },
    ],
    recommendations: [],
    exports: [],
    createdAt: AT,
    updatedAt: AT,
  });
  return buildBriefingDocument(briefing, {
    registers: [],
    threats: [],
    annotations: [],
    sources: [],
    actors: [],
    countries: [],
  });
}

interface Desktop {
  table: HandlerTable;
  opened: string[];
  shown: string[];
  dataRoot: string;
}

/** The handler table as the desktop app builds it, with a save dialog and a shell that record what they were asked. */
async function desktop(dataRoot: string, choose: WorkbenchServices['chooseSavePath'] = undefined): Promise<Desktop> {
  const opened: string[] = [];
  const shown: string[] = [];
  const table = createHandlerTable({
    appName: 'Analyst Workbench',
    appVersion: '0.0.0-test',
    host: 'electron',
    dataFolder: await ensureDataFolder(dataRoot),
    bundledDataRoot: join(PROJECT_ROOT, 'data'),
    packInThisThread: writeBriefingDocx,
    chooseSavePath: choose,
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    showItemInFolder: (path) => void shown.push(path),
  });
  return { table, opened, shown, dataRoot };
}

const refusal = /^The request was refused because its data is not valid \(.+\)\. Nothing was changed\.$/;

describe('exportBriefing', () => {
  it('writes the .docx into the exports folder in the browser preview and answers its path and size', async () => {
    const dataRoot = await tempFolder();
    const table = await realHandlerTable(dataRoot);
    const result = await dispatch(table, 'exportBriefing', [{ document: smallDocument() }]);
    expect(result).toEqual({
      ok: true,
      value: {
        path: join(dataRoot, 'exports', '2026-03-12 Weekly note on the Tajik border.docx'),
        bytes: expect.any(Number),
      },
    });
    const bytes = await readFile(join(dataRoot, 'exports', '2026-03-12 Weekly note on the Tajik border.docx'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.byteLength).toBe((result as { value: { bytes: number } }).value.bytes);
    // A second export never overwrites the first.
    const again = await dispatch(table, 'exportBriefing', [{ document: smallDocument() }]);
    expect(again).toMatchObject({
      ok: true,
      value: { path: join(dataRoot, 'exports', '2026-03-12 Weekly note on the Tajik border (2).docx') },
    });
  });

  it('writes where the analyst chose in the save dialog (adding .docx), or nothing when they cancel', async () => {
    const dataRoot = await tempFolder();
    const elsewhere = await tempFolder();
    let answer: string | null = join(elsewhere, 'for the minister');
    const suggested: string[] = [];
    const { table } = await desktop(dataRoot, async (path) => {
      suggested.push(path);
      return answer;
    });
    expect(await dispatch(table, 'exportBriefing', [{ document: smallDocument() }])).toMatchObject({
      ok: true,
      value: { path: join(elsewhere, 'for the minister.docx') },
    });
    expect(suggested).toEqual([join(dataRoot, 'exports', '2026-03-12 Weekly note on the Tajik border.docx')]);
    answer = null;
    expect(await dispatch(table, 'exportBriefing', [{ document: smallDocument() }])).toEqual({
      ok: true,
      value: { path: null, bytes: expect.any(Number) },
    });
  });

  it('refuses a document that is not valid, with a sentence, and writes nothing', async () => {
    const dataRoot = await tempFolder();
    const table = await realHandlerTable(dataRoot);
    const doc = smallDocument();
    const cases: [unknown[], RegExp][] = [
      [[], /expected/i],
      [[{}], /document/],
      [[{ document: { ...doc, format: 'something else' } }], /format/],
      [
        [{ document: { ...doc, page: { ...doc.page, marking: '' } } }],
        /choose a security marking \(for example UNCLASSIFIED\) before exporting/,
      ],
      [[{ document: { ...doc, blocks: [] } }], /blocks/],
      [
        [
          {
            document: {
              ...doc,
              blocks: [
                ...doc.blocks,
                { type: 'quote', text: 'x', open: '“', close: '”', dir: 'ltr', lang: 'en', grade: 'B2', note: 1 },
              ],
            },
          },
        ],
        /footnote 1, which the briefing does not have/,
      ],
      [[{ document: { ...doc, blocks: [...doc.blocks, { type: 'script', text: '<script>' }] } }], /blocks/],
    ];
    for (const [args, why] of cases) {
      const result = await dispatch(table, 'exportBriefing', args);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(refusal);
        expect(result.error).toMatch(why);
      }
    }
    expect(await readdir(join(dataRoot, 'exports'))).toEqual([]);
  });

  it('refuses an oversized document with a sentence, through dispatch and over the bridge', async () => {
    const dataRoot = await tempFolder();
    const table = await realHandlerTable(dataRoot);
    const doc = smallDocument();
    const paragraph = {
      type: 'paragraph',
      style: 'body',
      dir: 'ltr',
      lang: 'en',
      inlines: [{ kind: 'text', text: 'Ә'.repeat(45_000) }],
    };
    const oversized = { ...doc, blocks: [...doc.blocks, ...Array.from({ length: 100 }, () => paragraph)] };
    const viaDispatch = await dispatch(table, 'exportBriefing', [{ document: oversized }]);
    expect(viaDispatch).toEqual({
      ok: false,
      error: expect.stringMatching(
        /the briefing is larger than 4 million characters; leave out some threats or sections and export again/,
      ),
    });

    const rendererDir = await tempFolder();
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const bridge = await startBridge({
      table,
      sourceStore: new SourceStore(await tempFolder()),
      rendererDir,
      clientScript: '',
      port: 0,
    });
    running.push(bridge);
    const post = async (args: unknown[]) => {
      const response = await fetch(`${bridge.url}api/exportBriefing`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: bridge.token },
        body: toWire(args),
      });
      return fromWire(await response.text());
    };
    expect(await post([{ document: oversized }])).toEqual({
      ok: false,
      error: expect.stringMatching(/^The request was refused .*the briefing is larger than 4 million characters/),
    });
    expect(await post([{ document: { ...doc, footnotes: [{ number: 2, text: 'x', sourceId: '' }] } }])).toEqual({
      ok: false,
      error: expect.stringMatching(/footnotes must be numbered 1, 2, 3/),
    });
    expect(await post([{ document: doc }])).toMatchObject({
      ok: true,
      value: { path: expect.stringMatching(/\.docx$/) },
    });
  });
});

describe('open and show in folder', () => {
  it('in the browser preview, says opening is for the desktop app and where the file is', async () => {
    const dataRoot = await tempFolder();
    const table = await realHandlerTable(dataRoot);
    const written = await dispatch(table, 'exportBriefing', [{ document: smallDocument() }]);
    const path = (written as { value: { path: string } }).value.path;
    expect(await dispatch(table, 'openBriefingExport', [{ path }])).toEqual({
      ok: true,
      value: {
        done: false,
        path,
        message: `Opening files is only available in the desktop app. The briefing is saved at ${path}.`,
      },
    });
    expect(await dispatch(table, 'showBriefingExport', [{ path }])).toEqual({
      ok: true,
      value: {
        done: false,
        path,
        message: `Showing files in their folder is only available in the desktop app. The briefing is saved at ${path}.`,
      },
    });
  });

  it('on the desktop, opens and shows a briefing it wrote, in the exports folder or where the analyst chose', async () => {
    const dataRoot = await tempFolder();
    const elsewhere = await tempFolder();
    const chosen = join(elsewhere, 'Briefing for the minister.docx');
    let answer: string = join(dataRoot, 'exports', 'x.docx');
    const app = await desktop(dataRoot, async () => answer);
    const inExports = (
      (await dispatch(app.table, 'exportBriefing', [{ document: smallDocument() }])) as { value: { path: string } }
    ).value.path;
    answer = chosen;
    expect(await dispatch(app.table, 'exportBriefing', [{ document: smallDocument() }])).toMatchObject({
      ok: true,
      value: { path: chosen },
    });
    expect(await dispatch(app.table, 'openBriefingExport', [{ path: inExports }])).toMatchObject({
      ok: true,
      value: { done: true, path: inExports },
    });
    expect(await dispatch(app.table, 'openBriefingExport', [{ path: chosen }])).toMatchObject({
      ok: true,
      value: { done: true },
    });
    expect(await dispatch(app.table, 'showBriefingExport', [{ path: chosen }])).toMatchObject({
      ok: true,
      value: { done: true },
    });
    expect(app.opened).toEqual([inExports, chosen]);
    expect(app.shown).toEqual([chosen]);

    // After a restart the session's registry is empty: the exports folder is still main's own, a chosen path is not.
    const restarted = await desktop(dataRoot);
    expect(await dispatch(restarted.table, 'openBriefingExport', [{ path: inExports }])).toMatchObject({
      ok: true,
      value: { done: true },
    });
    const refused = await dispatch(restarted.table, 'openBriefingExport', [{ path: chosen }]);
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(
        /only opens briefings it exported itself.*is not one of them\. Open it from your file manager\.$/,
      ),
    });
    expect(restarted.opened).toEqual([inExports]);
  });

  it('never opens a path the renderer merely names', async () => {
    const dataRoot = await tempFolder();
    const outside = await tempFolder();
    const app = await desktop(dataRoot);
    await dispatch(app.table, 'exportBriefing', [{ document: smallDocument() }]);
    const exportsFolder = join(dataRoot, 'exports');
    // Files main did not write: outside the exports folder, another kind of file in it, a link out of it, a folder.
    await writeFile(join(outside, 'planted.docx'), 'not ours');
    await writeFile(join(exportsFolder, 'launcher.desktop'), '[Desktop Entry]\nExec=sh');
    await writeFile(join(exportsFolder, 'register.csv'), 'a,b');
    await symlink(join(outside, 'planted.docx'), join(exportsFolder, 'link.docx'));
    await mkdir(join(exportsFolder, 'folder.docx'));
    await mkdir(join(exportsFolder, 'sub'));
    await writeFile(join(exportsFolder, 'sub', 'nested.docx'), 'x');
    const attempts = [
      join(outside, 'planted.docx'),
      join(outside, 'does-not-exist.docx'),
      '/etc/passwd',
      'relative/briefing.docx',
      join(exportsFolder, 'launcher.desktop'),
      join(exportsFolder, 'register.csv'),
      join(exportsFolder, 'link.docx'),
      join(exportsFolder, 'folder.docx'),
      join(exportsFolder, 'sub', 'nested.docx'),
      join(exportsFolder, '..', 'window-state.json'),
      join(exportsFolder, 'missing.docx'),
    ];
    for (const path of attempts) {
      for (const channel of ['openBriefingExport', 'showBriefingExport'] as const) {
        const result = await dispatch(app.table, channel, [{ path }]);
        expect(result.ok, `${channel} ${path}`).toBe(false);
        // Only a briefing in the exports folder that has gone is reported as gone; nothing says whether other paths exist.
        if (!result.ok)
          expect(result.error).toMatch(
            path.endsWith('missing.docx') ? /is no longer at/ : /only opens briefings it exported itself/,
          );
      }
    }
    expect(app.opened).toEqual([]);
    expect(app.shown).toEqual([]);
    // Arguments that are not a path at all are refused before any service sees them.
    for (const args of [[], [{}], [{ path: '' }], [{ path: 42 }], [{ path: 'x'.repeat(5000) }], ['/etc/passwd']]) {
      const result = await dispatch(app.table, 'openBriefingExport', args);
      expect(result).toEqual({ ok: false, error: expect.stringMatching(refusal) });
    }
  });
});
