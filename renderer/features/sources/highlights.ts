import type { Annotation, Tag } from '../../../shared/domain/annotation';
import type { TextGeometry } from './text-geometry';

/**
 * Paints passages with the CSS Custom Highlight API: one Highlight per tag colour holding every range
 * coded with that tag, so thousands of annotations cost no DOM nodes. Overlapping passages blend
 * their translucent colours; the margin stripes tell them apart.
 */
const PREFIX = 'wb-';
const UNTAGGED = `${PREFIX}untagged`;
const DRIFTED = `${PREFIX}drifted`;
const SELECTED = `${PREFIX}selected`;
const SEARCH = `${PREFIX}search`;
/** The find bar's current match (Ctrl+F in the reader). */
export const FOUND = `${PREFIX}found`;

let sheet: CSSStyleSheet | null = null;

function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  return sheet;
}

export function highlightName(tagId: string): string {
  return `${PREFIX}t-${tagId}`;
}

/** `#rrggbb` → `rgb(r g b / alpha)` */
export function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

let installedRules = '';

/**
 * The colour of every tag's highlight, as `::highlight()` rules. Changing them makes the browser
 * restyle the whole page, so they are replaced only when the codebook's colours really changed — and
 * the sources view installs them as soon as the codebook is read, before a book's 2,500 paragraphs
 * are on the page, rather than in the middle of laying the book out.
 */
export function installHighlightRules(tags: Map<string, Tag>): void {
  if (!highlightsSupported()) return;
  const rules: string[] = [];
  for (const tag of tags.values())
    rules.push(`::highlight(${highlightName(tag.id)}) { background-color: ${translucent(tag.color, 0.22)}; }`);
  rules.push(`::highlight(${UNTAGGED}) { background-color: var(--untagged-highlight); }`);
  rules.push(
    `::highlight(${DRIFTED}) { text-decoration: underline wavy var(--warning); text-decoration-thickness: 1.5px; }`,
  );
  rules.push(`::highlight(${SELECTED}) { background-color: var(--selected-highlight); color: var(--text); }`);
  rules.push(`::highlight(${SEARCH}) { background-color: var(--search-highlight); color: #000; }`);
  rules.push(
    `::highlight(${FOUND}) { background-color: var(--search-highlight); color: #000; text-decoration: underline 2px; }`,
  );
  const text = rules.join('\n');
  if (text === installedRules) return;
  stylesheet().replaceSync(text);
  installedRules = text;
}

function clearOurs(): void {
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith(PREFIX)) CSS.highlights.delete(name);
}

export interface PaintRequest {
  geometry: TextGeometry;
  annotations: Annotation[];
  tags: Map<string, Tag>;
  selectedId: string | null;
  search: { start: number; end: number } | null;
  /** The find bar's current match. */
  found?: { start: number; end: number } | null;
}

interface Painted {
  annotation: Annotation;
  range: Range;
  names: string[];
}

const PRIORITY: Record<string, number> = { [SELECTED]: 10, [SEARCH]: 20, [FOUND]: 30, [DRIFTED]: 5 };

/**
 * Paints one reader's passages and keeps them painted. The reader hands it only the passages that
 * meet the paragraphs on the page (a few dozen of a book's thousands), with a geometry of those
 * paragraphs; a new window of paragraphs is a new geometry, painted afresh. Each `paint` compares the passages with those
 * it painted last (by object identity: the reader's list keeps unchanged passages' objects) and only
 * builds Ranges for passages that are new or changed, so creating one passage among thousands adds
 * one Range. A new text layout (geometry) or codebook (tags) paints everything afresh. A passage
 * whose offsets do not fit the geometry's text is left unpainted and named in the answer, never
 * thrown on: the view around it must keep working (issue 14).
 */
export class HighlightPainter {
  private painted = new Map<string, Painted>();
  private geometry: TextGeometry | null = null;
  private tags: Map<string, Tag> | null = null;

  /** Paints what `request` asks for; answers the ids of placed passages it could not paint. */
  paint({ geometry, annotations, tags, selectedId, search, found }: PaintRequest): string[] {
    if (!highlightsSupported()) return [];
    if (geometry !== this.geometry || tags !== this.tags) this.reset(geometry, tags);
    const seen = new Set<string>();
    const unpainted: string[] = [];
    for (const annotation of annotations) {
      if (annotation.anchor === 'orphaned') continue;
      seen.add(annotation.id);
      const before = this.painted.get(annotation.id);
      if (before?.annotation === annotation) continue;
      if (before) this.unpaint(before);
      if (!this.paintOne(annotation)) unpainted.push(annotation.id);
    }
    if (seen.size !== this.painted.size) for (const [id, entry] of this.painted) if (!seen.has(id)) this.unpaint(entry);
    const selected = this.highlight(SELECTED);
    selected.clear();
    const chosen = selectedId ? this.painted.get(selectedId) : undefined;
    if (chosen) selected.add(chosen.range);
    const hit = this.highlight(SEARCH);
    hit.clear();
    const range = search && geometry.rangeFor(search.start, search.end);
    if (range) hit.add(range);
    const match = this.highlight(FOUND);
    match.clear();
    const matchRange = found && geometry.rangeFor(found.start, found.end);
    if (matchRange) match.add(matchRange);
    return unpainted;
  }

  dispose(): void {
    clearOurs();
    this.painted.clear();
    this.geometry = null;
    this.tags = null;
  }

  private reset(geometry: TextGeometry, tags: Map<string, Tag>): void {
    clearOurs();
    this.painted.clear();
    this.geometry = geometry;
    this.tags = tags;
    installHighlightRules(tags);
  }

  private highlight(name: string): Highlight {
    let highlight = CSS.highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = PRIORITY[name] ?? 0;
      CSS.highlights.set(name, highlight);
    }
    return highlight;
  }

  private paintOne(annotation: Annotation): boolean {
    const range = this.geometry!.rangeFor(annotation.position.start, annotation.position.end);
    if (!range) return false;
    const known = annotation.tagIds.filter((id) => this.tags!.has(id));
    const names = known.length === 0 ? [UNTAGGED] : known.map(highlightName);
    if (annotation.anchor === 'drifted') names.push(DRIFTED);
    for (const name of names) this.highlight(name).add(range);
    this.painted.set(annotation.id, { annotation, range, names });
    return true;
  }

  private unpaint(entry: Painted): void {
    for (const name of entry.names) CSS.highlights.get(name)?.delete(entry.range);
    this.painted.delete(entry.annotation.id);
  }
}

/** Lanes for margin stripes: each passage gets the lowest lane free at its start (interval colouring). */
export function assignLanes(annotations: Annotation[]): Map<string, number> {
  const sorted = [...annotations].sort(
    (a, b) => a.position.start - b.position.start || b.position.end - a.position.end,
  );
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const a of sorted) {
    let lane = laneEnds.findIndex((end) => end <= a.position.start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = a.position.end;
    lanes.set(a.id, lane);
  }
  return lanes;
}
