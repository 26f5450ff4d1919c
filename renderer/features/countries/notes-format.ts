/**
 * Notes on a country are plain text with a small Markdown-like subset, so they stay readable anywhere
 * they are copied (a briefing, an e-mail) and can never carry markup:
 *
 *   **bold**   *italic* or _italic_   lines starting "- ", "* " or "• " form a bullet list
 *   a blank line starts a new paragraph; a single line break is kept as a line break
 *
 * `parseNote` turns the text into blocks of styled runs; the view renders those as React elements
 * (p, ul/li, strong, em, br). Nothing is ever handed to the DOM as HTML, so text such as
 * `<img onerror=…>` shows as the characters typed.
 */

export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

/** A paragraph is lines of runs (kept line breaks); a list is items of runs. */
export type NoteBlock = { kind: 'paragraph'; lines: Run[][] } | { kind: 'list'; items: Run[][] };

const BULLET = /^\s*[-*•]\s+/;

interface Marker {
  open: RegExp;
  style: 'bold' | 'italic';
  close: (from: number, text: string) => number;
  length: number;
}

// A marker opens before a non-space and closes after a non-space; single * and _ only at word edges,
// so snake_case and 2*3*4 stay as typed.
const markers: Marker[] = [
  { open: /\*\*(?=\S)/y, style: 'bold', length: 2, close: (from, text) => findClose(text, from, /(?<=\S)\*\*/g) },
  {
    open: /(?<![\p{L}\p{N}])\*(?=[^\s*])/uy,
    style: 'italic',
    length: 1,
    close: (from, text) => findClose(text, from, /(?<=[^\s*])\*(?![*\p{L}\p{N}])/gu),
  },
  {
    open: /(?<![\p{L}\p{N}])_(?=\S)/uy,
    style: 'italic',
    length: 1,
    close: (from, text) => findClose(text, from, /(?<=\S)_(?![\p{L}\p{N}])/gu),
  },
];

function findClose(text: string, from: number, pattern: RegExp): number {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index : -1;
}

/** Styled runs of one line; unmatched markers stay as literal characters. */
export function parseInline(text: string, bold = false, italic = false): Run[] {
  const runs: Run[] = [];
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain) runs.push({ text: plain, bold, italic });
    plain = '';
  };
  outer: while (i < text.length) {
    for (const marker of markers) {
      marker.open.lastIndex = i;
      if (!marker.open.test(text)) continue;
      const start = i + marker.length;
      const end = marker.close(start, text);
      if (end <= start) continue;
      flush();
      runs.push(
        ...parseInline(text.slice(start, end), bold || marker.style === 'bold', italic || marker.style === 'italic'),
      );
      i = end + marker.length;
      continue outer;
    }
    plain += text[i];
    i++;
  }
  flush();
  return merge(runs);
}

function merge(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && last.bold === run.bold && last.italic === run.italic) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

export function parseNote(text: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  let current: NoteBlock | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      current = null;
      continue;
    }
    if (BULLET.test(line)) {
      if (current?.kind !== 'list') {
        current = { kind: 'list', items: [] };
        blocks.push(current);
      }
      current.items.push(parseInline(line.replace(BULLET, '')));
    } else {
      if (current?.kind !== 'paragraph') {
        current = { kind: 'paragraph', lines: [] };
        blocks.push(current);
      }
      current.lines.push(parseInline(line.trim()));
    }
  }
  return blocks;
}

/** The text with the formatting marks taken out (for one-line previews and accessible names). */
export function plainText(text: string): string {
  return parseNote(text)
    .map((b) => (b.kind === 'paragraph' ? b.lines : b.items).map((runs) => runs.map((r) => r.text).join('')).join(' '))
    .join(' ');
}

export interface Edit {
  text: string;
  start: number;
  end: number;
}

/**
 * Wraps the selection in a marker ("**" or "_"), or unwraps it when it is already wrapped; with no
 * selection, inserts an empty pair with the caret between.
 */
export function toggleWrap(text: string, start: number, end: number, marker: string): Edit {
  const n = marker.length;
  const selected = text.slice(start, end);
  if (selected.length >= 2 * n && selected.startsWith(marker) && selected.endsWith(marker)) {
    const inner = selected.slice(n, -n);
    return { text: text.slice(0, start) + inner + text.slice(end), start, end: start + inner.length };
  }
  if (text.slice(start - n, start) === marker && text.slice(end, end + n) === marker) {
    return { text: text.slice(0, start - n) + selected + text.slice(end + n), start: start - n, end: end - n };
  }
  // Keep spaces the selection caught outside the marks, or they would not close.
  const lead = selected.length - selected.trimStart().length;
  const trail = selected.length - selected.trimEnd().length;
  const core = selected.trim();
  const wrapped = `${selected.slice(0, lead)}${marker}${core}${marker}${selected.slice(selected.length - trail)}`;
  return {
    text: text.slice(0, start) + wrapped + text.slice(end),
    start: start + lead + n,
    end: start + lead + n + core.length,
  };
}

/** Turns the lines the selection touches into bullet items, or back into plain lines if all already are. */
export function toggleBullets(text: string, start: number, end: number): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', Math.max(end - (end > start && text[end - 1] === '\n' ? 1 : 0), start));
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  const allBullets = lines.every((l) => !l.trim() || BULLET.test(l));
  const changed = lines
    .map((l) => (allBullets ? l.replace(BULLET, '') : l.trim() && !BULLET.test(l) ? `- ${l}` : l))
    .join('\n');
  const next = text.slice(0, lineStart) + changed + text.slice(lineEnd);
  return { text: next, start: lineStart, end: lineStart + changed.length };
}
