import type { TextRequest } from '../../shared/ipc';

/**
 * A stored text the host did not hand over, without a sentence of its own: the service did not answer
 * (`status` null) or answered with a bare status. Its message stays English, since this module runs in
 * the search worker too, which carries no catalogues; the page says it in the interface language
 * (`textStoreOf` in db/source-texts.ts).
 */
export class TextFetchFailed extends Error {
  override name = 'TextFetchFailed';
  constructor(readonly status: number | null) {
    super(
      status === null
        ? 'The workbench service is not answering, so a source text could not be read. Restart the app (or "npm run preview") and try again.'
        : `A source text could not be read (the workbench answered ${status}). Restart the app and try again.`,
    );
  }
}

/**
 * Fetches a stored text from its address (`WorkbenchApi.sourceTextRequest`). Works in the page and in its
 * workers alike, so a worker reads a book straight from main instead of through the window, and the text
 * arrives as its UTF-8 bytes, decoded once, instead of inside a JSON envelope.
 */
export async function fetchSourceText(request: TextRequest): Promise<string> {
  let response: Response;
  try {
    // Not kept in the browser's HTTP cache: the workspace's texts stay in the data folder only.
    response = await fetch(request.url, { headers: request.headers, cache: 'no-store' });
  } catch {
    throw new TextFetchFailed(null);
  }
  // A text is taken as a Blob and decoded in one go: `response.text()` reads the body off its pipe on
  // this thread chunk by chunk, which for a 1 MB book in Chromium cost about twice the main thread's
  // time and the wall clock (measured interleaved on the preview: body ~33 ms busy against ~67–150).
  if (response.ok) return (await response.blob()).text();
  const body = await response.text();
  // The host answers a refusal with a sentence for the analyst (main/services/source-text-route.ts).
  const sentence = response.headers.get('content-type')?.startsWith('text/plain') ? body.trim() : '';
  if (sentence) throw new Error(sentence);
  throw new TextFetchFailed(response.status);
}
