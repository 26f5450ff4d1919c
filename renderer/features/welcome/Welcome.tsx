import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useWorkbench, type View } from '../../stores';
import { workspace } from '../../workspace';
import { startEmptyWorkspace } from '../../workspace/commands/workspace-reset';
import { runCommand } from '../../workspace/user-commands';
import { isEmpty, useWorkspaceSummary, type WorkspaceSummary } from './useWorkspaceSummary';
import './welcome.css';
import { useFocusHold } from '../../ui/useFocusHold';
import { openModal } from '../../ui/open-modal';

/**
 * The welcome: shown on the first start (over the demo just written), and again from Help › Welcome or
 * the palette. It says what the demo holds, gives three first steps, and how to start an empty
 * workspace — which it asks about on a page of its own before doing it (one change, undoable).
 */
export function Welcome() {
  const page = useWorkbench((s) => s.welcome);
  const close = useWorkbench((s) => s.closeWelcome);
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, Boolean(page));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (page && !dialog.open) openModal(dialog);
    if (!page && dialog.open) dialog.close();
  }, [page]);

  return (
    <dialog ref={ref} className="dialog welcome" aria-labelledby="welcome-title" onClose={close}>
      {page === 'intro' && <Intro />}
      {page === 'start-empty' && <StartEmpty />}
    </dialog>
  );
}

/** The workspace's counts; the question before emptying leaves out the countries, which stay. */
function Counts({ summary, countries = true }: { summary: WorkspaceSummary; countries?: boolean }) {
  const t = useT();
  return (
    <ul className="welcome-counts">
      <li>{t('welcome.count.sources', { count: summary.sources })}</li>
      <li>{t('welcome.count.passages', { count: summary.passages })}</li>
      <li>{t('welcome.count.threats', { count: summary.threats })}</li>
      <li>{t('welcome.count.actors', { count: summary.actors })}</li>
      {countries && <li>{t('welcome.count.countries', { count: summary.countries })}</li>}
    </ul>
  );
}

function Intro() {
  const t = useT();
  const summary = useWorkspaceSummary();
  const navigate = useWorkbench((s) => s.navigate);
  const openWelcome = useWorkbench((s) => s.openWelcome);
  const close = useWorkbench((s) => s.closeWelcome);
  const go = (view: View) => (close(), navigate(view));
  // The demo's article is spoken of only while the workspace holds it; without it, the first step is
  // to open one of the analyst's own sources, or to import a first one.
  const demo = summary?.demoSource !== undefined;
  const read = demo ? 'body' : summary && summary.sources > 0 ? 'bodyOwn' : 'bodyFirst';
  const steps: { view: View; key: string; body: string }[] = [
    { view: 'sources', key: 'read', body: read },
    { view: 'register', key: 'rate', body: 'body' },
    { view: 'briefings', key: 'brief', body: 'body' },
  ];
  return (
    <>
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p>{t('welcome.lead')}</p>
      <section aria-labelledby="welcome-demo">
        {/* "What the demo holds" while the workspace is the demo; the analyst's own sources beside it make it theirs. */}
        <h3 id="welcome-demo">
          {t(summary?.demoSource && summary.sources === 1 ? 'welcome.demoTitle' : 'welcome.holdsTitle')}
        </h3>
        {summary && !isEmpty(summary) ? (
          <>
            <p dir="auto">
              {summary.demoSource
                ? t('welcome.demoBody', { source: summary.demoSource, register: summary.demoRegister ?? '—' })
                : t('welcome.demoBodyPlain')}
            </p>
            <Counts summary={summary} />
          </>
        ) : (
          <p>{t('welcome.emptyNow')}</p>
        )}
      </section>
      <section aria-labelledby="welcome-steps">
        <h3 id="welcome-steps">{t('welcome.stepsTitle')}</h3>
        <ol className="welcome-steps">
          {steps.map((s) => (
            <li key={s.key}>
              <p>
                <strong>{t(`welcome.steps.${s.key}.title`)}</strong> {t(`welcome.steps.${s.key}.${s.body}`)}
              </p>
              <button type="button" onClick={() => go(s.view)}>
                {t(`welcome.steps.${s.key}.go`)}
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="welcome-own">
        <h3 id="welcome-own">{t('welcome.ownTitle')}</h3>
        <p>{t(demo ? 'welcome.ownBody' : 'welcome.ownBodyPlain')}</p>
        <div className="button-row">
          <button type="button" onClick={() => openWelcome('start-empty')}>
            {t('welcome.startEmpty')}
          </button>
          <button type="button" onClick={() => (close(), void runCommand('import'))}>
            {t('welcome.import')}
          </button>
        </div>
      </section>
      <p className="muted small">{t('welcome.reopen')}</p>
      <div className="dialog-actions">
        <button type="button" className="primary" data-autofocus autoFocus onClick={close}>
          {t('welcome.begin')}
        </button>
      </div>
    </>
  );
}

function StartEmpty() {
  const t = useT();
  const summary = useWorkspaceSummary();
  const close = useWorkbench((s) => s.closeWelcome);
  const openWelcome = useWorkbench((s) => s.openWelcome);
  const navigate = useWorkbench((s) => s.navigate);
  const notify = useWorkbench((s) => s.notify);
  const [busy, setBusy] = useState(false);

  const empty = async () => {
    setBusy(true);
    const done = await workspace.attempt(startEmptyWorkspace, undefined);
    setBusy(false);
    if (!done) return;
    close();
    navigate('sources');
    notify('info', t('welcome.emptied'), { label: t('commands.undo'), run: () => void workspace.undo() });
  };

  return (
    <>
      <h2 id="welcome-title">{t('welcome.confirmTitle')}</h2>
      {summary && isEmpty(summary) ? (
        <p>{t('welcome.alreadyEmpty')}</p>
      ) : (
        <>
          <p>{t('welcome.confirmBody')}</p>
          {summary && <Counts summary={summary} countries={false} />}
          <p className="muted">{t('welcome.confirmUndo')}</p>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void runCommand('workspace:backup')}>
          {t('welcome.backupFirst')}
        </button>
        <button type="button" onClick={() => openWelcome('intro')}>
          {t('welcome.back')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || summary === undefined || isEmpty(summary)}
          onClick={() => void empty()}
        >
          {t('welcome.confirmEmpty')}
        </button>
      </div>
    </>
  );
}
