// A real reader for the .docx files the workbench writes: LibreOffice opens the file and prints it to
// PDF, and poppler's pdftotext reads the PDF back, page by page. What a test finds here is what a person
// opening the file would see (headers, footers, footnotes and tables included), not what the XML says.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ReadDocument {
  /** The PDF LibreOffice printed (kept in `folder` until `cleanUp`). */
  pdfPath: string;
  /** Every page's text, in reading order (pdftotext without -layout). */
  pages: string[];
  /** All pages, joined. */
  text: string;
  folder: string;
  cleanUp(): Promise<void>;
}

/** Unicode bidi controls pdftotext puts around right-to-left runs; they are not part of the text. */
export const stripBidiControls = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

/** Converts `docxPath` with LibreOffice (a throwaway profile, so runs never share state) and reads the PDF. */
export async function readDocx(docxPath: string): Promise<ReadDocument> {
  const folder = await mkdtemp(join(tmpdir(), 'workbench-docx-reader-'));
  const profile = pathToFileURL(join(folder, 'profile')).href;
  await run(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      folder,
      docxPath,
    ],
    { timeout: 120_000 },
  );
  const pdfPath = join(folder, basename(docxPath).replace(/\.docx$/i, '.pdf'));
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return {
    pdfPath,
    pages,
    text: pages.join('\n'),
    folder,
    cleanUp: () => rm(folder, { recursive: true, force: true }),
  };
}

/** Renders pages of a PDF to PNG files (`<prefix>-1.png`, …) at `dpi`; answers nothing, the files are the output. */
export async function pdfToPngs(pdfPath: string, prefix: string, firstPage = 1, lastPage = 2, dpi = 70): Promise<void> {
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(firstPage), '-l', String(lastPage), pdfPath, prefix]);
}
