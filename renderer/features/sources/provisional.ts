import { describeRange } from '../../../shared/domain/anchoring';
import type { Annotation } from '../../../shared/domain/annotation';
import type { AnnotationCoding } from '../../workspace/commands/passages';

/**
 * The passage a save is about to write, built the way `passages.create` builds it, so the reader can
 * paint it in the frame of the save; null when the range no longer fits the text (the command then
 * refuses with its own sentence, and nothing is painted).
 */
export function provisionalPassage(
  id: string,
  sourceId: string,
  text: string,
  range: { start: number; end: number },
  coding: AnnotationCoding,
): Annotation | null {
  try {
    const { quote, position } = describeRange(text, range.start, range.end);
    const now = new Date().toISOString();
    return {
      id,
      sourceId,
      quote,
      position,
      anchor: 'anchored',
      tagIds: [...new Set(coding.tagIds)],
      note: coding.note.trim(),
      threatIds: [...new Set(coding.threatIds)],
      countryCodes: [...new Set(coding.countryCodes)],
      actorIds: [...new Set(coding.actorIds)],
      createdAt: now,
      updatedAt: now,
    };
  } catch {
    return null;
  }
}
