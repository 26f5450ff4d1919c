import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../main/services/atomic-file';
import { defaultDataFolder, ensureDataFolder } from '../../main/services/data-folder';
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
    expect(defaultDataFolder({}, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Analyst Workbench',
    );
    expect(defaultDataFolder({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toContain(
      'Analyst Workbench',
    );
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
