import { bandOf, DEFAULT_SCALE, type Band } from '../../shared/domain/scoring';
import type { Register, Threat } from '../../shared/domain/threat';

/** The fields of a threat an edit may change (`threats.update`); the score follows likelihood and impact. */
export type ThreatPatch = Partial<Omit<Threat, 'id' | 'registerId' | 'score' | 'createdAt' | 'updatedAt'>>;

/** The threat's band on its register's scale, or null while it is not yet rated. */
export function threatBand(threat: Threat, register: Register | undefined): Band | null {
  return threat.score === undefined ? null : bandOf(threat.score, register?.scale.bands ?? DEFAULT_SCALE.bands);
}
