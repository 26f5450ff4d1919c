/** How long and how large an import may get before it is refused rather than left to hang the app. */

export const DEFAULT_TIMEOUT_MS = 60_000;

const MB = 1024 * 1024;

/** Past this, unpacking a Word file would cost more memory than any real document needs. */
export const ZIP_EXPANSION_CEILING = 500 * MB;

/**
 * How many parts a .docx may hold. A long report with many pictures has a few hundred; a zip of
 * tens of thousands of tiny entries costs memory and time for each one while saying nothing.
 */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * How far a .docx may unpack. Text-heavy Word files unpack to about ten times their size and their
 * images not at all, so twenty times the import limit leaves room for real files while refusing
 * zip bombs, whose ratios run to thousands.
 */
export function zipExpansionLimit(maxBytes: number): number {
  return Math.min(ZIP_EXPANSION_CEILING, 20 * maxBytes);
}

/**
 * Runs `work` and gives up after `ms`: a damaged or hostile file must not hang an import forever.
 * The signal lets the work stop parsing (pdfjs can be destroyed mid-document); code that runs
 * synchronously cannot be interrupted, so the formats keep their synchronous steps bounded by size.
 */
export function withinTime<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(onTimeout());
    }, ms);
  });
  const running = work(controller.signal);
  // Once time is up nobody awaits the work any more; its late failure must not surface as unhandled.
  running.catch(() => undefined);
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}
