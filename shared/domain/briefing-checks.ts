/**
 * The check before export: what in a briefing would embarrass its author, each item a sentence saying
 * what to do and where to go to do it. A cited passage the workbench could not confirm after its
 * source's text changed is a blocker (the quote may no longer be what the source says); everything
 * else is a warning the analyst may override, and the export records the overrides it was written under.
 */
import type { Annotation } from './annotation';
import { BRIEFING_SECTION_LABELS, OPTIONAL_SECTION_FIELDS, type Briefing, type WarningOverride } from './briefing';
import type { BriefingDocument } from './briefing-document';
import { selectThreats, type BriefingWorkspace } from './briefing-model';
import { citationWarnings } from './citation-engine';
import type { Source } from './source';
import { isRated, type Threat } from './threat';

/** Where a check item takes the analyst to fix it. */
export type CheckJump =
  /** The passage in its source, with the Review queue open. */
  | { kind: 'passage'; label: string; sourceId: string; annotationId: string }
  /** The threat selected in its register. */
  | { kind: 'threat'; label: string; registerId: string; threatId: string }
  /** The register, to rename it. */
  | { kind: 'register'; label: string; registerId: string }
  /** The source's Details, where its author, publisher and date are edited. */
  | { kind: 'source'; label: string; sourceId: string }
  /** A key judgment in the composer. */
  | { kind: 'judgment'; label: string; judgmentId: string }
  /** A field of the composer's Details. */
  | { kind: 'field'; label: string; fieldId: string };

export interface BriefingCheck {
  /** Stable across edits that do not resolve it: an override names the check by this key. */
  key: string;
  severity: 'blocker' | 'warning';
  message: string;
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

const threatLabel = (number: number) => `T${number}`;

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
    const title = sources.get(a.sourceId)?.title ?? 'its source';
    const quote = a.quote.exact.length > 160 ? `${a.quote.exact.slice(0, 157).trimEnd()}…` : a.quote.exact;
    checks.push({
      key: `unconfirmed-${a.id}`,
      severity: 'blocker',
      message:
        a.anchor === 'drifted'
          ? `The quoted passage “${quote}” moved when the text of “${title}” changed, and may no longer say what the source says. Confirm it under Review (or drop it from the briefing) before exporting.`
          : `The quoted passage “${quote}” could not be found in the changed text of “${title}”. Re-select it under Review, or drop it from the briefing, before exporting.`,
      jumps: [{ kind: 'passage', label: 'Go to the passage', sourceId: a.sourceId, annotationId: a.id }],
    });
  }
  return checks;
}

function threatJumps(threats: readonly { threat: Threat; number: number }[]): CheckJump[] {
  return threats.map(({ threat, number }) => ({
    kind: 'threat' as const,
    label: `Go to ${threatLabel(number)}`,
    registerId: threat.registerId,
    threatId: threat.id,
  }));
}

const numbersOf = (items: readonly { number: number }[]) => items.map((i) => threatLabel(i.number)).join(', ');

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

  if (enabled.has('bottom-line') && !briefing.bottomLine.trim())
    checks.push({
      key: 'bottom-line',
      severity: 'warning',
      message:
        'The bottom line is empty, so the briefing does not open with one. Write it under Details, or switch the section off.',
      jumps: [{ kind: 'field', label: 'Write the bottom line', fieldId: 'briefing-bottom-line' }],
    });
  if (enabled.has('scope-note') && !briefing.informationCutOff)
    checks.push({
      key: 'cut-off',
      severity: 'warning',
      message:
        'No information cut-off date is set, so the scope note cannot say how current the briefing is. Set it under Details.',
      jumps: [{ kind: 'field', label: 'Set the cut-off date', fieldId: 'briefing-cut-off' }],
    });

  for (const [kind, field] of Object.entries(OPTIONAL_SECTION_FIELDS) as [
    keyof typeof OPTIONAL_SECTION_FIELDS,
    string,
  ][])
    if (enabled.has(kind) && !briefing[OPTIONAL_SECTION_FIELDS[kind]].trim())
      checks.push({
        key: `empty-${field}`,
        severity: 'warning',
        message: `The section “${BRIEFING_SECTION_LABELS[kind]}” is ticked but nothing is written for it, so it is not printed. Write it in the composer, or untick it.`,
        jumps: [
          {
            kind: 'field',
            label: `Write the ${BRIEFING_SECTION_LABELS[kind].toLowerCase()}`,
            fieldId: `briefing-${kind}`,
          },
        ],
      });

  for (const w of citationWarnings(document.footnotes, sources))
    checks.push({
      key: `source-${w.sourceId}`,
      severity: 'warning',
      message: w.message,
      jumps: [{ kind: 'source', label: 'Open the source’s details', sourceId: w.sourceId }],
    });

  const included = selectThreats(briefing, workspace).map((threat, i) => ({ threat, number: i + 1 }));
  const sourcesOf = (passages: readonly (Annotation | undefined)[]) =>
    new Set(passages.filter((a): a is Annotation => a !== undefined).map((a) => a.sourceId));
  const evidence = new Map<string, Annotation[]>();
  for (const a of workspace.annotations)
    for (const id of new Set(a.threatIds)) evidence.set(id, [...(evidence.get(id) ?? []), a]);

  const unrated = included.filter(({ threat }) => !isRated(threat));
  if (unrated.length > 0) {
    const one = unrated.length === 1;
    checks.push({
      key: 'unrated',
      severity: 'warning',
      message: `${unrated.map(({ threat, number }) => `${threatLabel(number)} “${threat.title}”`).join(', ')} ${one ? 'is' : 'are'} not yet rated, so the briefing lists ${one ? 'it' : 'them'} without a score and off the heat map. Rate ${one ? 'it' : 'them'} in the Register, or leave ${one ? 'it' : 'them'} out with the filters.`,
      jumps: threatJumps(unrated),
    });
  }

  if (enabled.has('threat-details') || enabled.has('threat-overview')) {
    for (const { threat, number } of included) {
      if ((evidence.get(threat.id) ?? []).length === 0)
        checks.push({
          key: `threat-${threat.id}`,
          severity: 'warning',
          message: `${threatLabel(number)} “${threat.title}” has no passage behind its rating. Link one in the Register, or leave the threat out with the filters.`,
          jumps: threatJumps([{ threat, number }]),
        });
    }
    const unreviewed = included.filter(({ threat }) => !threat.lastReviewedOn);
    if (unreviewed.length > 0)
      checks.push({
        key: 'never-reviewed',
        severity: 'warning',
        message: `${unreviewed.length === included.length && included.length > 1 ? 'No rating in this briefing has' : `${unreviewed.length === 1 ? 'The rating of' : 'The ratings of'} ${numbersOf(unreviewed)} ${unreviewed.length === 1 ? 'has' : 'have'}`} ever been reviewed: each is a first reading. Review the ratings in the Register (and record the review date) before the briefing goes up.`,
        jumps: threatJumps(unreviewed),
      });
    const single = included.filter(({ threat }) => sourcesOf(evidence.get(threat.id) ?? []).size === 1);
    if (single.length > 0)
      checks.push({
        key: 'threats-one-source',
        severity: 'warning',
        message: `The rating${single.length === 1 ? '' : 's'} of ${numbersOf(single)} rest${single.length === 1 ? 's' : ''} on a single source, uncorroborated. Link passages of other sources in the Register, or say so in the key judgments.`,
        jumps: threatJumps(single),
      });
  }

  if (enabled.has('key-judgments'))
    briefing.keyJudgments
      .filter((kj) => kj.text.trim())
      .forEach((kj, i) => {
        const behind = sourcesOf(kj.passageIds.map((id) => annotations.get(id))).size;
        if (behind === 0)
          checks.push({
            key: `judgment-no-source-${kj.id}`,
            severity: 'warning',
            message: `Key judgment ${i + 1} has no passage behind it, so the briefing prints it unsupported. Find evidence for it in the composer.`,
            jumps: [{ kind: 'judgment', label: `Go to key judgment ${i + 1}`, judgmentId: kj.id }],
          });
        if (behind === 1)
          checks.push({
            key: `judgment-one-source-${kj.id}`,
            severity: 'warning',
            message: `Key judgment ${i + 1} rests on a single source. Link passages of other sources to it, or lower its confidence.`,
            jumps: [{ kind: 'judgment', label: `Go to key judgment ${i + 1}`, judgmentId: kj.id }],
          });
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
    checks.push({
      key: `placeholder-${key}`,
      severity: 'warning',
      message: `“${name}” reads as a placeholder, and the briefing prints it. Give it its real name before exporting.`,
      jumps,
    });
  if (isPlaceholder(briefing.title))
    found('title', briefing.title, [{ kind: 'field', label: 'Edit the title', fieldId: 'briefing-title' }]);
  const registerIds = new Set(included.map((i) => i.threat.registerId));
  for (const r of workspace.registers)
    if (registerIds.has(r.id) && isPlaceholder(r.name))
      found(r.id, r.name, [{ kind: 'register', label: 'Go to the register', registerId: r.id }]);
  for (const { threat, number } of included)
    if (isPlaceholder(threat.title)) found(threat.id, threat.title, threatJumps([{ threat, number }]));
  const cited = new Set(document.footnotes.map((f) => f.sourceId));
  for (const s of workspace.sources)
    if (cited.has(s.id) && (isPlaceholder(s.title) || isPlaceholder(s.author)))
      found(s.id, isPlaceholder(s.title) ? s.title : s.author, [
        { kind: 'source', label: 'Open the source’s details', sourceId: s.id },
      ]);
  briefing.keyJudgments.forEach((kj, i) => {
    if (kj.text.trim() && isPlaceholder(kj.text))
      found(kj.id, kj.text.trim().slice(0, 80), [
        { kind: 'judgment', label: `Go to key judgment ${i + 1}`, judgmentId: kj.id },
      ]);
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
