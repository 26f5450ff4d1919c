import { create } from 'zustand';

/** What the status bar says about team sync. */
export type TeamStatus = 'off' | 'syncing' | 'synced' | 'offline' | 'failed';

/** Where the team's workspace is. Kept on this computer (not in the workspace, so never in a backup). */
export interface TeamAddress {
  url: string;
  database: string;
  user: string;
}

export interface TeamState {
  address: TeamAddress;
  /** In the window for the session; the desktop app also keeps it with the OS keychain when asked (main). */
  password: string;
  /** Whether this host can keep the password across restarts (null until main has answered). */
  canRemember: boolean | null;
  /** The analyst asked to remember the password on this computer. */
  remember: boolean;
  connected: boolean;
  live: boolean;
  status: TeamStatus;
  /** The last sync's outcome or failure, as a sentence. */
  message: string;
  setAddress: (address: Partial<TeamAddress>) => void;
  setPassword: (password: string) => void;
}

const ADDRESS_KEY = 'workbench.team.address';

function storedAddress(): TeamAddress {
  const empty = { url: '', database: '', user: '' };
  try {
    const parsed = JSON.parse(localStorage.getItem(ADDRESS_KEY) ?? 'null') as Partial<TeamAddress> | null;
    return {
      url: typeof parsed?.url === 'string' ? parsed.url : '',
      database: typeof parsed?.database === 'string' ? parsed.database : '',
      user: typeof parsed?.user === 'string' ? parsed.user : '',
    };
  } catch {
    return empty;
  }
}

export const useTeam = create<TeamState>((set, get) => ({
  address: storedAddress(),
  password: '',
  canRemember: null,
  remember: false,
  connected: false,
  live: false,
  status: 'off',
  message: '',
  setAddress: (patch) => {
    const address = { ...get().address, ...patch };
    localStorage.setItem(ADDRESS_KEY, JSON.stringify(address));
    set({ address, connected: false });
  },
  setPassword: (password) => set({ password, connected: false }),
}));
