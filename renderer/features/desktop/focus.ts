/** Focuses (and selects the text of) the first element matching `selector` once it has rendered, within about a second. */
export function focusWhenPresent(selector: string, frames = 60): void {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) {
    el.focus();
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusWhenPresent(selector, frames - 1));
}
