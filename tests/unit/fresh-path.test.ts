import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileEnding, freshPath } from '../../main/services/exports';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

describe('a fresh name for an export', () => {
  it('numbers a clash before the file type, a two-part type included', async () => {
    const dir = await tempFolder();
    for (const name of ['Register.stix.json', 'Register.csv', 'Brief v1.2.docx', 'notes.tar.gz'])
      await writeFile(join(dir, name), 'x');
    expect(basename(await freshPath(dir, 'Register.stix.json'))).toBe('Register (2).stix.json');
    expect(basename(await freshPath(dir, 'Register.csv'))).toBe('Register (2).csv');
    expect(basename(await freshPath(dir, 'Brief v1.2.docx'))).toBe('Brief v1.2 (2).docx');
    expect(basename(await freshPath(dir, 'notes.tar.gz'))).toBe('notes (2).tar.gz');
    expect(basename(await freshPath(dir, 'Unused.stix.json'))).toBe('Unused.stix.json');
    await writeFile(join(dir, 'Register (2).stix.json'), 'x');
    expect(basename(await freshPath(dir, 'Register.stix.json'))).toBe('Register (3).stix.json');
  });

  it('reads the file type of a name', () => {
    expect(fileEnding('A.STIX.JSON')).toBe('.STIX.JSON');
    expect(fileEnding('.stix.json')).toBe('.json');
    expect(fileEnding('plain')).toBe('');
    expect(fileEnding('data.json')).toBe('.json');
  });
});
