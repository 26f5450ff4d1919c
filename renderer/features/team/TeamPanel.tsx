import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Choice, Resolutions } from '../../../shared/interop/merge';
import { db } from '../../db';
import { workspace } from '../../workspace';
import { settleSyncConflict } from '../../workspace/commands/sync';
import { teamServerProblem } from '../../workspace/sync/couch';
import { ConflictList } from '../merge';
import { setLiveSync, syncNow } from './controller';
import { useTeam } from './team-state';

const COLLEAGUE = 'the team';

/** Settings › Team: where the team's workspace is, connecting, syncing, and the conflicts to settle. */
export function TeamPanel() {
  const { address, password, connected, live, status, message, setAddress, setPassword } = useTeam();
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useLiveQuery(() => db.syncOutbox.count(), [], 0);

  const connect = (publish: boolean) => {
    const found =
      teamServerProblem(address) ?? (address.user.trim() ? null : 'Enter your user name on the team server.');
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
        <h3 id="settings-team-title">Team sync</h3>
        <p className="muted">
          Share this workspace with your team through your institute’s CouchDB server. Changes are kept here first and
          sent only when you connect or sync; nothing is sent while sync is off. The password is kept for this session
          only.
        </p>
        <div className="field">
          <label htmlFor="settings-team-url">Server address</label>
          <input
            id="settings-team-url"
            type="url"
            placeholder="https://couch.institute.example:6984"
            value={address.url}
            onChange={(e) => (setAddress({ url: e.target.value.trim() }), setProblem(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-team-database">Database</label>
          <input
            id="settings-team-database"
            type="text"
            value={address.database}
            onChange={(e) => (setAddress({ database: e.target.value.trim() }), setProblem(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-team-user">User name</label>
          <input
            id="settings-team-user"
            type="text"
            autoComplete="username"
            value={address.user}
            onChange={(e) => (setAddress({ user: e.target.value.trim() }), setProblem(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="settings-team-password">Password</label>
          <input
            id="settings-team-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions team-actions">
          <button type="submit" disabled={status === 'syncing'}>
            Connect
          </button>
          <button type="button" disabled={status === 'syncing'} onClick={() => connect(true)}>
            Publish to a new database
          </button>
          <button type="button" disabled={!connected || status === 'syncing'} onClick={() => void syncNow()}>
            Sync now
          </button>
          <label className="team-live">
            <input
              type="checkbox"
              checked={live}
              disabled={!connected}
              onChange={(e) => setLiveSync(e.target.checked)}
            />{' '}
            Live sync
          </label>
        </div>
        <p className="team-message" role="status" aria-live="polite">
          {message || (pending > 0 ? `${pending} records changed here are waiting to be sent.` : '')}
        </p>
      </form>
      <TeamConflicts onSettled={() => (connected ? void syncNow() : undefined)} />
    </div>
  );
}

function TeamConflicts({ onSettled }: { onSettled: () => void }) {
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
      await workspace.attempt(settleSyncConflict, { docId, choices, colleague: COLLEAGUE });
    }
    onSettled();
  };
  const ready = held.filter(({ docId, conflict }) => conflict.fields.every((f) => resolutions[docId]?.[f.field]));

  return (
    <section aria-labelledby="team-conflicts-title" className="team-conflicts">
      <h3 id="team-conflicts-title">
        {held.length} {held.length === 1 ? 'conflict' : 'conflicts'} to settle
      </h3>
      <p className="muted">
        You and a colleague changed the same thing differently. Choose which to keep; what you settle is sent to the
        team.
      </p>
      <ConflictList
        conflicts={held.map((h) => h.conflict)}
        resolutions={resolutions}
        colleague={COLLEAGUE}
        names={names}
        onChoose={choose}
      />
      <div className="dialog-actions">
        <button type="button" disabled={ready.length === 0} onClick={() => void settle()}>
          Settle {ready.length > 0 ? ready.length : ''} {ready.length === 1 ? 'conflict' : 'conflicts'}
        </button>
      </div>
    </section>
  );
}
