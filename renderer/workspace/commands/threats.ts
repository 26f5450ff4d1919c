import type { Annotation } from '../../../shared/domain/annotation';
import type { Register, Threat } from '../../../shared/domain/threat';
import type { CsvField, ThreatDraft } from '../../../shared/interop/register-csv';
import { blankThreat } from '../../db/registers';
import type { ThreatPatch } from '../../db/threats';
import { CommandRefusal, type ChangeSet } from '../change-set';
import { t as translate } from '../../i18n';
import { defineCommand } from '../workspace';

/** Built as the command runs, so it is said in the language the interface speaks then. */
const gone = () => translate('refusals.gone.threat');

/** A threat as the change set takes it: its `score` is derived there, from likelihood × impact, and nowhere else. */
function unscored(threat: Omit<Threat, 'score'> & { score?: number }): Threat {
  return threat as Threat;
}

/** Refuses a rating outside the register's scale (the grid and the forms cannot offer one; a stale window could). */
async function checkRatings(
  changes: ChangeSet,
  threat: Threat,
  rating: { likelihood?: number; impact?: number },
): Promise<void> {
  // A field edit without a rating has nothing to check: no read of the register in its transaction.
  if (rating.likelihood === undefined && rating.impact === undefined) return;
  const register = await changes.get('registers', threat.registerId);
  const levels = register?.scale.levels;
  if (!levels) return;
  for (const [field, value] of Object.entries(rating)) {
    if (value !== undefined && (value < 1 || value > levels)) {
      throw new CommandRefusal(
        translate('refusals.threats.offScale', { register: register.name, field, levels, value, title: threat.title }),
      );
    }
  }
}

/** A new threat in a register, with neutral defaults, ready to be named. */
export const createThreat = defineCommand({
  id: 'threats.create',
  label: () => translate('labels.addThreat'),
  run: async (changes, args: { registerId: string; fields?: Partial<Threat> }): Promise<Threat> => {
    const register = await changes.require('registers', args.registerId, translate('refusals.gone.register'));
    return changes.put('threats', unscored(blankThreat(register, args.fields, changes.at)));
  },
});

/** A copy of a threat in the same register (its evidence stays with the original). */
export const duplicateThreat = defineCommand({
  id: 'threats.duplicate',
  label: (_args: { id: string }, copy: Threat) =>
    translate('labels.duplicateThreat', { title: copy.title.replace(/ \(copy\)$/, '') }),
  run: async (changes, args: { id: string }): Promise<Threat> => {
    const original = await changes.require('threats', args.id, gone());
    return changes.put('threats', {
      ...original,
      id: crypto.randomUUID(),
      title: `${original.title} (copy)`.slice(0, 500),
      createdAt: changes.at,
      updatedAt: changes.at,
    });
  },
});

/** Edits fields of a threat; the grid and the inspector change its rating with `rateThreat` instead. */
export const updateThreat = defineCommand({
  id: 'threats.update',
  label: (_args: { id: string; patch: ThreatPatch; rationale?: string }, after: Threat) =>
    translate('labels.editThreat', { title: after.title }),
  rationale: (args) => args.rationale?.trim() || undefined,
  run: async (changes, args: { id: string; patch: ThreatPatch; rationale?: string }): Promise<Threat> => {
    const current = await changes.require('threats', args.id, gone());
    await checkRatings(changes, current, { likelihood: args.patch.likelihood, impact: args.patch.impact });
    return changes.put('threats', { ...current, ...args.patch });
  },
});

export interface RateThreatArgs {
  id: string;
  likelihood?: number;
  impact?: number;
  /** Why the assessment changed; recorded on the likelihood and impact revisions. */
  rationale?: string;
}

/** A new likelihood and/or impact, with the analyst's reason; the score and band follow. */
export const rateThreat = defineCommand({
  id: 'threats.rate',
  label: (_args: RateThreatArgs, after: Threat) => translate('labels.rateThreat', { title: after.title }),
  rationale: (args) => args.rationale?.trim() || undefined,
  run: async (changes, args: RateThreatArgs): Promise<Threat> => {
    const current = await changes.require('threats', args.id, gone());
    const rating = { likelihood: args.likelihood ?? current.likelihood, impact: args.impact ?? current.impact };
    await checkRatings(changes, current, rating);
    return changes.put('threats', { ...current, ...rating });
  },
});

/**
 * Deletes threats, with their links from passages and their per-country ratings; one step, so undo
 * puts all of it back exactly.
 */
export const deleteThreats = defineCommand({
  id: 'threats.delete',
  label: (_args: { ids: string[] }, removed: Threat[]) =>
    removed.length === 1
      ? translate('changes.deleteThreat', { title: removed[0]!.title })
      : translate('changes.deleteThreats', { count: removed.length }),
  run: async (changes, args: { ids: string[] }): Promise<Threat[]> => {
    const ids = new Set(args.ids);
    const linked: Annotation[] = await changes.db.annotations.where('threatIds').anyOf(args.ids).distinct().toArray();
    await changes.bulkPut(
      'annotations',
      linked.map((a) => ({ ...a, threatIds: a.threatIds.filter((t) => !ids.has(t)) })),
    );
    const overrides = await changes.db.exposureOverrides.where('threatId').anyOf(args.ids).primaryKeys();
    await changes.bulkDelete('exposureOverrides', overrides);
    const removed = await changes.bulkDelete('threats', args.ids);
    return removed.filter((t): t is Threat => t !== undefined);
  },
});

export interface EvidenceArgs {
  annotationId: string;
  threatId: string;
  /** True to link the passage as evidence for the threat, false to unlink it. */
  linked: boolean;
}

/** Links or unlinks a passage as evidence for a threat (the link lives on the passage's `threatIds`). */
export const linkEvidence = defineCommand({
  id: 'threats.linkEvidence',
  label: (args: EvidenceArgs) => translate(args.linked ? 'labels.linkPassage' : 'labels.unlinkPassage'),
  run: async (changes, args: EvidenceArgs): Promise<Annotation> => {
    const passage = await changes.require('annotations', args.annotationId, translate('refusals.gone.passage'));
    if (args.linked) await changes.require('threats', args.threatId, gone());
    const threatIds = args.linked
      ? [...new Set([...passage.threatIds, args.threatId])]
      : passage.threatIds.filter((t) => t !== args.threatId);
    return changes.put('annotations', { ...passage, threatIds });
  },
});

// ---------------------------------------------------------------------------------------------------
// CSV import

/** A rating an import changes on a threat that exists already. */
export interface RatingChange {
  id: string;
  title: string;
  field: 'likelihood' | 'impact';
  /** Absent while the threat is (or becomes) not yet rated. */
  before: number | undefined;
  after: number | undefined;
}

export interface CsvImportPlan {
  /** Every record the import writes (new threats and the existing ones it updates), score left to the change set. */
  records: Threat[];
  added: number;
  updated: number;
  /** The likelihoods and impacts of existing threats that change: these need the analyst's reason. */
  ratingChanges: RatingChange[];
}

const FIELD_OF: Partial<Record<CsvField, keyof Threat>> = {
  countries: 'countryCodes',
  actors: 'actorIds',
  origin: 'originCode',
};

/**
 * What importing the drafts into a register would write. A draft whose id names a threat of this
 * register updates it, and only in the columns the file has (the others stay as they are); any other
 * draft becomes a new threat. Pure: the dialog shows the rating changes with it before anything is written.
 */
export function planCsvImport(
  register: Pick<Register, 'id'>,
  existing: ReadonlyMap<string, Threat>,
  drafts: readonly ThreatDraft[],
  mappedFields: readonly CsvField[],
  at: string,
): CsvImportPlan {
  const keys = mappedFields
    .filter((f) => f !== 'id' && f !== 'score' && f !== 'band')
    .map((f) => FIELD_OF[f] ?? (f as keyof Threat));
  const ratingChanges: RatingChange[] = [];
  let added = 0;
  const records = drafts.map((draft) => {
    const previous = draft.id ? existing.get(draft.id) : undefined;
    if (!previous || previous.registerId !== register.id) {
      added++;
      const { id: _id, ...fields } = draft;
      return unscored({ ...fields, id: crypto.randomUUID(), registerId: register.id, createdAt: at, updatedAt: at });
    }
    const next = { ...previous, ...Object.fromEntries(keys.map((k) => [k, draft[k as keyof ThreatDraft]])) } as Threat;
    for (const field of ['likelihood', 'impact'] as const) {
      if (next[field] !== previous[field])
        ratingChanges.push({
          id: previous.id,
          title: previous.title,
          field,
          before: previous[field],
          after: next[field],
        });
    }
    return next;
  });
  return { records, added, updated: records.length - added, ratingChanges };
}

/** One rating change in words, e.g. “Kosh-Tepa canal” likelihood 3 → 4. */
export function describeRatingChange(change: RatingChange): string {
  const value = (n: number | undefined) => (n === undefined ? translate('register.notRated') : String(n));
  return translate('changes.ratingChange', {
    title: change.title,
    field: change.field,
    before: value(change.before),
    after: value(change.after),
  });
}

export interface ImportCsvArgs {
  registerId: string;
  /** The file's name, as the history says where the change came from. */
  fileName: string;
  drafts: ThreatDraft[];
  mappedFields: CsvField[];
  /** The analyst's reason: required when the import changes a rating of a threat the register already has. */
  rationale?: string;
}

export interface ImportCsvResult {
  added: number;
  updated: number;
  ratingChanges: RatingChange[];
}

/**
 * A CSV file's rows into a register as one change: one undo step, and every revision says
 * “Imported from <file>: <the analyst's reason>” (or “Imported from <file>.” when no reason was
 * needed and none given). Changing an existing threat's likelihood or impact is refused without a
 * reason, as a rating changed by hand asks for one.
 */
export const importCsv = defineCommand({
  id: 'threats.importCsv',
  label: (args: ImportCsvArgs) => translate('labels.importCsv', { name: args.fileName }),
  rationale: (args) =>
    args.rationale?.trim()
      ? translate('changes.importedFromBecause', { name: args.fileName, reason: args.rationale.trim() })
      : translate('changes.importedFromCsv', { name: args.fileName }),
  run: async (changes, args: ImportCsvArgs): Promise<ImportCsvResult> => {
    const register = await changes.require('registers', args.registerId, translate('refusals.gone.registerImport'));
    const ids = args.drafts.flatMap((d) => (d.id ? [d.id] : []));
    const found = (await changes.db.threats.bulkGet(ids)).filter(
      (t): t is Threat => t !== undefined && t.registerId === register.id,
    );
    const plan = planCsvImport(
      register,
      new Map(found.map((t) => [t.id, t])),
      args.drafts,
      args.mappedFields,
      changes.at,
    );
    if (plan.ratingChanges.length > 0 && !args.rationale?.trim()) {
      const n = plan.ratingChanges.length;
      throw new CommandRefusal(
        translate('changes.csvNeedsRationale', {
          name: args.fileName,
          count: n,
          first: `${describeRatingChange(plan.ratingChanges[0]!)}${n > 1 ? ', …' : ''}`,
        }),
      );
    }
    await changes.bulkPut('threats', plan.records);
    return { added: plan.added, updated: plan.updated, ratingChanges: plan.ratingChanges };
  },
});
