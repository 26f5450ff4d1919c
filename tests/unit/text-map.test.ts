import { describe, expect, it } from 'vitest';
import { mapRange, offsetMap } from '../../shared/domain/text-map';

describe('offsetMap: carrying positions through an edit', () => {
  const old = 'Title\n\nFirst paragraph about Kosh-Tepa.\nSecond paragraph on ISIS-K.\nThird: Қазақстан және Өзбекстан.';

  it('keeps positions in untouched lines and shifts them past an insertion', () => {
    const next = `Editor’s note.\n${old}`;
    const map = offsetMap(old, next);
    const start = old.indexOf('Kosh-Tepa');
    const range = mapRange(map, start, start + 'Kosh-Tepa'.length)!;
    expect(next.slice(range.start, range.end)).toBe('Kosh-Tepa');
  });

  it('refuses to map a passage whose line was edited', () => {
    const next = old.replace('Second paragraph on ISIS-K.', 'Second paragraph, revised, on ISIS-K.');
    const map = offsetMap(old, next);
    const start = old.indexOf('ISIS-K');
    expect(mapRange(map, start, start + 6)).toBeNull();
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

  it('is the identity for an unchanged text', () => {
    const map = offsetMap(old, old);
    expect(map(12)).toBe(12);
  });
});
