import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { TeamAccount } from '../../shared/ipc/contract';
import { writeFileAtomically } from './atomic-file';
import { ServiceError } from './errors';

/**
 * The part of Electron's `safeStorage` this service uses: the OS keychain (Keychain, DPAPI, the Secret
 * Service) encrypts with a key only this user on this computer can use. The desktop app passes
 * `safeStorage` itself; this module stays plain Node so it can be tested without Electron.
 */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const PasswordFile = z.object({
  version: z.literal(1),
  /** Per account (server, database, user): the password as the keychain encrypted it, base64. */
  passwords: z.record(z.string(), z.string().max(10_000)),
});
type PasswordFile = z.infer<typeof PasswordFile>;

export const SESSION_ONLY =
  'The password is kept for this session only: the browser preview cannot use this computer’s keychain. Enter it again after a restart, or use the desktop app to remember it.';
const NO_KEYCHAIN =
  'This computer’s keychain cannot encrypt the password (no keychain or secret service is running), so it is kept for this session only. Enter it again after a restart.';

/**
 * Team sync's passwords, encrypted by the OS keychain and kept as ciphertext in one file of the data
 * folder (outside the backups folder and never in a backup). Without an encryptor (the browser
 * preview) nothing is stored: the password lives in the window for the session only. Passwords and
 * ciphertexts are never logged and never part of an error message.
 */
export class TeamPasswords {
  constructor(
    private readonly file: string,
    private readonly encryptor: Encryptor | null,
  ) {}

  /** Whether this host can keep a password across restarts. */
  available(): boolean {
    return this.encryptor !== null && this.encryptor.isEncryptionAvailable();
  }

  async remember(account: TeamAccount, password: string): Promise<void> {
    if (!this.encryptor) throw new ServiceError(SESSION_ONLY);
    if (!this.encryptor.isEncryptionAvailable()) throw new ServiceError(NO_KEYCHAIN);
    const stored = await this.read();
    stored.passwords[accountKey(account)] = this.encryptor.encryptString(password).toString('base64');
    await writeFileAtomically(this.file, JSON.stringify(stored));
  }

  /** The remembered password, or null when none is kept (or the keychain can no longer decrypt it). */
  async recall(account: TeamAccount): Promise<string | null> {
    if (!this.available()) return null;
    const cipher = (await this.read()).passwords[accountKey(account)];
    if (cipher === undefined) return null;
    try {
      return this.encryptor!.decryptString(Buffer.from(cipher, 'base64'));
    } catch {
      // Another user's or another computer's keychain: as if nothing were kept; the analyst enters it again.
      return null;
    }
  }

  async forget(account: TeamAccount): Promise<boolean> {
    const stored = await this.read();
    const key = accountKey(account);
    if (!(key in stored.passwords)) return false;
    delete stored.passwords[key];
    if (Object.keys(stored.passwords).length === 0) await rm(this.file, { force: true });
    else await writeFileAtomically(this.file, JSON.stringify(stored));
    return true;
  }

  private async read(): Promise<PasswordFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { version: 1, passwords: {} };
    }
    try {
      const parsed = PasswordFile.parse(JSON.parse(text));
      // A plain object without a prototype: account keys come from the analyst's input.
      return { version: 1, passwords: Object.assign(Object.create(null) as Record<string, string>, parsed.passwords) };
    } catch {
      // A damaged file holds nothing usable; it is replaced by the next password remembered.
      return { version: 1, passwords: Object.create(null) as Record<string, string> };
    }
  }
}

/** One password per server address, database and user name. */
function accountKey(account: TeamAccount): string {
  return JSON.stringify([account.url.replace(/\/+$/, ''), account.database, account.user]);
}
