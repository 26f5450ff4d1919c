import { useEffect } from 'react';
import { ActorsView } from '../features/actors';
import { Backups, registerMergeHandler } from '../features/backup';
import { BriefingsView } from '../features/briefings';
import { CountriesView } from '../features/countries';
import { RegisterView } from '../features/register';
import { SourcesView } from '../features/sources';
import { PassagesView } from '../features/passages';
import { MergeDialog, startMerge } from '../features/merge';
import { SearchView } from '../features/search';
import { SettingsDialog } from '../features/settings';
import { DiscardPrompt, Palette, ShortcutSheet } from '../features/desktop';
import { Interchange } from '../features/interchange';
import { Welcome, shouldWelcome } from '../features/welcome';
import { confirmLeave } from '../ui/useUnsavedGuard';
import { setLeaveGuard, useViewCommand } from '../workspace/user-commands';
import { useWorkbench } from '../stores';
import { AboutDialog } from './AboutDialog';
import { DropZone } from './DropZone';
import { ErrorBoundary } from './ErrorBoundary';
import { openErrorLog } from './error-reporting';
import { Notices } from './Notices';
import { Rail } from './Rail';
import { StatusBar } from './StatusBar';
import { useInterfaceLanguage } from './useInterfaceLanguage';
import { useMenuState } from './useMenuState';
import { useShortcuts } from './useShortcuts';
import { useStartup } from './useStartup';
import { focusViewHeading, useViewFocus } from './useViewFocus';
import { useLanguageSetting } from './useLanguageSetting';
import { useT } from '../i18n';

// Commands that take the analyst to another view ask about unsaved typed input first.
setLeaveGuard(confirmLeave);

function CurrentView() {
  const view = useWorkbench((s) => s.view);
  switch (view) {
    case 'sources':
      return <SourcesView />;
    case 'register':
      return <RegisterView />;
    case 'countries':
      return <CountriesView />;
    case 'briefings':
      return <BriefingsView />;
    case 'passages':
      return <PassagesView />;
    case 'search':
      return <SearchView />;
    case 'actors':
      return <ActorsView />;
  }
}

/** One error boundary per view: a view that fails is contained, reported and can be reloaded alone. */
function GuardedView() {
  const t = useT();
  const view = useWorkbench((s) => s.view);
  return (
    <ErrorBoundary key={view} view={view} label={t(`views.${view}`)}>
      <CurrentView />
    </ErrorBoundary>
  );
}

export function App() {
  const t = useT();
  useLanguageSetting();
  const { startup, retry } = useStartup();
  useShortcuts();
  useMenuState();
  useInterfaceLanguage();
  useViewFocus();
  // Help › Open Error Log is main's own; the palette's command is answered here, where errors are reported.
  useViewCommand('open-error-log', () => void openErrorLog());
  // The Backups dialog offers "Merge a colleague's backup…" once the merge feature takes checked backups.
  useEffect(() => registerMergeHandler((snapshot, file) => startMerge(snapshot, undefined, file)), []);
  // The first start here opens the welcome over the demo (Help › Welcome reopens it).
  const ready = startup.phase === 'ready';
  useEffect(() => {
    if (ready && shouldWelcome()) useWorkbench.getState().openWelcome('intro');
  }, [ready]);

  if (startup.phase === 'starting') {
    return (
      <div className="splash" role="status">
        {t('app.opening')}
        <Notices />
      </div>
    );
  }
  if (startup.phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>{t('app.openFailed')}</h1>
        <p>{startup.message}</p>
        <button type="button" onClick={retry}>
          {t('app.tryAgain')}
        </button>
        <Notices />
      </div>
    );
  }
  return (
    <div className="frame">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusViewHeading();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Rail />
      <main className="work" id="main">
        <GuardedView />
      </main>
      <StatusBar info={startup.info} />
      <Notices />
      <AboutDialog info={startup.info} />
      <SettingsDialog />
      <DropZone />
      <Palette />
      <MergeDialog />
      <Backups dataFolder={startup.info.dataFolder} />
      <ShortcutSheet />
      <DiscardPrompt />
      <Interchange />
      <Welcome />
    </div>
  );
}
