/** What every channel answers: a value, or a sentence saying what went wrong and what to do. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(error: string): IpcResult<never> {
  return { ok: false, error };
}

/** Raised in the renderer when main answered `{ok:false}`; `message` is the sentence to show the analyst. */
export class WorkbenchError extends Error {
  override name = 'WorkbenchError';
}

export function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.ok === true && 'value' in v) || (v.ok === false && typeof v.error === 'string');
}
