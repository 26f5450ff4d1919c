import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where pdfjs finds its character maps (CJK text in non-embedded fonts, vertical writing) and the
 * standard fonts (the 14 base fonts a PDF may name without embedding). Both ship with the app:
 * scripts/build.mjs copies them from pdfjs-dist into dist/main/pdfjs/ beside the bundles, and
 * electron-builder.yml unpacks that folder next to app.asar so that plain file reads reach it from the
 * import worker. Unbundled (tests, scripts), they are read from node_modules/pdfjs-dist.
 */
export interface PdfAssets {
  /** Folder of pdfjs's packed CMaps, with a trailing separator as pdfjs requires. */
  cMapUrl: string;
  /** Folder of the standard font files, with a trailing separator. */
  standardFontDataUrl: string;
}

/** The folder name under dist/main that scripts/build.mjs copies the assets into. */
export const PDF_ASSET_FOLDER = 'pdfjs';

function here(): string | null {
  if (typeof __dirname === 'string') return __dirname; // the CommonJS bundles (main, import worker)
  try {
    return dirname(fileURLToPath(import.meta.url)); // ES modules: the bridge, vitest
  } catch {
    return null;
  }
}

/** Folders to look in, nearest first, from the folder of the running bundle (or module) upwards. */
export function assetCandidates(start: string): string[] {
  const found: string[] = [];
  let dir = start;
  for (let depth = 0; depth < 8; depth++) {
    for (const base of [join(dir, PDF_ASSET_FOLDER), join(dir, 'main', PDF_ASSET_FOLDER)]) {
      // Inside a packaged app the folder is unpacked beside app.asar (see electron-builder.yml asarUnpack).
      if (base.includes(`app.asar${sep}`)) found.push(base.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`));
      found.push(base);
    }
    found.push(join(dir, 'node_modules', 'pdfjs-dist'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return found;
}

let located: PdfAssets | null | undefined;

/** The assets' folders, or null when they cannot be found (pdfjs then reads what it can without them). */
export function pdfAssets(): PdfAssets | null {
  if (located !== undefined) return located;
  const start = here();
  const base = start
    ? assetCandidates(start).find(
        (dir) => existsSync(join(dir, 'cmaps', 'Adobe-Japan1-UCS2.bcmap')) && existsSync(join(dir, 'standard_fonts')),
      )
    : undefined;
  located = base
    ? { cMapUrl: join(base, 'cmaps') + sep, standardFontDataUrl: join(base, 'standard_fonts') + sep }
    : null;
  return located;
}
