import type { Annotation } from '../../../shared/domain/annotation';
import { isPlaceable } from '../../../shared/domain/passage-fit';

/**
 * Whether each passage can be painted on one text, remembered per passage object. The reading keeps an
 * unchanged passage's object from write to write (db/source-annotations.ts), so after a save only the
 * new or changed passage is checked again — where the reader and the side panel each used to compare
 * all 5,000 quotes with the text on every save. A new text starts a new memory.
 */
let memoText: string | null = null;
let memo = new WeakMap<Annotation, boolean>();

export function placeableOn(text: string, passage: Annotation): boolean {
  if (text !== memoText) {
    memoText = text;
    memo = new WeakMap();
  }
  let placeable = memo.get(passage);
  if (placeable === undefined) {
    placeable = isPlaceable(text, passage);
    memo.set(passage, placeable);
  }
  return placeable;
}
