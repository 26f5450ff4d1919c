import { bandOf, DEFAULT_SCALE, riskScore, type Band } from '../../shared/domain/scoring';
import { Threat, type Register } from '../../shared/domain/threat';
import type { WorkbenchDatabase } from './database';

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
    const changed = (Object.keys(patch) as (keyof ThreatPatch)[]).filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
    if (changed.length === 0) return current;
    await db.threats.put(next);
    await db.revisions.bulkAdd(
      changed.map((field) => ({
        id: crypto.randomUUID(),
        entity: 'threat' as const,
        entityId: id,
        field,
        before: current[field],
        after: next[field],
        at: now,
        ...(rationale ? { rationale } : {}),
      })),
    );
    return next;
  });
}

export function threatBand(threat: Threat, register: Register | undefined): Band {
  return bandOf(threat.score, register?.scale.bands ?? DEFAULT_SCALE.bands);
}
