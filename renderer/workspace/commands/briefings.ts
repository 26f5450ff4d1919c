import type { Briefing, BriefingExport, WarningOverride } from '../../../shared/domain/briefing';
import { BriefingTemplate, readTemplate } from '../../../shared/domain/briefing-template';
import { blankBriefing, BRIEFING_TEMPLATE_KEY, readBriefing } from '../../db/briefings';
import { CommandRefusal } from '../change-set';
import { t as translate } from '../../i18n';
import { defineCommand } from '../workspace';

const briefingGone = () => translate('refusals.gone.briefing');

/** A new briefing with every section on, every active register, and the more restrictive marking. */
export const createBriefing = defineCommand({
  id: 'briefings.create',
  label: () => translate('labels.createBriefing'),
  run: async (changes, fields: Partial<Briefing> = {}): Promise<Briefing> => {
    // A new briefing starts with the template's default marking.
    const template = readTemplate((await changes.get('meta', BRIEFING_TEMPLATE_KEY))?.value);
    return changes.put('briefings', {
      ...blankBriefing({ marking: template.defaultMarking, ...fields }),
      createdAt: changes.at,
      updatedAt: changes.at,
    });
  },
});

/**
 * Saves the composer's draft. A title left empty is refused: the document needs one. The export history
 * is main's record of what was written, so a stale draft never overwrites it.
 */
export const updateBriefing = defineCommand({
  id: 'briefings.update',
  label: (draft: Briefing) =>
    draft.title.trim()
      ? translate('labels.editBriefing', { title: draft.title.trim() })
      : translate('labels.editUntitledBriefing'),
  run: async (changes, draft: Briefing): Promise<Briefing> => {
    if (!draft.title.trim()) throw new CommandRefusal(translate('refusals.briefings.needsTitle'));
    const saved = await changes.require('briefings', draft.id, briefingGone());
    // The draft never carries the export history, the overrides or the choice of quotes: their own commands change them.
    const kept = readBriefing(saved);
    return changes.put('briefings', {
      ...draft,
      exports: saved.exports,
      warningOverrides: kept.warningOverrides,
      evidenceChoices: kept.evidenceChoices,
      createdAt: saved.createdAt,
    });
  },
});

/** Copies a briefing with its choices, judgments and recommendations; the copy has no exports yet. */
export const duplicateBriefing = defineCommand({
  id: 'briefings.duplicate',
  label: (_id: string, copy: Briefing) => translate('labels.duplicateBriefing', { title: copy.title }),
  run: async (changes, id: string): Promise<Briefing> => {
    const source = readBriefing(await changes.require('briefings', id, translate('refusals.gone.briefingCopied')));
    return changes.put('briefings', {
      ...source,
      id: crypto.randomUUID(),
      title: `${source.title} (copy)`.slice(0, 500),
      keyJudgments: source.keyJudgments.map((kj) => ({ ...kj, id: crypto.randomUUID() })),
      recommendations: source.recommendations.map((r) => ({ ...r, id: crypto.randomUUID() })),
      exports: [],
      warningOverrides: [],
      createdAt: changes.at,
      updatedAt: changes.at,
    });
  },
});

/** Deletes a briefing and answers it (`undefined` when it was already gone: nothing to undo then). */
export const deleteBriefing = defineCommand({
  id: 'briefings.delete',
  label: (_id: string, removed: Briefing | undefined) =>
    removed ? translate('labels.deleteBriefing', { title: removed.title }) : translate('labels.deleteSomeBriefing'),
  run: (changes, id: string): Promise<Briefing | undefined> => changes.delete('briefings', id),
});

export interface RecordExportArgs {
  briefingId: string;
  /** Without `overrides` when the export was written under none. */
  entry: Omit<BriefingExport, 'overrides'> & { overrides?: WarningOverride[] };
}

/**
 * Adds a file main wrote to the briefing's export history. Recorded in the history, but not a step for
 * Ctrl+Z: the file exists whatever the analyst undoes.
 */
export const recordBriefingExport = defineCommand({
  id: 'briefings.recordExport',
  label: () => translate('labels.recordExport'),
  undoable: false,
  run: async (changes, { briefingId, entry }: RecordExportArgs): Promise<Briefing> => {
    const saved = await changes.require('briefings', briefingId, translate('refusals.gone.briefingExported'));
    return changes.put('briefings', {
      ...saved,
      exports: [...saved.exports, { ...entry, overrides: entry.overrides ?? [] }],
    });
  },
});

export interface OverrideWarningsArgs {
  briefingId: string;
  /** The warnings let stand, each with who let it stand and when. */
  overrides: WarningOverride[];
}

/** Lets warnings of the check before export stand (replacing an earlier override of the same warning). A step for Ctrl+Z. */
export const overrideBriefingWarnings = defineCommand({
  id: 'briefings.overrideWarnings',
  label: ({ overrides }: OverrideWarningsArgs) => translate('changes.overrideWarnings', { count: overrides.length }),
  run: async (changes, { briefingId, overrides }: OverrideWarningsArgs): Promise<Briefing> => {
    const saved = readBriefing(await changes.require('briefings', briefingId, briefingGone()));
    const keys = new Set(overrides.map((o) => o.key));
    return changes.put('briefings', {
      ...saved,
      warningOverrides: [...saved.warningOverrides.filter((o) => !keys.has(o.key)), ...overrides],
    });
  },
});

/** Takes an override back: the warning counts again. A step for Ctrl+Z. */
export const withdrawBriefingOverride = defineCommand({
  id: 'briefings.withdrawOverride',
  label: () => translate('labels.withdrawOverride'),
  run: async (changes, { briefingId, key }: { briefingId: string; key: string }): Promise<Briefing> => {
    const saved = readBriefing(await changes.require('briefings', briefingId, briefingGone()));
    return changes.put('briefings', {
      ...saved,
      warningOverrides: saved.warningOverrides.filter((o) => o.key !== key),
    });
  },
});

export interface ChooseEvidenceArgs {
  briefingId: string;
  /** The threat or key judgment whose quotes are chosen. */
  forId: string;
  /** The passages to quote, in order; `null` goes back to the default (the strongest). */
  passageIds: string[] | null;
}

/** Chooses which linked passages a briefing quotes for one threat or key judgment. A step for Ctrl+Z. */
export const chooseBriefingEvidence = defineCommand({
  id: 'briefings.chooseEvidence',
  label: ({ passageIds }: ChooseEvidenceArgs) =>
    translate(passageIds === null ? 'labels.quoteStrongest' : 'labels.choosePassages'),
  run: async (changes, { briefingId, forId, passageIds }: ChooseEvidenceArgs): Promise<Briefing> => {
    const saved = readBriefing(await changes.require('briefings', briefingId, briefingGone()));
    const others = saved.evidenceChoices.filter((c) => c.forId !== forId);
    return changes.put('briefings', {
      ...saved,
      evidenceChoices: passageIds === null ? others : [...others, { forId, passageIds: [...new Set(passageIds)] }],
    });
  },
});

/**
 * Saves the workspace's briefing template (issuer, logo, numbering, distribution, marking, handling,
 * fonts, paper, language); every export uses it. Kept in the workspace: a step for Ctrl+Z.
 */
export const setBriefingTemplate = defineCommand({
  id: 'briefings.setTemplate',
  label: () => translate('labels.changeTemplate'),
  run: async (changes, template: BriefingTemplate): Promise<BriefingTemplate> => {
    const parsed = BriefingTemplate.safeParse(template);
    if (!parsed.success)
      throw new CommandRefusal(
        translate('refusals.briefings.templateInvalid', {
          problem: parsed.error.issues[0]?.message ?? translate('refusals.briefings.fieldInvalid'),
        }),
      );
    await changes.put('meta', { key: BRIEFING_TEMPLATE_KEY, value: parsed.data });
    return parsed.data;
  },
});
