import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db';
import { importLimit } from '../../db/settings';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { importLimitProblem, setImportLimit } from '../../workspace/commands/settings';
import { cancelAllImports, cancelImport } from './importing';
import { useT } from '../../i18n';

/** Progress and outcome of each file being imported, with the options that shape imports. */
export function ImportPanel() {
  const t = useT();
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
          {t('imports.keepWhole')}
        </label>
        <label className="inline-field">
          {t('imports.limit')}
          <input
            type="number"
            min={1}
            max={200}
            className="narrow"
            aria-label={t('imports.limitLabel')}
            value={limitDraft ?? (limit ? String(Math.round(limit / 1024 / 1024)) : '')}
            onChange={(e) => setLimitDraft(e.target.value)}
            onBlur={() => void commitLimit()}
            onKeyDown={(e) => e.key === 'Enter' && void commitLimit()}
          />
          {t('imports.mb')}
        </label>
      </div>
      {jobs.length > 0 && (
        <section aria-label={t('imports.list')} className="import-jobs">
          <header className="import-jobs-header">
            <progress max={jobs.length} value={finished} aria-label={t('imports.progress')} />
            <span>{t('imports.done', { done: finished, total: jobs.length })}</span>
            {open > 1 && (
              <button type="button" className="ghost" onClick={cancelAllImports}>
                {t('imports.cancelAll')}
              </button>
            )}
            {finished === jobs.length && (
              <button type="button" className="ghost" onClick={clear}>
                {t('imports.clear')}
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
                  {job.cancelRequested && job.state === 'importing'
                    ? t('imports.cancelling')
                    : t(`imports.state.${job.state}`)}
                  {(job.state === 'queued' || job.state === 'importing') && (
                    <button
                      type="button"
                      className="link job-cancel"
                      disabled={job.cancelRequested}
                      aria-label={t('imports.cancelOne', { name: job.name })}
                      onClick={() => cancelImport(job.id)}
                    >
                      {t('common.cancel')}
                    </button>
                  )}
                </span>
                {job.message && <span className="job-message">{job.message}</span>}
                {job.sourceId && (job.state === 'done' || job.state === 'duplicate') && (
                  <button type="button" className="link" onClick={() => selectSource(job.sourceId!)}>
                    {job.state === 'duplicate' ? t('imports.openExisting') : t('imports.open')}
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
