import { diffArrays } from 'diff';

/** One run of a word-level comparison: text both share, or text only the old / only the new one has. */
export interface WordChange {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * Words are the runs of text between white space, and each run of white space is a token of its own.
 * Splitting on white space rather than on letters keeps "12–15", "қауіп-қатерлер" and Dari words
 * written with a zero-width non-joiner ("می‌کند") whole, in every script, without depending on an
 * engine's word-break tables (jsdiff's own word tokenizer splits Kazakh words at ә, ң and ө).
 */
function words(text: string): string[] {
  return text.split(/(\s+)/u).filter((token) => token.length > 0);
}

/**
 * What changed between two versions of a passage, word by word (Myers' diff, from jsdiff), in reading
 * order: removed words come before the words that replaced them. Adjacent runs of one kind are
 * merged, and a lone space between two changes joins them, so "15 %" → "12–15 %" reads as one
 * replaced word rather than a scatter of marks.
 */
export function wordDiff(before: string, after: string): WordChange[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const raw: WordChange[] = [];
  for (const part of diffArrays(words(before), words(after))) {
    raw.push({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value.join('') });
  }
  // A single white-space token that both sides share, standing between two changes, belongs to them.
  const joined: WordChange[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i]!;
    const prev = raw[i - 1];
    const next = raw[i + 1];
    if (
      part.kind === 'same' &&
      /^\s+$/u.test(part.text) &&
      prev &&
      next &&
      prev.kind !== 'same' &&
      next.kind !== 'same'
    ) {
      joined.push({ kind: 'removed', text: part.text }, { kind: 'added', text: part.text });
    } else joined.push(part);
  }
  // Gather each stretch of changes as all its removed text, then all its added text.
  const out: WordChange[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const part of joined) {
    if (part.kind === 'removed') removed += part.text;
    else if (part.kind === 'added') added += part.text;
    else {
      flush();
      const last = out.at(-1);
      if (last?.kind === 'same') last.text += part.text;
      else out.push({ ...part });
    }
  }
  flush();
  return out;
}
