import type { Annotation } from '../../../shared/domain/annotation';
import { overrideId, type ExposureOverride } from '../../../shared/domain/exposure';
import { DEFAULT_SCALE } from '../../../shared/domain/scoring';
import type { Register, RiskScale, Threat } from '../../../shared/domain/threat';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

const gone = () => translate('refusals.gone.register');

export type RegisterPatch = Partial<Pick<Register, 'name' | 'description' | 'scope' | 'scale' | 'archived'>>;

/** A new, empty register on the default 5×5 scale. */
export const createRegister = defineCommand({
  id: 'registers.create',
  label: (_args: { name: string }, register: Register) => translate('labels.createRegister', { name: register.name }),
  run: (changes, args: { name: string }): Promise<Register> =>
    changes.put('registers', {
      id: crypto.randomUUID(),
      name: args.name.trim() || translate('register.defaultRegisterName'),
      description: '',
      scope: '',
      scale: DEFAULT_SCALE,
      archived: false,
      createdAt: changes.at,
      updatedAt: changes.at,
    }),
});

/** A scale the register's threats do not fit is refused: the heat map and bands follow whatever is saved. */
function checkScale(scale: RiskScale, threats: Threat[]): void {
  const max = scale.levels * scale.levels;
  if (scale.bands.critical > max)
    throw new CommandRefusal(
      translate('refusals.registers.criticalAboveMatrix', {
        critical: scale.bands.critical,
        levels: scale.levels,
        max,
      }),
    );
  const above = threats.filter((t) => (t.likelihood ?? 0) > scale.levels || (t.impact ?? 0) > scale.levels);
  if (above.length > 0) {
    throw new CommandRefusal(
      translate('changes.ratedAbove', { count: above.length, levels: scale.levels, title: above[0]!.title }),
    );
  }
}

function registerLabel(patch: RegisterPatch, after: Register): string {
  const keys = Object.keys(patch);
  if (keys.length === 1 && patch.archived !== undefined)
    return translate(patch.archived ? 'labels.archiveRegister' : 'labels.restoreRegister', { name: after.name });
  return translate('labels.changeRegister', { name: after.name });
}

/** Edits a register's name, description, scope, scale and bands, or archives and restores it. */
export const updateRegister = defineCommand({
  id: 'registers.update',
  label: (args: { id: string; patch: RegisterPatch }, after: Register) => registerLabel(args.patch, after),
  run: async (changes, args: { id: string; patch: RegisterPatch }): Promise<Register> => {
    const before = await changes.require('registers', args.id, gone());
    const { patch } = args;
    if (patch.name !== undefined && !patch.name.trim())
      throw new CommandRefusal(translate('refusals.registers.needsName'));
    if (patch.scale) checkScale(patch.scale, await changes.db.threats.where('registerId').equals(args.id).toArray());
    return changes.put('registers', { ...before, ...patch, name: (patch.name ?? before.name).trim() });
  },
});

/**
 * Copies a register with all its threats, as one step. The copies keep their evidence (each passage
 * that supports an original now supports its copy too) and their per-country ratings.
 */
export const duplicateRegister = defineCommand({
  id: 'registers.duplicate',
  label: (_args: { id: string }, copy: Register) => translate('labels.duplicateRegister', { name: copy.name }),
  run: async (changes, args: { id: string }): Promise<Register> => {
    const source = await changes.require('registers', args.id, gone());
    const at = changes.at;
    const copy = await changes.put('registers', {
      ...source,
      id: crypto.randomUUID(),
      name: `${source.name} (copy)`.slice(0, 300),
      archived: false,
      createdAt: at,
      updatedAt: at,
    });
    const threats = await changes.db.threats.where('registerId').equals(args.id).toArray();
    const idMap = new Map(threats.map((t) => [t.id, crypto.randomUUID()]));
    await changes.bulkPut(
      'threats',
      threats.map((t) => ({ ...t, id: idMap.get(t.id)!, registerId: copy.id, createdAt: at, updatedAt: at })),
    );
    const originals = [...idMap.keys()];
    const passages: Annotation[] = await changes.db.annotations
      .where('threatIds')
      .anyOf(originals)
      .distinct()
      .toArray();
    await changes.bulkPut(
      'annotations',
      passages.map((a) => ({
        ...a,
        threatIds: [...new Set([...a.threatIds, ...a.threatIds.flatMap((t) => (idMap.has(t) ? [idMap.get(t)!] : []))])],
      })),
    );
    // The copy's threats bear on each country as the originals do, so their per-country ratings come along.
    const overrides: ExposureOverride[] = await changes.db.exposureOverrides
      .where('threatId')
      .anyOf(originals)
      .toArray();
    await changes.bulkPut(
      'exposureOverrides',
      overrides.map((o) => {
        const threatId = idMap.get(o.threatId)!;
        return { ...o, id: overrideId(o.countryCode, threatId), threatId, createdAt: at, updatedAt: at };
      }),
    );
    return copy;
  },
});
