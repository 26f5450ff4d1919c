import { CHANNEL_KEYS, CHANNELS, type ChannelKey, type MenuCommand } from './channels';
import { WorkbenchError, isIpcResult } from './result';
import type { TextRequest, WorkbenchApi } from './api';

/** Sends one request to main and resolves with its `IpcResult` envelope, whatever the transport. */
export type Invoke = (channel: string, key: ChannelKey, args: unknown[]) => Promise<unknown>;
export type SubscribeMenu = (listener: (command: MenuCommand) => void) => () => void;
export type LocateText = (sha256: string) => TextRequest | null;

/**
 * Builds the named functions of `WorkbenchApi` over a transport; unwraps envelopes into values or errors.
 * `locateText` says where the host serves stored texts (none for an in-process client).
 */
export function createApiClient(
  invoke: Invoke,
  subscribeMenu: SubscribeMenu,
  locateText: LocateText = () => null,
): WorkbenchApi {
  const api: Record<string, unknown> = {};
  for (const key of CHANNEL_KEYS) {
    api[key] = async (...args: unknown[]) => {
      const envelope = await invoke(CHANNELS[key], key, args);
      if (!isIpcResult(envelope))
        throw new WorkbenchError(
          'The workbench answered in a form it does not understand. Restart the app and try again.',
        );
      if (!envelope.ok) throw new WorkbenchError(envelope.error);
      return envelope.value;
    };
  }
  api.onMenuCommand = subscribeMenu;
  api.sourceTextRequest = locateText;
  return api as unknown as WorkbenchApi;
}
