import { SOURCE_TEXT_PATH, sourceTextDigestOf } from '../../shared/ipc/channels';
import { ServiceError } from './errors';
import type { SourceStore } from './source-store';

/** What the text address answers, whichever host serves it (the desktop's app:// protocol, the bridge). */
export interface SourceTextAnswer {
  status: number;
  body: Uint8Array | string;
  contentType: string;
}

const PLAIN_TEXT = 'text/plain; charset=utf-8';

/** Whether a request's path is under the text address (SOURCE_TEXT_PATH). */
export const isSourceTextPath = (pathname: string): boolean => pathname.startsWith(SOURCE_TEXT_PATH);

/**
 * Answers a request under SOURCE_TEXT_PATH: the stored text's bytes as they are, or a sentence for the
 * analyst (the renderer shows it as the error).
 */
export async function answerSourceText(store: SourceStore, pathname: string): Promise<SourceTextAnswer> {
  const sha256 = sourceTextDigestOf(pathname);
  if (!sha256)
    return { status: 400, body: 'That is not a valid text reference. Nothing was read.', contentType: PLAIN_TEXT };
  try {
    return { status: 200, body: await store.readTextBytes(sha256), contentType: PLAIN_TEXT };
  } catch (error) {
    if (error instanceof ServiceError) return { status: 404, body: error.message, contentType: PLAIN_TEXT };
    throw error;
  }
}
