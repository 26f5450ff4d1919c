import type { RecentExport } from '../../../shared/ipc/contract';
import { useWorkbench } from '../../stores';
import { formatDateTime } from '../../ui/format';
import { clearRecentExports, openRecentExport, showRecentExport, useRecentExports } from './recent-exports';
import { useT } from '../../i18n';
import './desktop.css';

/** The catalogue key of each kind of export's name. */
const KIND_LABEL: Record<RecentExport['kind'], string> = {
  briefing: 'recentExports.kind.briefing',
  csv: 'recentExports.kind.csv',
  stix: 'recentExports.kind.stix',
  annotations: 'recentExports.kind.annotations',
  backup: 'recentExports.kind.backup',
  other: 'recentExports.kind.other',
};

/** The last files exported from the workbench (any kind), to open again or show in their folder. */
export function RecentExportsList() {
  const t = useT();
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
        <h2 id="recent-exports-heading">{t('recentExports.title')}</h2>
        {recent && recent.length > 0 && (
          <button
            type="button"
            className="link"
            onClick={() => act(async () => (await clearRecentExports(), { message: t('recentExports.cleared') }))}
          >
            {t('imports.clear')}
          </button>
        )}
      </div>
      {recent && recent.length === 0 && <p className="muted small">{t('recentExports.none')}</p>}
      {recent && recent.length > 0 && (
        <ol aria-label={t('recentExports.title')}>
          {recent.map((r) => (
            <li key={r.id}>
              <span className="recent-export-name" dir="auto" title={`${r.folder}/${r.name}`}>
                {r.name}
              </span>
              <span className="recent-export-meta">
                {t(KIND_LABEL[r.kind])} · {formatDateTime(r.at)} · <span dir="auto">{r.folder}</span>
              </span>
              <span className="button-row">
                <button
                  type="button"
                  aria-label={t('recentExports.openOne', { name: r.name })}
                  onClick={() => act(() => openRecentExport(r.id))}
                >
                  {t('imports.open')}
                </button>
                <button
                  type="button"
                  aria-label={t('recentExports.showOne', { name: r.name })}
                  onClick={() => act(() => showRecentExport(r.id))}
                >
                  {t('reviewQueue.show')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
