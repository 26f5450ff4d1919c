import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The bytes of a backup in a data folder's backups/, as an analyst carries the file to another machine. */
export async function readBackupFile(dataFolder: string, id: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(dataFolder, 'backups', id)));
}
