import type { PlannedOutcome } from '../../../shared/domain/text-change-plan';
import { t } from '../../i18n';

/** Counts of what a text change did (or will do) to a source's passages. */
export type OutcomeCounts = Record<PlannedOutcome, number>;

/** "1 passage stays in place", "3 passages stay in place" (ICU plurals, in the interface language). */
export const staysLine = (count: number): string => t('textChange.stays', { count });
/** "1 passage moved", "2 passages moved". */
export const movedLine = (count: number): string => t('textChange.moved', { count });
/** "1 passage cannot be found", "2 passages cannot be found". */
export const lostLine = (count: number): string => t('textChange.lost', { count });

/** The notice once a text change is saved: what moved or was lost, and where to confirm it. */
export function outcomeNotice(counts: OutcomeCounts, what: 'replaced' | 'corrected'): string {
  const saved = t(what === 'replaced' ? 'textChange.replaced' : 'textChange.corrected');
  const pending = counts.moves + counts.lost;
  if (pending === 0) return t('textChange.allInPlace', { saved });
  const parts = [
    counts.moves > 0 ? movedLine(counts.moves) : null,
    counts.lost > 0 ? lostLine(counts.lost) : null,
  ].filter(Boolean);
  return t('textChange.confirm', { saved, parts: parts.join(t('textChange.and')), pending });
}

/** From the write's counts (anchored / drifted / orphaned) to the words the analyst reads. */
export function outcomeCounts(counts: { anchored: number; drifted: number; orphaned: number }): OutcomeCounts {
  return { stays: counts.anchored, moves: counts.drifted, lost: counts.orphaned };
}
