/**
 * The briefing model: a pure function from the workspace and the briefing's choices to the document
 * tree (see briefing-document.ts). No DOM, no Node, no clock: the same inputs give the same document,
 * so the preview and the exported .docx cannot drift apart.
 */
import type { Actor } from './actor';
import type { Annotation } from './annotation';
import { OPTIONAL_SECTION_FIELDS, type Briefing, type BriefingSectionKind, type KeyJudgment } from './briefing';
import {
  BRIEFING_DOCUMENT_FORMAT,
  type BriefingDocument,
  type DocBlock,
  type DocCell,
  type DocFootnote,
  type DocInline,
  type TextDirection,
} from './briefing-document';
import { briefingFileName, confidenceWords } from './briefing-names';
import { CitationEngine, type PassageLocator } from './citation-engine';
import type { Country, FactSource } from './country';
import { indexOverrides, overrideId, type ExposureOverride } from './exposure';
import { dominantScript, guessLanguage, scriptOfLanguage } from './language';
import { bandOf, impactWords, riskScore, likelihoodWords, type Band } from './scoring';
import { admiraltyGrade, CREDIBILITY_LABELS, RELIABILITY_LABELS, type Source } from './source';
import { CATEGORY_LABELS, isRated, type RatedThreat, type Register, type Threat } from './threat';
import { compareThreatsForNumbering } from './threat-numbers';
import { quotedPassages, quoteWithEllipses } from './evidence-selection';
import { BRIEFING_PHRASES, type BriefingPhrases } from './briefing-phrases';
import {
  DEFAULT_BRIEFING_TEMPLATE,
  documentNumber,
  FIXED_TEXTS,
  type BriefingTemplate,
  type FixedTexts,
} from './briefing-template';

/** What the model reads from the workspace. Records it does not need may be left out. */
export interface BriefingWorkspace {
  registers: readonly Register[];
  threats: readonly Threat[];
  /** At least the passages linked to the included threats and to the key judgments. */
  annotations: readonly Annotation[];
  sources: readonly Source[];
  actors: readonly Actor[];
  countries: readonly Country[];
  /** Per-country likelihood/impact overrides of the Countries view; the comparison uses them when present. */
  exposureOverrides?: readonly ExposureOverride[];
  /** Where each passage stands in its source (page or paragraph), by annotation id; notes cite it. */
  passageLocators?: ReadonlyMap<string, PassageLocator>;
  /** The workspace's briefing template (issuer, numbering, fonts, paper, language of the fixed texts). */
  template?: BriefingTemplate;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The date as the fixed texts' language writes it: "12 March 2026", "12 марта 2026". */
function datedIn(iso: string, t: FixedTexts): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = match ? t.months[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

/** The template's distribution list, one reader per line. */
function distributionList(template: BriefingTemplate): string[] {
  return template.distribution
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** "2026-03-12" → "12 March 2026"; anything else is returned as it is. */
export function longDate(iso: string | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return iso ?? '';
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : (iso ?? '');
}

export { CATEGORY_LABELS };

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Right to left for Arabic-script text (Dari, Pashto), left to right for everything else. */
export function directionOf(text: string): TextDirection {
  return dominantScript(text) === 'Arabic' ? 'rtl' : 'ltr';
}

/** The language of a quote: its source's, unless the quote is written in another script. */
function quoteLanguage(text: string, source: Source | undefined): string {
  const script = dominantScript(text);
  if (source && source.language !== 'und' && (script === null || scriptOfLanguage(source.language) === script))
    return source.language;
  const guessed = guessLanguage(text);
  return guessed === 'und' ? '' : guessed;
}

/** Quotation marks as each language writes them: “…” in English, «…» in Russian, Kazakh, Dari and Pashto. */
function quotationMarks(lang: string, dir: TextDirection): [string, string] {
  const script = scriptOfLanguage(lang);
  return dir === 'rtl' || script === 'Cyrillic' || script === 'Arabic' ? ['«', '»'] : ['“', '”'];
}

/** The source's Admiralty grade in words: "usually reliable; possibly true". */
export function gradeWords(source: Source, p: BriefingPhrases = BRIEFING_PHRASES.en): string {
  return `${(p.reliability[source.reliability] ?? RELIABILITY_LABELS[source.reliability]).toLowerCase()}; ${(p.credibility[source.credibility] ?? CREDIBILITY_LABELS[source.credibility] ?? '').toLowerCase()}`;
}

/** Left-to-right mark after each right-to-left run inside a left-to-right line, so commas and dates stay in place. */
const LRM = '\u200e';
function isolateRtl(value: string): string {
  return value.replace(/[\p{Script=Arabic}][\p{Script=Arabic}\p{M}\s\u200c]*/gu, (run) => {
    const trimmed = run.trimEnd();
    return `${trimmed}${LRM}${run.slice(trimmed.length)}`;
  });
}

/** "1, 3–19, 22" */
export function numberRanges(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${numbers[i]}–${numbers[j]}` : numbers.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Threats the briefing's filters let through, highest score first (then by title). */
export function selectThreats(
  briefing: Pick<Briefing, 'filters'>,
  workspace: Pick<BriefingWorkspace, 'registers' | 'threats'>,
): Threat[] {
  const { registerIds, categories, minimumScore, countryCodes } = briefing.filters;
  const registers = new Set(
    registerIds.length > 0 ? registerIds : workspace.registers.filter((r) => !r.archived).map((r) => r.id),
  );
  return workspace.threats
    .filter(
      (t) =>
        registers.has(t.registerId) &&
        (categories.length === 0 || categories.includes(t.category)) &&
        // A threat not yet rated has no score: it passes only when no minimum is set.
        (t.score ?? 0) >= minimumScore &&
        (countryCodes.length === 0 || countryCodes.some((c) => t.countryCodes.includes(c) || t.originCode === c)),
    )
    .sort(compareThreatsForNumbering);
}

/** Passages in document order: by source (in the order sources are listed), then where they stand in it. */
function inDocumentOrder(annotations: Annotation[], sourceOrder: Map<string, number>): Annotation[] {
  return [...annotations].sort(
    (a, b) =>
      (sourceOrder.get(a.sourceId) ?? Number.MAX_SAFE_INTEGER) -
        (sourceOrder.get(b.sourceId) ?? Number.MAX_SAFE_INTEGER) ||
      a.sourceId.localeCompare(b.sourceId) ||
      a.position.start - b.position.start ||
      b.position.end - a.position.end ||
      a.id.localeCompare(b.id),
  );
}

const text = (value: string, style: { bold?: boolean; italic?: boolean } = {}): DocInline => ({
  kind: 'text',
  text: value,
  ...style,
});

function paragraph(value: string, style: 'body' | 'label' | 'facts' | 'note' = 'body', lang = ''): DocBlock {
  return { type: 'paragraph', style, inlines: [text(value)], dir: directionOf(value), lang };
}

/** Paragraphs of a multi-line text, split at blank lines. */
function paragraphs(value: string): DocBlock[] {
  return value
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((p) => paragraph(p));
}

const cell = (value: string, options: Partial<Omit<DocCell, 'text'>> = {}): DocCell => ({
  text: value,
  align: 'start',
  band: null,
  bold: false,
  heading: false,
  dir: directionOf(value),
  ...options,
});

/**
 * The citations of the document, numbered in the order the text first cites them and written by the
 * CSL engine in the briefing's style: the full note at a source's first citation, short notes after,
 * each with the passage's page or paragraph.
 */
class Citations {
  /** Each note's number and the source it cites; a note of the workbench's own (a figure's source) has its text. */
  private readonly notes: { number: number; sourceId: string; text?: string }[] = [];
  /** Source id → the footnote numbers citing it, in order; the annex lists each source once. */
  readonly bySource = new Map<string, number[]>();
  readonly engine: CitationEngine;

  constructor(
    private readonly sources: Map<string, Source>,
    style: Briefing['citationStyle'],
    private readonly locators: ReadonlyMap<string, PassageLocator>,
    private readonly gone: string,
    language: 'en' | 'ru',
  ) {
    this.engine = new CitationEngine(style, sources, language);
  }

  cite(annotation: Annotation): number {
    const source = this.sources.get(annotation.sourceId);
    const number = this.notes.length + 1;
    this.notes.push({ number, sourceId: annotation.sourceId });
    if (source) {
      this.engine.cite(source.id, this.locators.get(annotation.id) ?? null, number);
      this.bySource.set(source.id, [...(this.bySource.get(source.id) ?? []), number]);
    }
    return number;
  }

  /** A note that is not a passage's citation: where the figures of a table come from. */
  note(text: string): number {
    const number = this.notes.length + 1;
    this.notes.push({ number, sourceId: '', text });
    return number;
  }

  /** The footnotes as they finally read (a later citation may change an earlier note). */
  footnotes(): DocFootnote[] {
    return this.notes.map(({ number, sourceId, text }) => ({
      number,
      sourceId,
      text: text ?? (isolateRtl(this.engine.noteText(number) ?? '') || this.gone),
    }));
  }
}

interface Context {
  briefing: Briefing;
  threats: Threat[];
  /** T1, T2 … in score order. */
  threatNumbers: Map<string, number>;
  registers: Map<string, Register>;
  sources: Map<string, Source>;
  sourceOrder: Map<string, number>;
  annotations: Map<string, Annotation>;
  evidenceByThreat: Map<string, Annotation[]>;
  actors: Map<string, Actor>;
  countries: Map<string, Country>;
  overrides: Map<string, ExposureOverride>;
  citations: Citations;
  /** The country every included threat emanates from, when they share one: said once, in the scope note. */
  commonOrigin: string | null;
  /** Where each quote so far was printed ("T2", "key judgment 1"), by source and words: a later use refers to it. */
  quotedUnder: Map<string, string>;
  /** The analyst's choice of quotes, by threat or key judgment id. */
  evidenceChoices: Map<string, readonly string[]>;
  template: BriefingTemplate;
  /** The document's fixed texts in the template's language. */
  t: FixedTexts;
  /** The sentences and words the model writes, in the same language. */
  p: BriefingPhrases;
}

function bandFor(ctx: Context, threat: RatedThreat): Band {
  const register = ctx.registers.get(threat.registerId);
  return bandOf(threat.score, register?.scale.bands ?? { medium: 4, high: 8, critical: 15 });
}

function levelsOf(ctx: Context, threat: Threat): number {
  return ctx.registers.get(threat.registerId)?.scale.levels ?? 5;
}

function countryName(ctx: Context, code: string): string {
  return ctx.countries.get(code)?.name ?? code;
}

/** Longest quote printed whole; a longer passage is cut at a word and marked […], as editors do. */
export const MAX_QUOTE_CHARS = 3000;

function clipQuote(text: string): string {
  if (text.length <= MAX_QUOTE_CHARS) return text;
  const cut = text.slice(0, MAX_QUOTE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_QUOTE_CHARS * 0.8 ? cut.slice(0, space) : cut} […]`;
}

function quoteBlock(ctx: Context, annotation: Annotation): DocBlock {
  const source = ctx.sources.get(annotation.sourceId);
  const whole = annotation.quote.exact.replace(/\s+/g, ' ').trim() || annotation.quote.exact;
  const clipped = clipQuote(whole);
  // A passage cut mid-sentence says so with an ellipsis; one clipped for length already ends in […].
  const exact =
    clipped === whole
      ? quoteWithEllipses(annotation.quote, whole)
      : quoteWithEllipses({ ...annotation.quote, suffix: '' }, clipped);
  const dir = directionOf(exact);
  const lang = quoteLanguage(exact, source);
  const [open, close] = quotationMarks(lang, dir);
  return {
    type: 'quote',
    text: exact,
    open,
    close,
    dir,
    lang,
    grade: source ? admiraltyGrade(source.reliability, source.credibility) : '',
    note: ctx.citations.cite(annotation),
    passageId: annotation.id,
  };
}

/** The first words of a quote, for a reference back to where it is printed in full. */
function quoteOpening(annotation: Annotation): string {
  const words = annotation.quote.exact.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= 8 ? words.join(' ') : `${words.slice(0, 8).join(' ')} …`;
}

/**
 * The quotes under one threat or key judgment: the analyst's choice or the strongest passages, up to the
 * briefing's limit, in document order; a passage already quoted elsewhere is referred to, not repeated.
 */
function evidenceBlocks(ctx: Context, forId: string, linked: readonly Annotation[], label: string): DocBlock[] {
  const chosen = ctx.evidenceChoices.get(forId) ?? null;
  const quoted = quotedPassages(linked, chosen, ctx.briefing.quotesPerThreat, ctx.sources);
  const blocks: DocBlock[] = [];
  const here = new Set<string>();
  for (const annotation of inDocumentOrder(quoted, ctx.sourceOrder)) {
    // Two passages of the same words in one source are one quote.
    const words = `${annotation.sourceId}|${annotation.quote.exact.replace(/\s+/g, ' ').trim()}`;
    if (here.has(words)) continue;
    here.add(words);
    const earlier = ctx.quotedUnder.get(words);
    if (earlier) {
      const opening = quoteOpening(annotation);
      blocks.push({
        type: 'paragraph',
        style: 'body',
        inlines: [
          text(`${ctx.t.see} ${earlier}: `, { italic: true }),
          text(ctx.template.language === 'ru' ? `«${opening}»` : `“${opening}”`),
        ],
        dir: directionOf(opening),
        lang: '',
      });
      continue;
    }
    ctx.quotedUnder.set(words, label);
    blocks.push(quoteBlock(ctx, annotation));
  }
  return blocks;
}

function heading(value: string, level: 1 | 2 = 1): DocBlock {
  return { type: 'heading', level, text: value, dir: directionOf(value) };
}

function scopeSentence(ctx: Context): string {
  const { filters } = ctx.briefing;
  const registerNames = [
    ...new Set(ctx.threats.map((t) => ctx.registers.get(t.registerId)?.name).filter((n): n is string => Boolean(n))),
  ];
  const { p } = ctx;
  const [open, close] = ctx.template.language === 'ru' ? ['«', '»'] : ['“', '”'];
  let sentence = p.threats(ctx.threats.length);
  if (registerNames.length > 0) sentence += p.scope.from(p.list(registerNames.map((n) => `${open}${n}${close}`)));
  const limits: string[] = [];
  if (filters.categories.length > 0)
    limits.push(p.scope.inCategories(p.list(filters.categories.map((c) => p.category[c].toLowerCase()))));
  if (filters.minimumScore > 0) limits.push(p.scope.scoring(filters.minimumScore));
  if (filters.countryCodes.length > 0)
    limits.push(p.scope.affecting(p.list(filters.countryCodes.map((c) => countryName(ctx, c)))));
  return limits.length > 0 ? `${sentence}, ${limits.join(', ')}` : sentence;
}

function titleBlock(ctx: Context, cover: boolean): DocBlock {
  const b = ctx.briefing;
  const facts: { label: string; value: string }[] = [];
  const { t, template } = ctx;
  if (template.institution.trim())
    facts.push({
      label: t.issuedBy,
      value: [template.institution.trim(), template.department.trim()].filter(Boolean).join(', '),
    });
  const number = documentNumber(template.documentNumberPattern, b.date, b.exports.length + 1);
  if (number) facts.push({ label: t.documentNumber, value: number });
  if (b.author.trim()) facts.push({ label: t.preparedBy, value: b.author.trim() });
  facts.push({ label: t.date, value: datedIn(b.date, t) });
  if (b.audience.trim()) facts.push({ label: t.for, value: b.audience.trim() });
  if (cover) facts.push({ label: t.scope, value: capitalise(scopeSentence(ctx)) });
  const distribution = distributionList(template);
  if (cover && distribution.length > 0) facts.push({ label: t.distribution, value: distribution.join('; ') });
  return {
    type: 'title',
    cover,
    kicker: cover ? ctx.t.kicker : '',
    title: b.title,
    subtitle: b.subtitle.trim(),
    marking: b.marking.trim(),
    facts,
  };
}

function keyJudgmentsSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections['key-judgments'])];
  const written = ctx.briefing.keyJudgments.filter((kj: KeyJudgment) => kj.text.trim());
  if (written.length === 0) return [...blocks, paragraph(ctx.p.noKeyJudgments, 'note')];
  written.forEach((kj, index) => {
    const judgment = kj.text.trim();
    blocks.push({
      type: 'judgment',
      number: index + 1,
      text: judgment,
      confidence: kj.confidence,
      dir: directionOf(judgment),
    });
    const evidence = kj.passageIds.map((id) => ctx.annotations.get(id)).filter((a): a is Annotation => a !== undefined);
    // A judgment without a quoted passage prints none; the check before export says it rests on nothing.
    blocks.push(...evidenceBlocks(ctx, kj.id, evidence, ctx.p.keyJudgment(index + 1)));
  });
  return blocks;
}

function overviewSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections['threat-overview'])];
  if (ctx.threats.length === 0) return [...blocks, paragraph(ctx.p.noThreatsInRegisters, 'note')];
  const { p } = ctx;
  const c = p.overview.columns;
  blocks.push(paragraph(p.overview.intro(capitalise(scopeSentence(ctx))), 'body'));
  blocks.push({
    type: 'table',
    label: p.overview.label,
    caption: p.overview.caption,
    kind: 'overview',
    columns: [
      { text: c[0], width: 6, align: 'center' },
      { text: c[1], width: 26, align: 'start' },
      { text: c[2], width: 15, align: 'start' },
      { text: c[3], width: 14, align: 'start' },
      { text: c[4], width: 13, align: 'start' },
      { text: c[5], width: 15, align: 'center' },
      { text: c[6], width: 11, align: 'start' },
    ],
    rows: ctx.threats.map((t) => {
      const levels = levelsOf(ctx, t);
      const head = [
        cell(`T${ctx.threatNumbers.get(t.id)}`, { align: 'center', bold: true }),
        cell(t.title),
        cell(p.category[t.category]),
      ];
      if (!isRated(t))
        return [
          ...head,
          cell('—'),
          cell('—'),
          cell(p.notRated, { align: 'center' }),
          cell(capitalise(p.trend[t.trend])),
        ];
      const band = bandFor(ctx, t);
      return [
        ...head,
        cell(`${p.words(likelihoodWords(t.likelihood, levels))} (${t.likelihood})`),
        cell(`${p.words(impactWords(t.impact, levels))} (${t.impact})`),
        cell(`${t.score} ${capitalise(p.band[band])}`, { align: 'center', band, bold: true }),
        cell(capitalise(p.trend[t.trend])),
      ];
    }),
  });
  return blocks;
}

function heatMapSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections['heat-map'])];
  const { p } = ctx;
  if (ctx.threats.length === 0) return [...blocks, paragraph(p.heatMap.none, 'note')];
  const registerIds = [...new Set(ctx.threats.map((t) => t.registerId))];
  for (const registerId of registerIds) {
    const register = ctx.registers.get(registerId);
    if (!register) continue;
    const { levels, bands } = register.scale;
    const threats = ctx.threats.filter((t) => t.registerId === registerId);
    const unrated = threats.filter((t) => !isRated(t));
    const range = Array.from({ length: levels }, (_, i) => i + 1);
    const headingWidth = 22;
    const cellWidth = Math.max(1, Math.floor((100 - headingWidth) / levels));
    blocks.push({
      type: 'table',
      label: p.heatMap.label(registerIds.length > 1 ? register.name : null),
      caption: p.heatMap.caption(register.name, levels),
      kind: 'heat-map',
      columns: [
        { text: p.heatMap.corner, width: headingWidth, align: 'start' },
        ...range.map((impact) => ({
          text: `${impact} ${p.words(impactWords(impact, levels))}`,
          width: cellWidth,
          align: 'center' as const,
        })),
      ],
      rows: [...range].reverse().map((likelihood) => [
        cell(`${likelihood} ${p.words(likelihoodWords(likelihood, levels))}`, { heading: true, bold: true }),
        ...range.map((impact) => {
          const here = threats.filter((t) => t.likelihood === likelihood && t.impact === impact);
          return cell(here.map((t) => `T${ctx.threatNumbers.get(t.id)}`).join(', '), {
            align: 'center',
            band: bandOf(likelihood * impact, bands),
            bold: here.length > 0,
          });
        }),
      ]),
    });
    blocks.push(paragraph(p.heatMap.legend(bands), 'note'));
    // Unrated threats have no cell on the matrix; they are named beside it rather than placed by guess.
    if (unrated.length > 0)
      blocks.push(
        paragraph(
          p.heatMap.unrated(unrated.map((t) => `T${ctx.threatNumbers.get(t.id)} ${t.title}`).join('; ')),
          'note',
        ),
      );
  }
  return blocks;
}

function labelled(label: string, value: string): DocBlock {
  return {
    type: 'paragraph',
    style: 'body',
    inlines: [text(`${label}: `, { bold: true }), text(value)],
    dir: directionOf(value),
    lang: '',
  };
}

function threatDetailsSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections['threat-details'])];
  const { p } = ctx;
  if (ctx.threats.length === 0) return [...blocks, paragraph(p.noThreats, 'note')];
  for (const t of ctx.threats) {
    const levels = levelsOf(ctx, t);
    blocks.push(heading(`T${ctx.threatNumbers.get(t.id)}. ${t.title}`, 2));
    // One sentence a reader can take in, not a run of field names.
    blocks.push(
      paragraph(
        isRated(t)
          ? p.threatFacts({
              score: t.score,
              band: p.band[bandFor(ctx, t)],
              likelihood: p.words(likelihoodWords(t.likelihood, levels)).toLowerCase(),
              l: t.likelihood,
              impact: p.words(impactWords(t.impact, levels)).toLowerCase(),
              i: t.impact,
              levels,
              trend: p.trend[t.trend],
              confidence: p.confidenceLevel[t.confidence],
            })
          : p.threatUnrated(p.trend[t.trend], p.confidenceLevel[t.confidence]),
        'facts',
      ),
    );
    const description = paragraphs(t.description);
    blocks.push(...(description.length > 0 ? description : [paragraph(p.noDescription, 'note')]));
    const actors = t.actorIds.map((id) => ctx.actors.get(id)?.name).filter((n): n is string => Boolean(n));
    if (actors.length > 0) blocks.push(labelled(ctx.t.actors, `${actors.join('; ')}.`));
    const affected = t.countryCodes.filter((c) => c !== t.originCode).map((c) => countryName(ctx, c));
    if (t.originCode && t.originCode !== ctx.commonOrigin)
      blocks.push(labelled(p.emanatesFrom, `${countryName(ctx, t.originCode)}.`));
    if (affected.length > 0) blocks.push(labelled(ctx.t.affectedCountries, `${affected.join(', ')}.`));
    for (const [label, items] of [
      [ctx.t.indicators, t.indicators],
      [ctx.t.mitigations, t.mitigations],
    ] as const) {
      if (items.length === 0) continue;
      blocks.push(paragraph(label, 'label'));
      blocks.push({
        type: 'list',
        ordered: false,
        items: items.map((item) => ({ inlines: [text(item)], dir: directionOf(item) })),
      });
    }
    // A threat without evidence has no Evidence heading; the scope note and the composer's warnings say so.
    const evidence = evidenceBlocks(ctx, t.id, ctx.evidenceByThreat.get(t.id) ?? [], `T${ctx.threatNumbers.get(t.id)}`);
    if (evidence.length > 0) blocks.push(paragraph(ctx.t.evidence, 'label'), ...evidence);
  }
  return blocks;
}

/** A count as a reader takes it in: "1.41 billion", "37.0 million", "640 thousand"; no false precision. */
export function roundedFigure(value: number, p: BriefingPhrases = BRIEFING_PHRASES.en): string {
  const abs = Math.abs(value);
  const scaled = (unit: number, word: string) => {
    const n = value / unit;
    const digits = Math.abs(n) >= 100 ? String(Math.round(n)) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
    return `${digits.replace('.', p.decimal)} ${word}`;
  };
  if (abs >= 1e9) return scaled(1e9, p.billion);
  if (abs >= 1e6) return scaled(1e6, p.million);
  if (abs >= 1e4) return `${Math.round(value / 1000)} ${p.thousand}`;
  return p.thousands(value);
}

/**
 * A footnote giving where a column's figures come from: the facts' sources, each publication once, the
 * entries of one work (The World Factbook's country pages) named together. Null when no figure has a source.
 */
function factNote(ctx: Context, label: string, sources: readonly (readonly FactSource[])[]): number | null {
  const works = new Map<string, string[]>();
  for (const source of sources.flat()) {
    // "CIA, The World Factbook, "Kazakhstan", People and Society > Population": one work, many entries.
    const entry = /"([^"]+)"/.exec(source.publication);
    const work = source.publication.replace(/"[^"]+"/, '{}');
    const entries = works.get(work) ?? [];
    if (entry && !entries.includes(entry[1]!)) entries.push(entry[1]!);
    works.set(work, entries);
  }
  if (works.size === 0) return null;
  const [open, close] = ctx.template.language === 'ru' ? ['«', '»'] : ['“', '”'];
  const cited = [...works].map(([work, entries]) =>
    work.replace('{}', entries.map((e) => `${open}${e}${close}`).join(', ')),
  );
  return ctx.citations.note(`${label}: ${cited.join('; ')}.`);
}

/** A threat as it bears on one country: the country's override of its rating when one is in force. */
interface CountryThreat {
  threat: Threat;
  score: number;
  band: Band;
  overridden: boolean;
}

function countryThreats(ctx: Context, code: string): CountryThreat[] {
  // A threat counts against the countries it affects (not the one it emanates from) until it is closed.
  return ctx.threats
    .filter((t) => t.countryCodes.includes(code) && t.originCode !== code && t.status !== 'closed')
    .flatMap((threat): CountryThreat[] => {
      const override = ctx.overrides.get(overrideId(code, threat.id));
      if (!override)
        return isRated(threat) ? [{ threat, score: threat.score, band: bandFor(ctx, threat), overridden: false }] : [];
      const score = riskScore(override.likelihood, override.impact);
      const register = ctx.registers.get(threat.registerId);
      return [
        {
          threat,
          score,
          band: bandOf(score, register?.scale.bands ?? { medium: 4, high: 8, critical: 15 }),
          overridden: true,
        },
      ];
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.threat.score ?? 0) - (a.threat.score ?? 0) ||
        a.threat.title.localeCompare(b.threat.title),
    );
}

function countryComparisonSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections['country-comparison'])];
  const chosen = ctx.briefing.filters.countryCodes;
  const codes =
    chosen.length > 0
      ? chosen
      : [...new Set(ctx.threats.flatMap((t) => t.countryCodes))].filter((c) => countryThreats(ctx, c).length > 0);
  const rows = codes
    .map((code) => ({ code, threats: countryThreats(ctx, code) }))
    .sort(
      (a, b) =>
        (b.threats[0]?.score ?? 0) - (a.threats[0]?.score ?? 0) ||
        b.threats.length - a.threats.length ||
        countryName(ctx, a.code).localeCompare(countryName(ctx, b.code)),
    );
  if (rows.length === 0) return [...blocks, paragraph(ctx.p.countries.none, 'note')];
  const { p } = ctx;
  const c = p.countries.columns;
  const shown = rows.map((r) => ctx.countries.get(r.code)).filter((k): k is Country => k !== undefined);
  const borderNote = factNote(
    ctx,
    c[1],
    shown.map((k) => k.facts.borderWithAfghanistanKm.sources),
  );
  const populationNote = factNote(
    ctx,
    c[2],
    shown.map((k) => k.facts.population.sources),
  );
  const anyOverride = rows.some((r) => r.threats.some((t) => t.overridden));
  blocks.push({
    type: 'table',
    label: p.countries.label,
    caption: p.countries.caption + (anyOverride ? p.countries.overridden : ''),
    kind: 'countries',
    columns: [
      // Preset shares: the writer widens a column to its longest word (table-columns.ts) and shares the rest by these.
      { text: c[0], width: 15, align: 'start' },
      { text: c[1], width: 19, align: 'end', ...(borderNote ? { note: borderNote } : {}) },
      { text: c[2], width: 15, align: 'end', ...(populationNote ? { note: populationNote } : {}) },
      { text: c[3], width: 10, align: 'center' },
      { text: c[4], width: 16, align: 'center' },
      { text: c[5], width: 25, align: 'start' },
    ],
    rows: rows.map(({ code, threats }) => {
      const country = ctx.countries.get(code);
      const border = country?.facts.borderWithAfghanistanKm.value;
      const top = threats[0];
      return [
        cell(countryName(ctx, code), { bold: true }),
        cell(
          border === undefined ? '—' : border === null ? '—' : border === 0 ? p.none : `${p.thousands(border)} ${p.km}`,
          { align: 'end' },
        ),
        cell(country ? `${roundedFigure(country.facts.population.value, p)} (${country.facts.population.year})` : '—', {
          align: 'end',
        }),
        cell(String(threats.length), { align: 'center' }),
        cell(top ? `${top.score}${top.overridden ? '*' : ''} ${capitalise(p.band[top.band])}` : '—', {
          align: 'center',
          band: top?.band ?? null,
          bold: Boolean(top),
        }),
        cell(top ? `T${ctx.threatNumbers.get(top.threat.id)}. ${top.threat.title}` : '—'),
      ];
    }),
  });
  return blocks;
}

function recommendationsSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections.recommendations)];
  const written = ctx.briefing.recommendations.filter((r) => r.text.trim());
  if (written.length === 0) return [...blocks, paragraph(ctx.p.noRecommendations, 'note')];
  // Key judgments are numbered among those written; a recommendation names those it follows from.
  const judgmentNumbers = new Map(
    ctx.briefing.keyJudgments.filter((kj) => kj.text.trim()).map((kj, i) => [kj.id, i + 1]),
  );
  blocks.push({
    type: 'list',
    ordered: true,
    items: written.map((r) => {
      const numbers = r.judgmentIds
        .map((id) => judgmentNumbers.get(id))
        .filter((n): n is number => n !== undefined)
        .sort((a, b) => a - b);
      const basis =
        numbers.length === 0
          ? []
          : [
              text(ctx.p.followsFrom(numbers, ctx.p.list(numbers.map(String))), {
                italic: true,
              }),
            ];
      return { inlines: [text(r.text.trim()), ...basis], dir: directionOf(r.text) };
    }),
  });
  return blocks;
}

/**
 * An optional section the analyst wrote (assumptions, alternatives, gaps, indicators): paragraphs, and
 * runs of lines starting "- " or "• " as a bulleted list. Unwritten, it prints nothing (the check says so).
 */
function writtenSection(ctx: Context, kind: keyof typeof OPTIONAL_SECTION_FIELDS): DocBlock[] {
  const value = ctx.briefing[OPTIONAL_SECTION_FIELDS[kind]].trim();
  if (!value) return [];
  const blocks: DocBlock[] = [heading(ctx.t.sections[kind])];
  for (const chunk of value.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => /^[-•*]\s+/.test(l))) {
      const items = lines.map((l) => l.replace(/^[-•*]\s+/, ''));
      blocks.push({
        type: 'list',
        ordered: false,
        items: items.map((item) => ({ inlines: [text(item)], dir: directionOf(item) })),
      });
    } else blocks.push(...paragraphs(lines.join('\n')));
  }
  return blocks;
}

function sourcesAnnex(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.annexSources)];
  const cited = [...ctx.citations.bySource.entries()];
  const references = ctx.citations.engine.bibliography();
  const { p } = ctx;
  if (cited.length === 0) return [...blocks, paragraph(p.annex.none, 'note')];
  blocks.push(paragraph(p.annex.intro, 'body'));
  const c = p.annex.columns;
  blocks.push({
    type: 'table',
    label: p.annex.label,
    caption: '',
    kind: 'annex',
    columns: [
      { text: c[0], width: 6, align: 'center' },
      { text: c[1], width: 52, align: 'start' },
      { text: c[2], width: 9, align: 'center' },
      { text: c[3], width: 20, align: 'start' },
      { text: c[4], width: 13, align: 'start' },
    ],
    rows: cited.map(([sourceId, notes], index) => {
      const s = ctx.sources.get(sourceId)!;
      return [
        cell(`S${index + 1}`, { align: 'center', bold: true }),
        // The style's bibliography entry, left to right whatever the source's script; right-to-left names are isolated.
        cell(isolateRtl(references.get(sourceId) ?? s.title), { dir: 'ltr' }),
        cell(admiraltyGrade(s.reliability, s.credibility), { align: 'center', bold: true }),
        cell(capitalise(gradeWords(s, p))),
        cell(numberRanges(notes)),
      ];
    }),
  });
  return blocks;
}

/** The US ICD 203 scale of estimative words and the probabilities they stand for. */
export const ICD_203_SCALE: readonly { words: string; range: string }[] = [
  { words: 'Almost no chance', range: '01–05 %' },
  { words: 'Very unlikely', range: '05–20 %' },
  { words: 'Unlikely', range: '20–45 %' },
  { words: 'Roughly even chance', range: '45–55 %' },
  { words: 'Likely', range: '55–80 %' },
  { words: 'Very likely', range: '80–95 %' },
  { words: 'Almost certain', range: '95–99 %' },
];

/** What each confidence level says about the evidence behind a judgment (after ODNI's usage). */
export const CONFIDENCE_MEANINGS: Record<'high' | 'moderate' | 'low', string> = BRIEFING_PHRASES.en.confidenceMeaning;

function bottomLineSection(ctx: Context): DocBlock[] {
  const text = ctx.briefing.bottomLine.trim();
  // An empty bottom line prints nothing; the composer asks for it before export.
  return text ? [heading(ctx.t.sections['bottom-line']), ...paragraphs(text)] : [];
}

/** The sources behind each judgment (threat rating or key judgment) of the briefing, by source id. */
function judgmentSources(ctx: Context): { label: string; sourceIds: Set<string> }[] {
  const of = (annotations: readonly (Annotation | undefined)[]) =>
    new Set(annotations.filter((a): a is Annotation => a !== undefined).map((a) => a.sourceId));
  const judgments = ctx.briefing.keyJudgments
    .filter((kj) => kj.text.trim())
    .map((kj, i) => ({
      label: ctx.p.keyJudgment(i + 1),
      sourceIds: of(kj.passageIds.map((id) => ctx.annotations.get(id))),
    }));
  const threats = ctx.threats.map((t) => ({
    label: `T${ctx.threatNumbers.get(t.id)}`,
    sourceIds: of(ctx.evidenceByThreat.get(t.id) ?? []),
  }));
  return [...judgments, ...threats];
}

/** "This briefing draws on 1 source … Every rating rests on it alone …": how many sources, their grades, and what rests on one. */
function sourcesParagraph(ctx: Context): string {
  const judgments = judgmentSources(ctx);
  const all = [...new Set(judgments.flatMap((j) => [...j.sourceIds]))]
    .map((id) => ctx.sources.get(id))
    .filter((s): s is Source => s !== undefined);
  const { p } = ctx;
  if (all.length === 0) return p.sources.none;
  const [open, close] = ctx.template.language === 'ru' ? ['«', '»'] : ['“', '”'];
  const graded = (s: Source) =>
    `${open}${s.title}${close} (${admiraltyGrade(s.reliability, s.credibility)}, ${gradeWords(s, p)})`;
  const sentences = [
    all.length <= 4
      ? p.sources.few(all.length, p.list(all.map(graded)))
      : p.sources.many(
          all.length,
          p.list([...new Set(all.map((s) => admiraltyGrade(s.reliability, s.credibility)))].sort()),
        ),
  ];
  const single = judgments.filter((j) => j.sourceIds.size === 1);
  const none = judgments.filter((j) => j.sourceIds.size === 0);
  if (all.length === 1 && none.length === 0) sentences.push(p.sources.allOnOne);
  else if (single.length > 0) sentences.push(p.sources.single(p.list(single.map((j) => j.label))));
  if (none.length > 0) sentences.push(p.sources.unsupported(p.list(none.map((j) => j.label))));
  return sentences.join(' ');
}

function scopeNoteSection(ctx: Context): DocBlock[] {
  const blocks: DocBlock[] = [heading(ctx.t.sections['scope-note'])];
  const { p } = ctx;
  let scope = p.scope.covers(scopeSentence(ctx));
  if (ctx.commonOrigin) scope += p.scope.commonOrigin(countryName(ctx, ctx.commonOrigin));
  if (ctx.briefing.informationCutOff) scope += p.scope.cutOff(datedIn(ctx.briefing.informationCutOff, ctx.t));
  blocks.push(paragraph(scope));
  blocks.push(paragraph(sourcesParagraph(ctx)));
  return blocks;
}

function estimativeKeySection(ctx: Context): DocBlock[] {
  const used = new Set(ctx.threats.filter(isRated).map((t) => likelihoodWords(t.likelihood, levelsOf(ctx, t))));
  const { p } = ctx;
  const usedInOrder = ICD_203_SCALE.filter((s) => used.has(s.words)).map((s) => p.words(s.words).toLowerCase());
  return [
    heading(ctx.t.sections['estimative-key']),
    paragraph(p.key.intro(usedInOrder.length > 0 ? p.list(usedInOrder) : '')),
    {
      type: 'table',
      label: p.key.label,
      caption: p.key.caption,
      kind: 'key',
      columns: [
        { text: p.key.columns[0], width: 60, align: 'start' },
        { text: p.key.columns[1], width: 40, align: 'center' },
      ],
      rows: ICD_203_SCALE.map(({ words, range }) => [
        cell(p.words(words), { bold: used.has(words) }),
        cell(range, { align: 'center', bold: used.has(words) }),
      ]),
    },
    paragraph(p.key.confidence),
    {
      type: 'list',
      ordered: false,
      items: (['high', 'moderate', 'low'] as const).map((level) => ({
        inlines: [text(`${p.confidenceWords[level]}: `, { bold: true }), text(p.confidenceMeaning[level])],
        dir: 'ltr' as const,
      })),
    },
  ];
}

/** Where sections end a page: after the cover and the contents; the threat details and the annex start on a new page. */
const BREAK_AFTER: ReadonlySet<BriefingSectionKind> = new Set(['cover', 'contents']);
const BREAK_BEFORE: ReadonlySet<BriefingSectionKind> = new Set(['threat-details', 'sources-annex']);

/**
 * The briefing as a document tree: its enabled sections in the chosen order, every quoted passage
 * footnoted (numbered in the order of the text), and the sources annex listing each cited source once.
 */
export function buildBriefingDocument(briefing: Briefing, workspace: BriefingWorkspace): BriefingDocument {
  const threats = selectThreats(briefing, workspace);
  const template = workspace.template ?? DEFAULT_BRIEFING_TEMPLATE;
  const included = new Set(threats.map((t) => t.id));
  const evidenceByThreat = new Map<string, Annotation[]>();
  for (const annotation of workspace.annotations) {
    for (const threatId of new Set(annotation.threatIds)) {
      if (included.has(threatId))
        evidenceByThreat.set(threatId, [...(evidenceByThreat.get(threatId) ?? []), annotation]);
    }
  }
  const orderedSources = [...workspace.sources].sort(
    (a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
  );
  const sources = new Map(workspace.sources.map((s) => [s.id, s]));
  const ctx: Context = {
    briefing,
    threats,
    threatNumbers: new Map(threats.map((t, i) => [t.id, i + 1])),
    registers: new Map(workspace.registers.map((r) => [r.id, r])),
    sources,
    sourceOrder: new Map(orderedSources.map((s, i) => [s.id, i])),
    annotations: new Map(workspace.annotations.map((a) => [a.id, a])),
    evidenceByThreat,
    actors: new Map(workspace.actors.map((a) => [a.id, a])),
    countries: new Map(workspace.countries.map((c) => [c.code, c])),
    overrides: indexOverrides(workspace.exposureOverrides ?? []),
    commonOrigin:
      threats.length > 1 && threats.every((t) => t.originCode && t.originCode === threats[0]!.originCode)
        ? threats[0]!.originCode
        : null,
    citations: new Citations(
      sources,
      briefing.citationStyle,
      workspace.passageLocators ?? new Map(),
      BRIEFING_PHRASES[template.language].sourceGone,
      template.language,
    ),
    quotedUnder: new Map(),
    evidenceChoices: new Map(briefing.evidenceChoices.map((c) => [c.forId, c.passageIds])),
    template,
    t: FIXED_TEXTS[template.language],
    p: BRIEFING_PHRASES[template.language],
  };

  const enabled = briefing.sections.filter((s) => s.enabled).map((s) => s.kind);
  const blocks: DocBlock[] = [];
  const pageBreak = () => {
    const last = blocks.at(-1);
    if (last && last.type !== 'page-break') blocks.push({ type: 'page-break' });
  };
  // Without a cover page the title still heads the first page.
  if (!enabled.includes('cover')) blocks.push(titleBlock(ctx, false));
  for (const kind of enabled) {
    if (BREAK_BEFORE.has(kind)) pageBreak();
    switch (kind) {
      case 'cover':
        blocks.push(titleBlock(ctx, true));
        break;
      case 'contents':
        blocks.push({ type: 'contents', title: ctx.t.contents });
        break;
      case 'bottom-line':
        blocks.push(...bottomLineSection(ctx));
        break;
      case 'scope-note':
        blocks.push(...scopeNoteSection(ctx));
        break;
      case 'estimative-key':
        blocks.push(...estimativeKeySection(ctx));
        break;
      case 'key-judgments':
        blocks.push(...keyJudgmentsSection(ctx));
        break;
      case 'threat-overview':
        blocks.push(...overviewSection(ctx));
        break;
      case 'heat-map':
        blocks.push(...heatMapSection(ctx));
        break;
      case 'threat-details':
        blocks.push(...threatDetailsSection(ctx));
        break;
      case 'country-comparison':
        blocks.push(...countryComparisonSection(ctx));
        break;
      case 'recommendations':
        blocks.push(...recommendationsSection(ctx));
        break;
      case 'assumptions':
      case 'alternatives':
      case 'key-gaps':
      case 'indicators':
        blocks.push(...writtenSection(ctx, kind));
        break;
      case 'sources-annex':
        blocks.push(...sourcesAnnex(ctx));
        break;
    }
    if (BREAK_AFTER.has(kind)) pageBreak();
  }
  while (blocks.at(-1)?.type === 'page-break') blocks.pop();

  return {
    format: BRIEFING_DOCUMENT_FORMAT,
    page: {
      title: briefing.title,
      subtitle: briefing.subtitle.trim(),
      author: briefing.author.trim(),
      date: datedIn(briefing.date, ctx.t),
      isoDate: briefing.date,
      marking: briefing.marking.trim(),
      audience: briefing.audience.trim(),
      language: template.language,
      template: {
        institution: template.institution.trim(),
        department: template.department.trim(),
        documentNumber: documentNumber(template.documentNumberPattern, briefing.date, briefing.exports.length + 1),
        distribution: distributionList(template),
        handling: template.handling.trim() || ctx.t.handling(briefing.marking.trim()),
        headingFont: template.headingFont,
        bodyFont: template.bodyFont,
        paper: template.paper,
        logo: template.logo,
      },
    },
    blocks,
    footnotes: ctx.citations.footnotes(),
  };
}

export { briefingFileName, confidenceWords };
