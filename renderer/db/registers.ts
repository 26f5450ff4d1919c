import { Register, Threat, type RiskScale } from '../../shared/domain/threat';
import { DEFAULT_SCALE, riskScore } from '../../shared/domain/scoring';
import type { Annotation } from '../../shared/domain/annotation';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';
import { overrideId, type ExposureOverride } from '../../shared/domain/exposure';

export async function createRegister(db: WorkbenchDatabase, name: string): Promise<Register> {
  const now = new Date().toISOString();
  const register = Register.parse({ id: crypto.randomUUID(), name: name.trim() || 'New register', description: '', scope: '', scale: DEFAULT_SCALE, archived: false, createdAt: now, updatedAt: now });
  await db.registers.add(register);
  return register;
}

export type RegisterPatch = Partial<Pick<Register, 'name' | 'description' | 'scope' | 'scale' | 'archived'>>;

/**
 * Edits a register. A new scale is refused while threats are rated above its levels, and band
 * thresholds must rise and fit the matrix: the heat map and bands follow whatever is saved.
 */
export async function updateRegister(db: WorkbenchDatabase, id: string, patch: RegisterPatch): Promise<{ before: Register; after: Register }> {
  return db.transaction('rw', db.registers, db.threats, db.revisions, async () => {
    const before = await db.registers.get(id);
    if (!before) throw new Error('That register no longer exists.');
    if (patch.name !== undefined && !patch.name.trim()) throw new Error('A register needs a name.');
    if (patch.scale) checkScale(patch.scale, await db.threats.where('registerId').equals(id).toArray());
    const now = new Date().toISOString();
    const after = Register.parse({ ...before, ...patch, name: (patch.name ?? before.name).trim(), updatedAt: now });
    await db.registers.put(after);
    await db.revisions.bulkAdd(revisionsBetween('register', id, before, after, ['name', 'description', 'scope', 'scale', 'archived'], now));
    return { before, after };
  });
}

function checkScale(scale: RiskScale, threats: Threat[]): void {
  const max = scale.levels * scale.levels;
  if (scale.bands.critical > max) throw new Error(`The critical band starts at ${scale.bands.critical}, above the highest score of a ${scale.levels}×${scale.levels} matrix (${max}).`);
  const above = threats.filter((t) => t.likelihood > scale.levels || t.impact > scale.levels);
  if (above.length > 0) {
    throw new Error(`${above.length} threat${above.length === 1 ? ' is' : 's are'} rated above ${scale.levels} (e.g. “${above[0]!.title}”). Lower those ratings first, or keep more levels.`);
  }
}

/** Copies a register with all its threats; the copies keep their evidence (the passages link to both). */
export async function duplicateRegister(db: WorkbenchDatabase, id: string): Promise<Register> {
  return db.transaction('rw', [db.registers, db.threats, db.annotations, db.exposureOverrides], async () => {
    const source = await db.registers.get(id);
    if (!source) throw new Error('That register no longer exists.');
    const now = new Date().toISOString();
    const copy: Register = { ...source, id: crypto.randomUUID(), name: `${source.name} (copy)`, archived: false, createdAt: now, updatedAt: now };
    await db.registers.add(copy);
    const threats = await db.threats.where('registerId').equals(id).toArray();
    const idMap = new Map(threats.map((t) => [t.id, crypto.randomUUID()]));
    await db.threats.bulkAdd(threats.map((t) => ({ ...t, id: idMap.get(t.id)!, registerId: copy.id, createdAt: now, updatedAt: now })));
    await db.annotations.where('threatIds').anyOf([...idMap.keys()]).modify((a: Annotation) => {
      a.threatIds = [...new Set([...a.threatIds, ...a.threatIds.flatMap((t) => (idMap.has(t) ? [idMap.get(t)!] : []))])];
    });
    // The copy's threats bear on each country as the originals do, so their per-country ratings come along.
    const overrides = await db.exposureOverrides.where('threatId').anyOf([...idMap.keys()]).toArray();
    await db.exposureOverrides.bulkAdd(
      overrides.map((o) => {
        const threatId = idMap.get(o.threatId)!;
        return { ...o, id: overrideId(o.countryCode, threatId), threatId, createdAt: now, updatedAt: now };
      }),
    );
    return copy;
  });
}

/** A new threat with neutral, valid defaults, ready to be filled in. */
export function blankThreat(register: Register, fields: Partial<Threat> = {}): Threat {
  const now = new Date().toISOString();
  const middle = Math.ceil(register.scale.levels / 2);
  const likelihood = fields.likelihood ?? middle;
  const impact = fields.impact ?? middle;
  return Threat.parse({
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
    ...fields,
    likelihood,
    impact,
    score: riskScore(likelihood, impact),
    createdAt: now,
    updatedAt: now,
  });
}

export async function addThreat(db: WorkbenchDatabase, register: Register, fields: Partial<Threat> = {}): Promise<Threat> {
  const threat = blankThreat(register, fields);
  await db.threats.add(threat);
  return threat;
}

export async function duplicateThreat(db: WorkbenchDatabase, id: string): Promise<Threat> {
  const original = await db.threats.get(id);
  if (!original) throw new Error('That threat no longer exists.');
  const now = new Date().toISOString();
  const copy = { ...original, id: crypto.randomUUID(), title: `${original.title} (copy)`, createdAt: now, updatedAt: now };
  await db.threats.add(copy);
  return copy;
}

/** What deleting threats removed (the threats, their ids in passages, their per-country ratings), for undo. */
export interface ThreatsSnapshot {
  threats: Threat[];
  annotations: Annotation[];
  overrides: ExposureOverride[];
}

export async function deleteThreats(db: WorkbenchDatabase, ids: string[]): Promise<ThreatsSnapshot> {
  return db.transaction('rw', [db.threats, db.annotations, db.exposureOverrides], async () => {
    const threats = (await db.threats.bulkGet(ids)).filter((t): t is Threat => t !== undefined);
    const annotations = await db.annotations.where('threatIds').anyOf(ids).distinct().toArray();
    const overrides = await db.exposureOverrides.where('threatId').anyOf(ids).toArray();
    await db.annotations.where('threatIds').anyOf(ids).modify((a: Annotation) => {
      a.threatIds = a.threatIds.filter((t) => !ids.includes(t));
    });
    await db.exposureOverrides.bulkDelete(overrides.map((o) => o.id));
    await db.threats.bulkDelete(ids);
    return { threats, annotations, overrides };
  });
}

export async function restoreThreats(db: WorkbenchDatabase, saved: ThreatsSnapshot): Promise<void> {
  await db.transaction('rw', [db.threats, db.annotations, db.exposureOverrides], async () => {
    await db.threats.bulkPut(saved.threats);
    await db.annotations.bulkPut(saved.annotations);
    await db.exposureOverrides.bulkPut(saved.overrides);
  });
}

/** Links or unlinks a passage as evidence for a threat. */
export async function setEvidence(db: WorkbenchDatabase, annotationId: string, threatId: string, linked: boolean): Promise<void> {
  await db.transaction('rw', db.annotations, db.revisions, async () => {
    const before = await db.annotations.get(annotationId);
    if (!before) throw new Error('That passage no longer exists.');
    const threatIds = linked ? [...new Set([...before.threatIds, threatId])] : before.threatIds.filter((t) => t !== threatId);
    const now = new Date().toISOString();
    const after = { ...before, threatIds, updatedAt: now };
    await db.annotations.put(after);
    await db.revisions.bulkAdd(revisionsBetween('annotation', annotationId, before, after, ['threatIds'], now));
  });
}
