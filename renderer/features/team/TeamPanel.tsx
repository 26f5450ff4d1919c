import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Choice, Resolutions } from '../../../shared/interop/merge';
import { db } from '../../db';
import { useT } from '../../i18n';
import { workspace } from '../../workspace';
import { settleSyncConflict } from '../../workspace/commands/sync';
import { teamServerProblem } from '../../workspace/sync/couch';
import { ConflictList } from '../merge';
import { setLiveSync, syncNow } from './controller';
import { loadRememberedPassword } from './passwords';
import { useTeam } from './team-state';

/** Settings › Team: where the team's workspace is, connecting, syncing, and the conflicts to settle. */
export function TeamPanel() {
  const { address, password, connected, live, status, message, setAddress, setPassword, canRemember, remember } =
    useTeam();
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useLiveQuery(() => db.syncOutbox.count(), [], 0);
  useEffect(() => {
    // The password kept with the keychain for this address, if any (the desktop app only).
    void loadRememberedPassword().catch(() => useTeam.setState({ canRemember: false }));
  }, [address.url, address.database, address.user]);

  const connect = (publish: boolean) => {
    const found = teamServerProblem(address) ?? (address.user.trim() ? null : t('team.needUser'));
    setProblem(found);
    if (!found) void syncNow(publish);
  };

  return (
    <div className="team-panel">
      <form
        aria-labelledby="settings-team-title"
        onSubmit={(e) => {
          e.preventDefault();
          connect(false);
        }}
      >
        <h3 id="settings-team-title">{t('team.title')}</h3>
        <p className="muted">{t('team.intro')}</p>
        <div className="field">
          <label htmlFor="settings-team-url">{t('team.url')}</label>
          <input
            id="settings-team-url"
            type="url"
            placeholder="https://couch.institute.example:6984"
            value={address.url}
            onChange={(e) => (setAddress({ url: e.target.value.trim() }), setProblem(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-team-database">{t('team.database')}</label>
          <input
            id="settings-team-database"
            type="text"
            value={address.database}
            onChange={(e) => (setAddress({ database: e.target.value.trim() }), setProblem(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-team-user">{t('team.user')}</label>
          <input
            id="settings-team-user"
            type="text"
            autoComplete="username"
            value={address.user}
            onChange={(e) => (setAddress({ user: e.target.value.trim() }), setProblem(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-team-password">{t('team.password')}</label>
          <input
            id="settings-team-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {canRemember ? (
          <div className="field team-remember">
            <label>
              <input
                type="checkbox"
                checked={remember}
                aria-describedby="settings-team-remember-help"
                onChange={(e) => useTeam.setState({ remember: e.target.checked })}
              />{' '}
              {t('team.remember')}
            </label>
            <p id="settings-team-remember-help" className="muted">
              {t('team.rememberHelp')}
            </p>
          </div>
        ) : canRemember === false ? (
          <p className="muted team-remember">{t('team.sessionOnly')}</p>
        ) : null}
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions team-actions">
          <button type="submit" disabled={status === 'syncing'}>
            {t('team.connect')}
          </button>
          <button type="button" disabled={status === 'syncing'} onClick={() => connect(true)}>
            {t('team.publish')}
          </button>
          <button type="button" disabled={!connected || status === 'syncing'} onClick={() => void syncNow()}>
            {t('team.syncNow')}
          </button>
          <label className="team-live">
            <input
              type="checkbox"
              checked={live}
              disabled={!connected}
              onChange={(e) => setLiveSync(e.target.checked)}
            />{' '}
            {t('team.live')}
          </label>
        </div>
        <p className="team-message" role="status" aria-live="polite">
          {message || (pending > 0 ? t('team.pending', { count: pending }) : '')}
        </p>
      </form>
      <TeamConflicts onSettled={() => (connected ? void syncNow() : undefined)} />
    </div>
  );
}

function TeamConflicts({ onSettled }: { onSettled: () => void }) {
  const t = useT();
  const colleague = t('team.colleague');
  const held = useLiveQuery(() => db.syncConflicts.toArray(), []);
  const names = useLiveQuery(async () => {
    const map = new Map<string, string>();
    for (const t of await db.tags.toArray()) map.set(t.id, t.name);
    for (const a of await db.actors.toArray()) map.set(a.id, a.name);
    for (const t of await db.threats.toArray()) map.set(t.id, t.title);
    return map;
  }, []);
  const [resolutions, setResolutions] = useState<Resolutions>({});
  if (!held || !names || held.length === 0) return null;

  const choose = (conflictId: string, field: string, choice: Choice) =>
    setResolutions((r) => ({ ...r, [conflictId]: { ...r[conflictId], [field]: choice } }));
  const settle = async () => {
    for (const { docId, conflict } of held) {
      const choices = resolutions[docId];
      if (!choices || conflict.fields.some((f) => !choices[f.field])) continue;
      await workspace.attempt(settleSyncConflict, { docId, choices, colleague });
    }
    onSettled();
  };
  const ready = held.filter(({ docId, conflict }) => conflict.fields.every((f) => resolutions[docId]?.[f.field]));

  return (
    <section aria-labelledby="team-conflicts-title" className="team-conflicts">
      <h3 id="team-conflicts-title">{t('team.conflictsTitle', { count: held.length })}</h3>
      <p className="muted">{t('team.conflictsIntro')}</p>
      <ConflictList
        conflicts={held.map((h) => h.conflict)}
        resolutions={resolutions}
        colleague={colleague}
        names={names}
        onChoose={choose}
      />
      <div className="dialog-actions">
        <button type="button" disabled={ready.length === 0} onClick={() => void settle()}>
          {t('team.settle', { count: ready.length })}
        </button>
      </div>
    </section>
  );
}
