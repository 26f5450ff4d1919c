import { describe, expect, it } from 'vitest';
import {
  affects,
  compareExposure,
  countryExposure,
  ExposureOverride,
  exposureFor,
  indexOverrides,
  makeOverride,
  overrideId,
  overrideProblem,
  threatExposure,
  type ExposureThreat,
} from '../../shared/domain/exposure';
import { DEFAULT_SCALE } from '../../shared/domain/scoring';
import type { RiskScale } from '../../shared/domain/threat';

const NOW = '2025-03-01T10:00:00.000Z';
let next = 0;
function threat(fields: Partial<ExposureThreat>): ExposureThreat {
  next++;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    title: `Threat ${next}`,
    category: 'terrorism',
    countryCodes: ['KZ', 'UZ'],
    likelihood: 3,
    impact: 3,
    trend: 'stable',
    status: 'active',
    ...fields,
  };
}
const override = (
  countryCode: string,
  threatId: string,
  likelihood: number,
  impact: number,
  rationale = 'Downstream of the canal',
) => makeOverride(countryCode, threatId, { likelihood, impact, rationale }, DEFAULT_SCALE, NOW);

describe('exposure of a country', () => {
  const isis = threat({
    title: 'ISIS-K',
    category: 'terrorism',
    likelihood: 4,
    impact: 5,
    countryCodes: ['KZ', 'UZ', 'TJ'],
  });
  const imu = threat({ title: 'IMU', category: 'terrorism', likelihood: 2, impact: 3, countryCodes: ['UZ', 'TJ'] });
  const ja = threat({
    title: 'Jamaat Ansarullah',
    category: 'terrorism',
    likelihood: 3,
    impact: 3,
    countryCodes: ['TJ'],
  });
  const drugs = threat({
    title: 'Drugs',
    category: 'narcotics',
    likelihood: 3,
    impact: 4,
    countryCodes: ['KZ', 'UZ', 'TJ'],
  });
  const canal = threat({ title: 'Kosh-Tepa', category: 'water', likelihood: 4, impact: 5, countryCodes: ['UZ', 'TM'] });
  const threats = [isis, imu, ja, drugs, canal];
  const none = indexOverrides([]);

  it('is the highest score of the threats that affect it, per category and overall, banded on the register scale', () => {
    const uz = countryExposure('UZ', threats, none, DEFAULT_SCALE);
    expect(uz.byCategory.terrorism).toMatchObject({ score: 20, band: 'critical', overridden: false, baseScore: 20 });
    expect(uz.byCategory.terrorism.threats.map((e) => e.threat.title)).toEqual(['ISIS-K', 'IMU']);
    expect(uz.byCategory.narcotics).toMatchObject({ score: 12, band: 'high' });
    expect(uz.byCategory.water).toMatchObject({ score: 20, band: 'critical' });
    expect(uz.byCategory.migration).toMatchObject({ score: null, band: null, threats: [] });
    expect(uz.overall.score).toBe(20);
    expect(uz.threats).toHaveLength(4);
    expect(exposureFor(uz, 'narcotics')).toBe(uz.byCategory.narcotics);
    expect(exposureFor(uz, 'all')).toBe(uz.overall);

    const kz = countryExposure('KZ', threats, none, DEFAULT_SCALE);
    expect(kz.byCategory.water.score).toBeNull();
    expect(kz.threats.map((e) => e.threat.title)).toEqual(['ISIS-K', 'Drugs']);
  });

  it('is not a sum: many minor threats never outrank one severe threat', () => {
    const minor = Array.from({ length: 6 }, () => threat({ likelihood: 1, impact: 3, countryCodes: ['KG'] }));
    const kg = countryExposure('KG', minor, none, DEFAULT_SCALE);
    expect(kg.overall).toMatchObject({ score: 3, band: 'low' });
    const severe = countryExposure(
      'TM',
      [threat({ likelihood: 3, impact: 5, countryCodes: ['TM'] })],
      none,
      DEFAULT_SCALE,
    );
    expect(compareExposure(severe.overall, kg.overall)).toBeLessThan(0);
  });

  it('ranks equal maxima by the next-worst threat, then by how many threats there are', () => {
    const uz = countryExposure('UZ', threats, none, DEFAULT_SCALE).byCategory.terrorism; // 20, 6
    const tj = countryExposure('TJ', threats, none, DEFAULT_SCALE).byCategory.terrorism; // 20, 9, 6
    const kz = countryExposure('KZ', threats, none, DEFAULT_SCALE).byCategory.terrorism; // 20
    const ordered = [kz, uz, tj].sort(compareExposure);
    expect(ordered).toEqual([tj, uz, kz]);
    const nothing = countryExposure('US', threats, none, DEFAULT_SCALE).byCategory.terrorism;
    expect(compareExposure(nothing, kz)).toBeGreaterThan(0);
    expect(compareExposure(kz, kz)).toBe(0);
  });

  it('leaves out closed threats but keeps mitigated ones (their residual rating)', () => {
    const closed = threat({ status: 'closed', likelihood: 5, impact: 5, countryCodes: ['KZ'] });
    const mitigated = threat({ status: 'mitigated', likelihood: 2, impact: 2, countryCodes: ['KZ'] });
    expect(affects(closed, 'KZ')).toBe(false);
    expect(affects(mitigated, 'KZ')).toBe(true);
    expect(countryExposure('KZ', [closed, mitigated], none, DEFAULT_SCALE).overall).toMatchObject({
      score: 4,
      band: 'medium',
    });
  });

  it('follows the register’s own scale and bands', () => {
    const scale: RiskScale = { levels: 4, bands: { medium: 3, high: 6, critical: 12 } };
    const t = threat({ likelihood: 3, impact: 3, countryCodes: ['TJ'] });
    expect(countryExposure('TJ', [t], none, scale).overall).toMatchObject({ score: 9, band: 'high' });
  });
});

describe('per-country overrides', () => {
  const canal = threat({
    title: 'Kosh-Tepa canal',
    category: 'water',
    likelihood: 3,
    impact: 4,
    countryCodes: ['UZ', 'TM', 'KZ'],
  });
  const migration = threat({
    title: 'Migration',
    category: 'migration',
    likelihood: 3,
    impact: 3,
    countryCodes: ['UZ', 'KZ'],
  });

  it('rate one threat differently for one country, shown as overridden with the register’s own rating beside it', () => {
    const overrides = indexOverrides([
      override('UZ', canal.id, 5, 5, 'Uzbekistan takes most of its irrigation water from the Amu Darya'),
    ]);
    const uz = threatExposure(canal, 'UZ', overrides, DEFAULT_SCALE)!;
    expect(uz).toMatchObject({
      likelihood: 5,
      impact: 5,
      score: 25,
      band: 'critical',
      base: { likelihood: 3, impact: 4, score: 12, band: 'high' },
    });
    expect(uz.override?.rationale).toBe('Uzbekistan takes most of its irrigation water from the Amu Darya');
    const water = countryExposure('UZ', [canal, migration], overrides, DEFAULT_SCALE).byCategory.water;
    expect(water).toMatchObject({ score: 25, band: 'critical', baseScore: 12, overridden: true, overrides: 1 });

    // Other countries keep the register's rating.
    const kz = countryExposure('KZ', [canal, migration], overrides, DEFAULT_SCALE);
    expect(kz.byCategory.water).toMatchObject({ score: 12, overridden: false, overrides: 0 });
    expect(threatExposure(canal, 'KZ', overrides, DEFAULT_SCALE)?.override).toBeNull();
  });

  it('can lower a threat, and the category shows another threat as the worst, still marked overridden', () => {
    const other = threat({ title: 'Glacier melt', category: 'water', likelihood: 2, impact: 4, countryCodes: ['KZ'] });
    const overrides = indexOverrides([override('KZ', canal.id, 1, 2, 'Kazakhstan is not on the Amu Darya')]);
    const water = countryExposure('KZ', [canal, other], overrides, DEFAULT_SCALE).byCategory.water;
    expect(water.threats.map((e) => [e.threat.title, e.score])).toEqual([
      ['Glacier melt', 8],
      ['Kosh-Tepa canal', 2],
    ]);
    expect(water).toMatchObject({ score: 8, baseScore: 12, overridden: true, overrides: 1 });
  });

  it('is ignored where the threat does not affect the country (kept, in case the country is added back)', () => {
    const overrides = indexOverrides([override('TJ', canal.id, 5, 5)]);
    expect(threatExposure(canal, 'TJ', overrides, DEFAULT_SCALE)).toBeNull();
    expect(countryExposure('TJ', [canal], overrides, DEFAULT_SCALE).overall.score).toBeNull();
    const withTj = { ...canal, countryCodes: [...canal.countryCodes, 'TJ'] };
    expect(threatExposure(withTj, 'TJ', overrides, DEFAULT_SCALE)?.score).toBe(25);
  });

  it('need a rationale and ratings on the register’s scale; a refused override is never built', () => {
    expect(overrideProblem({ likelihood: 5, impact: 5, rationale: '  ' }, DEFAULT_SCALE)).toMatch(/needs a rationale/);
    expect(overrideProblem({ likelihood: 6, impact: 2, rationale: 'x' }, DEFAULT_SCALE)).toMatch(
      /Likelihood must be a whole number from 1 to 5/,
    );
    expect(overrideProblem({ likelihood: 2, impact: 0, rationale: 'x' }, DEFAULT_SCALE)).toMatch(/Impact must be/);
    expect(overrideProblem({ likelihood: 2.5, impact: 2, rationale: 'x' }, DEFAULT_SCALE)).toMatch(/whole number/);
    expect(overrideProblem({ likelihood: 2, impact: 2, rationale: 'x'.repeat(5001) }, DEFAULT_SCALE)).toMatch(/5,000/);
    expect(
      overrideProblem(
        { likelihood: 7, impact: 7, rationale: 'Wide scale' },
        { levels: 7, bands: { medium: 5, high: 15, critical: 30 } },
      ),
    ).toBeNull();
    expect(() => makeOverride('UZ', canal.id, { likelihood: 5, impact: 5, rationale: '' }, DEFAULT_SCALE, NOW)).toThrow(
      /needs a rationale/,
    );
  });

  it('are keyed by country and threat, trim their rationale and keep when they were first made', () => {
    const first = makeOverride(
      'UZ',
      canal.id,
      { likelihood: 4, impact: 5, rationale: '  Flow down 15%  ' },
      DEFAULT_SCALE,
      NOW,
    );
    expect(first).toMatchObject({
      id: overrideId('UZ', canal.id),
      countryCode: 'UZ',
      threatId: canal.id,
      rationale: 'Flow down 15%',
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(first.id).toBe(`UZ:${canal.id}`);
    const later = makeOverride(
      'UZ',
      canal.id,
      { likelihood: 5, impact: 5, rationale: 'Flow down 25%' },
      DEFAULT_SCALE,
      '2025-04-01T10:00:00.000Z',
      first,
    );
    expect(later).toMatchObject({ createdAt: NOW, updatedAt: '2025-04-01T10:00:00.000Z', likelihood: 5 });
    expect(ExposureOverride.safeParse({ ...first, countryCode: 'uz' }).success).toBe(false);
  });
});
