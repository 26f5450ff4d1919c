import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { safeFileName } from '../../shared/interop/file-name';
import { writeFileAtomically } from './atomic-file';

/** A file name safe on every platform: the one rule of shared/interop/file-name.ts. */
export { safeFileName };

/**
 * Endings of two parts that name one file type: a clash numbers the name before them
 * ("Register (2).stix.json", not "Register.stix (2).json", which no longer reads as a STIX bundle).
 */
const COMPOUND_ENDINGS = ['.stix.json', '.tar.gz'];

/** The file type ending of a name: a compound one (above) or the last dot's. */
export function fileEnding(fileName: string): string {
  const lower = fileName.toLowerCase();
  const compound = COMPOUND_ENDINGS.find((ending) => lower.endsWith(ending) && lower.length > ending.length);
  return compound ? fileName.slice(fileName.length - compound.length) : extname(fileName);
}

/** A name in `folder` that does not exist yet: "name.ext", "name (2).ext", … */
export async function freshPath(folder: string, fileName: string): Promise<string> {
  const extension = fileEnding(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = join(folder, n === 1 ? fileName : `${stem} (${n})${extension}`);
    if (!(await stat(candidate).catch(() => null))) return candidate;
  }
}

/** Where to save an export: a native save dialog on the desktop; the exports folder in the browser preview. */
export type ChooseSavePath = (suggestedPath: string) => Promise<string | null>;

/**
 * `beforeWrite` runs once the path is known and just before the file is written: a cancelled task
 * throws there, so a cancel that came during the save dialog still writes nothing.
 */
export async function saveExport(
  exportsFolder: string,
  fileName: string,
  bytes: Uint8Array,
  choose?: ChooseSavePath,
  beforeWrite?: () => void,
): Promise<{ path: string | null }> {
  const suggested = await freshPath(exportsFolder, safeFileName(fileName));
  const path = choose ? await choose(suggested) : suggested;
  if (!path) return { path: null };
  beforeWrite?.();
  await writeFileAtomically(path, bytes);
  return { path };
}
