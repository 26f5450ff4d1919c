import type { ChannelKey, MenuCommand } from './channels';
import type { ArgsOf, ResultOf } from './contract';

type Procedures = { [K in ChannelKey]: (...args: ArgsOf<K>) => Promise<ResultOf<K>> };

/**
 * `window.workbench`: the whole main-process API as named, Promise-returning functions.
 * A call that main refuses rejects with a `WorkbenchError` whose message is meant for the analyst.
 * The desktop app's preload and the browser bridge's client both implement it with `createApiClient`.
 */
/** A request that fetches one stored source text (see SOURCE_TEXT_PATH): its address and the headers it needs. */
export interface TextRequest {
  url: string;
  headers: Record<string, string>;
}

export interface WorkbenchApi extends Procedures {
  /**
   * How to fetch a stored text directly, from the page or one of its workers — null where the host serves
   * no such address (a test's in-process client), and the text is read through `readSourceText` instead.
   */
  sourceTextRequest(sha256: string): TextRequest | null;
  /** Subscribes to application-menu commands; returns the function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
