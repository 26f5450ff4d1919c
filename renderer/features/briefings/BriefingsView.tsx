import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { db } from '../../db';
import { readBriefing } from '../../db/briefings';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { createBriefing, deleteBriefing, duplicateBriefing } from '../../workspace/commands/briefings';
import { formatDate } from '../../ui/format';
import { useViewCommand } from '../../workspace/user-commands';
import { focusWhenPresent, RecentExportsList } from '../desktop';
import { Composer } from './Composer';
import './briefings.css';

/**
 * Briefings: the list (new, open, duplicate, delete with undo), the composer of the open briefing, and
 * its live page-like preview built from the same document tree main writes as .docx.
 */
export function BriefingsView() {
  const records = useLiveQuery(() => db.briefings.orderBy('updatedAt').reverse().toArray());
  const briefings = useMemo(() => records?.map(readBriefing), [records]);
  // The open briefing lives in the store, so coming back from a jump (to a passage, a threat, a source) shows it again.
  const { openId, setOpenId } = useWorkbench(
    useShallow((s) => ({ openId: s.openBriefingId, setOpenId: s.openBriefing })),
  );
  // Export Briefing (menu, Ctrl+E): the open briefing, else the one edited last, opened first.
  const [exportAsk, setExportAsk] = useState<string | null>(null);
  const { notify } = useWorkbench(useShallow((s) => ({ notify: s.notify })));
  useViewCommand(
    'briefing:export',
    () => {
      const target = briefings?.find((b) => b.id === openId) ?? briefings?.[0];
      if (!target) return;
      setOpenId(target.id);
      setExportAsk(target.id);
    },
    briefings !== undefined,
    () =>
      briefings?.length ? true : 'There is no briefing to export yet. Start one with New briefing, then export it.',
  );
  if (!briefings) return null;
  const open = briefings.find((b) => b.id === openId);

  // Each is one command and one step for Ctrl+Z; a failure has been reported when `attempt` answers undefined.
  const create = async () => {
    const briefing = await workspace.attempt(createBriefing, {});
    if (!briefing) return;
    setOpenId(briefing.id);
    // The new briefing's title is where the analyst starts typing.
    focusWhenPresent('#briefing-title');
  };
  const duplicate = async (id: string) => {
    const copy = await workspace.attempt(duplicateBriefing, id);
    if (!copy) return;
    notify('info', `Duplicated as “${copy.title}”.`);
    setOpenId(copy.id);
  };
  const remove = async (id: string) => {
    const removed = await workspace.attempt(deleteBriefing, id);
    if (!removed) return;
    notify('info', `Deleted “${removed.title}”.`, { label: 'Undo', run: () => void workspace.undo() });
    if (openId === id) setOpenId(null);
  };

  const newButton = (
    <button type="button" className="primary" onClick={() => void create().catch(() => undefined)}>
      New briefing
    </button>
  );

  if (briefings.length === 0) {
    return (
      <section className="pane" aria-labelledby="briefings-heading">
        <header className="pane-header">
          <h1 id="briefings-heading">Briefings</h1>
          {newButton}
        </header>
        <div className="empty empty-large">
          <p className="empty-title">No briefings yet</p>
          <p className="muted">
            A briefing gathers key judgments, the threat register and the passages behind them into a Word document with
            footnoted citations. Briefings you compose are kept here, with the history of their exports.
          </p>
          {newButton}
        </div>
        <RecentExportsList />
      </section>
    );
  }

  return (
    <div className={open ? 'briefings-layout' : 'briefings-layout closed'}>
      <section className="pane briefing-list-pane" aria-labelledby="briefings-heading">
        <header className="pane-header">
          <h1 id="briefings-heading">Briefings</h1>
          {newButton}
        </header>
        <ul className="item-list" aria-label="Briefings">
          {briefings.map((b) => (
            <li key={b.id}>
              <button
                type="button"
                className="item briefing-item"
                aria-current={b.id === openId ? 'true' : undefined}
                onClick={() => setOpenId(b.id)}
              >
                <span className="item-title" dir="auto">
                  {b.title}
                </span>
                <span className="item-meta">
                  <span>{b.marking || 'no marking'}</span>
                  <span>{formatDate(b.date)}</span>
                  <span>
                    {b.exports.length} export{b.exports.length === 1 ? '' : 's'}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        <RecentExportsList />
      </section>
      {open ? (
        <Composer
          key={open.id}
          briefing={open}
          exportAsked={exportAsk === open.id}
          onExportAnswered={() => setExportAsk(null)}
          onDuplicate={() => void duplicate(open.id).catch(() => undefined)}
          onDelete={() => void remove(open.id).catch(() => undefined)}
        />
      ) : (
        <section className="pane briefing-placeholder">
          <div className="empty empty-large">
            <p className="empty-title">Open a briefing</p>
            <p className="muted">Choose a briefing on the left to compose it and see its pages, or start a new one.</p>
          </div>
        </section>
      )}
    </div>
  );
}
