/**
 * Every occurrence of an exact quote in a text. `reanchorAll` shares one gram index over the text
 * between thousands of look-ups instead of scanning a megabyte per annotation; both finders return
 * exactly the same offsets (ascending, overlapping occurrences included).
 */

export interface ExactFinder {
  find(quote: string): number[];
}

function scanAll(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) found.push(i);
  return found;
}

/** Scans the text for each look-up: right for one annotation. */
export function scanningFinder(text: string): ExactFinder {
  return { find: (quote) => scanAll(text, quote) };
}

const GRAM = 8;

function gramHash(s: string, at: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < GRAM; i += 1) h = Math.imul(h ^ s.charCodeAt(at + i), 0x01000193);
  return h >>> 0;
}

/**
 * Indexes the grams starting at every multiple of GRAM. An occurrence at `s` of a quote at least
 * 2·GRAM−1 long contains the aligned gram at `a = ⌈s/GRAM⌉·GRAM`, which is the quote's gram at
 * offset `a − s` ∈ [0, GRAM): looking up the quote's first GRAM grams finds every occurrence once.
 * Shorter quotes are scanned for. The index is built on the first long look-up.
 */
export function indexedFinder(text: string): ExactFinder {
  let index: Map<number, number[]> | undefined;
  const build = (): Map<number, number[]> => {
    const map = new Map<number, number[]>();
    for (let a = 0; a + GRAM <= text.length; a += GRAM) {
      const h = gramHash(text, a);
      const list = map.get(h);
      if (list) list.push(a);
      else map.set(h, [a]);
    }
    return map;
  };
  return {
    find(quote) {
      if (quote.length < 2 * GRAM - 1) return scanAll(text, quote);
      index ??= build();
      const found: number[] = [];
      for (let offset = 0; offset < GRAM; offset += 1) {
        const aligned = index.get(gramHash(quote, offset));
        if (!aligned) continue;
        for (const a of aligned) {
          const start = a - offset;
          if (start >= 0 && text.startsWith(quote, start)) found.push(start);
        }
      }
      return found.sort((x, y) => x - y);
    },
  };
}
