import { bandOf, DEFAULT_SCALE, riskScore, type Band } from '../../shared/domain/scoring';
import { Threat, type Register } from '../../shared/domain/threat';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';

export type ThreatPatch = Partial<Omit<Threat, 'id' | 'registerId' | 'score' | 'createdAt' | 'updatedAt'>>;

/**
 * Applies an edit to a threat and records one revision per changed field, in one transaction.
 * The patch is validated against the Threat schema first; an invalid edit changes nothing.
 */
export async function updateThreat(db: WorkbenchDatabase, id: string, patch: ThreatPatch, rationale?: string): Promise<Threat> {
  return db.transaction('rw', db.threats, db.revisions, async () => {
    const current = await db.threats.get(id);
    if (!current) throw new Error('That threat no longer exists; it may have been deleted in another window.');
    const now = new Date().toISOString();
    const merged = { ...current, ...patch };
    const next = Threat.parse({ ...merged, score: riskScore(merged.likelihood, merged.impact), updatedAt: now });
    const revisions = revisionsBetween('threat', id, current, next, Object.keys(patch) as (keyof ThreatPatch & string)[], now, rationale);
    if (revisions.length === 0) return current;
    await db.threats.put(next);
    await db.revisions.bulkAdd(revisions);
    return next;
  });
}

export function threatBand(threat: Threat, register: Register | undefined): Band {
  return bandOf(threat.score, register?.scale.bands ?? DEFAULT_SCALE.bands);
}
