import type { WorkspaceTableName } from '../workspace-snapshot';
import { TABLE_RULES, type MergedTable } from './tables';
import type { MergeReport } from './types';

const plural = (n: number, noun: string): string => {
  if (n === 1) return `${n} ${noun}`;
  // "history entry" → "history entries"; "day" keeps its y.
  if (/[^aeiou]y$/.test(noun)) return `${n} ${noun.slice(0, -1)}ies`;
  return `${n} ${noun}${noun.endsWith('s') ? 'es' : 's'}`;
};

const NOUNS: Partial<Record<WorkspaceTableName, string>> = { sourceTexts: 'source text', revisions: 'history entry' };
const nounOf = (table: WorkspaceTableName): string => NOUNS[table] ?? TABLE_RULES[table as MergedTable]?.noun ?? table;

/** The merge report as plain text, one line per kind of record: for the notice and the clipboard. */
export function formatMergeReport(report: MergeReport): string {
  const lines = [`Merged the backup from ${report.colleague}.`];
  for (const [table, r] of Object.entries(report.tables) as [
    WorkspaceTableName,
    NonNullable<MergeReport['tables'][WorkspaceTableName]>,
  ][]) {
    const noun = nounOf(table);
    const parts = [
      r.added ? `${r.added} added` : '',
      r.updated ? `${r.updated} updated` : '',
      r.mergedByName ? `${r.mergedByName} merged with ${table === 'sources' ? 'the same file' : 'the same name'}` : '',
      r.conflicts
        ? report.resolved
          ? `${plural(r.conflicts, 'conflict')} settled`
          : `${r.conflicts} in conflict`
        : '',
      r.keptDeleted ? `${r.keptDeleted} kept deleted` : '',
      r.skipped ? `${r.skipped} skipped (what they belong to is not here)` : '',
    ].filter(Boolean);
    if (parts.length > 0) lines.push(`${capitalise(plural(2, noun).replace(/^2 /, ''))}: ${parts.join(', ')}.`);
  }
  const changed = Object.values(report.tables).some((r) => r.added + r.updated + r.conflicts > 0);
  if (!changed) lines.push('Nothing new: both workspaces already agree.');
  if (report.resolved && report.resolved.mine + report.resolved.theirs + report.resolved.both > 0) {
    const { mine, theirs, both } = report.resolved;
    lines.push(`Conflicting fields settled: ${mine} kept mine, ${theirs} took theirs, ${both} kept both.`);
  }
  return lines.join('\n');
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
