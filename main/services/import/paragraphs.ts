import { type DomElement, type DomNode, isElement, TEXT_NODE } from './dom';

/**
 * HTML (a web page's article, or what mammoth makes of a Word file) as the plain paragraphs a source
 * keeps: every block — paragraph, heading, list item, quotation, table row — becomes its own
 * paragraph, so the structure an analyst cites by survives; <br> stays a line break.
 */

/** Elements that start and end a paragraph of their own. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is not text a reader sees. */
const INVISIBLE = new Set([
  'audio',
  'button',
  'canvas',
  'embed',
  'head',
  'iframe',
  'img',
  'input',
  'link',
  'map',
  'math',
  'meta',
  'noscript',
  'object',
  'option',
  'script',
  'select',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'video',
]);

const CELLS = new Set(['td', 'th']);

/** Collects text and cuts it into paragraphs at block boundaries. */
class ParagraphWriter {
  readonly paragraphs: string[] = [];
  private current = '';
  private preformatted = false;
  /** A list marker waiting for its item's first words, which may sit in a nested block. */
  private marker = '';

  write(text: string): void {
    if (this.marker && text.trim()) {
      this.current += this.marker;
      this.marker = '';
    }
    this.current += text;
  }

  startListItem(marker: string): void {
    this.endParagraph();
    this.marker = marker;
  }

  /** An item without words (a picture, say) must not pass its number on to what follows. */
  endListItem(): void {
    this.endParagraph();
    this.marker = '';
  }

  lineBreak(): void {
    this.current += '\n';
  }

  startPreformatted(): void {
    this.endParagraph();
    this.preformatted = true;
  }

  endParagraph(): void {
    if (this.preformatted) {
      const text = this.current.replace(/^\n+|\s+$/g, '').replace(/[ \t]+$/gm, '');
      if (text.trim()) this.paragraphs.push(text);
      this.preformatted = false;
    } else {
      // Lines inside a block keep their breaks (addresses, verse); an empty line — two <br>s, as many
      // sites separate paragraphs — starts a new paragraph.
      let lines: string[] = [];
      for (const raw of this.current.split('\n')) {
        const line = raw.replace(/ {2,}/g, ' ').trim();
        if (line) {
          lines.push(line);
        } else if (lines.length > 0) {
          this.paragraphs.push(lines.join('\n'));
          lines = [];
        }
      }
      if (lines.length > 0) this.paragraphs.push(lines.join('\n'));
    }
    this.current = '';
  }
}

function isHidden(element: DomElement): boolean {
  return element.hasAttribute('hidden') || /display\s*:\s*none/i.test(element.getAttribute('style') ?? '');
}

function previousElement(node: DomNode): DomElement | null {
  for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) {
    if (isElement(sibling)) return sibling;
  }
  return null;
}

/** "3. " for the third item of a numbered list, "• " for a bulleted one: the numbering is often cited. */
function listMarker(item: DomElement): string {
  const list = item.parentNode;
  if (!list || !isElement(list) || list.nodeName.toLowerCase() !== 'ol') return '• ';
  let index = Number.parseInt(list.getAttribute('start') ?? '1', 10);
  if (!Number.isFinite(index)) index = 1;
  for (let sibling = previousElement(item); sibling; sibling = previousElement(sibling)) {
    if (sibling.nodeName.toLowerCase() === 'li') index += 1;
  }
  return `${index}. `;
}

/**
 * A table row as one paragraph, "cell | cell": a row is read across, and its cells may hold blocks
 * of their own (Word puts a paragraph in every cell) which must not split the row.
 */
function rowText(row: DomElement): string {
  const cells = Array.from(row.childNodes).filter(
    (cell): cell is DomElement => isElement(cell) && CELLS.has(cell.nodeName.toLowerCase()) && !isHidden(cell),
  );
  return cells.map((cell) => htmlToParagraphs(cell).join(' ').replace(/\n/g, ' ')).join(' | ');
}

function walk(node: DomNode, writer: ParagraphWriter, inPre: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    const text = node.nodeValue ?? '';
    // Outside <pre>, HTML source line breaks and indentation are not the author's.
    writer.write(inPre ? text : text.replace(/[ \t\n\r\f]+/g, ' '));
    return;
  }
  if (!isElement(node)) {
    for (const child of Array.from(node.childNodes)) walk(child, writer, inPre);
    return;
  }
  const tag = node.nodeName.toLowerCase();
  if (INVISIBLE.has(tag) || isHidden(node)) return;
  if (tag === 'br') {
    writer.lineBreak();
    return;
  }
  if (tag === 'tr') {
    writer.endParagraph();
    writer.write(rowText(node));
    writer.endParagraph();
    return;
  }
  const pre = tag === 'pre';
  const block = BLOCKS.has(tag);
  if (pre) writer.startPreformatted();
  else if (block) writer.endParagraph();
  if (tag === 'li') writer.startListItem(listMarker(node));
  for (const child of Array.from(node.childNodes)) walk(child, writer, inPre || pre);
  if (tag === 'li') writer.endListItem();
  else if (block) writer.endParagraph();
}

/** The paragraphs of HTML subtrees, in reading order. */
export function htmlToParagraphs(...roots: DomNode[]): string[] {
  const writer = new ParagraphWriter();
  for (const root of roots) walk(root, writer, false);
  writer.endParagraph();
  return writer.paragraphs;
}
