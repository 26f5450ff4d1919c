import { parseHTML } from 'linkedom';

/**
 * The little of the DOM the importers use, typed here because main is compiled without the DOM
 * library (linkedom's own types lean on it). linkedom builds these objects in plain Node.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  readonly parentNode: DomNode | null;
  readonly previousSibling: DomNode | null;
}

export interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/**
 * A document from HTML. linkedom, unlike a browser, does not invent the missing <html> and <body> of a
 * fragment (mammoth's output, or a page saved without them), so a fragment is given them first.
 */
export function parseHtmlDocument(html: string): DomDocument {
  const whole = /<html[\s>]/i.test(html.slice(0, 4096))
    ? html
    : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(whole).document as unknown as DomDocument;
}
