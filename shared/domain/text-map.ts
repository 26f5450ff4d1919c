/**
 * Maps offsets of an old version of a text to the new version, through the lines both versions share
 * unchanged. Passages in untouched lines keep their place exactly ("anchored"); only passages in
 * edited lines need a quote or fuzzy search (and the analyst's confirmation).
 */
export type OffsetMap = (offset: number) => number | null;

interface Line {
  start: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ start, text: line });
    start += line.length + 1;
  }
  return out;
}

/** Longest common subsequence of two line lists, as pairs of indices (old, new). */
function commonLines(a: Line[], b: Line[]): [number, number][] {
  // Shared head and tail first: most corrections touch one place, and this keeps the table small.
  let head = 0;
  while (head < a.length && head < b.length && a[head]!.text === b[head]!.text) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail]!.text === b[b.length - 1 - tail]!.text
  )
    tail++;
  const pairs: [number, number][] = [];
  for (let i = 0; i < head; i++) pairs.push([i, i]);
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length > 0 && midB.length > 0 && midA.length * midB.length <= 4_000_000) {
    const n = midA.length;
    const m = midB.length;
    const table = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * (m + 1) + j] =
          midA[i]!.text === midB[j]!.text
            ? table[(i + 1) * (m + 1) + j + 1]! + 1
            : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i]!.text === midB[j]!.text) {
        pairs.push([head + i, head + j]);
        i++;
        j++;
      } else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

export function offsetMap(oldText: string, newText: string): OffsetMap {
  if (oldText === newText) return (offset) => offset;
  const a = lines(oldText);
  const b = lines(newText);
  const mapped = new Map<number, number>(); // old line index → new line start
  const usedNew = new Set<number>();
  const pairs = commonLines(a, b);
  for (const [i, j] of pairs) {
    mapped.set(i, b[j]!.start);
    usedNew.add(j);
  }
  // A line edited in place (one old line between two kept ones, replaced by one new line): offsets
  // before its first changed character and after its last keep their place within the line.
  const edited = new Map<number, { newStart: number; head: number; oldTail: number; shift: number }>();
  const bounds: [number, number][] = [[-1, -1], ...pairs, [a.length, b.length]];
  for (let k = 1; k < bounds.length; k++) {
    const [i0, j0] = bounds[k - 1]!;
    const [i1, j1] = bounds[k]!;
    if (i1 - i0 !== 2 || j1 - j0 !== 2) continue;
    const oldLine = a[i0 + 1]!.text;
    const newLine = b[j0 + 1]!.text;
    let head = 0;
    while (head < oldLine.length && head < newLine.length && oldLine[head] === newLine[head]) head++;
    let tail = 0;
    while (
      tail < oldLine.length - head &&
      tail < newLine.length - head &&
      oldLine[oldLine.length - 1 - tail] === newLine[newLine.length - 1 - tail]
    )
      tail++;
    edited.set(i0 + 1, {
      newStart: b[j0 + 1]!.start,
      head,
      oldTail: oldLine.length - tail,
      shift: newLine.length - oldLine.length,
    });
  }
  // A paragraph moved elsewhere is not in the common subsequence; follow it when its text is unique
  // among the unmatched lines of both versions (a repeated line could be either copy).
  const unmatched = (list: Line[], used: (i: number) => boolean) => {
    const byText = new Map<string, number[]>();
    list.forEach((line, i) => {
      if (!used(i) && line.text.trim()) byText.set(line.text, [...(byText.get(line.text) ?? []), i]);
    });
    return byText;
  };
  const oldLeft = unmatched(a, (i) => mapped.has(i));
  const newLeft = unmatched(b, (j) => usedNew.has(j));
  for (const [text, olds] of oldLeft) {
    const news = newLeft.get(text);
    if (olds.length === 1 && news?.length === 1) mapped.set(olds[0]!, b[news[0]!]!.start);
  }
  const starts = a.map((l) => l.start);
  return (offset) => {
    if (offset < 0 || offset > oldText.length) return null;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const target = mapped.get(lo);
    const within = offset - a[lo]!.start;
    if (target !== undefined) return target + within;
    const edit = edited.get(lo);
    if (!edit) return null;
    if (within < edit.head) return edit.newStart + within;
    if (within >= edit.oldTail) return edit.newStart + within + edit.shift;
    return null;
  };
}

/** Maps a passage [start, end) whole, or null when either end lies in an edited line. */
export function mapRange(map: OffsetMap, start: number, end: number): { start: number; end: number } | null {
  const s = map(start);
  // The end is exclusive: map its last character, so a passage ending a line stays within that line.
  const last = map(end - 1);
  if (s === null || last === null || last + 1 - s !== end - start) return null;
  return { start: s, end: last + 1 };
}
