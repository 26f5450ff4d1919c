import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_KEYS, CHANNELS, type ChannelKey } from '../../shared/ipc/channels';
import { fail, type IpcResult } from '../../shared/ipc/result';
import { dispatch, type DispatchOptions, type HandlerTable } from './dispatch';
import { isTrustedSender } from './sender';

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null;
}

/** The one way a channel is registered: sender check, then `dispatch` (zod parse, service call, envelope). */
function handle(key: ChannelKey, table: HandlerTable, options: DispatchOptions): void {
  ipcMain.handle(CHANNELS[key], async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
    if (!isTrustedSender(senderOf(event)))
      return fail('This request did not come from the workbench window and was refused.');
    return dispatch(table, key, args, options);
  });
}

export function registerIpc(table: HandlerTable, options: DispatchOptions = {}): void {
  for (const key of CHANNEL_KEYS) handle(key, table, options);
}
