import type { ChannelKey, MenuCommand } from './channels';
import type { ArgsOf, ResultOf } from './contract';

type Procedures = { [K in ChannelKey]: (...args: ArgsOf<K>) => Promise<ResultOf<K>> };

/**
 * `window.workbench`: the whole main-process API as named, Promise-returning functions.
 * A call that main refuses rejects with a `WorkbenchError` whose message is meant for the analyst.
 * The desktop app's preload and the browser bridge's client both implement it with `createApiClient`.
 */
export interface WorkbenchApi extends Procedures {
  /** Subscribes to application-menu commands; returns the function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
