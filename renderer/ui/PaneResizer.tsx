import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { t } from '../i18n';

interface PaneResizerProps {
  /** What is resized, in the interface language, e.g. "Inspector": the separator is named "Resize the inspector". */
  label: string;
  /** The separator's whole accessible name, in the interface language, instead of the one made from `label`. */
  name?: string;
  width: number;
  min: number;
  max: number;
  /** The pane is to the separator's right (an inspector): dragging left widens it. */
  side: 'left' | 'right';
  onResize: (width: number) => void;
}

const STEP = 24;

/**
 * A pane's edge that can be dragged, or moved with the arrow keys (WAI-ARIA window splitter: a focusable
 * separator with its value), so a laptop's narrow window can give the grid or the text more room.
 */
export function PaneResizer({ label, name, width, min, max, side, onResize }: PaneResizerProps) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { x: e.clientX, width };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const moved = e.clientX - start.current.x;
    onResize(clamp(start.current.width + (side === 'right' ? -moved : moved)));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const wider = side === 'right' ? 'ArrowLeft' : 'ArrowRight';
    const narrower = side === 'right' ? 'ArrowRight' : 'ArrowLeft';
    const next =
      e.key === wider
        ? width + STEP
        : e.key === narrower
          ? width - STEP
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null;
    if (next === null) return;
    e.preventDefault();
    onResize(clamp(next));
  };
  return (
    <div
      className="pane-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={name ?? t('panes.resize', { pane: label.toLowerCase() })}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onPointerCancel={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
