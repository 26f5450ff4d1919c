import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db';
import { importLimit } from '../../db/settings';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { importLimitProblem, setImportLimit } from '../../workspace/commands/settings';
import { cancelAllImports, cancelImport } from './importing';

const STATE_TEXT = {
  queued: 'Waiting',
  importing: 'Importing…',
  done: 'Imported',
  duplicate: 'Already imported',
  failed: 'Not imported',
  cancelled: 'Cancelled',
} as const;

/** Progress and outcome of each file being imported, with the options that shape imports. */
export function ImportPanel() {
  const jobs = useWorkbench((s) => s.importJobs);
  const clear = useWorkbench((s) => s.clearImports);
  const selectSource = useWorkbench((s) => s.selectSource);
  const keepFullText = useWorkbench((s) => s.keepFullText);
  const setKeepFullText = useWorkbench((s) => s.setKeepFullText);
  const notify = useWorkbench((s) => s.notify);
  const limit = useLiveQuery(() => importLimit(db));
  const [limitDraft, setLimitDraft] = useState<string | null>(null);
  const finished = jobs.filter((j) => j.state !== 'queued' && j.state !== 'importing').length;
  const open = jobs.length - finished;

  const commitLimit = async () => {
    if (limitDraft === null) return;
    const bytes = Math.round(Number(limitDraft) * 1024 * 1024);
    const problem = importLimitProblem(bytes);
    if (problem) notify('error', problem);
    else await workspace.attempt(setImportLimit, bytes);
    setLimitDraft(null);
  };

  return (
    <div className="import-panel">
      <div className="import-options">
        <label className="inline-field">
          <input type="checkbox" checked={keepFullText} onChange={(e) => setKeepFullText(e.target.checked)} />
          Keep the whole page for web pages
        </label>
        <label className="inline-field">
          Limit
          <input
            type="number"
            min={1}
            max={200}
            className="narrow"
            aria-label="Import limit in megabytes"
            value={limitDraft ?? (limit ? String(Math.round(limit / 1024 / 1024)) : '')}
            onChange={(e) => setLimitDraft(e.target.value)}
            onBlur={() => void commitLimit()}
            onKeyDown={(e) => e.key === 'Enter' && void commitLimit()}
          />
          MB
        </label>
      </div>
      {jobs.length > 0 && (
        <section aria-label="Imports" className="import-jobs">
          <header className="import-jobs-header">
            <progress max={jobs.length} value={finished} aria-label="Import progress" />
            <span>
              {finished} of {jobs.length} done
            </span>
            {open > 1 && (
              <button type="button" className="ghost" onClick={cancelAllImports}>
                Cancel all
              </button>
            )}
            {finished === jobs.length && (
              <button type="button" className="ghost" onClick={clear}>
                Clear
              </button>
            )}
          </header>
          <ul>
            {jobs.map((job) => (
              <li key={job.id} className={`import-job job-${job.state}`}>
                <span className="job-name" title={job.name}>
                  {job.name}
                </span>
                <span className="job-state">
                  {job.cancelRequested && job.state === 'importing' ? 'Cancelling…' : STATE_TEXT[job.state]}
                  {(job.state === 'queued' || job.state === 'importing') && (
                    <button
                      type="button"
                      className="link job-cancel"
                      disabled={job.cancelRequested}
                      aria-label={`Cancel the import of ${job.name}`}
                      onClick={() => cancelImport(job.id)}
                    >
                      Cancel
                    </button>
                  )}
                </span>
                {job.message && <span className="job-message">{job.message}</span>}
                {job.sourceId && (job.state === 'done' || job.state === 'duplicate') && (
                  <button type="button" className="link" onClick={() => selectSource(job.sourceId!)}>
                    {job.state === 'duplicate' ? 'Open existing' : 'Open'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
