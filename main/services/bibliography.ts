import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { ServiceError } from './errors';

/**
 * Reference files for Zotero and other reference managers, through citation-js: reading CSL-JSON,
 * BibTeX and RIS into CSL-JSON items, and writing CSL-JSON items as BibTeX or RIS. Only text is parsed:
 * citation-js never fetches (a DOI or URL given as the whole input is refused before it is parsed).
 */

// Names and titles in Cyrillic or Arabic script stay as they are (UTF-8), not LaTeX escapes that lose them.
(plugins.config.get('@bibtex') as { format: { asciiOnly: boolean } }).format.asciiOnly = false;

export type ReferenceFormat = 'bibtex' | 'ris';

const NOTHING = 'Nothing was imported.';

/** The CSL-JSON items of a CSL-JSON, BibTeX or RIS file's text. */
export function readReferences(text: string): Record<string, unknown>[] {
  const input = text.replace(/^\uFEFF/, '').trim();
  // A bare identifier would make citation-js look it up online: only files are read here.
  if (!/^(\[|\{|@|TY {2}- |%0 )/.test(input) && !/^\s*TY {2}-/m.test(input.slice(0, 2000)))
    throw new ServiceError({
      en: `This file is not a CSL-JSON, BibTeX or RIS file of references. ${NOTHING} In Zotero, use File → Export Library… with one of those formats.`,
      ru: 'Этот файл не является файлом ссылок в формате CSL-JSON, BibTeX или RIS. Ничего не импортировано. В Zotero выберите «Файл → Экспортировать библиотеку…» и один из этих форматов.',
    });
  let items: unknown[];
  try {
    items = new Cite(input).data as unknown[];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ServiceError({
      en: `The references could not be read (${detail}). ${NOTHING} Check that the file is CSL-JSON, BibTeX or RIS.`,
      ru: `Не удалось прочитать ссылки (${detail}). Ничего не импортировано. Проверьте, что файл в формате CSL-JSON, BibTeX или RIS.`,
    });
  }
  const references = items
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map(({ _graph: _ignored, ...item }) => item);
  if (references.length === 0)
    throw new ServiceError({
      en: `The file holds no references. ${NOTHING} In Zotero, use File → Export Library….`,
      ru: 'В файле нет ни одной ссылки. Ничего не импортировано. В Zotero выберите «Файл → Экспортировать библиотеку…».',
    });
  return references;
}

/** CSL-JSON items as a BibTeX or RIS file's text. */
export function formatReferences(items: readonly Record<string, unknown>[], format: ReferenceFormat): string {
  try {
    return new Cite(items as object[]).format(format, { format: 'text' }) as string;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const name = format === 'bibtex' ? 'BibTeX' : 'RIS';
    throw new ServiceError({
      en: `The sources could not be written as ${name} (${detail}). Nothing was saved.`,
      ru: `Не удалось записать источники в формате ${name} (${detail}). Ничего не сохранено.`,
    });
  }
}
