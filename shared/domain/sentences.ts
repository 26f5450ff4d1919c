/**
 * An error's message as a sentence of its own, for a message that goes on to say what to do: services
 * answer whole sentences ("… Restore a backup that holds it."), and a message built as
 * "could not be read: <message>. Reload …" doubled their full stop.
 */
export function reasonOf(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).trim();
  if (!message) return '';
  return /[.!?…»”)]$/u.test(message) ? message : `${message}.`;
}
