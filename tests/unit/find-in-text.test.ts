import { describe, expect, it } from 'vitest';
import { findAll, firstMatchFrom } from '../../shared/domain/find-in-text';

describe('find in source', () => {
  it('finds every occurrence, ignoring case, at the text’s own offsets', () => {
    const text = 'The Amu Darya flows north. AMU DARYA water is shared; amu darya basin.';
    const found = findAll(text, 'amu darya');
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['Amu Darya', 'AMU DARYA', 'amu darya']);
  });

  it('keeps offsets right where lower-casing would change the length (İ becomes two code units)', () => {
    const text = 'İstanbul talks; then the Kabul talks.';
    const [match] = findAll(text, 'kabul');
    expect(text.slice(match!.start, match!.end)).toBe('Kabul');
  });

  it('matches a phrase across a line break, and takes its words literally', () => {
    const text = 'water\n\nallocation (draft) and water allocation.';
    expect(findAll(text, 'water allocation').map((m) => m.start)).toEqual([0, 30]);
    expect(findAll(text, '(draft)')).toEqual([{ start: 18, end: 25 }]);
    expect(findAll(text, '   ')).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(findAll('a '.repeat(50), 'a', 10)).toHaveLength(10);
  });

  it('starts from the first match where the analyst is reading, or the first of all past the last', () => {
    const matches = [
      { start: 10, end: 12 },
      { start: 50, end: 52 },
      { start: 90, end: 92 },
    ];
    expect(firstMatchFrom(matches, 0)).toBe(0);
    expect(firstMatchFrom(matches, 50)).toBe(1);
    expect(firstMatchFrom(matches, 51)).toBe(2);
    expect(firstMatchFrom(matches, 95)).toBe(0);
  });
});
