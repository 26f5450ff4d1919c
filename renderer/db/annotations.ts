import type { Annotation } from '../../shared/domain/annotation';

/** Document order: by start, longer passages first when two start together. */
export function inDocumentOrder(a: Annotation, b: Annotation): number {
  return a.position.start - b.position.start || b.position.end - a.position.end;
}
