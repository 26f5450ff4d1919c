/**
 * How well paragraphs were rebuilt. A paragraph break "cuts a sentence" when the paragraph before it
 * ends without . ! ? : ; (or such a mark followed by closing quotes or brackets) and the next one starts
 * with a lower-case letter. The page markers are left out first, so that a break at a page's end
 * counts like any other.
 */
const ENDS_SENTENCE = /[.!?:;…]["'”’»)\]]*$/u;
const STARTS_LOWER = /^["'“‘«(]*\p{Ll}/u;

export function sentenceCuts(text: string): { cuts: number; breaks: number; examples: string[] } {
  const paragraphs = text
    .replace(/^— page \d+ —$/gmu, '')
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  let cuts = 0;
  const examples: string[] = [];
  for (let i = 1; i < paragraphs.length; i++) {
    const before = paragraphs[i - 1]!;
    const after = paragraphs[i]!;
    if (!ENDS_SENTENCE.test(before) && STARTS_LOWER.test(after)) {
      cuts++;
      if (examples.length < 20) examples.push(`…${before.slice(-50)} ¶ ${after.slice(0, 50)}…`);
    }
  }
  return { cuts, breaks: Math.max(0, paragraphs.length - 1), examples };
}
