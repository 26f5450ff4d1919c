import { describe, expect, it } from 'vitest';
import { nextRowWithControls, withPinned } from '../../renderer/features/passages/row-focus';

describe('a long retrieval’s rows kept on the page', () => {
  it('add the focused row, and the row a key is moving to, in order, to the rows near the screen', () => {
    expect(withPinned([40, 41, 42], [3], 100)).toEqual([3, 40, 41, 42]);
    expect(withPinned([40, 41, 42], [3, 97], 100)).toEqual([3, 40, 41, 42, 97]);
    expect(withPinned([40, 41, 42], [41], 100)).toEqual([40, 41, 42]);
  });

  it('leave out rows that are not there: none pinned, one pinned twice, one past the end', () => {
    const near = [0, 1, 2];
    expect(withPinned(near, [-1, -1], 10)).toBe(near);
    expect(withPinned(near, [7, 7], 10)).toEqual([0, 1, 2, 7]);
    expect(withPinned(near, [12], 10)).toBe(near);
  });
});

describe('Tab past a retrieved passage’s controls', () => {
  // A source's heading (no controls) before each source's passages: rows 0 and 4 are headings.
  const headings = new Set([0, 4]);
  const hasControls = (index: number) => !headings.has(index);

  it('goes on to the next passage, over a source’s heading', () => {
    expect(nextRowWithControls(hasControls, 1, 1, 8)).toBe(2);
    expect(nextRowWithControls(hasControls, 3, 1, 8)).toBe(5);
  });

  it('with Shift goes back to the passage before, over a source’s heading', () => {
    expect(nextRowWithControls(hasControls, 5, -1, 8)).toBe(3);
    expect(nextRowWithControls(hasControls, 3, -1, 8)).toBe(2);
  });

  it('leaves the list past either end', () => {
    expect(nextRowWithControls(hasControls, 7, 1, 8)).toBeUndefined();
    expect(nextRowWithControls(hasControls, 1, -1, 8)).toBeUndefined();
  });
});
