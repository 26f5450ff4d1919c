/**
 * CSV interchange of threat registers: export a register for a spreadsheet, and import one back.
 *
 * ## The file we write (`registerToCsv`)
 *
 * UTF-8 text that starts with a byte-order mark (so Excel reads Cyrillic, Kazakh and Dari correctly),
 * comma-separated, CRLF line ends, a header row of English column names (`CSV_COLUMNS`, in order) and
 * one row per threat. A cell is quoted only when it must be (it holds a comma, a quote, a line break or
 * leading/trailing spaces); a quote inside a cell is doubled, as RFC 4180 says.
 *
 * - **Ratings**: likelihood and impact as whole numbers on the register's scale; **score** (likelihood ×
 *   impact) and **band** are written for reading and sorting, and ignored on import. A threat not yet
 *   rated has empty likelihood, impact and score cells and the band "not rated": no score is made up.
 * - **Choices** (category, trend, confidence, status) as their English values (`terrorism`, `rising`, …).
 * - **Countries** and **origin** as ISO 3166-1 alpha-2 codes, joined with `"; "`.
 * - **Actors** by name, joined with `"; "`. An actor the context does not know, or whose name would not
 *   lead back to that one actor on import (two actors share it), is written as its id instead.
 * - **Indicators** and **mitigations** one per line inside the cell, each line starting with `• `. A line
 *   break *inside* one item is written as a line break followed by two spaces, so the item's continuation
 *   reads indented under its bullet and comes back as one item.
 * - **Last reviewed** as `YYYY-MM-DD`; empty when never reviewed.
 * - **Spreadsheet formulas**: a cell that a spreadsheet would run as a formula (it starts with `=`, `+`,
 *   `-`, `@`, a tab or a carriage return, possibly after apostrophes) is written with one apostrophe in
 *   front, and the apostrophe is taken off again on import. Threat texts quote hostile sources; opening a
 *   register must never run `=HYPERLINK(…)` or `=cmd|…`.
 *
 * ## Reading (`parseCsv`)
 *
 * Strips a byte-order mark; takes the delimiter (comma, semicolon or tab — a Russian-locale Excel writes
 * semicolons) and the line end from the header row (the one of the three that occurs most often there
 * outside quotes; comma when none does); the first non-empty row is the header. Empty rows (nothing but
 * blanks and delimiters) are skipped but still counted, so row numbers are the ones a spreadsheet shows:
 * the header is row 1 when the file starts with it, a cell with line breaks is still one row.
 * Unparseable quoting, and rows with more (non-empty) cells than the header, are `problems`.
 *
 * ## Validating (`validateRows`)
 *
 * Every row is checked under the column mapping, and every problem of every row is reported, one per
 * cell, each with the row, the column's header and a sentence saying what is wrong and what is expected.
 * A row with any problem yields no draft; the other rows still do. A row with a parse problem (broken
 * quoting, extra cells) is reported by that problem alone: its cells cannot be trusted to be in place.
 *
 * - **Mapping problems** are reported on row 1 (the header) and stop the whole import (no drafts): a field
 *   mapped from two columns, or a required field — **title**, **likelihood**, **impact** — mapped from
 *   none. Ratings are judgments: an import never invents them.
 * - **title**: required in every row, trimmed, at most 500 characters.
 * - **likelihood**, **impact**: both empty for a threat not yet rated, else both given: a whole number from 1 to the scale's levels, or a
 *   word from scoring.ts (likelihood: "Very unlikely" … "Very likely", ICD 203; impact: "Minimal" …
 *   "Severe") when exactly one level of this scale is described by that word.
 * - **category**, **trend**, **confidence**, **status**: the English value or a synonym, in English or
 *   Russian, case-insensitive (see the tables below). Empty cell or no column → `other`, `stable`, `low`,
 *   `active` (the defaults of a new threat in the app).
 * - **origin**: one country; **countries**: any number, separated by `;`, `,` or line breaks. A country is
 *   an ISO alpha-2 or alpha-3 code, or the English or Russian (or Kazakh) name of one of the eleven
 *   reference countries, and it must be one of `context.countryCodes`. Empty origin → null.
 * - **actors**: separated by `;`, `,` or line breaks, each matched by name, then by alias (case, spacing
 *   and punctuation do not matter), or given as a known actor's id; an unknown or ambiguous name is a
 *   problem. A name that itself contains `,` or `;` is still found (the longest run of pieces that names
 *   an actor wins).
 * - **indicators**, **mitigations**: one item per line; a leading bullet (`•`, `-`, `*`, `1.`, `1)`) is
 *   removed; a line that starts with a space or tab continues the item above; blank lines are skipped;
 *   each item is trimmed and at most 2000 characters long. Semicolons do *not* separate items (they
 *   occur in sentences).
 * - **owner**: trimmed, at most 200 characters; **description**: as written (line breaks normalised to
 *   `\n`), at most 50,000 characters.
 * - **lastReviewedOn**: `YYYY-MM-DD` or `DD.MM.YYYY` (what Excel shows in a Russian locale), a real
 *   calendar date; empty → null. Slashed dates are refused: 03/04/2026 means two different days.
 * - **id**: kept only when it is a UUID (lower-cased); anything else (an analyst's own numbering such as
 *   "T-01") is ignored and the row becomes a new threat. The same id on two rows is a problem on the
 *   later row.
 * - **score**, **band**: read-only, never read.
 * - Duplicate countries and actors within a cell are dropped silently.
 *
 * `CsvValidation.mappedFields` says which fields the mapping filled, so that a caller updating existing
 * threats (by id) can leave the other fields as they are rather than overwrite them with defaults.
 */
// papaparse's browser build (the file 'papaparse' gives the renderer; no Node streams in it), imported by
// path and untyped: @types/papaparse starts with `/// <reference types="node" />`, which would pull Node's
// types into the renderer's type-check (tsconfig.web.json gives it none, on purpose). The two calls used
// here are typed by `PapaApi` below instead.
// @ts-expect-error -- deliberately untyped import, see above
import PapaUntyped from 'papaparse/papaparse.min.js';
import type { z } from 'zod';
import { type Actor } from '../domain/actor';
import { CATEGORY_LABELS } from '../domain/briefing-model';
import { CalendarDate, Id } from '../domain/primitives';
import { bandOf, impactWords, likelihoodWords, riskScore } from '../domain/scoring';
import {
  type Confidence,
  type RiskScale,
  THREAT_CATEGORIES,
  Threat,
  type ThreatCategory,
  type ThreatStatus,
  type Trend,
} from '../domain/threat';

/** The part of papaparse 5 used here (see the import above). */
interface PapaApi {
  parse(
    input: string,
    config: { delimiter: string; newline?: string; header: false; skipEmptyLines: false; dynamicTyping: false },
  ): { data: string[][]; errors: { type: string; code: string; message: string; row?: number }[] };
  unparse(
    input: { fields: string[]; data: string[][] },
    config: { delimiter: string; newline: string; quotes: boolean; header: boolean; escapeFormulae: boolean },
  ): string;
}
const Papa = PapaUntyped as PapaApi;

// ---------------------------------------------------------------------------------------------------
// Columns

export type CsvField =
  | 'number'
  | 'id'
  | 'title'
  | 'description'
  | 'category'
  | 'likelihood'
  | 'impact'
  | 'score'
  | 'band'
  | 'trend'
  | 'confidence'
  | 'status'
  | 'origin'
  | 'countries'
  | 'actors'
  | 'indicators'
  | 'mitigations'
  | 'owner'
  | 'lastReviewedOn'
  | 'evidence';

export interface CsvColumn {
  field: CsvField;
  /** The header written on export (English). */
  header: string;
  /** One sentence for the analyst: what the column holds and how to write it. */
  description: string;
}

/** The export's columns, in order. Every `CsvField` has exactly one column. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    field: 'number',
    header: 'No.',
    description: 'The threat’s number as a briefing numbers it (T1 is the highest score); ignored on import.',
  },
  {
    field: 'id',
    header: 'ID',
    description: "The threat's identifier; keep it to update that threat on import, leave it empty for a new threat.",
  },
  { field: 'title', header: 'Title', description: 'A short name for the threat (required, at most 500 characters).' },
  { field: 'description', header: 'Description', description: 'What the threat is, in as many lines as needed.' },
  { field: 'category', header: 'Category', description: `One of ${THREAT_CATEGORIES.join(', ')}.` },
  {
    field: 'likelihood',
    header: 'Likelihood',
    description: "A whole number from 1 to the register's number of levels (required).",
  },
  {
    field: 'impact',
    header: 'Impact',
    description: "A whole number from 1 to the register's number of levels (required).",
  },
  { field: 'score', header: 'Score', description: 'Likelihood × impact; computed, ignored on import.' },
  {
    field: 'band',
    header: 'Band',
    description: 'low, medium, high or critical from the score; computed, ignored on import.',
  },
  { field: 'trend', header: 'Trend', description: 'rising, stable or falling.' },
  { field: 'confidence', header: 'Confidence', description: 'Analytic confidence: low, moderate or high.' },
  { field: 'status', header: 'Status', description: 'active, monitoring, mitigated or closed.' },
  {
    field: 'origin',
    header: 'Origin',
    description: 'Where the threat emanates from, as an ISO country code such as AF.',
  },
  {
    field: 'countries',
    header: 'Countries',
    description: 'The countries it affects, as ISO codes separated by semicolons (KZ; TJ).',
  },
  { field: 'actors', header: 'Actors', description: 'The actors involved, by name, separated by semicolons.' },
  { field: 'indicators', header: 'Indicators', description: 'Warning signs to watch, one per line.' },
  { field: 'mitigations', header: 'Mitigations', description: 'Measures against the threat, one per line.' },
  { field: 'owner', header: 'Owner', description: 'Who follows this threat (at most 200 characters).' },
  {
    field: 'lastReviewedOn',
    header: 'Last reviewed',
    description: 'The date of the last review, YYYY-MM-DD or DD.MM.YYYY.',
  },
  {
    field: 'evidence',
    header: 'Evidence',
    description: 'How many coded passages support the threat; ignored on import.',
  },
];

/** Fields every import must map (a mapping without them is refused). */
export const REQUIRED_FIELDS: readonly CsvField[] = ['title', 'likelihood', 'impact'];

/** The band cell of a threat not yet rated. */
export const NOT_RATED = 'not rated';
/** Fields written on export but never read on import. */
export const READ_ONLY_FIELDS: readonly CsvField[] = ['number', 'score', 'band', 'evidence'];

const HEADER_OF = new Map<CsvField, string>(CSV_COLUMNS.map((c) => [c.field, c.header]));
const headerOf = (field: CsvField): string => HEADER_OF.get(field) ?? field;

export interface CsvContext {
  /** The workspace's actors, to write and read them by name. */
  actors: Pick<Actor, 'id' | 'name' | 'aliases'>[];
  /** The countries the workspace knows (ISO alpha-2, upper case). */
  countryCodes: string[];
  /** The register's scale: the range of ratings, and the bands of the exported score. */
  scale: RiskScale;
  /**
   * Country names by ISO code (the workspace's own names), written for people and read back on import.
   * A code with no name here is written by its English name when one is known (Intl), else as its code.
   */
  countryNames?: Readonly<Record<string, string>>;
}

/** What an export adds for the reader: the register named in the file, T-numbers, evidence counts. */
export interface CsvExportContext extends CsvContext {
  /** The register: its name and scale are written on the lines above the header. */
  register?: { name: string };
  /** Threat id → its number as a briefing gives it (threatNumbers in shared/domain/threat-numbers.ts). */
  threatNumbers?: ReadonlyMap<string, number>;
  /** Threat id → how many passages support it. */
  evidenceCounts?: ReadonlyMap<string, number>;
  /** How many threats the register holds, when the rows are a filtered part of it. */
  totalThreats?: number;
  /** ISO instant of the export, named above the header. */
  exportedAt?: string;
}

// ---------------------------------------------------------------------------------------------------
// Shared helpers

const BOM = '\uFEFF';
const BULLET = '•';
const CONTINUATION_INDENT = '  ';

/** Starts a spreadsheet would take for a formula (after any apostrophes already there). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;

function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** Case-, spacing- and punctuation-insensitive form of a name or header. */
function keyOf(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const normaliseLineEnds = (text: string): string => text.replace(/\r\n?/g, '\n');

function quoteList(values: string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------
// Countries

/** Names of the eleven reference countries (English, Russian, some Kazakh and common variants). */
const COUNTRY_NAMES: Record<string, readonly string[]> = {
  AF: [
    'AFG',
    'Afghanistan',
    'Islamic Republic of Afghanistan',
    'Islamic Emirate of Afghanistan',
    'Афганистан',
    'Ауғанстан',
  ],
  KZ: ['KAZ', 'Kazakhstan', 'Republic of Kazakhstan', 'Казахстан', 'Республика Казахстан', 'Қазақстан'],
  KG: [
    'KGZ',
    'Kyrgyzstan',
    'Kyrgyz Republic',
    'Kirghizia',
    'Кыргызстан',
    'Киргизия',
    'Кыргызская Республика',
    'Қырғызстан',
  ],
  TJ: ['TJK', 'Tajikistan', 'Таджикистан', 'Тәжікстан'],
  TM: ['TKM', 'Turkmenistan', 'Туркменистан', 'Түрікменстан'],
  UZ: ['UZB', 'Uzbekistan', 'Узбекистан', 'Өзбекстан', "O'zbekiston"],
  PK: ['PAK', 'Pakistan', 'Пакистан'],
  IR: ['IRN', 'Iran', 'Islamic Republic of Iran', 'Иран', 'Исламская Республика Иран'],
  CN: ['CHN', 'China', "People's Republic of China", 'PRC', 'Китай', 'КНР', 'Қытай'],
  RU: ['RUS', 'Russia', 'Russian Federation', 'Россия', 'Российская Федерация', 'РФ', 'Ресей'],
  US: [
    'USA',
    'United States',
    'United States of America',
    'США',
    'Соединённые Штаты',
    'Соединённые Штаты Америки',
    'Америка',
    'АҚШ',
  ],
};

const COUNTRY_BY_NAME = new Map<string, string>(
  Object.entries(COUNTRY_NAMES).flatMap(([code, names]) => names.map((name) => [keyOf(name), code] as const)),
);

/** The English name of a country code (Intl), or undefined. */
function englishName(code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

class CountryResolver {
  private readonly known: Set<string>;
  /** The names this workspace writes (its own, else English), by key. */
  private readonly byName = new Map<string, string>();
  private readonly names = new Map<string, string>();

  constructor(codes: string[], names: Readonly<Record<string, string>> = {}) {
    this.known = new Set(codes.map((c) => c.toUpperCase()));
    for (const code of this.known) {
      const english = englishName(code);
      if (english) this.byName.set(keyOf(english), code);
    }
    for (const [code, name] of Object.entries(names)) {
      const upper = code.toUpperCase();
      if (!this.known.has(upper) || !name.trim()) continue;
      this.names.set(upper, name.trim());
      this.byName.set(keyOf(name), upper);
    }
  }

  /** The alpha-2 code the text names, if it is a country of this workspace. */
  resolve(text: string): string | undefined {
    const trimmed = text.trim();
    if (/^[A-Za-z]{2}$/.test(trimmed)) {
      const code = trimmed.toUpperCase();
      return this.known.has(code) ? code : undefined;
    }
    const code = COUNTRY_BY_NAME.get(keyOf(trimmed)) ?? this.byName.get(keyOf(trimmed));
    return code && this.known.has(code) ? code : undefined;
  }

  /** What a person reads for a code: the workspace's name, else the English one — the code when no name reads back to it. */
  label(code: string): string {
    const upper = code.toUpperCase();
    const name = this.names.get(upper) ?? englishName(upper);
    return name && !/[;,\n]/.test(name) && this.resolve(name) === upper ? name : upper;
  }

  expected(): string {
    const sample = [...this.known].slice(0, 12).join(', ');
    return `an ISO code such as KZ or a country name such as Kazakhstan or Казахстан${sample ? ` (this workspace knows ${sample}${this.known.size > 12 ? ', …' : ''})` : ''}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Actors

type ActorLookup = { kind: 'found'; id: string } | { kind: 'ambiguous'; names: string[] } | { kind: 'unknown' };

class ActorResolver {
  private readonly byName = new Map<string, Set<string>>();
  private readonly byAlias = new Map<string, Set<string>>();
  private readonly byId = new Map<string, Pick<Actor, 'id' | 'name' | 'aliases'>>();

  constructor(actors: Pick<Actor, 'id' | 'name' | 'aliases'>[]) {
    const add = (map: Map<string, Set<string>>, key: string, id: string) => {
      if (!key) return;
      const ids = map.get(key) ?? new Set<string>();
      ids.add(id);
      map.set(key, ids);
    };
    for (const actor of actors) {
      this.byId.set(actor.id.toLowerCase(), actor);
      add(this.byName, keyOf(actor.name), actor.id);
      for (const alias of actor.aliases) add(this.byAlias, keyOf(alias), actor.id);
    }
  }

  lookup(text: string): ActorLookup {
    const trimmed = text.trim();
    const byId = Id.safeParse(trimmed).success ? this.byId.get(trimmed.toLowerCase()) : undefined;
    if (byId) return { kind: 'found', id: byId.id };
    const key = keyOf(trimmed);
    if (!key) return { kind: 'unknown' };
    const ids = this.byName.get(key) ?? this.byAlias.get(key);
    if (!ids) return { kind: 'unknown' };
    if (ids.size === 1) return { kind: 'found', id: [...ids][0]! };
    return { kind: 'ambiguous', names: [...ids].map((id) => this.byId.get(id.toLowerCase())?.name ?? id) };
  }

  /** The actor's name, or its id when the workspace does not know it. */
  nameOf(id: string): string {
    return this.byId.get(id.toLowerCase())?.name ?? id;
  }

  sampleNames(): string[] {
    return [...this.byId.values()].slice(0, 3).map((a) => a.name);
  }
}

/** Pieces of a cell between separators, with their positions, so adjacent pieces can be rejoined. */
function piecesOf(cell: string, separators: RegExp): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of cell.matchAll(separators)) {
    pieces.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  pieces.push({ start, end: cell.length });
  return pieces;
}

/** Longest pieces joined that still name something; at most this many pieces are joined. */
const MAX_JOINED_PIECES = 8;

function matchActors(
  cell: string,
  actors: ActorResolver,
): { ids: string[]; unknown: string[]; ambiguous: { text: string; names: string[] }[] } {
  const pieces = piecesOf(cell, /[;,\n]/g);
  const ids: string[] = [];
  const unknown: string[] = [];
  const ambiguous: { text: string; names: string[] }[] = [];
  let i = 0;
  while (i < pieces.length) {
    const first = pieces[i]!;
    if (!cell.slice(first.start, first.end).trim()) {
      i++;
      continue;
    }
    let matched = false;
    for (let j = Math.min(pieces.length, i + MAX_JOINED_PIECES); j > i; j--) {
      const text = cell.slice(first.start, pieces[j - 1]!.end).trim();
      const found = actors.lookup(text);
      if (found.kind === 'unknown') continue;
      if (found.kind === 'found') {
        if (!ids.includes(found.id)) ids.push(found.id);
      } else {
        ambiguous.push({ text, names: found.names });
      }
      i = j;
      matched = true;
      break;
    }
    if (!matched) {
      unknown.push(cell.slice(first.start, first.end).trim());
      i++;
    }
  }
  return { ids, unknown, ambiguous };
}

// ---------------------------------------------------------------------------------------------------
// Lists of items (indicators, mitigations)

function joinItems(items: string[]): string {
  return items
    .map((item) => `${BULLET} ${normaliseLineEnds(item).split('\n').join(`\n${CONTINUATION_INDENT}`)}`)
    .join('\n');
}

const ITEM_MARKER = /^(?:[•▪◦·‣*-]|\d{1,3}[.)])(?:\s+|$)/;

function splitItems(cell: string): string[] {
  const items: string[][] = [];
  for (const line of normaliseLineEnds(cell).split('\n')) {
    if (line.length === 0) continue;
    const current = items[items.length - 1];
    if (current && /^[ \t]/.test(line)) {
      current.push(line.startsWith('\t') ? line.slice(1) : line.replace(/^ {1,2}/, ''));
      continue;
    }
    if (!line.trim()) continue;
    items.push([line.trimStart().replace(ITEM_MARKER, '')]);
  }
  return items.map((lines) => lines.join('\n').trim()).filter((item) => item.length > 0);
}

// ---------------------------------------------------------------------------------------------------
// Export

/**
 * Actors by name, unless the names would not lead back to exactly these actors on import (a name shared
 * by two actors, or pieces of names that join up into another actor's name): then by id.
 */
function actorsCell(ids: string[], actors: ActorResolver): string {
  const wanted = [...new Set(ids)].join();
  const readsBack = (cell: string) => {
    const back = matchActors(cell, actors);
    return back.unknown.length === 0 && back.ambiguous.length === 0 && back.ids.join() === wanted;
  };
  const byName = ids.map((id) => actors.nameOf(id)).join('; ');
  if (readsBack(byName)) return byName;
  const mixed = ids
    .map((id) => {
      const name = actors.nameOf(id);
      const back = matchActors(name, actors);
      return back.ids.length === 1 && back.ids[0] === id && back.unknown.length === 0 && back.ambiguous.length === 0
        ? name
        : id;
    })
    .join('; ');
  return readsBack(mixed) ? mixed : ids.join('; ');
}

/**
 * The register as CSV text: header row, one row per threat; lists joined with "; " (indicators and
 * mitigations one per line inside the quoted cell); countries as ISO codes; actors by name; score and
 * band computed (read-only on import). UTF-8 text starting with a BOM so Excel opens Cyrillic
 * correctly; CRLF line ends.
 */
export function registerToCsv(threats: Threat[], context: CsvExportContext): string {
  const actors = new ActorResolver(context.actors);
  const countries = new CountryResolver(context.countryCodes, context.countryNames);
  const actorCells = new Map<string, string>();
  const actorsOf = (ids: string[]): string => {
    const key = ids.join();
    let cell = actorCells.get(key);
    if (cell === undefined) actorCells.set(key, (cell = actorsCell(ids, actors)));
    return cell;
  };
  const cellsOf = (t: Threat): Record<CsvField, string> => {
    const score = t.likelihood !== undefined && t.impact !== undefined ? riskScore(t.likelihood, t.impact) : null;
    const number = context.threatNumbers?.get(t.id);
    return {
      number: number === undefined ? '' : `T${number}`,
      id: t.id,
      title: t.title,
      description: t.description,
      category: CATEGORY_LABELS[t.category],
      likelihood: t.likelihood === undefined ? '' : String(t.likelihood),
      impact: t.impact === undefined ? '' : String(t.impact),
      score: score === null ? '' : String(score),
      band: score === null ? NOT_RATED : bandOf(score, context.scale.bands),
      trend: t.trend,
      confidence: t.confidence,
      status: t.status,
      origin: t.originCode ? countries.label(t.originCode) : '',
      countries: t.countryCodes.map((c) => countries.label(c)).join('; '),
      actors: actorsOf(t.actorIds),
      indicators: joinItems(t.indicators),
      mitigations: joinItems(t.mitigations),
      owner: t.owner,
      lastReviewedOn: t.lastReviewedOn ?? '',
      evidence: context.evidenceCounts ? String(context.evidenceCounts.get(t.id) ?? 0) : '',
    };
  };
  const rows = threats.map((t) => {
    const cells = cellsOf(t);
    return CSV_COLUMNS.map((c) => escapeFormula(cells[c.field]));
  });
  const csv = Papa.unparse(
    { fields: CSV_COLUMNS.map((c) => c.header), data: rows },
    { delimiter: ',', newline: '\r\n', quotes: false, header: true, escapeFormulae: false },
  );
  return `${BOM}${aboutLines(threats.length, context)}${csv}${csv.endsWith('\r\n') ? '' : '\r\n'}`;
}

/** Lines above the header that start with this mark say what the file is; an import skips them. */
export const ABOUT_MARK = '#';

/**
 * The lines above the header: the register's name, its scale and bands, what the rows are. Each is one
 * quoted cell starting with `#` (so a spreadsheet shows it in one cell), and an import skips them.
 */
function aboutLines(rows: number, context: CsvExportContext): string {
  if (!context.register) return '';
  const { levels, bands } = context.scale;
  const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const lines = [
    context.register ? `Register: ${flat(context.register.name)}` : '',
    `Scale: ${levels}×${levels} (likelihood × impact, each 1–${levels}; score up to ${levels * levels}); bands: medium from ${bands.medium}, high from ${bands.high}, critical from ${bands.critical}`,
    context.register
      ? `Rows: ${rows}${context.totalThreats !== undefined && context.totalThreats !== rows ? ` of ${context.totalThreats} threats` : ` threat${rows === 1 ? '' : 's'}`}, in the order and filter of the grid${context.exportedAt ? `; exported ${context.exportedAt}` : ''}`
      : '',
  ].filter((l) => l.length > 0);
  return lines.map((l) => `"${`${ABOUT_MARK} ${l}`.replace(/"/g, '""')}"\r\n`).join('');
}

/** The text with the about lines above the header blanked (kept as empty lines, so row numbers stay true). */
function blankAboutLines(text: string): string {
  const lines = text.split(/(\r\n|\n|\r)/);
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (!/^"?#/.test(line)) break;
    lines[i] = '';
  }
  return lines.join('');
}

// ---------------------------------------------------------------------------------------------------
// Parsing

export interface CsvProblem {
  /**
   * The row as a spreadsheet shows it: the header is row 1 (when the file starts with it), the first
   * data row row 2. Problems of the mapping or of the file as a whole are on row 1.
   */
  row: number;
  /** The header of the column the problem is in, as written in the file; '' when it is not one cell's. */
  column: string;
  /** A sentence: what is wrong and what is expected. */
  problem: string;
}

export interface ParsedCsv {
  /** The header row, each name trimmed. */
  headers: string[];
  /** The data rows (empty rows left out), each exactly as long as `headers`. */
  rows: string[][];
  /** The spreadsheet row number of each entry of `rows`; when absent, rows are taken to be numbered 2, 3, … */
  rowNumbers?: number[];
  /** Unparseable quoting, extra cells, an empty file. */
  problems: CsvProblem[];
}

type Delimiter = ',' | ';' | '\t';
type LineEnd = '\r\n' | '\n' | '\r';

/** The delimiter and line end of the first non-empty line, counting only what is outside quotes. */
function sniff(text: string): { delimiter: Delimiter; newline: LineEnd | undefined } {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let newline: LineEnd | undefined;
  let inQuotes = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      content = true;
    } else if (c === '\r' || c === '\n') {
      const end: LineEnd = c === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
      newline ??= end;
      if (content) break;
      if (end === '\r\n') i++;
    } else {
      if (c === ',' || c === ';' || c === '\t') counts[c]++;
      if (c.trim()) content = true;
    }
  }
  // On a tie, prefer tab, then semicolon: headers hardly ever contain either.
  const order: Delimiter[] = ['\t', ';', ','];
  const best = order.reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return { delimiter: counts[best] > 0 ? best : ',', newline };
}

const isEmptyRecord = (record: string[]): boolean => record.every((cell) => cell.trim() === '');

/** Strips BOM, auto-detects , ; or tab delimiter, skips empty lines. Never throws. */
export function parseCsv(text: string): ParsedCsv {
  const body = blankAboutLines(text.startsWith(BOM) ? text.slice(1) : text);
  const { delimiter, newline } = sniff(body);
  const result = Papa.parse(body, {
    delimiter,
    ...(newline ? { newline } : {}),
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
  });
  const records = result.data;
  const headerIndex = records.findIndex((r) => !isEmptyRecord(r));
  const problems: CsvProblem[] = [];
  if (headerIndex < 0) {
    return {
      headers: [],
      rows: [],
      rowNumbers: [],
      problems: [
        {
          row: 1,
          column: '',
          problem: 'The file is empty; expected a header row naming the columns, then one row per threat.',
        },
      ],
    };
  }
  const headers = records[headerIndex]!.map((h) => h.trim());
  while (
    headers.length > 0 &&
    headers[headers.length - 1] === '' &&
    records.slice(headerIndex + 1).every((r) => !r[headers.length - 1]?.trim())
  ) {
    headers.pop(); // trailing empty columns (a spreadsheet's extra delimiters)
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isEmptyRecord(record)) continue;
    const extra = record.slice(headers.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      problems.push({
        row: i + 1,
        column: '',
        problem: `This row has ${record.length} cells but the header names ${headers.length} columns; the cells past the last column (${quoteList(extra.slice(0, 3).map((c) => c.slice(0, 40)))}${extra.length > 3 ? ', …' : ''}) usually mean a cell with a delimiter in it was not quoted. Quote such cells, or add a header for the extra column.`,
      });
    }
    const cells = record.slice(0, headers.length);
    while (cells.length < headers.length) cells.push('');
    rows.push(cells);
    rowNumbers.push(i + 1);
  }
  const quoteErrors = new Map<number, Set<string>>();
  for (const error of result.errors) {
    if (error.type !== 'Quotes') continue;
    const index = typeof error.row === 'number' ? error.row : headerIndex;
    quoteErrors.set(index, (quoteErrors.get(index) ?? new Set()).add(error.code));
  }
  for (const [index, codes] of quoteErrors) {
    const record = records[index];
    const column = index > headerIndex && record ? (headers[Math.min(record.length, headers.length) - 1] ?? '') : '';
    const trailing = codes.has('InvalidQuotes');
    const unclosed = codes.has('MissingQuotes');
    problems.push({
      row: index + 1,
      column,
      problem: `${trailing ? 'A quoted cell has text after its closing quote' : 'A quoted cell is never closed'}${unclosed ? `${trailing ? ', and no quote closes it after that, ' : ', '}so the rest of the file was read into it` : ''}; put the whole cell in quotes and write a quote inside a cell as two quotes ("").`,
    });
  }
  problems.sort((a, b) => a.row - b.row);
  return { headers, rows, rowNumbers, problems };
}

// ---------------------------------------------------------------------------------------------------
// Guessing a mapping

/** A column mapping: for each CSV column index, the field it fills, or null to ignore it. */
export type ColumnMapping = (CsvField | null)[];

/** Header names each field is known by (compared case-, spacing- and punctuation-insensitively). */
const HEADER_SYNONYMS: Record<CsvField, readonly string[]> = {
  number: ['no', 'number', 'threat number', '№', 'номер'],
  evidence: ['evidence', 'passages', 'evidence count', 'доказательства', 'фрагменты'],
  id: ['id', 'uuid', 'identifier', 'threat id', 'идентификатор', 'ид', 'id угрозы'],
  title: [
    'title',
    'name',
    'threat',
    'threat title',
    'threat name',
    'название',
    'наименование',
    'угроза',
    'заголовок',
    'название угрозы',
    'атауы',
    'қауіп',
  ],
  description: ['description', 'details', 'summary', 'описание', 'подробности', 'содержание', 'сипаттама'],
  category: ['category', 'type', 'threat type', 'категория', 'тип', 'вид', 'тип угрозы', 'санат'],
  likelihood: ['likelihood', 'probability', 'вероятность', 'ықтималдық'],
  impact: [
    'impact',
    'consequence',
    'consequences',
    'severity',
    'влияние',
    'последствия',
    'воздействие',
    'ущерб',
    'тяжесть',
    'әсер',
    'ықпал',
  ],
  score: ['score', 'risk score', 'risk', 'оценка', 'балл', 'риск', 'оценка риска'],
  band: ['band', 'risk band', 'level', 'risk level', 'уровень', 'уровень риска', 'деңгей'],
  trend: ['trend', 'тренд', 'тенденция', 'динамика', 'үрдіс'],
  confidence: ['confidence', 'analytic confidence', 'уверенность', 'степень уверенности', 'достоверность'],
  status: ['status', 'state', 'статус', 'состояние', 'мәртебе', 'күйі'],
  origin: [
    'origin',
    'origin country',
    'source country',
    'from',
    'originates from',
    'emanates from',
    'происхождение',
    'источник',
    'страна происхождения',
    'страна источник',
    'откуда',
  ],
  countries: [
    'countries',
    'country',
    'affected countries',
    'countries affected',
    'страны',
    'страна',
    'затронутые страны',
    'елдер',
    'ел',
  ],
  actors: ['actors', 'actor', 'groups', 'actors involved', 'акторы', 'актор', 'участники', 'группировки', 'акторлар'],
  indicators: [
    'indicators',
    'indicator',
    'warning signs',
    'warning indicators',
    'индикаторы',
    'признаки',
    'показатели',
    'индикаторлар',
  ],
  mitigations: [
    'mitigations',
    'mitigation',
    'measures',
    'countermeasures',
    'responses',
    'меры',
    'меры реагирования',
    'меры противодействия',
    'контрмеры',
    'шаралар',
  ],
  owner: ['owner', 'responsible', 'analyst', 'assignee', 'ответственный', 'владелец', 'куратор', 'аналитик', 'жауапты'],
  lastReviewedOn: [
    'last reviewed',
    'last reviewed on',
    'last review',
    'reviewed',
    'reviewed on',
    'review date',
    'lastreviewedon',
    'дата пересмотра',
    'дата проверки',
    'дата обзора',
    'последний пересмотр',
    'пересмотрено',
    'проверено',
  ],
};

const FIELD_BY_HEADER = new Map<string, CsvField>();
for (const column of CSV_COLUMNS) FIELD_BY_HEADER.set(keyOf(column.header), column.field);
for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [CsvField, readonly string[]][]) {
  FIELD_BY_HEADER.set(keyOf(field), field);
  for (const name of names) if (!FIELD_BY_HEADER.has(keyOf(name))) FIELD_BY_HEADER.set(keyOf(name), field);
}
/** Longest names first, for matching a header that starts with a known name ("Вероятность реализации"). */
const PREFIXES = [...FIELD_BY_HEADER.entries()]
  .filter(([key]) => key.length >= 4)
  .sort((a, b) => b[0].length - a[0].length);

const headerKey = (header: string): string => keyOf(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));

/**
 * Guesses a mapping from header names (case/spacing/punctuation-insensitive; English, Russian and some
 * Kazakh names). A header that names a field exactly wins over one that only starts with a field's name;
 * each field is given to one column at most (the first). Unknown headers → null.
 */
export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = headers.map(() => null);
  const taken = new Set<CsvField>();
  headers.forEach((header, index) => {
    const field = FIELD_BY_HEADER.get(headerKey(header));
    if (field && !taken.has(field)) {
      mapping[index] = field;
      taken.add(field);
    }
  });
  headers.forEach((header, index) => {
    if (mapping[index] !== null) return;
    const key = headerKey(header);
    if (!key || FIELD_BY_HEADER.has(key)) return;
    const prefix = PREFIXES.find(([name, field]) => key.startsWith(name) && !taken.has(field));
    if (prefix) {
      mapping[index] = prefix[1];
      taken.add(prefix[1]);
    }
  });
  return mapping;
}

// ---------------------------------------------------------------------------------------------------
// Validation

/** Everything a Threat needs except registerId, score and timestamps; `id` only to update a threat. */
export const ThreatDraft = Threat.omit({
  id: true,
  registerId: true,
  score: true,
  createdAt: true,
  updatedAt: true,
}).extend({
  id: Id.optional(),
});
export type ThreatDraft = z.infer<typeof ThreatDraft>;

export interface CsvValidation {
  /** One draft per row without problems, with its spreadsheet row number, in file order. */
  drafts: { row: number; draft: ThreatDraft }[];
  /** Every problem of the mapping and of every row, in row order (then column order). */
  report: CsvProblem[];
  /** The fields some column fills; the others got defaults (see the module comment). */
  mappedFields: CsvField[];
}

const CATEGORY_WORDS: Record<ThreatCategory, readonly string[]> = {
  terrorism: [
    'terrorism',
    'terror',
    'terrorist',
    'extremism',
    'violent extremism',
    'терроризм',
    'террор',
    'экстремизм',
    'терроризм и экстремизм',
    'терроризм экстремизм',
    'терроризм',
  ],
  narcotics: [
    'narcotics',
    'drugs',
    'drug',
    'drug trafficking',
    'narcotrafficking',
    'наркотики',
    'наркотрафик',
    'наркоторговля',
    'наркобизнес',
    'есірткі',
  ],
  migration: ['migration', 'refugees', 'migrants', 'миграция', 'беженцы', 'мигранты', 'көші-қон'],
  water: ['water', 'water security', 'water resources', 'вода', 'водные ресурсы', 'водная безопасность', 'су'],
  humanitarian: [
    'humanitarian',
    'humanitarian crisis',
    'гуманитарная',
    'гуманитарный',
    'гуманитарные',
    'гуманитарный кризис',
    'гуманитарная угроза',
  ],
  geopolitical: [
    'geopolitical',
    'geopolitics',
    'геополитика',
    'геополитическая',
    'геополитический',
    'геополитические',
    'геосаясат',
  ],
  other: ['other', 'misc', 'miscellaneous', 'другое', 'прочее', 'иное', 'другая', 'басқа'],
};

const TREND_WORDS: Record<Trend, readonly string[]> = {
  rising: [
    'rising',
    'increasing',
    'growing',
    'up',
    'upward',
    'worsening',
    'escalating',
    '↑',
    '▲',
    'растет',
    'растёт',
    'рост',
    'растущий',
    'растущая',
    'усиливается',
    'возрастает',
    'увеличивается',
    'повышается',
    'өсуде',
  ],
  stable: [
    'stable',
    'steady',
    'unchanged',
    'flat',
    'no change',
    '→',
    'стабильно',
    'стабильный',
    'стабильная',
    'без изменений',
    'не меняется',
    'тұрақты',
  ],
  falling: [
    'falling',
    'decreasing',
    'declining',
    'down',
    'downward',
    'improving',
    'receding',
    '↓',
    '▼',
    'снижается',
    'падает',
    'снижение',
    'уменьшается',
    'ослабевает',
    'спад',
    'снижающийся',
    'төмендеуде',
  ],
};

const CONFIDENCE_WORDS: Record<Confidence, readonly string[]> = {
  low: ['low', 'низкая', 'низкий', 'низкая уверенность', 'төмен'],
  moderate: ['moderate', 'medium', 'mid', 'средняя', 'средний', 'умеренная', 'умеренный', 'орташа'],
  high: ['high', 'высокая', 'высокий', 'высокая уверенность', 'жоғары'],
};

const STATUS_WORDS: Record<ThreatStatus, readonly string[]> = {
  active: [
    'active',
    'open',
    'current',
    'активна',
    'активная',
    'активный',
    'активно',
    'актуальна',
    'актуальная',
    'открыта',
    'белсенді',
  ],
  monitoring: [
    'monitoring',
    'monitor',
    'watch',
    'watching',
    'watchlist',
    'under observation',
    'мониторинг',
    'наблюдение',
    'под наблюдением',
    'отслеживается',
    'мониторинг жүргізілуде',
  ],
  mitigated: [
    'mitigated',
    'reduced',
    'contained',
    'снижена',
    'смягчена',
    'смягчено',
    'снижено',
    'локализована',
    'сдержана',
  ],
  closed: ['closed', 'resolved', 'done', 'archived', 'закрыта', 'закрыто', 'закрыт', 'решена', 'неактуальна', 'жабық'],
};

function wordTable<T extends string>(table: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(table) as [T, readonly string[]][]) {
    map.set(keyOf(value), value);
    for (const word of words) {
      const key = keyOf(word) || word.trim();
      if (!map.has(key)) map.set(key, value);
    }
  }
  return map;
}

const CATEGORIES = wordTable(CATEGORY_WORDS);
const TRENDS = wordTable(TREND_WORDS);
const CONFIDENCES = wordTable(CONFIDENCE_WORDS);
const STATUSES = wordTable(STATUS_WORDS);

const lookupWord = <T>(table: Map<string, T>, text: string): T | undefined => table.get(keyOf(text) || text.trim());

/** The level of `scale` a rating word stands for, if exactly one level is described by it. */
function levelOfWord(
  text: string,
  levels: number,
  words: (level: number, levels: number) => string,
): number | 'ambiguous' | undefined {
  const key = keyOf(text);
  const matching: number[] = [];
  for (let level = 1; level <= levels; level++) if (keyOf(words(level, levels)) === key) matching.push(level);
  if (matching.length === 1) return matching[0];
  return matching.length > 1 ? 'ambiguous' : undefined;
}

function wordsOfScale(levels: number, words: (level: number, levels: number) => string): string[] {
  const all: string[] = [];
  for (let level = 1; level <= levels; level++) all.push(words(level, levels));
  return all.filter((w, i) => all.indexOf(w) === i && all.lastIndexOf(w) === i);
}

const TITLE_MAX = 500;
const DESCRIPTION_MAX = 50_000;
const ITEM_MAX = 2000;
const OWNER_MAX = 200;

function parseDate(text: string): string | undefined {
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dotted) [day, month, year] = [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return CalendarDate.safeParse(value).success ? value : undefined;
}

/**
 * Validates every row under the mapping. A row with any problem produces no draft; the report lists
 * every problem of every row (row, column, problem). The rules are in the module comment.
 */
export function validateRows(parsed: ParsedCsv, mapping: ColumnMapping, context: CsvContext): CsvValidation {
  const levels = context.scale.levels;
  const countries = new CountryResolver(context.countryCodes, context.countryNames);
  const actors = new ActorResolver(context.actors);

  if (parsed.headers.length === 0) return { drafts: [], report: [...parsed.problems], mappedFields: [] };

  // The mapping: which column fills each field.
  const columnOf = new Map<CsvField, number>();
  const mappingProblems: CsvProblem[] = [];
  const columnName = (index: number) => parsed.headers[index] || `column ${index + 1}`;
  mapping.forEach((field, index) => {
    if (field === null || index >= parsed.headers.length) return;
    const earlier = columnOf.get(field);
    if (earlier === undefined) {
      columnOf.set(field, index);
    } else {
      mappingProblems.push({
        row: 1,
        column: parsed.headers[index] ?? '',
        problem: `${headerOf(field)} is filled from two columns, "${columnName(earlier)}" and "${columnName(index)}"; map it from one column only.`,
      });
    }
  });
  for (const field of REQUIRED_FIELDS) {
    if (!columnOf.has(field)) {
      mappingProblems.push({
        row: 1,
        column: '',
        problem: `No column is mapped to ${headerOf(field)}; every threat needs ${field === 'title' ? 'a title' : `a ${field} rating`}, so map the column that holds it.`,
      });
    }
  }
  const mappedFields = CSV_COLUMNS.map((c) => c.field).filter((f) => columnOf.has(f));
  if (mappingProblems.length > 0) {
    const report = [...parsed.problems, ...mappingProblems].sort((a, b) => a.row - b.row);
    return { drafts: [], report, mappedFields };
  }

  const problemRows = new Set(parsed.problems.map((p) => p.row));
  const report: CsvProblem[] = [...parsed.problems];
  const drafts: { row: number; draft: ThreatDraft }[] = [];
  const rowOfId = new Map<string, number>();

  const likelihoodChoices = wordsOfScale(levels, likelihoodWords);
  const impactChoices = wordsOfScale(levels, impactWords);

  parsed.rows.forEach((cells, rowIndex) => {
    const row = parsed.rowNumbers?.[rowIndex] ?? rowIndex + 2;
    if (problemRows.has(row)) return; // its cells cannot be trusted: the parse problem is its report
    const problems: { column: number; problem: string }[] = [];
    const cell = (field: CsvField): { text: string; column: number } | undefined => {
      const column = columnOf.get(field);
      if (column === undefined) return undefined;
      return { text: unescapeFormula(cells[column] ?? ''), column };
    };
    const fail = (column: number, problem: string) => problems.push({ column, problem });

    // id
    let id: string | undefined;
    const idCell = cell('id');
    if (idCell) {
      const candidate = idCell.text.trim().toLowerCase();
      if (candidate && Id.safeParse(candidate).success) {
        const earlier = rowOfId.get(candidate);
        if (earlier !== undefined)
          fail(
            idCell.column,
            `The ID ${candidate} is also on row ${earlier}; each threat may appear once, so remove one of the rows or clear this ID to make a new threat.`,
          );
        else rowOfId.set(candidate, row);
        id = candidate;
      }
    }

    // title
    const titleCell = cell('title')!;
    const title = normaliseLineEnds(titleCell.text).trim();
    if (!title) fail(titleCell.column, 'The title is empty; every threat needs a title.');
    else if (title.length > TITLE_MAX)
      fail(titleCell.column, `The title is ${title.length} characters long; at most ${TITLE_MAX} are allowed.`);

    // description
    const descriptionCell = cell('description');
    const description = descriptionCell ? normaliseLineEnds(descriptionCell.text) : '';
    if (descriptionCell && description.length > DESCRIPTION_MAX) {
      fail(
        descriptionCell.column,
        `The description is ${description.length} characters long; at most ${DESCRIPTION_MAX} are allowed.`,
      );
    }

    // choices
    const choice = <T extends string>(
      field: CsvField,
      table: Map<string, T>,
      fallback: T,
      allowed: readonly T[],
      what: string,
    ): T => {
      const c = cell(field);
      const text = c?.text.trim() ?? '';
      if (!c || !text) return fallback;
      const value = lookupWord(table, text);
      if (value !== undefined) return value;
      fail(c.column, `"${text}" is not a ${what}; expected one of ${allowed.join(', ')}.`);
      return fallback;
    };
    const category = choice('category', CATEGORIES, 'other', THREAT_CATEGORIES, 'category');
    const trend = choice<Trend>('trend', TRENDS, 'stable', ['rising', 'stable', 'falling'], 'trend');
    const confidence = choice<Confidence>(
      'confidence',
      CONFIDENCES,
      'low',
      ['low', 'moderate', 'high'],
      'confidence level',
    );
    const status = choice<ThreatStatus>(
      'status',
      STATUSES,
      'active',
      ['active', 'monitoring', 'mitigated', 'closed'],
      'status',
    );

    // ratings
    const rating = (
      field: 'likelihood' | 'impact',
      words: (level: number, levels: number) => string,
      choices: string[],
    ): number | undefined => {
      const c = cell(field)!;
      const text = c.text.trim();
      const expected = `a whole number from 1 to ${levels}${choices.length > 0 ? ` or one of the words ${choices.join(', ')}` : ''}`;
      if (!text) return undefined;
      const number = /^\d+(?:[.,]0+)?$/.test(text) ? Number.parseInt(text, 10) : undefined;
      if (number !== undefined) {
        if (number >= 1 && number <= levels) return number;
        fail(c.column, `The ${field} ${text} is outside the register's scale of 1 to ${levels}; expected ${expected}.`);
        return 1;
      }
      const level = levelOfWord(text, levels, words);
      if (typeof level === 'number') return level;
      if (level === 'ambiguous')
        fail(
          c.column,
          `"${text}" stands for more than one ${field} level on this ${levels}-level scale; give the number instead (1 to ${levels}).`,
        );
      else fail(c.column, `"${text}" is not a ${field} rating; expected ${expected}.`);
      return 1;
    };
    const likelihood = rating('likelihood', likelihoodWords, likelihoodChoices);
    const impact = rating('impact', impactWords, impactChoices);
    // Both empty: a threat not yet rated. One alone would be half a judgment.
    for (const [field, value, other] of [
      ['likelihood', likelihood, impact],
      ['impact', impact, likelihood],
    ] as const)
      if (value === undefined && other !== undefined)
        fail(
          cell(field)!.column,
          `The ${field} is empty but the ${field === 'likelihood' ? 'impact' : 'likelihood'} is given; give both, or leave both empty for a threat not yet rated.`,
        );

    // origin
    let originCode: string | null = null;
    const originCell = cell('origin');
    if (originCell && originCell.text.trim()) {
      const text = originCell.text.trim();
      const code = countries.resolve(text);
      if (code) originCode = code;
      else if (/[;,\n]/.test(text))
        fail(
          originCell.column,
          `The origin names more than one country ("${text}"); expected a single country: ${countries.expected()}.`,
        );
      else fail(originCell.column, `"${text}" is not a known country; expected ${countries.expected()}.`);
    }

    // countries
    const countryCodes: string[] = [];
    const countriesCell = cell('countries');
    if (countriesCell) {
      const unknown: string[] = [];
      for (const piece of countriesCell.text.split(/[;,\n]/)) {
        const text = piece.trim();
        if (!text) continue;
        const code = countries.resolve(text);
        if (!code) unknown.push(text);
        else if (!countryCodes.includes(code)) countryCodes.push(code);
      }
      if (unknown.length > 0) {
        fail(
          countriesCell.column,
          `${quoteList(unknown)} ${unknown.length === 1 ? 'is not a known country' : 'are not known countries'}; expected ${countries.expected()}, separated by semicolons.`,
        );
      }
    }

    // actors
    let actorIds: string[] = [];
    const actorsCell = cell('actors');
    if (actorsCell) {
      const found = matchActors(actorsCell.text, actors);
      actorIds = found.ids;
      const sentences: string[] = [];
      if (found.unknown.length > 0) {
        const sample = actors.sampleNames();
        sentences.push(
          `${quoteList(found.unknown)} ${found.unknown.length === 1 ? 'is not an actor' : 'are not actors'} of this workspace; expected actors' names or aliases${sample.length ? ` such as ${quoteList(sample)}` : ''}, separated by semicolons (add a new actor to the workspace first).`,
        );
      }
      for (const a of found.ambiguous) {
        sentences.push(`"${a.text}" could be any of ${quoteList(a.names)}; write the actor's full name.`);
      }
      if (sentences.length > 0) fail(actorsCell.column, sentences.join(' '));
    }

    // indicators, mitigations
    const items = (field: 'indicators' | 'mitigations'): string[] => {
      const c = cell(field);
      if (!c) return [];
      const list = splitItems(c.text);
      const long = list.filter((item) => item.length > ITEM_MAX);
      if (long.length > 0) {
        fail(
          c.column,
          `${long.length === 1 ? 'One item is' : `${long.length} items are`} longer than ${ITEM_MAX} characters (${quoteList(long.map((i) => `${i.slice(0, 40)}…`))}); shorten ${long.length === 1 ? 'it' : 'them'} or split ${long.length === 1 ? 'it' : 'them'} over several lines.`,
        );
      }
      return list;
    };
    const indicators = items('indicators');
    const mitigations = items('mitigations');

    // owner
    const ownerCell = cell('owner');
    const owner = ownerCell ? ownerCell.text.trim() : '';
    if (ownerCell && owner.length > OWNER_MAX)
      fail(ownerCell.column, `The owner is ${owner.length} characters long; at most ${OWNER_MAX} are allowed.`);

    // lastReviewedOn
    let lastReviewedOn: string | null = null;
    const dateCell = cell('lastReviewedOn');
    if (dateCell && dateCell.text.trim()) {
      const text = dateCell.text.trim();
      const date = parseDate(text);
      if (date) lastReviewedOn = date;
      else
        fail(dateCell.column, `"${text}" is not a date; expected YYYY-MM-DD (2026-11-20) or DD.MM.YYYY (20.11.2026).`);
    }

    if (problems.length === 0) {
      const draft = {
        ...(id ? { id } : {}),
        title,
        description,
        category,
        likelihood,
        impact,
        trend,
        confidence,
        status,
        originCode,
        countryCodes,
        actorIds,
        indicators,
        mitigations,
        owner,
        lastReviewedOn,
      };
      const checked = ThreatDraft.safeParse(draft);
      if (checked.success) drafts.push({ row, draft: checked.data });
      else
        problems.push({
          column: -1,
          problem: `This row does not make a valid threat: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
        });
    }
    problems.sort((a, b) => a.column - b.column);
    for (const p of problems)
      report.push({ row, column: p.column >= 0 ? (parsed.headers[p.column] ?? '') : '', problem: p.problem });
  });

  report.sort((a, b) => a.row - b.row);
  return { drafts, report, mappedFields };
}
