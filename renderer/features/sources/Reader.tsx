import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import type { Annotation, Tag } from '../../../shared/domain/annotation';
import { splitParagraphs, tidyRange } from '../../../shared/domain/text';
import { READER_FONT_SIZES, useWorkbench } from '../../stores';
import { useViewCommand } from '../desktop/command-bus';
import { assignLanes, clearHighlights, paintHighlights, translucent } from './highlights';
import { TextGeometry } from './text-geometry';

export interface ReaderProps {
  text: string;
  language: string;
  annotations: Annotation[];
  tags: Map<string, Tag>;
  /** The analyst asked to code `range` (from a selection). */
  onAnnotate: (range: { start: number; end: number }, rect: DOMRect) => void;
  /** The analyst clicked passages: every annotation covering that point, innermost first. */
  onPick: (annotations: Annotation[], rect: DOMRect) => void;
  /** While re-selecting a passage from the review queue, a selection answers here instead. */
  reselecting?: { onSelect: (range: { start: number; end: number }) => void } | null;
}

const LANE_WIDTH = 5;
const MAX_LANES = 8;

function stripeStyles(paragraphs: { start: number; text: string }[], annotations: Annotation[], tags: Map<string, Tag>): (CSSProperties | undefined)[] {
  const lanes = assignLanes(annotations);
  const placed = annotations.filter((a) => a.anchor !== 'orphaned').sort((a, b) => a.position.start - b.position.start);
  const styles: (CSSProperties | undefined)[] = [];
  let cursor = 0;
  const open: Annotation[] = [];
  for (const p of paragraphs) {
    const end = p.start + p.text.length;
    while (cursor < placed.length && placed[cursor]!.position.start < end) open.push(placed[cursor++]!);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.position.end <= p.start) open.splice(i, 1);
    if (open.length === 0) {
      styles.push(undefined);
      continue;
    }
    const images: string[] = [];
    const positions: string[] = [];
    for (const a of open) {
      const lane = lanes.get(a.id) ?? 0;
      if (lane >= MAX_LANES) continue;
      const color = tags.get(a.tagIds.find((id) => tags.has(id)) ?? '')?.color ?? '#8a8f98';
      const paint = a.anchor === 'drifted' ? translucent(color, 0.45) : color;
      images.push(`linear-gradient(${paint}, ${paint})`);
      positions.push(`${lane * LANE_WIDTH}px 0`);
    }
    styles.push({ backgroundImage: images.join(','), backgroundPosition: positions.join(','), backgroundSize: `${LANE_WIDTH - 2}px 100%`, backgroundRepeat: 'no-repeat' });
  }
  return styles;
}

/**
 * The reading column. Passages are painted with the CSS Custom Highlight API; the margin shows one
 * stripe lane per overlapping passage. The text is a read-only caret surface so a passage can be
 * selected with the keyboard (Shift+arrows) as well as the mouse.
 */
export function Reader({ text, language, annotations, tags, onAnnotate, onPick, reselecting }: ReaderProps) {
  const root = useRef<HTMLElement>(null);
  const [geometry, setGeometry] = useState<TextGeometry | null>(null);
  const [renderKey, setRenderKey] = useState(0);
  const [adder, setAdder] = useState<{ range: { start: number; end: number }; rect: DOMRect } | null>(null);
  const fontSize = useWorkbench((s) => s.readerFontSize);
  const selectedId = useWorkbench((s) => s.selectedAnnotationId);
  const readerTarget = useWorkbench((s) => s.readerTarget);
  const scrollRequest = useWorkbench((s) => s.scrollRequest);

  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const stripes = useMemo(() => stripeStyles(paragraphs, annotations, tags), [paragraphs, annotations, tags]);
  const maxLane = useMemo(() => Math.min(MAX_LANES, Math.max(0, ...assignLanes(annotations.filter((a) => a.anchor !== 'orphaned')).values()) + 1), [annotations]);

  useLayoutEffect(() => {
    if (root.current) setGeometry(new TextGeometry(root.current, paragraphs));
  }, [paragraphs, renderKey]);

  useLayoutEffect(() => {
    if (!geometry) return;
    paintHighlights({ geometry, annotations, tags, selectedId, search: readerTarget ? { start: readerTarget.start, end: readerTarget.end } : null });
  }, [geometry, annotations, tags, selectedId, readerTarget]);

  useEffect(() => () => clearHighlights(), []);

  // Scroll to the selected passage or search hit when asked to.
  useEffect(() => {
    if (!geometry || scrollRequest === 0) return;
    const target = readerTarget ?? annotations.find((a) => a.id === selectedId)?.position;
    if (!target) return;
    const element = geometry.paragraphElement(geometry.paragraphIndexAt(target.start));
    element?.scrollIntoView({ block: 'center' });
    // content-visibility may have estimated sizes above; settle once more after layout.
    requestAnimationFrame(() => element?.scrollIntoView({ block: 'center' }));
  }, [scrollRequest, geometry]);

  // The text is editable only to give it a caret; every edit is refused here.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const refuse = (e: Event) => e.preventDefault();
    const restore = () => setRenderKey((k) => k + 1); // an IME edit slipped through: re-render the text
    for (const type of ['beforeinput', 'paste', 'drop', 'cut']) el.addEventListener(type, refuse);
    el.addEventListener('input', restore);
    return () => {
      for (const type of ['beforeinput', 'paste', 'drop', 'cut']) el.removeEventListener(type, refuse);
      el.removeEventListener('input', restore);
    };
  }, []);

  const currentSelection = useCallback((): { range: { start: number; end: number }; rect: DOMRect } | null => {
    if (!geometry) return null;
    const selection = window.getSelection();
    const raw = geometry.selectionRange(selection);
    const range = raw && tidyRange(text, raw.start, raw.end);
    if (!range || !selection) return null;
    return { range, rect: selection.getRangeAt(0).getBoundingClientRect() };
  }, [geometry, text]);

  // New Annotation from Selection (menu, Ctrl+Shift+A): the same as pressing A in the text.
  useViewCommand(
    'annotation:new',
    () => {
      const chosen = currentSelection();
      if (!chosen) {
        useWorkbench.getState().notify('info', 'Select a passage in the text first (drag with the mouse, or click and use Shift+arrows), then choose New Annotation.');
        return;
      }
      setAdder(null);
      if (reselecting) reselecting.onSelect(chosen.range);
      else onAnnotate(chosen.range, chosen.rect);
    },
    geometry !== null,
  );

  const pointAt = useCallback(
    (event: MouseEvent) => {
      if (!geometry) return;
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0) return;
      const offset = geometry.offsetOf(selection.anchorNode!, selection.anchorOffset);
      if (offset === null) return;
      const here = annotations
        .filter((a) => a.anchor !== 'orphaned' && a.position.start <= offset && offset < a.position.end)
        .sort((a, b) => a.position.end - a.position.start - (b.position.end - b.position.start));
      if (here.length > 0) onPick(here, new DOMRect(event.clientX, event.clientY, 0, 16));
    },
    [geometry, annotations, onPick],
  );

  const onMouseUp = (event: MouseEvent) => {
    const chosen = currentSelection();
    if (chosen && reselecting) {
      reselecting.onSelect(chosen.range);
      return;
    }
    setAdder(chosen);
    if (!chosen) pointAt(event);
  };

  const onKeyUp = (event: KeyboardEvent) => {
    if (event.shiftKey || event.key === 'Shift') setAdder(currentSelection());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'a' || event.key === 'A' || event.key === 'Enter') {
      const chosen = currentSelection();
      if (!chosen) return;
      event.preventDefault();
      if (reselecting) reselecting.onSelect(chosen.range);
      else {
        setAdder(null);
        onAnnotate(chosen.range, chosen.rect);
      }
    } else if (event.key === 'Escape') {
      setAdder(null);
      window.getSelection()?.removeAllRanges();
    }
  };

  const onGutterClick = (index: number, event: MouseEvent) => {
    const p = paragraphs[index]!;
    const end = p.start + p.text.length;
    const here = annotations.filter((a) => a.anchor !== 'orphaned' && a.position.start < end && a.position.end > p.start);
    if (here.length > 0) onPick(here, (event.currentTarget as HTMLElement).getBoundingClientRect());
  };

  return (
    <div className="reader-scroll">
      <article
        ref={root}
        key={renderKey}
        className="reader"
        aria-label="Source text"
        lang={language}
        contentEditable
        suppressContentEditableWarning
        spellCheck={false}
        translate="no"
        style={{ fontSize: `${Math.min(READER_FONT_SIZES.max, fontSize)}px`, ['--lanes' as string]: maxLane }}
        onMouseUp={onMouseUp}
        onKeyUp={onKeyUp}
        onKeyDown={onKeyDown}
        onScroll={() => setAdder(null)}
      >
        {paragraphs.map((p, i) => (
          <div key={p.start} className="para" data-paragraph="">
            <span className="stripes" aria-hidden="true" contentEditable={false} style={stripes[i]} onMouseDown={(e) => e.preventDefault()} onClick={(e) => onGutterClick(i, e)} />
            <p data-index={i} data-start={p.start} dir="auto">
              {p.text}
            </p>
          </div>
        ))}
      </article>
      {adder && !reselecting && (
        <button
          type="button"
          className="adder"
          style={{ top: adder.rect.bottom + 6, left: Math.min(adder.rect.right, window.innerWidth - 140) }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            onAnnotate(adder.range, adder.rect);
            setAdder(null);
          }}
        >
          Annotate <kbd>A</kbd>
        </button>
      )}
    </div>
  );
}
