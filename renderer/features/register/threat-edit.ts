import type { Threat } from '../../../shared/domain/threat';
import type { ThreatPatch } from '../../db/threats';
import { asWritten } from '../../workspace/change-set';

/**
 * A threat exactly as the edit's write will store it — the patch applied as `rateThreat` and
 * `updateThreat` apply it, its score worked out, stamped with the change's instant — so that reading
 * the stored record back finds it already shown and renders nothing.
 */
export function editedThreat(threat: Threat, { likelihood, impact, ...fields }: ThreatPatch, at: string): Threat {
  const rating =
    likelihood !== undefined || impact !== undefined
      ? { likelihood: likelihood ?? threat.likelihood, impact: impact ?? threat.impact }
      : {};
  return asWritten('threats', threat, { ...threat, ...rating, ...fields }, at);
}
