import { t } from '../../i18n';
import { workbench } from '../../platform/workbench';
import { useTeam } from './team-state';

const account = () => {
  const { url, database, user } = useTeam.getState().address;
  return { url, database, user };
};
const complete = (a: ReturnType<typeof account>) => a.url !== '' && a.database !== '' && a.user !== '';

/**
 * The password with the OS keychain (desktop app, through main's `safeStorage`): asks main whether it can
 * keep one, and fills in the one kept for the address shown. The browser preview keeps it for the session.
 */
export async function loadRememberedPassword(): Promise<void> {
  const { available } = await workbench().teamPasswordKeeping();
  useTeam.setState({ canRemember: available });
  const where = account();
  if (!available || !complete(where) || useTeam.getState().password) return;
  const { password } = await workbench().recallTeamPassword(where);
  if (password !== null && !useTeam.getState().password)
    useTeam.setState({ password, remember: true, connected: false });
}

/** After a sync the server accepted: keeps the password if the analyst asked to; forgets it if not. */
export async function keepPasswordAsAsked(): Promise<string | null> {
  const { canRemember, remember, password } = useTeam.getState();
  if (!canRemember) return null;
  const where = account();
  if (!complete(where)) return null;
  try {
    if (remember && password) await workbench().rememberTeamPassword({ ...where, password });
    else await workbench().forgetTeamPassword(where);
    return null;
  } catch (error) {
    // Main's refusal is a sentence ("the keychain cannot encrypt…"); the sync itself went through.
    return t('team.rememberFailed', { reason: error instanceof Error ? error.message : String(error) });
  }
}
