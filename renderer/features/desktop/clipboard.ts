/**
 * Copies text for the analyst. The desktop app refuses every permission request, so the async
 * clipboard may be unavailable; the selected field and the copy command (allowed during a click) are
 * the fallback. Answers whether the text reached the clipboard.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    return document.execCommand('copy');
  }
}
