import { describe, expect, it } from 'vitest';
import { mapRange, offsetMap } from '../../shared/domain/text-map';

describe('offsetMap: carrying positions through an edit', () => {
  const old =
    'Title\n\nFirst paragraph about Kosh-Tepa.\nSecond paragraph on ISIS-K.\nThird: Қазақстан және Өзбекстан.';

  it('keeps positions in untouched lines and shifts them past an insertion', () => {
    const next = `Editor’s note.\n${old}`;
    const map = offsetMap(old, next);
    const start = old.indexOf('Kosh-Tepa');
    const range = mapRange(map, start, start + 'Kosh-Tepa'.length)!;
    expect(next.slice(range.start, range.end)).toBe('Kosh-Tepa');
  });

  it('refuses to map a passage across an edit', () => {
    const next = old.replace('Second paragraph on ISIS-K.', 'Second chapter on ISIS-K.');
    const map = offsetMap(old, next);
    const start = old.indexOf('paragraph on');
    expect(mapRange(map, start, start + 12)).toBeNull();
    const kaz = old.indexOf('Қазақстан');
    const mapped = mapRange(map, kaz, kaz + 9)!;
    expect(next.slice(mapped.start, mapped.end)).toBe('Қазақстан');
  });

  it('follows lines that moved elsewhere in the text, and drops deleted ones', () => {
    const next = 'Title\n\nThird: Қазақстан және Өзбекстан.\nFirst paragraph about Kosh-Tepa.';
    const map = offsetMap(old, next);
    const kt = old.indexOf('Kosh-Tepa');
    expect(next.slice(...Object.values(mapRange(map, kt, kt + 9) ?? { s: 0, e: 0 }))).toBe('Kosh-Tepa');
    const isis = old.indexOf('ISIS-K');
    expect(mapRange(map, isis, isis + 6)).toBeNull();
  });

  it('keeps the untouched parts of a line edited in place', () => {
    const next = old.replace('Second paragraph on ISIS-K.', 'Second paragraph, revised, on ISIS-K.');
    const map = offsetMap(old, next);
    const second = old.indexOf('Second');
    expect(mapRange(map, second, second + 6)).toEqual({
      start: next.indexOf('Second'),
      end: next.indexOf('Second') + 6,
    });
    const isis = old.indexOf('ISIS-K');
    const mapped = mapRange(map, isis, isis + 6)!;
    expect(next.slice(mapped.start, mapped.end)).toBe('ISIS-K');
    const paragraph = old.indexOf('paragraph on');
    expect(mapRange(map, paragraph, paragraph + 12)).toBeNull(); // spans the edit
  });

  it('is the identity for an unchanged text', () => {
    const map = offsetMap(old, old);
    expect(map(12)).toBe(12);
  });
});
