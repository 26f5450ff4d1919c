import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { writeFileAtomically } from './atomic-file';

/**
 * A file name safe on every platform: the last path part only, no control or reserved characters,
 * no leading dots, at most 120 characters before the extension.
 */
export function safeFileName(requested: string): string {
  const last = basename(requested.replace(/\\/g, '/'));
  const cleaned = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[\u0000-\u001f<>:"/\\|?*\u007f]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const extension = extname(cleaned).slice(0, 12);
  const stem = cleaned.slice(0, cleaned.length - extname(cleaned).length).slice(0, 120) || 'export';
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem) ? `${stem}_` : stem;
  return `${reserved}${extension}`;
}

/** A name in `folder` that does not exist yet: "name.ext", "name (2).ext", … */
export async function freshPath(folder: string, fileName: string): Promise<string> {
  const extension = extname(fileName);
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
