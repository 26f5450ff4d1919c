// Moving the active cell to a row on screen (a grid edit's Enter moves down) scrolls nothing: TanStack's
// scrollToIndex would write the scroll position anyway and check it again over the next frames.
import { Virtualizer, observeElementOffset } from '@tanstack/virtual-core';
import { describe, expect, it, vi } from 'vitest';
import { layoutFreeOptions, revealIndex } from '../../renderer/ui/virtual-options';

function list() {
  const element = document.createElement('div');
  // A thousand rows of 30 px in a 300 px box (happy-dom lays nothing out).
  Object.defineProperty(element, 'scrollHeight', { value: 30_000 });
  Object.defineProperty(element, 'clientHeight', { value: 300 });
  document.body.append(element);
  const virtualizer = new Virtualizer<HTMLDivElement, Element>({
    count: 1000,
    getScrollElement: () => element,
    estimateSize: () => 30,
    scrollToFn: layoutFreeOptions(30, 300).scrollToFn,
    observeElementRect: () => undefined,
    observeElementOffset,
    initialRect: { width: 800, height: 300 },
  });
  virtualizer._didMount();
  virtualizer._willUpdate();
  return virtualizer;
}

describe('revealing a row of the grid', () => {
  it('leaves the list alone for a row already on screen, and scrolls to one that is not', () => {
    const virtualizer = list();
    const scroll = vi.spyOn(virtualizer, 'scrollToIndex');
    const frames = vi.spyOn(window, 'requestAnimationFrame');
    revealIndex(virtualizer, 0);
    revealIndex(virtualizer, 4);
    revealIndex(virtualizer, 9); // the last row wholly in the box
    expect(scroll).not.toHaveBeenCalled();
    expect(frames).not.toHaveBeenCalled();
    revealIndex(virtualizer, 10);
    expect(scroll).toHaveBeenLastCalledWith(10, { align: 'auto' });
    revealIndex(virtualizer, 500);
    expect(scroll).toHaveBeenLastCalledWith(500, { align: 'auto' });
  });

  it('is needed: TanStack’s own scrollToIndex to a row on screen still checks the scroll in the next frames', () => {
    const virtualizer = list();
    const frames = vi.spyOn(window, 'requestAnimationFrame');
    virtualizer.scrollToIndex(4, { align: 'auto' });
    expect(frames).toHaveBeenCalled();
  });
});
