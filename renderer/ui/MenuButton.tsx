import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface MenuButtonProps {
  label: string;
  children: ReactNode;
  className?: string;
}

/**
 * A button that shows a small panel of further controls below it (a disclosure): Escape or a click
 * elsewhere closes it, and the focus goes back to the button. Keeps a toolbar to one row.
 */
export function MenuButton({ label, children, className }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div
      className={`menu-anchor ${className ?? ''}`}
      ref={box}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button ref={button} type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          id={id}
          className="menu menu-panel"
          role="group"
          aria-label={label}
          // A button inside does its work and closes the menu; fields and nested menus keep it open.
          onClick={(e) => (e.target as HTMLElement).closest('button:not([aria-expanded])') && setOpen(false)}
        >
          {children}
        </div>
      )}
    </div>
  );
}
