import { bandOf, DEFAULT_SCALE, type Band } from '../../shared/domain/scoring';
import type { Register, Threat } from '../../shared/domain/threat';

/** The fields of a threat an edit may change (`threats.update`); the score follows likelihood and impact. */
export type ThreatPatch = Partial<Omit<Threat, 'id' | 'registerId' | 'score' | 'createdAt' | 'updatedAt'>>;

export function threatBand(threat: Threat, register: Register | undefined): Band {
  return bandOf(threat.score, register?.scale.bands ?? DEFAULT_SCALE.bands);
}
