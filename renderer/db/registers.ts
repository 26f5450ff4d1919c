import type { Threat, Register } from '../../shared/domain/threat';

/**
 * A new threat with neutral, valid defaults, ready to be filled in. Its `score` is not set here: the
 * change set derives it from likelihood × impact when the threat is written (`threats.create`).
 */
export function blankThreat(
  register: Register,
  fields: Partial<Threat> = {},
  at: string = new Date().toISOString(),
): Omit<Threat, 'score'> {
  const middle = Math.ceil(register.scale.levels / 2);
  const { score: _score, ...given } = fields;
  return {
    id: crypto.randomUUID(),
    registerId: register.id,
    title: 'New threat',
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
    likelihood: fields.likelihood ?? middle,
    impact: fields.impact ?? middle,
    createdAt: at,
    updatedAt: at,
  };
}
