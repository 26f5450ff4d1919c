import { useEffect } from 'react';
import { ActorsView } from '../features/actors/ActorsView';
import { Backups } from '../features/backup/Backups';
import { BriefingsView } from '../features/briefings/BriefingsView';
import { CountriesView } from '../features/countries/CountriesView';
import { RegisterView } from '../features/register/RegisterView';
import { SourcesView } from '../features/sources/SourcesView';
import { PassagesView } from '../features/passages/PassagesView';
import { registerMergeHandler } from '../features/backup/backup-actions';
import { MergeDialog, startMerge } from '../features/merge';
import { SearchView } from '../features/search/SearchView';
import { DiscardPrompt } from '../features/desktop/DiscardPrompt';
import { ShortcutSheet } from '../features/desktop/ShortcutSheet';
import { confirmLeave } from '../features/common/useUnsavedGuard';
import { setLeaveGuard, useViewCommand } from '../workspace/user-commands';
import { useWorkbench } from '../stores';
import { AboutDialog } from './AboutDialog';
import { DropZone } from './DropZone';
import { ErrorBoundary } from './ErrorBoundary';
import { openErrorLog } from './error-reporting';
import { Notices } from './Notices';
import { Palette } from './Palette';
import { Rail } from './Rail';
import { StatusBar } from './StatusBar';
import { useShortcuts } from './useShortcuts';
import { useStartup } from './useStartup';

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
  const view = useWorkbench((s) => s.view);
  return (
    <ErrorBoundary key={view} view={view} label={view.charAt(0).toUpperCase() + view.slice(1)}>
      <CurrentView />
    </ErrorBoundary>
  );
}

export function App() {
  const { startup, retry } = useStartup();
  useShortcuts();
  // Help › Open Error Log is main's own; the palette's command is answered here, where errors are reported.
  useViewCommand('open-error-log', () => void openErrorLog());
  // The Backups dialog offers "Merge a colleague's backup…" once the merge feature takes checked backups.
  useEffect(() => registerMergeHandler((snapshot, file) => startMerge(snapshot, undefined, file)), []);

  if (startup.phase === 'starting') {
    return (
      <div className="splash" role="status">
        Opening the workspace…
        <Notices />
      </div>
    );
  }
  if (startup.phase === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>The workspace could not be opened</h1>
        <p>{startup.message}</p>
        <button type="button" onClick={retry}>
          Try again
        </button>
        <Notices />
      </div>
    );
  }
  return (
    <div className="frame">
      <Rail />
      <main className="work">
        <GuardedView />
      </main>
      <StatusBar info={startup.info} />
      <Notices />
      <AboutDialog info={startup.info} />
      <DropZone />
      <Palette />
      <MergeDialog />
      <Backups dataFolder={startup.info.dataFolder} />
      <ShortcutSheet />
      <DiscardPrompt />
    </div>
  );
}
