/** The origin the desktop app serves its renderer from (see main/app/protocol.ts). */
export const APP_ORIGIN = 'app://workbench';

export interface SenderFrame {
  url: string;
  /** True when the frame is the window's top-level frame (not an iframe). */
  isMainFrame: boolean;
}

/** Only our own page, in its top frame, may call main; anything else (an iframe, a navigated page) is refused. */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string = APP_ORIGIN): boolean {
  if (!frame || !frame.isMainFrame) return false;
  try {
    return new URL(frame.url).origin === appOrigin;
  } catch {
    return false;
  }
}
