import type { Threat } from './threat';

/**
 * The order in which briefings list and number threats: highest score first, then higher likelihood,
 * then title, then id (so two exports of the same threats always agree). A briefing's T1 is the first;
 * unrated threats come after every rated one.
 */
export function compareThreatsForNumbering(
  a: Pick<Threat, 'score' | 'likelihood' | 'title' | 'id'>,
  b: Pick<Threat, 'score' | 'likelihood' | 'title' | 'id'>,
): number {
  return (
    (b.score ?? 0) - (a.score ?? 0) ||
    (b.likelihood ?? 0) - (a.likelihood ?? 0) ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

/** Threat id → its number (1 = T1) as a briefing of exactly these threats numbers them. */
export function threatNumbers(
  threats: readonly Pick<Threat, 'score' | 'likelihood' | 'title' | 'id'>[],
): Map<string, number> {
  return new Map([...threats].sort(compareThreatsForNumbering).map((t, i) => [t.id, i + 1]));
}
