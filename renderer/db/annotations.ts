import { describeRange } from '../../shared/domain/anchoring';
import { Annotation } from '../../shared/domain/annotation';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';

/** What the analyst chooses for a passage in the annotation popover. */
export interface AnnotationCoding {
  tagIds: string[];
  note: string;
  threatIds: string[];
  countryCodes: string[];
  actorIds: string[];
}

const CODING_FIELDS = ['tagIds', 'note', 'threatIds', 'countryCodes', 'actorIds'] as const;

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function tidy(coding: AnnotationCoding): AnnotationCoding {
  return {
    tagIds: unique(coding.tagIds),
    note: coding.note.trim(),
    threatIds: unique(coding.threatIds),
    countryCodes: unique(coding.countryCodes),
    actorIds: unique(coding.actorIds),
  };
}

/** Codes text.slice(start, end) of a source; the selectors are taken from the text as it is now. */
export async function createAnnotation(db: WorkbenchDatabase, sourceId: string, text: string, start: number, end: number, coding: AnnotationCoding): Promise<Annotation> {
  const { quote, position } = describeRange(text, start, end);
  const now = new Date().toISOString();
  const annotation = Annotation.parse({
    id: crypto.randomUUID(),
    sourceId,
    quote,
    position,
    anchor: 'anchored',
    ...tidy(coding),
    createdAt: now,
    updatedAt: now,
  });
  await db.annotations.add(annotation);
  return annotation;
}

export async function updateAnnotationCoding(db: WorkbenchDatabase, id: string, coding: AnnotationCoding): Promise<{ before: Annotation; after: Annotation }> {
  return db.transaction('rw', db.annotations, db.revisions, async () => {
    const before = await db.annotations.get(id);
    if (!before) throw new Error('That annotation no longer exists; it may have been deleted in another window.');
    const now = new Date().toISOString();
    const after = Annotation.parse({ ...before, ...tidy(coding), updatedAt: now });
    const revisions = revisionsBetween('annotation', id, before, after, CODING_FIELDS, now);
    if (revisions.length === 0) return { before, after: before };
    await db.annotations.put(after);
    await db.revisions.bulkAdd(revisions);
    return { before, after };
  });
}

/** Puts a whole annotation back as it was (undo of an edit or a delete). */
export async function putAnnotation(db: WorkbenchDatabase, annotation: Annotation): Promise<void> {
  await db.annotations.put(Annotation.parse(annotation));
}

export async function deleteAnnotation(db: WorkbenchDatabase, id: string): Promise<Annotation | undefined> {
  return db.transaction('rw', db.annotations, async () => {
    const existing = await db.annotations.get(id);
    if (existing) await db.annotations.delete(id);
    return existing;
  });
}

/** The analyst confirms a drifted passage where the workbench found it: its quote is taken afresh. */
export async function acceptDrift(db: WorkbenchDatabase, id: string, text: string): Promise<{ before: Annotation; after: Annotation }> {
  return moveAnnotation(db, id, text, undefined);
}

/** Places an annotation on a new range (re-selection in the review queue), or confirms where it is. */
export async function moveAnnotation(db: WorkbenchDatabase, id: string, text: string, range: { start: number; end: number } | undefined): Promise<{ before: Annotation; after: Annotation }> {
  return db.transaction('rw', db.annotations, db.revisions, async () => {
    const before = await db.annotations.get(id);
    if (!before) throw new Error('That annotation no longer exists.');
    const { start, end } = range ?? before.position;
    const { quote, position } = describeRange(text, start, end);
    const now = new Date().toISOString();
    const after = Annotation.parse({ ...before, quote, position, anchor: 'anchored', updatedAt: now });
    await db.annotations.put(after);
    await db.revisions.bulkAdd(revisionsBetween('annotation', id, before, after, ['quote', 'position', 'anchor'], now));
    return { before, after };
  });
}

/** Document order: by start, longer passages first when two start together. */
export function inDocumentOrder(a: Annotation, b: Annotation): number {
  return a.position.start - b.position.start || b.position.end - a.position.end;
}
