import type { MergeReport, TableReport } from '../../../shared/interop/merge';
import type { WorkspaceTableName } from '../../../shared/interop/workspace-snapshot';
import { useT } from '../../i18n';
import { formatNumber } from '../../ui/format';

const COLUMNS: { key: keyof TableReport; label: string; title: string }[] = [
  { key: 'added', label: 'merge.col.added', title: 'merge.col.addedTitle' },
  { key: 'updated', label: 'merge.col.updated', title: 'merge.col.updatedTitle' },
  { key: 'mergedByName', label: 'merge.col.sameName', title: 'merge.col.sameNameTitle' },
  { key: 'conflicts', label: 'merge.col.conflicts', title: 'merge.col.conflictsTitle' },
  { key: 'keptDeleted', label: 'merge.col.keptDeleted', title: 'merge.col.keptDeletedTitle' },
  { key: 'skipped', label: 'merge.col.skipped', title: 'merge.col.skippedTitle' },
];

/** Per kind of record: what the merge adds, updates, merges by name, and leaves in conflict. */
export function MergeSummary({ report, caption }: { report: MergeReport; caption: string }) {
  const t = useT();
  const rows = (Object.entries(report.tables) as [WorkspaceTableName, TableReport][]).filter(([, r]) =>
    COLUMNS.some((c) => r[c.key] > 0),
  );
  if (rows.length === 0) return <p className="merge-nothing">{t('merge.nothing')}</p>;
  return (
    <table className="merge-summary">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('merge.records')}</th>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              scope="col"
              title={c.key === 'conflicts' && report.resolved ? t('merge.col.settledTitle') : t(c.title)}
            >
              {c.key === 'conflicts' && report.resolved ? t('merge.col.settled') : t(c.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([table, r]) => (
          <tr key={table}>
            <th scope="row">{t(`merge.tables.${table}`)}</th>
            {COLUMNS.map((c) => (
              <td
                key={c.key}
                className={r[c.key] === 0 ? 'merge-zero' : c.key === 'conflicts' ? 'merge-conflict-count' : undefined}
              >
                {formatNumber(r[c.key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
