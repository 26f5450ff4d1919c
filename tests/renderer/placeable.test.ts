// The reader and the side panel ask, on every save, whether each of a book's passages can be painted
// on its text; the answer is remembered per passage object, and must stay the answer for the text asked about.
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../shared/domain/anchoring';
import type { Annotation } from '../../shared/domain/annotation';
import { isPlaceable } from '../../shared/domain/passage-fit';
import { placeableOn } from '../../renderer/features/sources/placeable';

const STAMP = '2026-12-03T06:00:00.000Z';

function passageOn(text: string, start: number, end: number): Annotation {
  const { quote, position } = describeRange(text, start, end);
  return {
    id: crypto.randomUUID(),
    sourceId: crypto.randomUUID(),
    quote,
    position,
    anchor: 'anchored',
    tagIds: [],
    note: '',
    threatIds: [],
    countryCodes: [],
    actorIds: [],
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

describe('placeableOn', () => {
  const first = 'Water from the Amu Darya feeds the canal.\n\nThe canal draws a fifth of the flow.';
  const second = 'A shorter text.';

  it('answers as isPlaceable does, for each text in turn', () => {
    const fits = passageOn(first, 0, 5);
    const late = passageOn(first, 45, 60);
    for (const text of [first, second, first, second]) {
      expect(placeableOn(text)(fits)).toBe(isPlaceable(text, fits));
      expect(placeableOn(text)(late)).toBe(isPlaceable(text, late));
    }
    expect(placeableOn(first)(late)).toBe(true);
    expect(placeableOn(second)(late)).toBe(false);
  });

  it('tells a passage whose quote no longer reads there from one that does', () => {
    const edited = first.replace('Amu Darya', 'Syr Darya');
    const moved = passageOn(first, 15, 24);
    expect(placeableOn(first)(moved)).toBe(true);
    expect(placeableOn(edited)(moved)).toBe(false);
    expect(placeableOn(edited)({ ...moved, anchor: 'orphaned' })).toBe(false);
  });

  it('keeps its answers for a text equal to the last one, held in another string', () => {
    const fits = passageOn(first, 0, 5);
    const copy = [...first].join('');
    expect(placeableOn(first)(fits)).toBe(true);
    expect(placeableOn(copy)(fits)).toBe(true);
    expect(placeableOn(second)(fits)).toBe(isPlaceable(second, fits));
  });
});
