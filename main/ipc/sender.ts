/** Where the desktop app serves its renderer from (see main/app/protocol.ts). */
export const APP_ORIGIN = { protocol: 'app:', host: 'workbench' } as const;

export interface SenderFrame {
  url: string;
  /** True when the frame is the window's top-level frame (not an iframe). */
  isMainFrame: boolean;
}

/** Only our own page, in its top frame, may call main; anything else (an iframe, a navigated page) is refused. */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin = APP_ORIGIN): boolean {
  if (!frame || !frame.isMainFrame) return false;
  try {
    // Compared by parts: Node's URL reports the origin of a custom scheme as "null".
    const url = new URL(frame.url);
    return url.protocol === appOrigin.protocol && url.host === appOrigin.host;
  } catch {
    return false;
  }
}
