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
import { useT } from '../../i18n';
import { Composer } from './Composer';
import './briefings.css';

/**
 * Briefings: the list (new, open, duplicate, delete with undo), the composer of the open briefing, and
 * its live page-like preview built from the same document tree main writes as .docx.
 */
export function BriefingsView() {
  const t = useT();
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
    () => (briefings?.length ? true : t('briefings.nothingToExport')),
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
    notify('info', t('briefings.duplicated', { title: copy.title }));
    setOpenId(copy.id);
  };
  const remove = async (id: string) => {
    const removed = await workspace.attempt(deleteBriefing, id);
    if (!removed) return;
    notify('info', t('briefings.deleted', { title: removed.title }), {
      label: t('common.undo'),
      run: () => void workspace.undo(),
    });
    if (openId === id) setOpenId(null);
  };

  const newButton = (
    <button type="button" className="primary" onClick={() => void create().catch(() => undefined)}>
      {t('briefings.new')}
    </button>
  );

  if (briefings.length === 0) {
    return (
      <section className="pane" aria-labelledby="briefings-heading">
        <header className="pane-header">
          <h1 id="briefings-heading">{t('views.briefings')}</h1>
          {newButton}
        </header>
        <div className="empty empty-large">
          <p className="empty-title">{t('briefings.emptyTitle')}</p>
          <p className="muted">{t('briefings.emptyBody')}</p>
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
          <h1 id="briefings-heading">{t('views.briefings')}</h1>
          {newButton}
        </header>
        <ul className="item-list" aria-label={t('views.briefings')}>
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
                  <span>{b.marking || t('briefings.noMarking')}</span>
                  <span>{formatDate(b.date)}</span>
                  <span>{t('briefings.exportCount', { count: b.exports.length })}</span>
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
            <p className="empty-title">{t('briefings.openTitle')}</p>
            <p className="muted">{t('briefings.openBody')}</p>
          </div>
        </section>
      )}
    </div>
  );
}
