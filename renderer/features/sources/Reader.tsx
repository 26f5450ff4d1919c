import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { Annotation, Tag } from '../../../shared/domain/annotation';
import { isPlaceable } from '../../../shared/domain/passage-fit';
import { splitParagraphs, tidyRange } from '../../../shared/domain/text';
import { READER_FONT_SIZES, useWorkbench } from '../../stores';
import { useViewCommand } from '../../workspace/user-commands';
import { assignLanes, HighlightPainter, translucent } from './highlights';
import { TextGeometry } from './text-geometry';

export interface ReaderProps {
  text: string;
  language: string;
  /** The languages of a text that mixes them (the source's `languages`): each paragraph then gets its own. */
  languages?: readonly string[];
  /** The passages of `text` itself (read with it): those that do not fit it are left unpainted. */
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

/**
 * Each paragraph's margin as one `background-image` value: a gradient per passage open in it, drawn
 * in its lane ('' for none). A string, so a memoised paragraph re-renders only when its own stripes
 * change. It is handed over as the custom property `--stripes`, which the browser stores unparsed;
 * the stylesheet's `background-image: var(--stripes)` is then parsed only for paragraphs on screen,
 * since `content-visibility: auto` skips styling the rest (setting `background-image` itself parsed
 * 2,500 gradient lists while a book opened). Lanes are assigned in one pass over the passages, which
 * arrive in document order.
 */
function stripeImages(
  paragraphs: { start: number; text: string }[],
  placed: Annotation[],
  lanes: Map<string, number>,
  tags: Map<string, Tag>,
): string[] {
  const images: string[] = [];
  let cursor = 0;
  const open: Annotation[] = [];
  for (const p of paragraphs) {
    const end = p.start + p.text.length;
    while (cursor < placed.length && placed[cursor]!.position.start < end) open.push(placed[cursor++]!);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.position.end <= p.start) open.splice(i, 1);
    let image = '';
    for (const a of open) {
      const lane = lanes.get(a.id) ?? 0;
      if (lane >= MAX_LANES) continue;
      const color = tags.get(a.tagIds.find((id) => tags.has(id)) ?? '')?.color ?? '#8a8f98';
      const paint = a.anchor === 'drifted' ? translucent(color, 0.45) : color;
      const x = lane * LANE_WIDTH;
      image += `${image ? ',' : ''}linear-gradient(to right,transparent ${x}px,${paint} ${x}px ${x + LANE_WIDTH - 2}px,transparent ${x + LANE_WIDTH - 2}px)`;
    }
    images.push(image);
  }
  return images;
}

interface ParagraphProps {
  index: number;
  start: number;
  text: string;
  /** The paragraph's language where it is not the source's. */
  lang?: string;
  stripes: string;
  onGutterClick: (index: number, event: MouseEvent) => void;
}

const preventFocusLoss = (e: MouseEvent) => e.preventDefault();

/** One paragraph and its margin; memoised, so an edit to one passage re-renders only the paragraphs it touches. */
const Paragraph = memo(function Paragraph({ index, start, text, lang, stripes, onGutterClick }: ParagraphProps) {
  return (
    <div className="para" data-paragraph="">
      <span
        className="stripes"
        aria-hidden="true"
        contentEditable={false}
        style={stripes ? ({ '--stripes': stripes } as CSSProperties) : undefined}
        onMouseDown={preventFocusLoss}
        onClick={(e) => onGutterClick(index, e)}
      />
      <p data-index={index} data-start={start} dir="auto" lang={lang}>
        {text}
      </p>
    </div>
  );
});

/**
 * The reading column. Passages are painted with the CSS Custom Highlight API; the margin shows one
 * stripe lane per overlapping passage. The text is a read-only caret surface so a passage can be
 * selected with the keyboard (Shift+arrows) as well as the mouse.
 */
/**
 * The language of each paragraph of a text that mixes languages (null: the source's own), for `lang`
 * attributes — fonts, hyphenation and screen readers follow it. The detector is loaded only then.
 */
function useParagraphLanguages(
  paragraphs: { text: string }[],
  language: string,
  mixed: boolean,
): (string | null)[] | null {
  const [languages, setLanguages] = useState<{ for: typeof paragraphs; tags: (string | null)[] } | null>(null);
  useEffect(() => {
    if (!mixed) return;
    let current = true;
    void import('../../../shared/domain/language-detect').then(({ paragraphLanguages }) => {
      if (current)
        setLanguages({
          for: paragraphs,
          tags: paragraphLanguages(
            paragraphs.map((p) => p.text),
            language,
          ),
        });
    });
    return () => {
      current = false;
    };
  }, [paragraphs, language, mixed]);
  return mixed && languages?.for === paragraphs ? languages.tags : null;
}

export function Reader({ text, language, languages, annotations, tags, onAnnotate, onPick, reselecting }: ReaderProps) {
  const root = useRef<HTMLElement>(null);
  // The geometry of the text on the page now. A ref, not state: state would still hold the previous
  // text's geometry in the commit that puts a new text on the page, and painting the new passages
  // with it built Ranges past the end of the new paragraphs (issue 14). `geometry` below is the same
  // object, kept as state for what must re-render when it arrives.
  const geometryRef = useRef<TextGeometry | null>(null);
  const [geometry, setGeometry] = useState<TextGeometry | null>(null);
  const [renderKey, setRenderKey] = useState(0);
  const [adder, setAdder] = useState<{ range: { start: number; end: number }; rect: DOMRect } | null>(null);
  const fontSize = useWorkbench((s) => s.readerFontSize);
  const selectedId = useWorkbench((s) => s.selectedAnnotationId);
  const readerTarget = useWorkbench((s) => s.readerTarget);
  const scrollRequest = useWorkbench((s) => s.scrollRequest);

  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const paragraphLanguages = useParagraphLanguages(paragraphs, language, (languages?.length ?? 0) > 1);
  const placed = useMemo(() => annotations.filter((a) => isPlaceable(text, a)), [annotations, text]);
  const lanes = useMemo(() => assignLanes(placed), [placed]);
  const stripes = useMemo(() => stripeImages(paragraphs, placed, lanes, tags), [paragraphs, placed, lanes, tags]);
  const maxLane = useMemo(() => {
    let max = -1;
    for (const lane of lanes.values()) if (lane > max) max = lane;
    return Math.min(MAX_LANES, max + 1);
  }, [lanes]);

  // Runs before the painting effect below in the same commit, so the painter never sees a geometry
  // of another text than the one its passages belong to.
  useLayoutEffect(() => {
    geometryRef.current = root.current ? new TextGeometry(root.current, text, paragraphs) : null;
    setGeometry(geometryRef.current);
  }, [text, paragraphs, renderKey]);

  const painter = useMemo(() => new HighlightPainter(), []);
  useLayoutEffect(() => {
    const current = geometryRef.current;
    if (!current) return;
    painter.paint({
      geometry: current,
      annotations: placed,
      tags,
      selectedId,
      search: readerTarget ? { start: readerTarget.start, end: readerTarget.end } : null,
    });
  }, [painter, text, paragraphs, renderKey, placed, tags, selectedId, readerTarget]);

  useEffect(() => () => painter.dispose(), [painter]);

  // Scroll to the selected passage or search hit when asked to.
  useEffect(() => {
    const current = geometryRef.current;
    if (!current || scrollRequest === 0) return;
    const target = readerTarget ?? placed.find((a) => a.id === selectedId)?.position;
    if (!target) return;
    const element = current.paragraphElement(current.paragraphIndexAt(target.start));
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
    const current = geometryRef.current;
    if (!current) return null;
    const selection = window.getSelection();
    const raw = current.selectionRange(selection);
    const range = raw && tidyRange(text, raw.start, raw.end);
    if (!range || !selection) return null;
    return { range, rect: selection.getRangeAt(0).getBoundingClientRect() };
  }, [text]);

  // New Passage from Selection (menu, Ctrl+Shift+A): the same as pressing A in the text.
  useViewCommand(
    'annotation:new',
    () => {
      const chosen = currentSelection();
      if (!chosen) {
        useWorkbench
          .getState()
          .notify(
            'info',
            'Select a passage in the text first (drag with the mouse, or click and use Shift+arrows), then choose New Passage.',
          );
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
      const current = geometryRef.current;
      if (!current) return;
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0) return;
      const offset = current.offsetOf(selection.anchorNode!, selection.anchorOffset);
      if (offset === null) return;
      const here = placed
        .filter((a) => a.position.start <= offset && offset < a.position.end)
        .sort((a, b) => a.position.end - a.position.start - (b.position.end - b.position.start));
      if (here.length > 0) onPick(here, new DOMRect(event.clientX, event.clientY, 0, 16));
    },
    [placed, onPick],
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

  // Stable for the memoised paragraphs; reads the passages of the moment through a ref.
  const pickInGutter = useRef<(index: number, event: MouseEvent) => void>(() => undefined);
  pickInGutter.current = (index, event) => {
    const p = paragraphs[index]!;
    const end = p.start + p.text.length;
    const here = placed.filter((a) => a.position.start < end && a.position.end > p.start);
    if (here.length > 0) onPick(here, (event.currentTarget as HTMLElement).getBoundingClientRect());
  };
  const onGutterClick = useCallback((index: number, event: MouseEvent) => pickInGutter.current(index, event), []);
  // The same element array while text and stripes stay: selecting a passage or showing the adder
  // re-renders the reader without visiting its 2,500 paragraphs.
  const body = useMemo(
    () =>
      paragraphs.map((p, i) => (
        <Paragraph
          key={p.start}
          index={i}
          start={p.start}
          text={p.text}
          lang={paragraphLanguages?.[i] ?? undefined}
          stripes={stripes[i]!}
          onGutterClick={onGutterClick}
        />
      )),
    [paragraphs, paragraphLanguages, stripes, onGutterClick],
  );

  return (
    <div className="reader-scroll">
      <article
        ref={root}
        key={renderKey}
        className="reader"
        // Editable only so the caret can move and select by keyboard; announced as the read-only text it is.
        role="document"
        tabIndex={0}
        aria-label="Source text"
        aria-description="Read-only. Select text with the mouse or Shift and the arrow keys to annotate it."
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
        {body}
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
