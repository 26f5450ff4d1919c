import type { MergeReport, TableReport } from '../../../shared/interop/merge';
import type { WorkspaceTableName } from '../../../shared/interop/workspace-snapshot';

const TABLE_NAMES: Record<WorkspaceTableName, string> = {
  sources: 'Sources',
  sourceTexts: 'Source texts',
  annotations: 'Passages',
  tags: 'Tags',
  registers: 'Registers',
  threats: 'Threats',
  actors: 'Actors',
  countries: 'Countries',
  briefings: 'Briefings',
  revisions: 'History entries',
  meta: 'Settings',
  views: 'Saved views',
  exposureOverrides: 'Country overrides',
};

const COLUMNS: { key: keyof TableReport; label: string; title: string }[] = [
  { key: 'added', label: 'Added', title: 'Records only they have, added to your workspace' },
  { key: 'updated', label: 'Updated', title: 'Records they changed and you did not (or in other fields)' },
  {
    key: 'mergedByName',
    label: 'Same name',
    title: 'Their tags and actors of the same name, and sources of the same file, merged into yours',
  },
  { key: 'conflicts', label: 'Conflicts', title: 'Records both of you changed differently: you choose below' },
  {
    key: 'keptDeleted',
    label: 'Kept deleted',
    title: 'Records you deleted that they still have, unchanged: not brought back',
  },
  { key: 'skipped', label: 'Skipped', title: 'Their records that belong to something not in your workspace' },
];

/** Per kind of record: what the merge adds, updates, merges by name, and leaves in conflict. */
export function MergeSummary({ report, caption }: { report: MergeReport; caption: string }) {
  const rows = (Object.entries(report.tables) as [WorkspaceTableName, TableReport][]).filter(([, r]) =>
    COLUMNS.some((c) => r[c.key] > 0),
  );
  if (rows.length === 0) return <p className="merge-nothing">Nothing to merge: both workspaces already agree.</p>;
  return (
    <table className="merge-summary">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Records</th>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              scope="col"
              title={
                c.key === 'conflicts' && report.resolved
                  ? 'Records both of you changed differently, settled as you chose'
                  : c.title
              }
            >
              {c.key === 'conflicts' && report.resolved ? 'Settled' : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([table, r]) => (
          <tr key={table}>
            <th scope="row">{TABLE_NAMES[table]}</th>
            {COLUMNS.map((c) => (
              <td
                key={c.key}
                className={r[c.key] === 0 ? 'merge-zero' : c.key === 'conflicts' ? 'merge-conflict-count' : undefined}
              >
                {r[c.key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
