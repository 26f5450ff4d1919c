import type { RecentExport } from '../../../shared/ipc/contract';
import { useWorkbench } from '../../stores';
import { formatDateTime } from '../../ui/format';
import { clearRecentExports, openRecentExport, showRecentExport, useRecentExports } from './recent-exports';
import './desktop.css';

const KIND_LABEL: Record<RecentExport['kind'], string> = {
  briefing: 'Briefing',
  csv: 'Register CSV',
  stix: 'STIX bundle',
  annotations: 'W3C annotations',
  backup: 'Backup',
  other: 'Export',
};

/** The last files exported from the workbench (any kind), to open again or show in their folder. */
export function RecentExportsList() {
  const recent = useRecentExports();
  const notify = useWorkbench((s) => s.notify);
  const act = (run: () => Promise<{ message: string }>) =>
    void run().then(
      (outcome) => notify('info', outcome.message),
      (error: Error) => notify('error', error.message),
    );

  return (
    <section className="recent-exports" aria-labelledby="recent-exports-heading">
      <div className="recent-exports-header">
        <h2 id="recent-exports-heading">Recent exports</h2>
        {recent && recent.length > 0 && (
          <button
            type="button"
            className="link"
            onClick={() =>
              act(
                async () => (
                  await clearRecentExports(),
                  { message: 'Cleared the list of recent exports; the files are untouched.' }
                ),
              )
            }
          >
            Clear
          </button>
        )}
      </div>
      {recent && recent.length === 0 && (
        <p className="muted small">
          Nothing exported yet. Briefings, register CSV and STIX files, and annotation exports are listed here.
        </p>
      )}
      {recent && recent.length > 0 && (
        <ol aria-label="Recent exports">
          {recent.map((r) => (
            <li key={r.id}>
              <span className="recent-export-name" dir="auto" title={`${r.folder}/${r.name}`}>
                {r.name}
              </span>
              <span className="recent-export-meta">
                {KIND_LABEL[r.kind]} · {formatDateTime(r.at)} · <span dir="auto">{r.folder}</span>
              </span>
              <span className="button-row">
                <button type="button" aria-label={`Open ${r.name}`} onClick={() => act(() => openRecentExport(r.id))}>
                  Open
                </button>
                <button
                  type="button"
                  aria-label={`Show ${r.name} in its folder`}
                  onClick={() => act(() => showRecentExport(r.id))}
                >
                  Show
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
