import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../main/services/atomic-file';
import { defaultDataFolder, ensureDataFolder } from '../../main/services/data-folder';
import { Log } from '../../main/services/log';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

describe('data folder', () => {
  it('creates sources/, exports/, backups/ and logs/', async () => {
    const root = await tempFolder();
    const layout = await ensureDataFolder(join(root, 'Analyst Workbench'));
    expect((await readdir(layout.root)).sort()).toEqual(['backups', 'exports', 'logs', 'sources']);
    await ensureDataFolder(layout.root); // idempotent
  });

  it('defaults to the per-user application-data folder of each platform', () => {
    expect(defaultDataFolder({}, 'linux', '/home/ana')).toBe('/home/ana/.config/Analyst Workbench');
    expect(defaultDataFolder({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ana')).toBe('/cfg/Analyst Workbench');
    expect(defaultDataFolder({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Analyst Workbench');
    expect(defaultDataFolder({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toContain('Analyst Workbench');
  });
});

describe('atomic writes', () => {
  it('replaces a file whole and leaves no temporary file', async () => {
    const root = await tempFolder();
    const file = join(root, 'nested', 'state.json');
    await writeFileAtomically(file, 'first');
    await writeFileAtomically(file, new TextEncoder().encode('second'));
    expect(await readFile(file, 'utf8')).toBe('second');
    expect(await readdir(join(root, 'nested'))).toEqual(['state.json']);
  });
});

describe('log', () => {
  it('appends lines to the day’s file in order', async () => {
    const root = await tempFolder();
    const log = new Log(root, () => new Date('2026-11-28T10:00:00Z'));
    void log.write('info', 'one');
    void log.write('warn', 'two');
    await log.write('error', 'three', new Error('boom'));
    const text = await readFile(join(root, 'workbench-2026-11-28.log'), 'utf8');
    expect(text.split('\n').filter((l) => /INFO|WARN|ERROR/.test(l)).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['INFO one', 'WARN two', 'ERROR three']);
    expect(text).toContain('boom');
  });
});
