import type { PlannedOutcome } from '../../../shared/domain/text-change-plan';

/** Counts of what a text change did (or will do) to a source's passages. */
export type OutcomeCounts = Record<PlannedOutcome, number>;

const noun = (count: number): string => (count === 1 ? '1 passage' : `${count} passages`);

/** "1 passage stays in place", "3 passages stay in place". */
export const staysLine = (count: number): string => `${noun(count)} ${count === 1 ? 'stays' : 'stay'} in place`;
/** "1 passage moved", "2 passages moved". */
export const movedLine = (count: number): string => `${noun(count)} moved`;
/** "1 passage cannot be found", "2 passages cannot be found". */
export const lostLine = (count: number): string => `${noun(count)} cannot be found`;

/** The notice once a text change is saved: what moved or was lost, and where to confirm it. */
export function outcomeNotice(counts: OutcomeCounts, what: 'replaced' | 'corrected'): string {
  const saved = what === 'replaced' ? 'The text was replaced' : 'The corrected text was saved';
  const pending = counts.moves + counts.lost;
  if (pending === 0) return `${saved}; every passage is still in place.`;
  const parts = [
    counts.moves > 0 ? movedLine(counts.moves) : null,
    counts.lost > 0 ? lostLine(counts.lost) : null,
  ].filter(Boolean);
  return `${saved}. ${parts.join(' and ')}: confirm ${pending === 1 ? 'it' : 'them'} under Review. Ctrl+Z takes the change back.`;
}

/** From the write's counts (anchored / drifted / orphaned) to the words the analyst reads. */
export function outcomeCounts(counts: { anchored: number; drifted: number; orphaned: number }): OutcomeCounts {
  return { stays: counts.anchored, moves: counts.drifted, lost: counts.orphaned };
}
