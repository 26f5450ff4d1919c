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
  /** Session only: never written anywhere (the desktop app's keychain storage is not built yet). */
  password: string;
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
