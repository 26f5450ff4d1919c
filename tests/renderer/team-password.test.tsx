import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamPanel } from '../../renderer/features/team';
import { keepPasswordAsAsked } from '../../renderer/features/team/passwords';
import { useTeam } from '../../renderer/features/team/team-state';
import type { WorkbenchApi } from '../../shared/ipc';
import { realWorkbench } from '../support/real-workbench';
import { keychainStandIn } from '../support/keychain-standin';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const address = { url: 'https://couch.institute.example:6984', database: 'sahel-team', user: 'amira' };

/** window.workbench on the real handler table: the desktop's (with the keychain stand-in) or the preview's. */
async function host(desktop: boolean): Promise<WorkbenchApi> {
  const api = await realWorkbench(
    await tempFolder(),
    desktop ? { host: 'electron', encryptor: keychainStandIn() } : {},
  );
  Object.defineProperty(window, 'workbench', { value: api, configurable: true });
  return api;
}

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'workbench');
  useTeam.setState({ password: '', remember: false, canRemember: null, connected: false });
});

describe('Settings › Team: the password with the OS keychain', () => {
  it('on the desktop, fills in the remembered password and keeps or forgets it as the analyst asks', async () => {
    const api = await host(true);
    await api.rememberTeamPassword({ ...address, password: 'Tessalit-2026!' });
    useTeam.setState({ address, password: '' });
    render(<TeamPanel />);
    const remember = await screen.findByRole('checkbox', { name: 'Remember the password on this computer' });
    expect(await screen.findByDisplayValue('Tessalit-2026!')).toBe(screen.getByLabelText('Password'));
    expect(remember).toHaveProperty('checked', true);

    // Unticked: after the next accepted sync the keychain forgets it.
    fireEvent.click(remember);
    expect(await keepPasswordAsAsked()).toBeNull();
    expect(await api.recallTeamPassword(address)).toEqual({ password: null });

    // Ticked again with a new password: that one is kept.
    fireEvent.click(remember);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'Kidal-2027' } });
    expect(await keepPasswordAsAsked()).toBeNull();
    expect(await api.recallTeamPassword(address)).toEqual({ password: 'Kidal-2027' });
  });

  it('in the browser preview, offers no keychain and says the password is kept for this session only', async () => {
    await host(false);
    useTeam.setState({ address, password: 'pw' });
    render(<TeamPanel />);
    expect(await screen.findByText(/kept for this session only/)).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /Remember the password/ })).toBeNull();
    useTeam.setState({ remember: true });
    expect(await keepPasswordAsAsked()).toBeNull();
  });
});
