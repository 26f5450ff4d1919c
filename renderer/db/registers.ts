import type { Threat, Register } from '../../shared/domain/threat';
import { t as translate } from '../i18n';

/**
 * A new threat with neutral, valid defaults, ready to be filled in. It is not yet rated unless the
 * fields give a likelihood and impact: a default rating would read as the analyst's judgment. Its
 * `score` is not set here: the change set derives it from likelihood × impact (`threats.create`).
 */
export function blankThreat(
  register: Register,
  fields: Partial<Threat> = {},
  at: string = new Date().toISOString(),
): Omit<Threat, 'score'> {
  const { score: _score, ...given } = fields;
  return {
    id: crypto.randomUUID(),
    registerId: register.id,
    title: translate('register.defaultThreatTitle'),
    description: '',
    category: 'other',
    actorIds: [],
    originCode: 'AF',
    countryCodes: [],
    trend: 'stable',
    confidence: 'low',
    status: 'active',
    indicators: [],
    mitigations: [],
    owner: '',
    lastReviewedOn: null,
    ...given,
    createdAt: at,
    updatedAt: at,
  };
}
