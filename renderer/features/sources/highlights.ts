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

function clearOurs(): void {
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith(PREFIX)) CSS.highlights.delete(name);
}

export interface PaintRequest {
  geometry: TextGeometry;
  annotations: Annotation[];
  tags: Map<string, Tag>;
  selectedId: string | null;
  search: { start: number; end: number } | null;
}

export function paintHighlights({ geometry, annotations, tags, selectedId, search }: PaintRequest): void {
  if (!highlightsSupported()) return;
  clearOurs();
  const byName = new Map<string, Range[]>();
  const add = (name: string, range: Range) => {
    const list = byName.get(name);
    if (list) list.push(range);
    else byName.set(name, [range]);
  };
  for (const annotation of annotations) {
    if (annotation.anchor === 'orphaned') continue;
    const range = geometry.rangeFor(annotation.position.start, annotation.position.end);
    if (!range) continue;
    const known = annotation.tagIds.filter((id) => tags.has(id));
    if (known.length === 0) add(UNTAGGED, range);
    for (const id of known) add(highlightName(id), range);
    if (annotation.anchor === 'drifted') add(DRIFTED, range);
    if (annotation.id === selectedId) add(SELECTED, range);
  }
  if (search) {
    const range = geometry.rangeFor(search.start, search.end);
    if (range) add(SEARCH, range);
  }
  const rules: string[] = [];
  for (const [name, ranges] of byName) {
    const highlight = new Highlight(...ranges);
    if (name === SELECTED) highlight.priority = 10;
    if (name === SEARCH) highlight.priority = 20;
    if (name === DRIFTED) highlight.priority = 5;
    CSS.highlights.set(name, highlight);
    if (name.startsWith(`${PREFIX}t-`)) {
      const tag = tags.get(name.slice(`${PREFIX}t-`.length));
      if (tag) rules.push(`::highlight(${name}) { background-color: ${translucent(tag.color, 0.22)}; }`);
    }
  }
  rules.push(`::highlight(${UNTAGGED}) { background-color: var(--untagged-highlight); }`);
  rules.push(`::highlight(${DRIFTED}) { text-decoration: underline wavy var(--warning); text-decoration-thickness: 1.5px; }`);
  rules.push(`::highlight(${SELECTED}) { background-color: var(--selected-highlight); color: var(--text); }`);
  rules.push(`::highlight(${SEARCH}) { background-color: var(--search-highlight); color: #000; }`);
  stylesheet().replaceSync(rules.join('\n'));
}

export function clearHighlights(): void {
  if (highlightsSupported()) clearOurs();
}

/** Lanes for margin stripes: each passage gets the lowest lane free at its start (interval colouring). */
export function assignLanes(annotations: Annotation[]): Map<string, number> {
  const sorted = [...annotations].sort((a, b) => a.position.start - b.position.start || b.position.end - a.position.end);
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
