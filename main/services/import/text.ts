import { decodeText } from './encoding';
import { Refuse } from './refusal';
import { type Draft, type ReadRequest } from './types';

/** Plain text and Markdown: kept as written (Markdown reads well as it is). */
export function readPlainText({ bytes, fileName }: ReadRequest, format: 'text' | 'markdown'): Draft {
  const decoded = decodeText(bytes);
  if (!decoded) throw Refuse.notText(fileName);
  return {
    text: decoded.text,
    metadata: format === 'markdown' ? { title: markdownTitle(decoded.text) } : {},
    warnings: decoded.warning ? [decoded.warning] : [],
  };
}

/** The first level-one ATX heading ("# Title", optionally closed "# Title #"), unformatted. */
export function markdownTitle(text: string): string {
  const match = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m.exec(text);
  if (!match?.[1]) return '';
  return match[1]
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .trim();
}
