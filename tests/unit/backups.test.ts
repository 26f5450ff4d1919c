import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { Backups } from '../../main/services/backups';
import { decodeBackup, encodeBackup } from '../../main/services/backup-zip';
import { ensureDataFolder } from '../../main/services/data-folder';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { ServiceError } from '../../main/services/errors';
import { createHandlerTable } from '../../main/services/handlers';
import { QuitBackupGate } from '../../main/services/quit-backup';
import { sha256Of, SourceStore } from '../../main/services/source-store';
import { backupFileName, isBackupId, WORKSPACE_SCHEMA_VERSION, type BackupReason } from '../../shared/interop/backup';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { PROJECT_ROOT } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

/** A data folder holding the demo workspace's original, and the demo as a snapshot (plus a view and a meta entry). */
async function demoSetup(createdAt = '2025-03-14T09:15:02.000Z') {
  const folder = await ensureDataFolder(await tempFolder());
  const store = new SourceStore(folder.sources);
  const demo = await loadDemoWorkspace(resolve(PROJECT_ROOT, 'data'), store, new Date('2025-03-01T08:00:00Z'));
  const tables = Object.fromEntries(WORKSPACE_TABLES.map((t) => [t, [] as unknown[]])) as WorkspaceSnapshot['tables'];
  tables.sources = [demo.source];
  tables.sourceTexts = [demo.sourceText];
  tables.registers = [demo.register];
  tables.threats = demo.threats;
  tables.actors = demo.actors;
  tables.countries = demo.countries;
  tables.tags = demo.tags;
  tables.annotations = demo.annotations;
  tables.meta = [
    { key: 'demoSeededAt', value: '2025-03-01T08:00:00.000Z' },
    { key: 'importLimitBytes', value: 52428800 },
  ];
  tables.views = [
    {
      id: crypto.randomUUID(),
      registerId: demo.register.id,
      name: 'Critical first',
      state: { sorting: [{ id: 'score', desc: true }] },
      createdAt: createdAt,
      updatedAt: createdAt,
    },
  ];
  const snapshot: WorkspaceSnapshot = {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    replicaId: crypto.randomUUID(),
    createdAt,
    tables,
    mergeBases: { [crypto.randomUUID()]: { at: '2025-03-10T10:00:00.000Z', hashes: { 'threats:x': 'abc' } } },
  };
  const backups = new Backups({ folder: folder.backups, store, appVersion: '1.2.3' });
  return { folder, store, demo, snapshot, backups };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return (error as Error).message;
}

// Test-side edits of a manifest and of records of any table: loosely typed on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** Rewrites one backup's zip: `edit` may change the manifest and entries. */
async function rewrite(
  bytes: Uint8Array,
  edit: (manifest: Loose, zip: JSZip) => Promise<void> | void,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  await edit(manifest, zip);
  zip.file('manifest.json', JSON.stringify(manifest), { compression: 'STORE' });
  return zip.generateAsync({ type: 'uint8array' });
}

/** Replaces a table's JSON and records its new checksum, as a careful forger would. */
async function replaceTable(
  bytes: Uint8Array,
  table: string,
  change: (records: Loose[]) => unknown[],
): Promise<Uint8Array> {
  return rewrite(bytes, async (manifest, zip) => {
    const path = `tables/${table}.json`;
    const records = change(JSON.parse(await zip.file(path)!.async('string')));
    const data = new TextEncoder().encode(JSON.stringify(records));
    zip.file(path, data);
    manifest.entries[path] = { sha256: sha256Of(data), bytes: data.byteLength };
    manifest.counts[table] = records.length;
  });
}

describe('writing and opening a backup', () => {
  it('round-trips every table, the merge bases and the stored originals into another data folder', async () => {
    const { snapshot, backups, demo, folder } = await demoSetup();
    const written = await backups.write({ snapshot, reason: 'daily', keep: 10 });
    expect(written.id).toMatch(/^Analyst Workbench \d{4}-\d{2}-\d{2} \d{6} daily\.awbackup$/);
    expect(written.path).toBe(join(folder.backups, written.id!));
    expect((await readFile(written.path!)).byteLength).toBe(written.bytes);

    const [summary] = await backups.list();
    expect(summary).toMatchObject({
      id: written.id,
      reason: 'daily',
      appVersion: '1.2.3',
      createdAt: snapshot.createdAt,
      problem: null,
      bytes: written.bytes,
    });
    expect(summary!.counts).toMatchObject({
      sources: 1,
      threats: 12,
      annotations: demo.annotations.length,
      views: 1,
      revisions: 0,
    });

    // Restoring on another installation: the original lands in that installation's store.
    const elsewhere = await ensureDataFolder(await tempFolder());
    const otherStore = new SourceStore(elsewhere.sources);
    const other = new Backups({ folder: elsewhere.backups, store: otherStore, appVersion: '1.2.3' });
    const opened = await other.open({ bytes: new Uint8Array(await readFile(written.path!)) });
    expect(opened.snapshot).toEqual(snapshot);
    expect(opened).toMatchObject({ reason: 'daily', appVersion: '1.2.3', files: 1 });
    expect(await otherStore.read(demo.source.file!.sha256)).toEqual(
      await new SourceStore(folder.sources).read(demo.source.file!.sha256),
    );

    // And by id from its own folder.
    expect((await backups.open({ backupId: written.id! })).snapshot).toEqual(snapshot);
  });

  it('keeps records exactly as they were, including fields no schema names', async () => {
    const { snapshot, backups } = await demoSetup();
    const threat = { ...(snapshot.tables.threats[0] as object), futureField: { nested: [1, 'два'] } };
    snapshot.tables.threats = [threat, ...snapshot.tables.threats.slice(1)];
    const written = await backups.write({ snapshot, reason: 'quit', keep: 10 });
    expect((await backups.open({ backupId: written.id! })).snapshot.tables.threats[0]).toEqual(threat);
  });

  it('writes the manifest first and stored, the tables deflated, and the originals stored', async () => {
    const { snapshot, backups } = await demoSetup();
    const written = await backups.write({ snapshot, reason: 'daily', keep: 10 });
    const zip = await JSZip.loadAsync(await readFile(written.path!));
    const names = Object.keys(zip.files);
    expect(names[0]).toBe('manifest.json');
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({
      format: 'analyst-workbench/backup',
      formatVersion: 1,
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      reason: 'daily',
      replicaId: snapshot.replicaId,
    });
    expect(Object.keys(manifest.entries).sort()).toEqual(names.filter((n) => n !== 'manifest.json').sort());
    expect(names.filter((n) => n.startsWith('files/'))).toHaveLength(1);
  });

  it('carries the source texts the records name as deflated files, and restores them into another data folder', async () => {
    const { snapshot, backups, store, demo } = await demoSetup();
    const stored = await store.putText(demo.sourceText.text);
    snapshot.tables.sourceTexts = [{ sourceId: demo.source.id, sha256: stored.sha256, bytes: stored.size }];
    const written = await backups.write({ snapshot, reason: 'daily', keep: 10 });
    const zip = await JSZip.loadAsync(await readFile(written.path!));
    const entry = zip.file(`files/${stored.sha256}`)!;
    expect(await entry.async('string')).toBe(demo.sourceText.text);
    // Deflated: the text's entry is a fraction of the text.
    const compressed = (entry as unknown as { _data: { compressedSize: number } })._data.compressedSize;
    expect(compressed).toBeLessThan(stored.size / 2);
    // The table holds the reference, not the text.
    expect(await zip.file('tables/sourceTexts.json')!.async('string')).not.toContain('Kosh-Tepa');

    const elsewhere = await ensureDataFolder(await tempFolder());
    const otherStore = new SourceStore(elsewhere.sources);
    const other = new Backups({ folder: elsewhere.backups, store: otherStore, appVersion: '1.2.3' });
    const opened = await other.open({ bytes: new Uint8Array(await readFile(written.path!)) });
    expect(opened.snapshot).toEqual(snapshot);
    expect(await otherStore.readText(stored.sha256)).toBe(demo.sourceText.text);
  });

  it('backs up a workspace whose original is gone from the data folder, and restores it', async () => {
    const { snapshot, backups, store, demo } = await demoSetup();
    await store.delete(demo.source.file!.sha256);
    const written = await backups.write({ snapshot, reason: 'daily', keep: 10 });
    const opened = await backups.open({ backupId: written.id! });
    expect(opened.files).toBe(0);
    expect(opened.snapshot).toEqual(snapshot);
  });

  it('refuses to back up a workspace holding an invalid record, and writes nothing', async () => {
    const { snapshot, backups, folder } = await demoSetup();
    const bad = { ...(snapshot.tables.threats[0] as { id: string }), likelihood: 42 };
    snapshot.tables.threats = [bad];
    const message = await refusal(backups.write({ snapshot, reason: 'daily', keep: 10 }));
    expect(message).toMatch(
      new RegExp(
        `^The workspace could not be backed up\\. The workspace's threats table has an invalid record \\(id ${bad.id}\\): likelihood: .*Nothing was written\\.$`,
      ),
    );
    expect(await readdir(folder.backups)).toEqual([]);
  });

  it('sends a backup made by hand through the save dialog, adding the extension, or nowhere when cancelled', async () => {
    const { snapshot, store, folder } = await demoSetup();
    const away = await tempFolder();
    const asked: string[] = [];
    const chooser = new Backups({
      folder: folder.backups,
      store,
      appVersion: '1',
      chooseSavePath: async (suggested) => (asked.push(suggested), join(away, 'my backup')),
    });
    const written = await chooser.write({ snapshot, reason: 'manual', keep: 10 });
    expect(asked[0]).toBe(join(folder.backups, backupFileName('manual', new Date(snapshot.createdAt))));
    expect(asked[0]).toMatch(/Analyst Workbench \d{4}-\d{2}-\d{2} \d{4}\.awbackup$/);
    expect(written).toMatchObject({ id: null, path: join(away, 'my backup.awbackup') });
    expect((await decodeBackup(new Uint8Array(await readFile(written.path!)))).reason).toBe('manual');

    const cancelled = await new Backups({
      folder: folder.backups,
      store,
      appVersion: '1',
      chooseSavePath: async () => null,
    }).write({ snapshot, reason: 'manual', keep: 10 });
    expect(cancelled.path).toBeNull();
    expect(await readdir(folder.backups)).toEqual([]);

    // In the browser preview (no dialog) it goes to the backups folder and is listed.
    const plain = new Backups({ folder: folder.backups, store, appVersion: '1' });
    const listed = await plain.write({ snapshot, reason: 'manual', keep: 10 });
    expect((await plain.list()).map((s) => [s.id, s.reason])).toEqual([[listed.id, 'manual']]);
  });
});

describe('refusing a backup that is not sound, before anything is touched', () => {
  async function written() {
    const setup = await demoSetup();
    const result = await setup.backups.write({ snapshot: setup.snapshot, reason: 'daily', keep: 10 });
    const bytes = new Uint8Array(await readFile(result.path!));
    // A fresh store, to show a refused backup puts nothing in it.
    const target = await ensureDataFolder(await tempFolder());
    const store = new SourceStore(target.sources);
    const backups = new Backups({ folder: target.backups, store, appVersion: '1' });
    const refuse = async (data: Uint8Array) => {
      const message = await refusal(backups.open({ bytes: data }));
      expect(await store.list()).toEqual([]);
      return message;
    };
    return { ...setup, bytes, refuse };
  }

  it('a truncated file', async () => {
    const { bytes, refuse } = await written();
    for (const length of [Math.floor(bytes.length / 2), bytes.length - 30, 200]) {
      expect(await refuse(bytes.slice(0, length))).toMatch(
        /^The backup file is damaged or incomplete — it may have been cut off while it was copied\. Nothing was changed\./,
      );
    }
  });

  it('a flipped bit in a stored original or a deflated table', async () => {
    const { bytes, refuse, demo } = await written();
    const original = await readFile(
      join(PROJECT_ROOT, 'data', 'sample', 'security-threats-afghanistan-kazakhstan.txt'),
    );
    // The original is stored as is, so its bytes can be found in the zip.
    const at = Buffer.from(bytes).indexOf(original.subarray(1000, 1100));
    expect(at).toBeGreaterThan(0);
    const flipped = bytes.slice();
    flipped[at + 10]! ^= 0x04;
    expect(await refuse(flipped)).toBe(
      `The backup file has been altered or damaged since it was written: files/${demo.source.file!.sha256} does not match the checksum its manifest records. Nothing was changed. Use another backup.`,
    );
    // Somewhere in the compressed tables: whatever inflate makes of it, the checksums catch it.
    const zip = await JSZip.loadAsync(bytes);
    // The name's second occurrence is the entry's local header (the first is in the manifest).
    const name = Buffer.from('tables/annotations.json');
    const header = Buffer.from(bytes).indexOf(name, Buffer.from(bytes).indexOf(name) + 1);
    const tableOffset = header + name.length + 200;
    const inTable = bytes.slice();
    inTable[tableOffset]! ^= 0x10;
    expect(zip.file('tables/annotations.json')).not.toBeNull();
    expect(await refuse(inTable)).toMatch(
      /^The backup file (has been altered or damaged since it was written|is damaged or incomplete)/,
    );
  });

  it('a table edited without its checksum', async () => {
    const { bytes, refuse } = await written();
    const edited = await rewrite(bytes, async (_manifest, zip) => {
      const records = JSON.parse(await zip.file('tables/threats.json')!.async('string'));
      records[0].likelihood = 1;
      zip.file('tables/threats.json', JSON.stringify(records));
    });
    expect(await refuse(edited)).toMatch(
      /^The backup file has been altered or damaged since it was written: tables\/threats\.json does not match/,
    );
  });

  it('an entry slipped in that the manifest does not list', async () => {
    const { bytes, refuse } = await written();
    const edited = await rewrite(bytes, (_manifest, zip) => void zip.file('files/extra', 'hello'));
    expect(await refuse(edited)).toMatch(/holds files\/extra, which its manifest does not list/);
  });

  it('a foreign file: a Word document, a zip without the marker, random bytes, an empty file', async () => {
    const { refuse } = await written();
    const notABackup =
      /^This file is not an Analyst Workbench backup \(backups end in \.awbackup.*\)\. Nothing was changed\.$/;
    expect(
      await refuse(new Uint8Array(await readFile(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'briefing.docx')))),
    ).toMatch(notABackup);
    const other = new JSZip();
    other.file('manifest.json', JSON.stringify({ format: 'someone-else/archive', formatVersion: 1 }));
    expect(await refuse(await other.generateAsync({ type: 'uint8array' }))).toMatch(notABackup);
    expect(await refuse(new Uint8Array(randomBytes(5000)))).toMatch(notABackup);
    expect(await refuse(new Uint8Array(0))).toMatch(notABackup);
  });

  it('a backup from a newer version of the app (format or schema)', async () => {
    const { bytes, refuse } = await written();
    const newer =
      'This backup was made by a newer version of Analyst Workbench than this one. Update the app, then restore it again. Nothing was changed.';
    expect(await refuse(await rewrite(bytes, (m) => void (m.formatVersion = 2)))).toBe(newer);
    expect(await refuse(await rewrite(bytes, (m) => void (m.schemaVersion = WORKSPACE_SCHEMA_VERSION + 1)))).toBe(
      newer,
    );
  });

  it('an invalid record, named with its table and id, even when the checksums were forged to match', async () => {
    const { bytes, refuse } = await written();
    let id = '';
    const forged = await replaceTable(bytes, 'threats', (records) => {
      id = records[3]!.id;
      records[3]!.likelihood = 42;
      return records;
    });
    expect(await refuse(forged)).toMatch(
      new RegExp(
        `^This backup cannot be restored\\. The backup's threats table has an invalid record \\(id ${id}\\): likelihood: .* Nothing was changed\\.$`,
      ),
    );
    const duplicated = await replaceTable(bytes, 'tags', (records) => [...records, records[0]]);
    expect(await refuse(duplicated)).toMatch(/The backup's tags table holds two records with the same id/);
  });

  it('a source whose original the backup lacks', async () => {
    const { bytes, refuse, demo } = await written();
    const sha = demo.source.file!.sha256;
    const stripped = await rewrite(bytes, (manifest, zip) => {
      zip.remove(`files/${sha}`);
      delete manifest.entries[`files/${sha}`];
    });
    expect(await refuse(stripped)).toMatch(
      /source “Security Threats Emanating from Afghanistan.*” refers to an original file the backup does not hold/,
    );
  });
});

describe('a backup naming a text it does not hold', () => {
  it('is refused before anything is touched', async () => {
    const { snapshot, backups, store, demo } = await demoSetup();
    // A corrected text (the demo's original is a text file: its own text has the original's digest).
    const stored = await store.putText(`${demo.sourceText.text}\nCorrected.`);
    snapshot.tables.sourceTexts = [{ sourceId: demo.source.id, sha256: stored.sha256, bytes: stored.size }];
    const result = await backups.write({ snapshot, reason: 'daily', keep: 10 });
    const stripped = await rewrite(new Uint8Array(await readFile(result.path!)), (manifest, zip) => {
      zip.remove(`files/${stored.sha256}`);
      delete manifest.entries[`files/${stored.sha256}`];
    });
    const target = await ensureDataFolder(await tempFolder());
    const targetStore = new SourceStore(target.sources);
    const other = new Backups({ folder: target.backups, store: targetStore, appVersion: '1' });
    expect(await refusal(other.open({ bytes: stripped }))).toMatch(/names a source text it does not hold/);
    expect(await targetStore.list()).toEqual([]);
  });
});

describe('older backups', () => {
  it('restore from schema version 1 with the tables added since starting empty', async () => {
    const { snapshot, backups } = await demoSetup();
    snapshot.tables.views = [];
    const bytes = await encodeBackup({ ...snapshot }, 'manual', '0.1.0', new Map());
    const v1 = await rewrite(bytes, (manifest, zip) => {
      manifest.schemaVersion = 1;
      for (const table of ['views', 'exposureOverrides']) {
        zip.remove(`tables/${table}.json`);
        delete manifest.entries[`tables/${table}.json`];
        delete manifest.counts[table];
      }
      // The demo original is not in this hand-made backup; say so as the writer would have.
      manifest.missingFiles = [(snapshot.tables.sources[0] as Loose).file.sha256];
    });
    const opened = await backups.open({ bytes: v1 });
    expect(opened.snapshot.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(opened.snapshot.tables.views).toEqual([]);
    expect(opened.snapshot.tables.exposureOverrides).toEqual([]);
    expect(opened.snapshot.tables.threats).toEqual(snapshot.tables.threats);
  });
});

describe('rolling backups', () => {
  it('keep the newest N of each rolling reason and never touch backups made by hand', async () => {
    const { snapshot, backups, folder, store } = await demoSetup();
    const at = (minute: number) => new Date(Date.UTC(2025, 2, 14, 9, minute, 0)).toISOString();
    const write = (reason: BackupReason, minute: number, keep = 2) =>
      backups.write({ snapshot: { ...snapshot, createdAt: at(minute) }, reason, keep });
    const manual = await write('manual', 0);
    const daily = await write('daily', 1);
    const quits = [];
    for (let minute = 2; minute < 7; minute++) quits.push(await write('quit', minute));
    expect(quits.at(-1)!.pruned).toEqual([quits[2]!.id]);
    const away = await tempFolder();
    await new Backups({
      folder: folder.backups,
      store,
      appVersion: '1',
      chooseSavePath: async () => join(away, 'kept.awbackup'),
    }).write({ snapshot, reason: 'manual', keep: 1 });

    const listed = (await backups.list()).map((s) => s.id);
    expect(listed).toEqual([quits[4]!.id, quits[3]!.id, daily.id, manual.id]);
    expect(await readdir(away)).toEqual(['kept.awbackup']);

    // A smaller keep-count applies with the next rolling backup of that reason.
    await write('quit', 8, 1);
    expect((await backups.list()).filter((s) => s.reason === 'quit')).toHaveLength(1);
  });

  it('lists a damaged file under a backup name with its problem, newest first', async () => {
    const { snapshot, backups, folder } = await demoSetup();
    await backups.write({ snapshot, reason: 'daily', keep: 10 });
    await writeFile(join(folder.backups, 'Analyst Workbench 2030-01-01 0000.awbackup'), 'not a zip');
    await writeFile(join(folder.backups, 'notes.txt'), 'ignored');
    const list = await backups.list();
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.id.startsWith('Analyst Workbench 2030'))).toMatchObject({
      reason: null,
      createdAt: null,
      problem: expect.stringMatching(/not a readable backup/),
    });
  });
});

describe('backup ids are file names, never paths', () => {
  const hostile = [
    '../secret.awbackup',
    '/etc/passwd',
    'Analyst Workbench 2025-03-14 0915.awbackup/../../x',
    '..\\Analyst Workbench 2025-03-14 0915.awbackup',
    'Analyst Workbench 2025-03-14 0915.docx',
    '',
  ];

  it('the regex takes only the names the workbench writes', () => {
    expect(isBackupId(backupFileName('manual', new Date()))).toBe(true);
    expect(isBackupId(backupFileName('before-restore', new Date()))).toBe(true);
    expect(isBackupId('Analyst Workbench 2025-03-14 091502 quit (2).awbackup')).toBe(true);
    for (const id of hostile) expect(isBackupId(id), id).toBe(false);
  });

  it('are refused by the service and, before it, by the contract', async () => {
    const { backups } = await demoSetup();
    for (const id of hostile.filter(Boolean)) {
      expect(await refusal(backups.open({ backupId: id }))).toBe(
        'That is not the name of a backup in the backups folder. Nothing was read or changed.',
      );
      expect(await refusal(backups.delete(id))).toMatch(/not the name of a backup/);
    }
    const root = await tempFolder();
    const table = createHandlerTable({
      appName: 'Analyst Workbench',
      appVersion: '1',
      host: 'bridge',
      dataFolder: await ensureDataFolder(root),
      bundledDataRoot: join(PROJECT_ROOT, 'data'),
    });
    for (const id of hostile) {
      expect(await dispatch(table, 'openBackup', [{ backupId: id }])).toEqual({
        ok: false,
        error: expect.stringMatching(/^The request was refused because its data is not valid/),
      });
      expect(await dispatch(table, 'deleteBackup', [{ backupId: id }])).toMatchObject({ ok: false });
    }
  });
});

describe('through the handler table', () => {
  it('writes, lists, opens and deletes, and tells the quit gate when a backup settled', async () => {
    const { snapshot } = await demoSetup();
    const root = await tempFolder();
    const settled: string[] = [];
    const table = createHandlerTable({
      appName: 'Analyst Workbench',
      appVersion: '9.9.9',
      host: 'bridge',
      dataFolder: await ensureDataFolder(root),
      bundledDataRoot: join(PROJECT_ROOT, 'data'),
      onBackupSettled: (reason, outcome) => settled.push(`${reason}:${outcome}`),
    });
    // The demo original is not in this data folder: the backup records it as missing.
    const written = await dispatch(table, 'writeBackup', [{ snapshot, reason: 'quit', keep: 3 }]);
    expect(written).toMatchObject({ ok: true, value: { id: expect.stringMatching(/ quit\.awbackup$/) } });
    const id = (written as { value: { id: string } }).value.id;
    expect(await dispatch(table, 'listBackups', [])).toMatchObject({
      ok: true,
      value: [{ id, reason: 'quit', appVersion: '9.9.9' }],
    });
    const opened = await dispatch(table, 'openBackup', [{ backupId: id }]);
    expect(opened).toMatchObject({ ok: true, value: { reason: 'quit' } });
    expect((opened as { value: { snapshot: unknown } }).value.snapshot).toEqual(snapshot);
    const bad = { ...snapshot, tables: { ...snapshot.tables, tags: [{ id: 'x' }] } };
    expect(await dispatch(table, 'writeBackup', [{ snapshot: bad, reason: 'quit', keep: 3 }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/tags table has an invalid record/),
    });
    expect(settled).toEqual(['quit:written', 'quit:failed']);
    expect(await dispatch(table, 'deleteBackup', [{ backupId: id }])).toEqual({ ok: true, value: { deleted: true } });
    expect(await dispatch(table, 'listBackups', [])).toEqual({ ok: true, value: [] });
    expect(await dispatch(table, 'writeBackup', [{ snapshot, reason: 'quit', keep: 0 }])).toMatchObject({ ok: false });
  });
});

describe('the quit backup gate', () => {
  it('lets the app quit once the window wrote its backup', async () => {
    const gate = new QuitBackupGate();
    let asked = 0;
    const outcome = gate.run(() => {
      asked++;
      setTimeout(() => gate.settle('written'), 5);
      return true;
    });
    // A second quit request while waiting shares the same wait.
    expect(gate.run(() => (asked++, true))).toBe(outcome);
    expect(await outcome).toBe('written');
    expect(asked).toBe(1);
    expect(gate.finished).toBe(true);
  });

  it('gives up after the timeout, and does not wait without a window', async () => {
    const slow = new QuitBackupGate();
    expect(await slow.run(() => true, 20)).toBe('timed-out');
    expect(await new QuitBackupGate().run(() => false)).toBe('no-window');
    const failing = new QuitBackupGate();
    const outcome = failing.run(() => (setTimeout(() => failing.settle('failed'), 1), true));
    expect(await outcome).toBe('failed');
  });
});
