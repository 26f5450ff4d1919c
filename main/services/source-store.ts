import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { ServiceError } from './errors';

const SHA256 = /^[0-9a-f]{64}$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface StoredFile {
  sha256: string;
  size: number;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Original source files, content-addressed: a file lives at `<root>/<first two hex digits>/<sha256>`,
 * so the same bytes are stored once and a reference can never point at different content.
 */
export class SourceStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    // The digest is the only thing that becomes part of a path, and it is checked to be 64 hex digits.
    if (!SHA256.test(sha256))
      throw new ServiceError('That is not a valid file reference. Nothing was read or changed.');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredFile> {
    const { sha256, size } = await this.add(bytes);
    return { sha256, size };
  }

  /** Like `put`, and says whether the file was new to the store (a cancelled import takes back only a file it added). */
  async add(bytes: Uint8Array): Promise<StoredFile & { added: boolean }> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    const existing = await stat(path).catch(() => null);
    const added = !existing;
    if (!existing || existing.size !== bytes.byteLength) await writeFileAtomically(path, bytes);
    return { sha256, size: bytes.byteLength, added };
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => null)) !== null;
  }

  async read(sha256: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ServiceError(
          'The original file of this source is no longer in the data folder. Re-import the file to restore it.',
        );
      }
      throw error;
    }
  }

  /**
   * A source's text, kept as its UTF-8 bytes under their SHA-256 (the same digest the renderer's records
   * name). The same text is stored once, whichever source or version holds it.
   */
  async putText(text: string): Promise<StoredFile> {
    return this.put(encoder.encode(text));
  }

  async readText(sha256: string): Promise<string> {
    return decoder.decode(await this.readTextBytes(sha256));
  }

  /** A text's UTF-8 bytes, checked against the digest that names them (what the text address serves). */
  async readTextBytes(sha256: string): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(this.pathOf(sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ServiceError(
          'The text of this source is no longer in the data folder. Restore a backup that holds it (File → Backups…), or import the source again.',
        );
      }
      throw error;
    }
    // The name is the digest of the bytes: a file changed on disk since is not passed off as the text.
    if (sha256Of(bytes) !== sha256)
      throw new ServiceError(
        'The text of this source in the data folder has been changed or damaged since it was stored. Restore a backup that holds it (File → Backups…).',
      );
    return bytes;
  }

  async list(): Promise<StoredFile[]> {
    const files: StoredFile[] = [];
    const shards = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for (const entry of await readdir(join(this.root, shard.name), { withFileTypes: true })) {
        if (entry.isFile() && SHA256.test(entry.name) && entry.name.startsWith(shard.name)) {
          const { size } = await stat(join(this.root, shard.name, entry.name));
          files.push({ sha256: entry.name, size });
        }
      }
    }
    return files.sort((a, b) => a.sha256.localeCompare(b.sha256));
  }

  async delete(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256);
    const existed = await this.has(sha256);
    await rm(path, { force: true });
    return existed;
  }
}
