interface PaneToggleProps {
  /** The same id on the open pane's toggle and on the folded strip's, so the focus follows the switch. */
  id: string;
  /** The pane's name, e.g. "Source list": the button is announced with it and whether it is expanded. */
  label: string;
  open: boolean;
  /** Which side of the window the pane sits on: its arrow points the way it folds or unfolds. */
  side: 'left' | 'right';
  onToggle: () => void;
}

/**
 * Folds a side pane away or brings it back (a disclosure button). The button is swapped for its twin on
 * the folded strip or in the pane, so the focus is moved to the twin once it is on the page.
 */
export function PaneToggle({ id, label, open, side, onToggle }: PaneToggleProps) {
  return (
    <button
      type="button"
      id={id}
      className="ghost pane-toggle"
      aria-label={label}
      aria-expanded={open}
      title={label}
      onClick={() => {
        onToggle();
        requestAnimationFrame(() => document.getElementById(id)?.focus());
      }}
    >
      <span aria-hidden="true">{(side === 'left') === open ? '‹' : '›'}</span>
    </button>
  );
}
