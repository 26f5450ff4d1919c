/**
 * The check before export: what in a briefing would embarrass its author, each item a problem (said by
 * the renderer as a sentence saying what to do) and where to go to do it. A cited passage the workbench could not confirm after its
 * source's text changed is a blocker (the quote may no longer be what the source says); everything
 * else is a warning the analyst may override, and the export records the overrides it was written under.
 */
import type { Annotation } from './annotation';
import { OPTIONAL_SECTION_FIELDS, type Briefing, type WarningOverride } from './briefing';
import type { BriefingDocument } from './briefing-document';
import { selectThreats, type BriefingWorkspace } from './briefing-model';
import { citationWarnings, type ReferencePart } from './citation-engine';
import type { Source } from './source';
import { isRated, type Threat } from './threat';

/** A field of the composer a check item sends the analyst to: `briefing-<field>` is its element's id. */
export type CheckField = 'title' | 'bottom-line' | 'cut-off' | OptionalSection;

/** A section the analyst writes only when it is wanted (its text is a field of the briefing). */
export type OptionalSection = keyof typeof OPTIONAL_SECTION_FIELDS;

/**
 * Where a check item takes the analyst to fix it. The renderer names each jump in the interface language
 * from these facts ("Go to T3", "Перейти к T3").
 */
export type CheckJump =
  /** The passage in its source, with the Review queue open. */
  | { kind: 'passage'; sourceId: string; annotationId: string }
  /** The threat selected in its register; `number` is its T-number in the briefing. */
  | { kind: 'threat'; number: number; registerId: string; threatId: string }
  /** The register, to rename it. */
  | { kind: 'register'; registerId: string }
  /** The source's Details, where its author, publisher and date are edited. */
  | { kind: 'source'; sourceId: string }
  /** A key judgment in the composer; `number` is its place in the list, from 1. */
  | { kind: 'judgment'; number: number; judgmentId: string }
  /** A field of the composer's Details or an optional section's text. */
  | { kind: 'field'; field: CheckField };

/** A threat as a check names it: its T-number in the briefing and its title. */
export interface ThreatMention {
  number: number;
  title: string;
}

/**
 * What a check found, as a code and the facts its sentence needs. The renderer says it in the interface
 * language (`renderer/features/briefings/check-words.ts`): the check runs in the composer, in front of an
 * analyst who may read Russian, so shared code keeps no sentence of its own.
 */
export type CheckProblem =
  /** A quoted passage moved (`drifted`) or was lost (`orphaned`) when its source's text changed. */
  | { code: 'passage-moved' | 'passage-lost'; quote: string; sourceTitle: string | null }
  | { code: 'bottom-line-empty' }
  | { code: 'cut-off-missing' }
  /** An optional section is ticked with nothing written in it. */
  | { code: 'section-empty'; section: OptionalSection }
  /** A cited source lacks parts of its reference; its notes go without them. */
  | { code: 'reference-incomplete'; sourceTitle: string; missing: ReferencePart[] }
  | { code: 'threats-unrated'; threats: ThreatMention[] }
  | { code: 'threat-unsupported'; threat: ThreatMention }
  /** `all`: no rating of the briefing (of more than one) was ever reviewed. */
  | { code: 'never-reviewed'; threats: number[]; all: boolean }
  | { code: 'threats-one-source'; threats: number[] }
  /** `judgment` is the key judgment's place in the list, from 1. */
  | { code: 'judgment-unsupported' | 'judgment-one-source'; judgment: number }
  /** A name the briefing prints that reads as not yet written ("New briefing", "TBD"). */
  | { code: 'placeholder'; name: string };

export interface BriefingCheck {
  /** Stable across edits that do not resolve it: an override names the check by this key. */
  key: string;
  severity: 'blocker' | 'warning';
  problem: CheckProblem;
  jumps: CheckJump[];
}

/**
 * Words that mark a name as not yet written: "(starter)", "TODO", "TBD", "New briefing", "Untitled" …,
 * and the names a new record is given in a Russian interface ("Новая справка", "Новая угроза", "Новый реестр").
 */
const PLACEHOLDER =
  /\((?:starter|draft|example|sample|test|copy|placeholder)\)|\b(?:TODO|TBD|FIXME|XXX|lorem ipsum|placeholder)\b|^(?:new (?:briefing|threat|register|judgment)|untitled(?: .*)?|новая (?:справка|угроза)|новый реестр)$/i;

/** Whether a name or text still carries a placeholder word. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

type CheckWorkspace = Pick<BriefingWorkspace, 'sources' | 'annotations' | 'threats' | 'registers'>;

/** The longest quote a check repeats: enough to recognise the passage by. */
const QUOTE_SHOWN = 160;

function quotedPassageIds(document: BriefingDocument): Set<string> {
  const ids = new Set<string>();
  for (const block of document.blocks) if (block.type === 'quote' && block.passageId) ids.add(block.passageId);
  return ids;
}

function unconfirmedPassages(
  document: BriefingDocument,
  annotations: ReadonlyMap<string, Annotation>,
  sources: ReadonlyMap<string, Source>,
): BriefingCheck[] {
  const checks: BriefingCheck[] = [];
  for (const id of quotedPassageIds(document)) {
    const a = annotations.get(id);
    if (!a || a.anchor === 'anchored') continue;
    const quote =
      a.quote.exact.length > QUOTE_SHOWN ? `${a.quote.exact.slice(0, QUOTE_SHOWN - 3).trimEnd()}…` : a.quote.exact;
    checks.push({
      key: `unconfirmed-${a.id}`,
      severity: 'blocker',
      problem: {
        code: a.anchor === 'drifted' ? 'passage-moved' : 'passage-lost',
        quote,
        sourceTitle: sources.get(a.sourceId)?.title ?? null,
      },
      jumps: [{ kind: 'passage', sourceId: a.sourceId, annotationId: a.id }],
    });
  }
  return checks;
}

function threatJumps(threats: readonly { threat: Threat; number: number }[]): CheckJump[] {
  return threats.map(({ threat, number }) => ({
    kind: 'threat' as const,
    number,
    registerId: threat.registerId,
    threatId: threat.id,
  }));
}

const numbersOf = (items: readonly { number: number }[]) => items.map((i) => i.number);
const mention = ({ threat, number }: { threat: Threat; number: number }): ThreatMention => ({
  number,
  title: threat.title,
});

/**
 * Every check of the briefing as it stands, blockers first. `document` is the tree the export would
 * write (so only passages actually quoted count as cited).
 */
export function briefingChecks(
  briefing: Briefing,
  document: BriefingDocument,
  workspace: CheckWorkspace,
): BriefingCheck[] {
  const enabled = new Set(briefing.sections.filter((s) => s.enabled).map((s) => s.kind));
  const sources = new Map(workspace.sources.map((s) => [s.id, s]));
  const annotations = new Map(workspace.annotations.map((a) => [a.id, a]));
  const checks: BriefingCheck[] = unconfirmedPassages(document, annotations, sources);
  const warn = (key: string, problem: CheckProblem, jumps: CheckJump[]) =>
    checks.push({ key, severity: 'warning', problem, jumps });

  if (enabled.has('bottom-line') && !briefing.bottomLine.trim())
    warn('bottom-line', { code: 'bottom-line-empty' }, [{ kind: 'field', field: 'bottom-line' }]);
  if (enabled.has('scope-note') && !briefing.informationCutOff)
    warn('cut-off', { code: 'cut-off-missing' }, [{ kind: 'field', field: 'cut-off' }]);

  for (const [section, field] of Object.entries(OPTIONAL_SECTION_FIELDS) as [OptionalSection, string][])
    if (enabled.has(section) && !briefing[OPTIONAL_SECTION_FIELDS[section]].trim())
      warn(`empty-${field}`, { code: 'section-empty', section }, [{ kind: 'field', field: section }]);

  for (const w of citationWarnings(document.footnotes, sources))
    warn(
      `source-${w.sourceId}`,
      { code: 'reference-incomplete', sourceTitle: sources.get(w.sourceId)!.title, missing: w.missing },
      [{ kind: 'source', sourceId: w.sourceId }],
    );

  const included = selectThreats(briefing, workspace).map((threat, i) => ({ threat, number: i + 1 }));
  const sourcesOf = (passages: readonly (Annotation | undefined)[]) =>
    new Set(passages.filter((a): a is Annotation => a !== undefined).map((a) => a.sourceId));
  const evidence = new Map<string, Annotation[]>();
  for (const a of workspace.annotations)
    for (const id of new Set(a.threatIds)) evidence.set(id, [...(evidence.get(id) ?? []), a]);

  const unrated = included.filter(({ threat }) => !isRated(threat));
  if (unrated.length > 0)
    warn('unrated', { code: 'threats-unrated', threats: unrated.map(mention) }, threatJumps(unrated));

  if (enabled.has('threat-details') || enabled.has('threat-overview')) {
    for (const item of included)
      if ((evidence.get(item.threat.id) ?? []).length === 0)
        warn(`threat-${item.threat.id}`, { code: 'threat-unsupported', threat: mention(item) }, threatJumps([item]));
    const unreviewed = included.filter(({ threat }) => !threat.lastReviewedOn);
    if (unreviewed.length > 0)
      warn(
        'never-reviewed',
        {
          code: 'never-reviewed',
          threats: numbersOf(unreviewed),
          all: unreviewed.length === included.length && included.length > 1,
        },
        threatJumps(unreviewed),
      );
    const single = included.filter(({ threat }) => sourcesOf(evidence.get(threat.id) ?? []).size === 1);
    if (single.length > 0)
      warn('threats-one-source', { code: 'threats-one-source', threats: numbersOf(single) }, threatJumps(single));
  }

  if (enabled.has('key-judgments'))
    briefing.keyJudgments
      .filter((kj) => kj.text.trim())
      .forEach((kj, i) => {
        const behind = sourcesOf(kj.passageIds.map((id) => annotations.get(id))).size;
        const jumps: CheckJump[] = [{ kind: 'judgment', number: i + 1, judgmentId: kj.id }];
        if (behind === 0) warn(`judgment-no-source-${kj.id}`, { code: 'judgment-unsupported', judgment: i + 1 }, jumps);
        if (behind === 1) warn(`judgment-one-source-${kj.id}`, { code: 'judgment-one-source', judgment: i + 1 }, jumps);
      });

  checks.push(...placeholderChecks(briefing, included, workspace, document));
  return [...checks.filter((c) => c.severity === 'blocker'), ...checks.filter((c) => c.severity === 'warning')];
}

function placeholderChecks(
  briefing: Briefing,
  included: readonly { threat: Threat; number: number }[],
  workspace: CheckWorkspace,
  document: BriefingDocument,
): BriefingCheck[] {
  const checks: BriefingCheck[] = [];
  const found = (key: string, name: string, jumps: CheckJump[]) =>
    checks.push({ key: `placeholder-${key}`, severity: 'warning', problem: { code: 'placeholder', name }, jumps });
  if (isPlaceholder(briefing.title)) found('title', briefing.title, [{ kind: 'field', field: 'title' }]);
  const registerIds = new Set(included.map((i) => i.threat.registerId));
  for (const r of workspace.registers)
    if (registerIds.has(r.id) && isPlaceholder(r.name)) found(r.id, r.name, [{ kind: 'register', registerId: r.id }]);
  for (const item of included)
    if (isPlaceholder(item.threat.title)) found(item.threat.id, item.threat.title, threatJumps([item]));
  const cited = new Set(document.footnotes.map((f) => f.sourceId));
  for (const s of workspace.sources)
    if (cited.has(s.id) && (isPlaceholder(s.title) || isPlaceholder(s.author)))
      found(s.id, isPlaceholder(s.title) ? s.title : s.author, [{ kind: 'source', sourceId: s.id }]);
  briefing.keyJudgments.forEach((kj, i) => {
    if (kj.text.trim() && isPlaceholder(kj.text))
      found(kj.id, kj.text.trim().slice(0, 80), [{ kind: 'judgment', number: i + 1, judgmentId: kj.id }]);
  });
  return checks;
}

/** The overrides that still apply: those of checks the briefing still raises (a resolved warning needs none). */
export function overridesInForce(
  overrides: readonly WarningOverride[],
  checks: readonly BriefingCheck[],
): WarningOverride[] {
  const warnings = new Set(checks.filter((c) => c.severity === 'warning').map((c) => c.key));
  return overrides.filter((o) => warnings.has(o.key));
}
