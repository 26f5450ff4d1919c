import { type DomElement, type DomNode, isElement } from './dom';

/**
 * Rewrites of HTML (a web article, or what mammoth makes of a Word file) before it becomes paragraphs,
 * for what plain text would otherwise lose or misstate: where links lead, what is struck through, the
 * formulas, and tables' empty rows.
 */

/** The linkedom methods these rewrites use, beyond the little of the DOM the importers declare. */
interface Editable extends DomElement {
  append(...nodes: (DomNode | string)[]): void;
  replaceWith(...nodes: (DomNode | string)[]): void;
}

const editable = (element: DomElement) => element as Editable;

/** Addresses a reader can follow; in-page anchors ("#footnote-1") and scripts are not kept. */
function followable(href: string): string {
  const value = href.trim();
  if (/^mailto:/i.test(value)) return value.slice('mailto:'.length);
  return /^https?:\/\//i.test(value) ? value : '';
}

/**
 * A link keeps its target after its label, "label (https://…)", unless the label already is the address:
 * a cited source is often only findable by where its link pointed.
 */
export function keepLinkTargets(root: DomElement): void {
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    const target = followable(link.getAttribute('href') ?? '');
    if (!target) continue;
    const label = (link.textContent ?? '').replace(/\s+/g, ' ').trim();
    const bare = (url: string) => url.replace(/^(https?:\/\/)?(www\.)?/i, '').replace(/\/$/, '');
    if (!label) continue;
    if (bare(label) === bare(target) || label.includes(bare(target))) continue;
    editable(link).append(` (${target})`);
  }
}

/** What struck-through text is written as: visibly not current text, yet kept for what it said. */
export const STRUCK_OPEN = '[struck through: ';
export const STRUCK_CLOSE = ']';

/** Struck-through text (<s>, <del>, <strike>) kept, marked as no longer current. Returns how many. */
export function markStruck(root: DomElement): number {
  let count = 0;
  for (const element of Array.from(root.querySelectorAll('s, del, strike'))) {
    // A strike inside another strike is marked once, by the outer one.
    if (!element.parentNode || isInsideStrike(element)) continue;
    const text = (element.textContent ?? '').trim();
    if (!text) {
      element.remove();
      continue;
    }
    editable(element).replaceWith(STRUCK_OPEN, ...Array.from(element.childNodes), STRUCK_CLOSE);
    count += 1;
  }
  return count;
}

const STRIKES = new Set(['s', 'del', 'strike']);

function isInsideStrike(element: DomElement): boolean {
  for (let parent = element.parentNode; parent && isElement(parent); parent = parent.parentNode) {
    if (STRIKES.has(parent.nodeName.toLowerCase())) return true;
  }
  return false;
}

/**
 * MathML as the text its authors gave for it: the alttext attribute, else a TeX or plain-text
 * annotation, else the formula's own characters. Without this a formula vanishes from the text.
 */
export function mathAsText(root: DomElement): void {
  for (const math of Array.from(root.querySelectorAll('math'))) {
    if (!math.parentNode) continue;
    const annotation =
      math.querySelector('annotation[encoding="application/x-tex" i]') ??
      math.querySelector('annotation[encoding="text/plain" i]') ??
      math.querySelector('annotation');
    const text = (
      math.getAttribute('alttext') ||
      annotation?.textContent ||
      (math.textContent ?? '').replace(/\s+/g, '')
    ).trim();
    const block = math.getAttribute('display') === 'block';
    editable(math).replaceWith(text ? (block ? `\n${text}\n` : text) : '');
  }
}

const isBlank = (node: DomNode) => !(node.textContent ?? '').replace(/[\s\u00A0\u200B]+/g, '');

/**
 * Empty table cells and rows (spacers, layout tables, merged cells), which would read as "| |": a row
 * keeps only the cells that say something, and a row with none goes.
 */
export function dropEmptyCells(root: DomElement): void {
  for (const row of Array.from(root.querySelectorAll('tr'))) {
    if (isBlank(row)) {
      row.remove();
      continue;
    }
    for (const cell of Array.from(row.childNodes)) {
      if (isElement(cell) && /^t[dh]$/i.test(cell.nodeName) && isBlank(cell) && !cell.querySelector('img, math, svg'))
        cell.remove();
    }
  }
}
