import { planReanchoring } from '../../shared/domain/anchoring';
import type { Annotation } from '../../shared/domain/annotation';
import { Source, type Credibility, type Reliability } from '../../shared/domain/source';
import type { ImportedSource } from '../../shared/ipc/contract';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';

export async function findSourceByFile(db: WorkbenchDatabase, sha256: string): Promise<Source | undefined> {
  return db.sources.where('file.sha256').equals(sha256).first();
}

export async function findSourceByTextHash(db: WorkbenchDatabase, textHash: string): Promise<Source | undefined> {
  return db.sources.where('textHash').equals(textHash).first();
}

/** Admiralty grade an imported source starts with until the analyst judges it: F6, cannot be judged. */
export const UNGRADED: { reliability: Reliability; credibility: Credibility } = { reliability: 'F', credibility: 6 };

/** Writes an imported source (record and text) in one transaction. */
export async function addImportedSource(db: WorkbenchDatabase, imported: ImportedSource, fallbackTitle: string): Promise<Source> {
  const now = new Date().toISOString();
  const m = imported.metadata;
  const source = Source.parse({
    id: crypto.randomUUID(),
    title: m.title.trim() || fallbackTitle,
    author: m.author,
    publisher: m.publisher,
    url: m.url,
    publishedOn: m.publishedOn,
    language: m.language || 'und',
    ...UNGRADED,
    file: imported.file,
    textHash: imported.textHash,
    textLength: imported.text.length,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await db.transaction('rw', db.sources, db.sourceTexts, async () => {
    await db.sources.add(source);
    await db.sourceTexts.add({ sourceId: source.id, text: imported.text });
  });
  return source;
}

export type SourceMetadataPatch = Partial<Pick<Source, 'title' | 'author' | 'publisher' | 'url' | 'publishedOn' | 'language' | 'reliability' | 'credibility'>>;
const METADATA_FIELDS = ['title', 'author', 'publisher', 'url', 'publishedOn', 'language', 'reliability', 'credibility'] as const;

export async function updateSourceMetadata(db: WorkbenchDatabase, id: string, patch: SourceMetadataPatch): Promise<{ before: Source; after: Source }> {
  return db.transaction('rw', db.sources, db.revisions, async () => {
    const before = await db.sources.get(id);
    if (!before) throw new Error('That source no longer exists.');
    const now = new Date().toISOString();
    const after = Source.parse({ ...before, ...patch, updatedAt: now });
    await db.sources.put(after);
    await db.revisions.bulkAdd(revisionsBetween('source', id, before, after, METADATA_FIELDS, now));
    return { before, after };
  });
}

export interface TextReplacement {
  anchored: number;
  drifted: number;
  orphaned: number;
}

/**
 * Replaces a source's text (a correction, or a re-imported version) and re-anchors every annotation
 * against it, in one transaction. Moved passages become `drifted` (placed where they were found, for the
 * analyst to confirm); lost ones `orphaned` (kept at their old place with their quote and note).
 */
export async function replaceSourceText(
  db: WorkbenchDatabase,
  id: string,
  text: string,
  textHash: string,
  file?: Source['file'],
): Promise<TextReplacement> {
  return db.transaction('rw', [db.sources, db.sourceTexts, db.annotations, db.revisions], async () => {
    const source = await db.sources.get(id);
    if (!source) throw new Error('That source no longer exists.');
    const now = new Date().toISOString();
    const annotations = await db.annotations.where('sourceId').equals(id).toArray();
    const previous = (await db.sourceTexts.get(id))?.text ?? '';
    // The same planning the preview shows (planReanchoring), so what the analyst saw is what is saved.
    const results = planReanchoring(previous, text, annotations);
    const counts: TextReplacement = { anchored: 0, drifted: 0, orphaned: 0 };
    const updated: Annotation[] = annotations.map((a, i) => {
      const result = results[i]!;
      counts[result.status as keyof TextReplacement]++;
      if (result.status === 'orphaned') return { ...a, anchor: 'orphaned', updatedAt: now };
      return { ...a, position: { start: result.start, end: result.end }, anchor: result.status, updatedAt: now };
    });
    await db.annotations.bulkPut(updated);
    await db.sourceTexts.put({ sourceId: id, text });
    const after = Source.parse({ ...source, textHash, textLength: text.length, version: source.version + 1, file: file === undefined ? source.file : file, updatedAt: now });
    await db.sources.put(after);
    await db.revisions.add({ id: crypto.randomUUID(), entity: 'source', entityId: id, field: 'text', before: { version: source.version, textHash: source.textHash }, after: { version: after.version, textHash }, at: now });
    return counts;
  });
}

/** Everything deleting a source removes, so the deletion can be undone. */
export interface SourceSnapshot {
  source: Source;
  text: string;
  annotations: Annotation[];
}

export async function deleteSource(db: WorkbenchDatabase, id: string): Promise<SourceSnapshot> {
  return db.transaction('rw', db.sources, db.sourceTexts, db.annotations, async () => {
    const source = await db.sources.get(id);
    if (!source) throw new Error('That source no longer exists.');
    const text = (await db.sourceTexts.get(id))?.text ?? '';
    const annotations = await db.annotations.where('sourceId').equals(id).toArray();
    await db.annotations.where('sourceId').equals(id).delete();
    await db.sourceTexts.delete(id);
    await db.sources.delete(id);
    return { source, text, annotations };
  });
}

export async function restoreSource(db: WorkbenchDatabase, saved: SourceSnapshot): Promise<void> {
  await db.transaction('rw', db.sources, db.sourceTexts, db.annotations, async () => {
    await db.sources.put(saved.source);
    await db.sourceTexts.put({ sourceId: saved.source.id, text: saved.text });
    await db.annotations.bulkPut(saved.annotations);
  });
}
