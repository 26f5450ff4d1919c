import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../main/services/errors';
import { SourceStore } from '../../main/services/source-store';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('SourceStore (content-addressed files on disk)', () => {
  it('stores bytes under their SHA-256 and reads them back', async () => {
    const root = await tempFolder();
    const store = new SourceStore(root);
    const content = bytes('Kosh-Tepa canal, 285 km — Қосh-Тепа, ә ғ қ ң ө ұ ү һ і');
    const stored = await store.put(content);
    const expected = createHash('sha256').update(content).digest('hex');
    expect(stored).toEqual({ sha256: expected, size: content.byteLength });
    const onDisk = join(root, expected.slice(0, 2), expected);
    expect(new Uint8Array(await readFile(onDisk))).toEqual(content);
    expect(await store.read(expected)).toEqual(content);
    expect(await store.has(expected)).toBe(true);
  });

  it('keeps one copy of the same bytes and lists every file once', async () => {
    const store = new SourceStore(await tempFolder());
    const a = await store.put(bytes('first'));
    await store.put(bytes('first'));
    const b = await store.put(bytes('second'));
    expect(await store.list()).toEqual([a, b].sort((x, y) => x.sha256.localeCompare(y.sha256)));
  });

  it('does not rewrite a file it already holds', async () => {
    const root = await tempFolder();
    const store = new SourceStore(root);
    const { sha256 } = await store.put(bytes('same'));
    const path = join(root, sha256.slice(0, 2), sha256);
    const before = (await stat(path)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await store.put(bytes('same'));
    expect((await stat(path)).mtimeMs).toBe(before);
  });

  it('deletes a file and says whether it existed', async () => {
    const store = new SourceStore(await tempFolder());
    const { sha256 } = await store.put(bytes('to delete'));
    expect(await store.delete(sha256)).toBe(true);
    expect(await store.delete(sha256)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('refuses references that are not digests, so no path can escape the folder', async () => {
    const store = new SourceStore(await tempFolder());
    for (const bad of ['../../etc/passwd', '', 'ab', 'A'.repeat(64), `${'a'.repeat(63)}/`]) {
      await expect(store.read(bad)).rejects.toBeInstanceOf(ServiceError);
      await expect(store.delete(bad)).rejects.toBeInstanceOf(ServiceError);
    }
  });

  it('says in a sentence when a stored file has gone missing', async () => {
    const store = new SourceStore(await tempFolder());
    await expect(store.read('f'.repeat(64))).rejects.toThrow(/no longer in the data folder.*Re-import/);
  });

  it('leaves no temporary files behind', async () => {
    const root = await tempFolder();
    const store = new SourceStore(root);
    const { sha256 } = await store.put(bytes('x'.repeat(100_000)));
    expect(await readdir(join(root, sha256.slice(0, 2)))).toEqual([sha256]);
  });
});
