import type { Annotation } from '../../../shared/domain/annotation';
import { isPlaceable } from '../../../shared/domain/passage-fit';

/**
 * Whether each passage can be painted on one text, remembered per passage object. The reading keeps an
 * unchanged passage's object from write to write (db/source-annotations.ts), so after a save only the
 * new or changed passage is checked again — where the reader and the side panel each used to compare
 * all 5,000 quotes with the text on every save. A different text starts a new memory.
 *
 * The text is compared once per call of `placeableOn`, never per passage: the opening and the full
 * reading of a source hold equal texts in different strings, and comparing two equal 1 MB strings
 * reads them both.
 */
let memoText: string | null = null;
let memo = new WeakMap<Annotation, boolean>();

/** The test for one text: call once per list of passages, then per passage. */
export function placeableOn(text: string): (passage: Annotation) => boolean {
  if (text !== memoText) {
    memoText = text;
    memo = new WeakMap();
  }
  const known = memo;
  return (passage) => {
    let placeable = known.get(passage);
    if (placeable === undefined) {
      placeable = isPlaceable(text, passage);
      known.set(passage, placeable);
    }
    return placeable;
  };
}
