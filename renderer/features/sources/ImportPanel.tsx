import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db';
import { importLimit, setImportLimit } from '../../db/settings';
import { useWorkbench } from '../../stores';

const STATE_TEXT = { queued: 'Waiting', importing: 'Importing…', done: 'Imported', duplicate: 'Already imported', failed: 'Not imported' } as const;

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

  const commitLimit = async () => {
    if (limitDraft === null) return;
    try {
      await setImportLimit(db, Math.round(Number(limitDraft) * 1024 * 1024));
    } catch (error) {
      notify('error', (error as Error).message);
    }
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
                <span className="job-state">{STATE_TEXT[job.state]}</span>
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
