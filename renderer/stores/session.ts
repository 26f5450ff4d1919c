import type { StateCreator } from 'zustand';
import { describeStorageError } from '../db/storage-errors';
import type { WorkbenchState } from './index';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** A follow-up the analyst may take, e.g. Undo after a delete. */
  action?: { label: string; run: () => void };
}

export type SideTab = 'passages' | 'codebook' | 'review' | 'details';

/** The pages of the Settings dialog (features/settings/panels.ts lists their panels). */
export type SettingsTab = 'author' | 'briefing-template' | 'language' | 'team';

/** The welcome's two pages: what the workbench and its demo are, and the question before emptying the workspace. */
export type WelcomePage = 'intro' | 'start-empty';

export interface SessionSlice {
  saveState: SaveState;
  notices: Notice[];
  readerFontSize: number;
  /**
   * Every paragraph of the source on the page, not only those near the screen: for a screen reader's
   * browse mode (and the browser's own find), which see only what is on the page. Slower on a long source.
   */
  readerWholeText: boolean;
  aboutOpen: boolean;
  settingsOpen: boolean;
  settingsTab: SettingsTab;
  /** The welcome (first run, Help › Welcome), and which of its pages; null when closed. */
  welcome: WelcomePage | null;
  sideTab: SideTab;
  /** HTML imports: keep the whole page instead of extracting the article. */
  keepFullText: boolean;
  /** Runs a write, reflecting it in the status bar; a failure becomes a notice and is re-thrown. */
  trackSave: <T>(write: () => Promise<T>) => Promise<T>;
  notify: (kind: Notice['kind'], message: string, action?: Notice['action']) => void;
  setSideTab: (tab: SideTab) => void;
  setKeepFullText: (keep: boolean) => void;
  dismissNotice: (id: number) => void;
  setReaderFontSize: (size: number) => void;
  setReaderWholeText: (whole: boolean) => void;
  setAboutOpen: (open: boolean) => void;
  /** Opens Settings, at a given page or where the analyst last was. */
  openSettings: (tab?: SettingsTab) => void;
  closeSettings: () => void;
  openWelcome: (page: WelcomePage) => void;
  closeWelcome: () => void;
}

export const READER_FONT_SIZES = { min: 13, max: 26, initial: 17 } as const;
let nextNoticeId = 1;

export const createSessionSlice: StateCreator<WorkbenchState, [], [], SessionSlice> = (set, get) => ({
  saveState: 'idle',
  notices: [],
  readerFontSize: READER_FONT_SIZES.initial,
  readerWholeText: false,
  aboutOpen: false,
  settingsOpen: false,
  settingsTab: 'author',
  welcome: null,
  sideTab: 'passages',
  keepFullText: false,
  trackSave: async (write) => {
    set({ saveState: 'saving' });
    try {
      const result = await write();
      set({ saveState: 'saved' });
      return result;
    } catch (error) {
      set({ saveState: 'failed' });
      // The failed transaction has rolled back; a full disk or a closed workspace gets a sentence of its own.
      get().notify('error', describeStorageError(error));
      throw error;
    }
  },
  notify: (kind, message, action) => {
    const id = nextNoticeId++;
    set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, message, ...(action ? { action } : {}) }] }));
    // Confirmations fade on their own; errors stay until the analyst has read them.
    if (kind === 'info') setTimeout(() => get().dismissNotice(id), action ? 10_000 : 5_000);
  },
  setSideTab: (sideTab) => set({ sideTab }),
  setKeepFullText: (keepFullText) => set({ keepFullText }),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setReaderFontSize: (size) =>
    set({ readerFontSize: Math.min(READER_FONT_SIZES.max, Math.max(READER_FONT_SIZES.min, size)) }),
  setReaderWholeText: (readerWholeText) => set({ readerWholeText }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  openSettings: (tab) => set((s) => ({ settingsOpen: true, settingsTab: tab ?? s.settingsTab })),
  closeSettings: () => set({ settingsOpen: false }),
  openWelcome: (welcome) => set({ welcome }),
  closeWelcome: () => set({ welcome: null }),
});
