import { act, renderHook } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { readingBlocks, splitParagraphs } from '../../shared/domain/text';
import { useParagraphWindow, wholeStep, withPinned } from '../../renderer/features/sources/paragraph-window';

/** Every paragraph's place as the virtualiser holds it (asked for the total height, it places them first). */
const placesOf = (virtualizer: { getTotalSize(): number; measurementsCache: unknown[] }) => {
  virtualizer.getTotalSize();
  return virtualizer.measurementsCache as { key: unknown }[];
};

const book = (paragraphs: number, word: string) =>
  Array.from({ length: paragraphs }, (_, i) => `${word} ${i} `.repeat(20).trim()).join('\n\n');

describe('the reader’s window of paragraphs', () => {
  it('places a book’s paragraphs once per text, not again on every render of the reader', () => {
    const scroller = createRef<HTMLDivElement>();
    const text = splitParagraphs(book(2_500, 'Amu Darya'));
    const view = renderHook(({ paragraphs, pinned }) => useParagraphWindow(scroller, paragraphs, 16, pinned), {
      initialProps: { paragraphs: text, pinned: [] as readonly number[] },
    });
    const placed = placesOf(view.result.current);
    expect(placed).toHaveLength(2_500);

    // A render for anything else (a selection pinning its paragraph, a passage saved) keeps the places.
    view.rerender({ paragraphs: text, pinned: [3] });
    view.rerender({ paragraphs: text, pinned: [] });
    expect(placesOf(view.result.current)).toBe(placed);

    // Another text is placed afresh, keyed by where each paragraph starts.
    const other = splitParagraphs(book(40, 'Kosh-Tepa'));
    view.rerender({ paragraphs: other, pinned: [] });
    const again = placesOf(view.result.current);
    expect(again).not.toBe(placed);
    expect(again).toHaveLength(40);
    expect(again[1]?.key).toBe(other[1]!.start);
  });

  it('renders one paragraph beyond the screen in its first render, and eight once the page is idle', async () => {
    const scroller = createRef<HTMLDivElement>();
    const text = splitParagraphs(book(200, 'Jamaat Ansarullah'));
    const view = renderHook(() => useParagraphWindow(scroller, text, 16, []));
    expect(view.result.current.options.overscan).toBe(1);
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(view.result.current.options.overscan).toBe(8);
  });

  it('keeps the pinned paragraphs on the page apart from the window, in order, and drops those past the text', () => {
    expect(withPinned([40, 41, 42], [], 100)).toEqual([40, 41, 42]);
    expect(withPinned([40, 41, 42], [41], 100)).toEqual([40, 41, 42]);
    expect(withPinned([40, 41, 42], [99, 0], 100)).toEqual([0, 40, 41, 42, 99]);
    expect(withPinned([40, 41, 42], [-1, 100, 7], 100)).toEqual([7, 40, 41, 42]);
  });

  it('puts every paragraph on the page when the analyst asks for the whole text, a step at a time, and the window again after', async () => {
    const scroller = createRef<HTMLDivElement>();
    const text = splitParagraphs(book(600, 'Islamic Movement of Uzbekistan'));
    const view = renderHook(({ whole }) => useParagraphWindow(scroller, text, 16, [], whole), {
      initialProps: { whole: false },
    });
    const windowed = view.result.current.getVirtualItems().length;
    expect(windowed).toBeGreaterThan(0);
    expect(windowed).toBeLessThan(50);
    const rendered = () => view.result.current.getVirtualItems().length;
    // One step of the fill: the frame it waits for, then the idle period (a timer here) it is done in.
    const step = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

    // The first render is the window's; each step (a frame, then an idle period) adds paragraphs beyond
    // it, until every one is there.
    view.rerender({ whole: true });
    const counts = [rendered()];
    while (counts.at(-1)! < text.length && counts.length < 20) {
      await step();
      counts.push(rendered());
    }
    expect(counts[0]).toBeLessThan(50);
    expect(counts.length).toBeGreaterThan(2);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]!);
    const items = view.result.current.getVirtualItems();
    expect(items.map((item) => item.index)).toEqual(text.map((_, i) => i));
    // Placed one after another from the top: no spacer above or below is left.
    expect(items[0]!.start).toBe(0);
    expect(items.at(-1)!.end).toBe(view.result.current.getTotalSize());

    view.rerender({ whole: false });
    // The window again (wider than in the first render: its overscan has grown in an idle period meanwhile).
    expect(view.result.current.getVirtualItems().length).toBeLessThan(50);
    // On again, it fills afresh from the window rather than putting the whole text on the page in one render.
    view.rerender({ whole: true });
    expect(view.result.current.getVirtualItems().length).toBeLessThan(text.length);
    // Its next step is waiting: taking the reader away cancels it (nothing runs after the test).
    view.unmount();
  });

  it('fills Whole Text by about as much text per step whatever the paragraphs’ length', () => {
    // A book's paragraphs (~400 characters) and a file of short lines: 150 a step, as tuned.
    expect(wholeStep(splitParagraphs(book(2_500, 'Amu Darya')))).toBe(150);
    expect(wholeStep(splitParagraphs('A short line of a transcript.\n'.repeat(5_000)))).toBe(150);
    // A text without line breaks, read in blocks of up to 6,000 characters: ~10 blocks a step, not 150
    // (which would be most of a megabyte to lay out in one task).
    const flat = 'Sentence on the Amu Darya and the canal. '.repeat(25_000).trim();
    const step = wholeStep(readingBlocks(flat));
    expect(step).toBeGreaterThanOrEqual(10);
    expect(step).toBeLessThanOrEqual(20);
    expect(wholeStep([])).toBe(150);
  });
});
