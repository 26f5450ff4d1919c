// A real reader for the .docx files the workbench writes: LibreOffice opens the file and prints it to
// PDF, and poppler's pdftotext reads the PDF back, page by page. What a test finds here is what a person
// opening the file would see (headers, footers, footnotes and tables included), not what the XML says.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

/** A LibreOffice Basic macro: open the document hidden, update its indexes (the TOC) as Tools › Update does, print it to PDF. */
const UPDATE_AND_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdateAndExport(src As String, dst As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(src, &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim filter(0) As New com.sun.star.beans.PropertyValue
  filter(0).Name = &quot;FilterName&quot;
  filter(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(dst, filter())
  doc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
`;

/**
 * Converts `docxPath` with LibreOffice (a throwaway profile, so runs never share state) and reads the PDF.
 * With `updateIndexes`, LibreOffice first updates the table of contents with its own pagination, as Word
 * does on opening a file that asks for it (updateFields); without, the PDF shows the numbers the file carries.
 */
export async function readDocx(docxPath: string, options: { updateIndexes?: boolean } = {}): Promise<ReadDocument> {
  const folder = await mkdtemp(join(tmpdir(), 'workbench-docx-reader-'));
  const profile = pathToFileURL(join(folder, 'profile')).href;
  const pdfPath = join(folder, basename(docxPath).replace(/\.docx$/i, '.pdf'));
  if (options.updateIndexes) {
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--terminate_after_init'], {
      timeout: 120_000,
    });
    await writeFile(join(folder, 'profile', 'user', 'basic', 'Standard', 'Module1.xba'), UPDATE_AND_EXPORT);
    const macro = `macro:///Standard.Module1.UpdateAndExport("${pathToFileURL(docxPath).href}","${pathToFileURL(pdfPath).href}")`;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', macro], {
      timeout: 120_000,
    });
  } else {
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
  }
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

export interface PrintedLine {
  /** The line's words joined by spaces. */
  text: string;
  /** Height of each word's box, in points. */
  heights: number[];
  /** Top of the line on its page, in points from the top. */
  top: number;
}

/** poppler's `pdftotext -bbox-layout` of a PDF: pages, blocks, lines and words with their boxes, as XHTML. */
export async function bboxLayout(pdfPath: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdfPath, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** A word's text as bboxLayout escapes it, unescaped. */
export const decodeWord = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every printed line of every page with its words' heights, from `pdftotext -bbox-layout` (poppler). */
export async function printedLines(pdfPath: string): Promise<PrintedLine[][]> {
  return (await bboxLayout(pdfPath))
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((line) => {
        const words = [
          ...line[2]!.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
        ];
        return {
          text: words.map((w) => decodeWord(w[3]!)).join(' '),
          heights: words.map((w) => Number(w[2]) - Number(w[1])),
          top: Number(line[1]),
        };
      }),
    );
}
