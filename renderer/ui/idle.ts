/**
 * Work for an idle period of the main thread, or after `timeoutMs` at the latest (Electron's Chromium
 * has requestIdleCallback; a plain timer elsewhere, as in jsdom). Answers the handle `cancelIdle` takes.
 */
export const whenIdle = (work: () => void, timeoutMs: number): number =>
  typeof window.requestIdleCallback === 'function'
    ? window.requestIdleCallback(work, { timeout: timeoutMs })
    : window.setTimeout(work, 0);

export const cancelIdle = (handle: number): void =>
  typeof window.cancelIdleCallback === 'function' ? window.cancelIdleCallback(handle) : window.clearTimeout(handle);
