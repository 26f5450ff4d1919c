import type { Annotation } from '../../../shared/domain/annotation';
import type { Source } from '../../../shared/domain/source';
import { exportFileName } from '../../../shared/interop/file-name';
import { toAnnotationCollection } from '../../../shared/interop/web-annotation';
import { db } from '../../db';
import { exportAuthor } from '../../db/settings';
import { workbench } from '../../platform/workbench';
import { t as translate } from '../../i18n';
import { workspace } from '../../workspace';
import { describeW3cImport, importW3cPassages } from '../../workspace/commands/passages';

/** Writes a source's annotations as a W3C Web Annotation collection (JSON-LD) through main. */
export async function exportAnnotations(source: Source, annotations: Annotation[]): Promise<string | null> {
  const [tags, threats, actors, countries, info, author] = await Promise.all([
    db.tags.toArray(),
    db.threats.toArray(),
    db.actors.toArray(),
    db.countries.toArray(),
    workbench().appInfo(),
    exportAuthor(db),
  ]);
  const collection = toAnnotationCollection(annotations, {
    source,
    tags,
    threats,
    actors,
    countries,
    generator: { name: info.name, version: info.version },
    author,
    exportedAt: new Date().toISOString(),
  });
  const bytes = new TextEncoder().encode(JSON.stringify(collection, null, 2));
  const { path } = await workbench().saveExport({
    fileName: exportFileName(
      translate('annotations.fileName', { title: source.title.slice(0, 100) }),
      '.jsonld',
      'annotations',
    ),
    bytes,
  });
  return path;
}

/**
 * Reads a W3C Web Annotation file into a source as one command (one step for Ctrl+Z; its history says
 * "Imported from <file>"): see `importW3cPassages`. Answers the summary sentence, or `null` when the
 * import was refused — the analyst has been told why and nothing was imported. A file that is not JSON
 * is refused before anything is attempted (the error's message says so).
 */
export async function importAnnotations(file: File, source: Source, text: string): Promise<string | null> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    throw new Error(translate('annotations.notJson', { name: file.name }));
  }
  const result = await workspace.attempt(importW3cPassages, {
    fileName: file.name,
    json,
    sourceId: source.id,
    textHash: source.textHash,
    text,
  });
  return result ? describeW3cImport(file.name, result) : null;
}
