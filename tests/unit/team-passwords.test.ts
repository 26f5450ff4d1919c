import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ensureDataFolder } from '../../main/services/data-folder';
import { teamPasswordsFile } from '../../main/services/handlers';
import { SESSION_ONLY, TeamPasswords } from '../../main/services/team-passwords';
import { dispatch } from '../../main/ipc/dispatch';
import { realHandlerTable } from '../support/handler-table';
import { keychainStandIn } from '../support/keychain-standin';
import { useTempFolders } from '../support/temp-folder';

/** The keychain is the one stand-in here (Electron's `safeStorage` cannot run outside Electron): see keychainStandIn. */
const keychain = keychainStandIn;

const tempFolder = useTempFolders();
const amira = { url: 'https://couch.institute.example:6984', database: 'sahel-team', user: 'amira' };
const PASSWORD = 'Tessalit-2026!';

describe('team passwords kept with the OS keychain', () => {
  it('remembers a password across restarts as ciphertext only, outside the backups folder', async () => {
    const folder = await ensureDataFolder(await tempFolder());
    const encryptor = keychain();
    await new TeamPasswords(teamPasswordsFile(folder), encryptor).remember(amira, PASSWORD);

    // A new service over the same file, as after a restart of the app.
    const again = new TeamPasswords(teamPasswordsFile(folder), encryptor);
    expect(await again.recall(amira)).toBe(PASSWORD);
    expect(await again.recall({ ...amira, user: 'bruno' })).toBeNull();
    expect(await again.recall({ ...amira, url: `${amira.url}/` })).toBe(PASSWORD);

    const stored = await readFile(teamPasswordsFile(folder), 'utf8');
    expect(stored).not.toContain(PASSWORD);
    expect(Buffer.from(stored).includes(Buffer.from(PASSWORD))).toBe(false);
    expect(teamPasswordsFile(folder).startsWith(folder.backups)).toBe(false);
    expect(await readdir(folder.backups)).toEqual([]);
    expect(await readdir(folder.logs)).toEqual([]);
  });

  it('forgets a password, and answers null for a file another keychain encrypted or a damaged file', async () => {
    const folder = await ensureDataFolder(await tempFolder());
    const file = teamPasswordsFile(folder);
    await new TeamPasswords(file, keychain()).remember(amira, PASSWORD);
    expect(await new TeamPasswords(file, keychain()).recall(amira)).toBeNull();

    const mine = keychain();
    const passwords = new TeamPasswords(file, mine);
    await passwords.remember(amira, PASSWORD);
    expect(await passwords.forget(amira)).toBe(true);
    expect(await passwords.forget(amira)).toBe(false);
    expect(await passwords.recall(amira)).toBeNull();

    await writeFile(file, '{ not json');
    expect(await passwords.recall(amira)).toBeNull();
    await passwords.remember(amira, PASSWORD);
    expect(await passwords.recall(amira)).toBe(PASSWORD);
  });

  it('keeps nothing when the keychain cannot encrypt, and says so', async () => {
    const folder = await ensureDataFolder(await tempFolder());
    const passwords = new TeamPasswords(teamPasswordsFile(folder), keychain(false));
    expect(passwords.available()).toBe(false);
    await expect(passwords.remember(amira, PASSWORD)).rejects.toThrow(/kept for this session only/);
    expect(await readdir(folder.root)).not.toContain('team-passwords.json');
  });

  it('through the handler table: the desktop remembers, the browser preview answers "for this session only"', async () => {
    const desktopRoot = await tempFolder();
    const desktop = await realHandlerTable(desktopRoot, { host: 'electron', encryptor: keychain() });
    expect(await dispatch(desktop, 'teamPasswordKeeping', [])).toEqual({ ok: true, value: { available: true } });
    expect(await dispatch(desktop, 'rememberTeamPassword', [{ ...amira, password: PASSWORD }])).toEqual({
      ok: true,
      value: { remembered: true },
    });
    expect(await dispatch(desktop, 'recallTeamPassword', [amira])).toEqual({
      ok: true,
      value: { password: PASSWORD },
    });
    expect(await dispatch(desktop, 'forgetTeamPassword', [amira])).toEqual({ ok: true, value: { forgotten: true } });
    // The channel checks its arguments: no password, no write.
    expect(await dispatch(desktop, 'rememberTeamPassword', [{ ...amira, password: '' }])).toMatchObject({ ok: false });

    const previewRoot = await tempFolder();
    const preview = await realHandlerTable(previewRoot);
    expect(await dispatch(preview, 'teamPasswordKeeping', [])).toEqual({ ok: true, value: { available: false } });
    expect(await dispatch(preview, 'rememberTeamPassword', [{ ...amira, password: PASSWORD }])).toEqual({
      ok: false,
      error: SESSION_ONLY,
    });
    expect(await dispatch(preview, 'recallTeamPassword', [amira])).toEqual({ ok: true, value: { password: null } });
    expect(await readdir(previewRoot)).not.toContain('team-passwords.json');
  });
});
