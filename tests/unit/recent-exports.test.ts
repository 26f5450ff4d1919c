import { readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { ensureDataFolder } from '../../main/services/data-folder';
import { createHandlerTable, recentExportsFile } from '../../main/services/handlers';
import { RECENT_EXPORTS_LIMIT, RecentExports, type RecentExportEntry } from '../../main/services/recent-exports';
import { useTempFolders } from '../support/temp-folder';
import { PROJECT_ROOT } from '../support/handler-table';

const tempFolder = useTempFolders();

async function written(dir: string, name: string, text = 'x'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('recent exports', () => {
  it('keeps the last ten, newest first, one entry per file, in a JSON file that survives a restart', async () => {
    const dir = await tempFolder();
    const file = join(dir, 'recent-exports.json');
    const changes: RecentExportEntry[][] = [];
    const recent = new RecentExports({ file, onChange: (entries) => changes.push(entries) });
    for (let i = 0; i < 12; i++) await recent.add(await written(dir, `brief-${i}.docx`), 'briefing', i);
    await recent.add(join(dir, 'brief-5.docx'), 'briefing', 5);
    const list = await new RecentExports({ file }).list();
    expect(list).toHaveLength(RECENT_EXPORTS_LIMIT);
    expect(list.map((e) => e.path.slice(dir.length + 1))).toEqual([
      'brief-5.docx',
      'brief-11.docx',
      'brief-10.docx',
      'brief-9.docx',
      'brief-8.docx',
      'brief-7.docx',
      'brief-6.docx',
      'brief-4.docx',
      'brief-3.docx',
      'brief-2.docx',
    ]);
    expect(changes).toHaveLength(13);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
    expect(changes.at(-1)).toEqual([]);
  });

  it('records two exports that finish together', async () => {
    const dir = await tempFolder();
    const recent = new RecentExports({ file: join(dir, 'recent.json') });
    await Promise.all([
      recent.add(await written(dir, 'a.csv'), 'csv', 1),
      recent.add(await written(dir, 'b.csv'), 'csv', 1),
    ]);
    expect((await recent.list()).map((e) => e.path).sort()).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
  });

  it('drops entries that do not validate and reads a damaged file as empty', async () => {
    const dir = await tempFolder();
    const file = join(dir, 'recent.json');
    const good = {
      id: '6f1c1d1e-8a5b-4c3d-9e2f-0a1b2c3d4e5f',
      path: join(dir, 'a.docx'),
      kind: 'briefing',
      at: '2025-01-02T03:04:05.000Z',
      bytes: 10,
    };
    await writeFile(
      file,
      JSON.stringify([
        good,
        { ...good, id: 'not-a-uuid' },
        { ...good, path: 'relative/a.docx' },
        { ...good, kind: 'script' },
        'junk',
      ]),
    );
    expect(await new RecentExports({ file }).list()).toEqual([good]);
    await writeFile(file, '{ not json');
    expect(await new RecentExports({ file }).list()).toEqual([]);
  });

  it('opens by id only files that are still there, still regular files, and of an exported kind', async () => {
    const dir = await tempFolder();
    const opened: string[] = [];
    const shown: string[] = [];
    const recent = new RecentExports({
      file: join(dir, 'recent.json'),
      openPath: async (p) => (opened.push(p), ''),
      showItemInFolder: (p) => shown.push(p),
    });
    const doc = await recent.add(await written(dir, 'brief.docx'), 'briefing', 1);
    expect(await recent.open(doc.id)).toMatchObject({ done: true, path: join(dir, 'brief.docx') });
    expect(opened).toEqual([join(dir, 'brief.docx')]);

    // A name typed into the save dialog that the system would run is shown, never opened.
    const script = await recent.add(await written(dir, 'register.sh'), 'csv', 1);
    await expect(recent.open(script.id)).rejects.toThrow(/opens only the document types it exports.*Show in folder/);
    expect(await recent.showInFolder(script.id)).toMatchObject({ done: true });
    expect(shown).toEqual([join(dir, 'register.sh')]);

    await unlink(join(dir, 'brief.docx'));
    await expect(recent.open(doc.id)).rejects.toThrow(/no longer in .*Export it again/);
    await symlink('/etc/hostname', join(dir, 'brief.docx'));
    await expect(recent.open(doc.id)).rejects.toThrow(/no longer the file the workbench exported/);
    await expect(recent.open('6f1c1d1e-8a5b-4c3d-9e2f-0a1b2c3d4e5f')).rejects.toThrow(/no longer in the recent list/);
    expect(opened).toHaveLength(1);
  });

  it('says where the file is when the host cannot open files (the browser preview)', async () => {
    const dir = await tempFolder();
    const recent = new RecentExports({ file: join(dir, 'recent.json') });
    const entry = await recent.add(await written(dir, 'brief.docx'), 'briefing', 1);
    expect(await recent.open(entry.id)).toEqual({
      done: false,
      path: join(dir, 'brief.docx'),
      message: `Opening files is only available in the desktop app. The file is saved at ${join(dir, 'brief.docx')}.`,
    });
  });
});

describe('recent exports through the handler table', () => {
  it('lists what saveExport wrote (by id, with its kind) and opens it by id, never by path', async () => {
    const root = await tempFolder();
    const dataFolder = await ensureDataFolder(root);
    const table = createHandlerTable({
      appName: 'Analyst Workbench',
      appVersion: '0.0.0-test',
      host: 'bridge',
      dataFolder,
      bundledDataRoot: join(PROJECT_ROOT, 'data'),
    });
    const bytes = new TextEncoder().encode('id,title\n');
    const saved = await dispatch(table, 'saveExport', [{ fileName: 'Register.stix.json', bytes }]);
    expect(saved.ok).toBe(true);
    await dispatch(table, 'saveExport', [{ fileName: 'Register.csv', bytes }]);
    const listed = await dispatch(table, 'listRecentExports', []);
    expect(listed).toMatchObject({
      ok: true,
      value: [
        { name: 'Register.csv', kind: 'csv', folder: dataFolder.exports, bytes: 9 },
        { name: 'Register.stix.json', kind: 'stix' },
      ],
    });
    const [first] = (listed as { value: { id: string }[] }).value;
    expect(await dispatch(table, 'openRecentExport', [{ id: first!.id }])).toMatchObject({
      ok: true,
      value: { done: false },
    });
    expect(await dispatch(table, 'openRecentExport', [{ path: '/etc/passwd' }])).toMatchObject({ ok: false });
    expect(JSON.parse(await readFile(recentExportsFile(dataFolder), 'utf8'))).toHaveLength(2);
    expect(await dispatch(table, 'clearRecentExports', [])).toEqual({ ok: true, value: { cleared: true } });
    expect(await dispatch(table, 'listRecentExports', [])).toEqual({ ok: true, value: [] });
  });
});
