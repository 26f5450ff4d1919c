/**
 * Deterministic benchmark data: a seeded PRNG, analyst-like prose, and records that pass the app's
 * own schemas. The same seed always gives the same workspace, so runs on different days compare.
 */
import { describeRange } from '../../shared/domain/anchoring';
import type { Annotation, Tag } from '../../shared/domain/annotation';
import { riskScore } from '../../shared/domain/scoring';
import type { InlineSourceText, Source } from '../../shared/domain/source';
import { THREAT_CATEGORIES, type Register, type Threat } from '../../shared/domain/threat';

/** mulberry32: small, fast and good enough to spread benchmark data; not for anything secret. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** A UUID (v4 layout) drawn from the PRNG, so ids are stable across runs. */
export function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const STAMP = '2025-03-01T09:00:00.000Z';
const FAKE_SHA = (random: Random) => Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');

const DOMAIN_WORDS = [
  'Afghanistan',
  'Kazakhstan',
  'Uzbekistan',
  'Tajikistan',
  'Turkmenistan',
  'Taliban',
  'ISIS-Khorasan',
  'Amu Darya',
  'Kosh-Tepa',
  'canal',
  'narcotics',
  'trafficking',
  'migration',
  'border',
  'security',
  'threat',
  'militants',
  'water',
  'humanitarian',
  'refugees',
  'opium',
  'methamphetamine',
  'recruitment',
  'extremism',
  'insurgency',
  'diplomacy',
  'infrastructure',
  'corridor',
  'sanctions',
  'cooperation',
  'regional',
  'stability',
  'analysts',
  'assessment',
];
const SYLLABLES = [
  'ka',
  'zan',
  'tor',
  'mi',
  'sha',
  'bek',
  'dar',
  'ul',
  'ra',
  'sen',
  'ov',
  'ist',
  'ma',
  'lo',
  'gor',
  'chi',
  'pan',
  'vel',
  'ard',
  'nes',
];
const GLUE = [
  'the',
  'of',
  'and',
  'in',
  'to',
  'a',
  'that',
  'for',
  'on',
  'with',
  'as',
  'by',
  'from',
  'its',
  'which',
  'across',
];

/** A vocabulary of a few thousand words: domain terms, glue words and pronounceable coinages. */
function vocabulary(random: Random): string[] {
  const coined = Array.from({ length: 3000 }, () =>
    Array.from({ length: between(random, 2, 4) }, () => pick(random, SYLLABLES)).join(''),
  );
  return [...DOMAIN_WORDS, ...coined];
}

/** Prose of exactly `paragraphs` lines whose total length is close to `chars`. */
export function prose(random: Random, chars: number, paragraphs: number): string {
  const words = vocabulary(random);
  const perParagraph = Math.max(40, Math.floor(chars / paragraphs) - 1);
  const lines: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const target = Math.round(perParagraph * (0.7 + random() * 0.6));
    let line = '';
    let sentenceStart = true;
    while (line.length < target) {
      let word = random() < 0.45 ? pick(random, GLUE) : pick(random, words);
      if (sentenceStart) word = word[0]!.toUpperCase() + word.slice(1);
      sentenceStart = random() < 0.08;
      line += (line ? ' ' : '') + word + (sentenceStart ? '.' : random() < 0.06 ? ',' : '');
    }
    lines.push(line.endsWith('.') ? line : `${line}.`);
  }
  return lines.join('\n');
}

export const TAG_COLOURS = ['#2f6fdb', '#d9480f', '#2b8a3e', '#ae3ec9', '#e8590c', '#1098ad', '#c2255c', '#5c940d'];

export function tags(random: Random, count: number): Tag[] {
  return Array.from({ length: count }, (_, i) => ({
    id: uuid(random),
    name: `Bench tag ${i + 1}`,
    color: TAG_COLOURS[i % TAG_COLOURS.length]!,
    parentId: null,
    description: '',
    createdAt: STAMP,
    updatedAt: STAMP,
  }));
}

export function source(random: Random, title: string, text: string): { source: Source; sourceText: InlineSourceText } {
  const id = uuid(random);
  return {
    source: {
      id,
      title,
      author: 'Benchmark generator',
      publisher: 'Analyst Workbench',
      url: '',
      publishedOn: '2025-03-01',
      language: 'en',
      reliability: 'B',
      credibility: 2,
      file: null,
      textHash: FAKE_SHA(random),
      textLength: text.length,
      version: 1,
      createdAt: STAMP,
      updatedAt: STAMP,
    },
    sourceText: { sourceId: id, text },
  };
}

/**
 * `count` passages spread over the text, overlapping as analysts' codings do: most a sentence or two
 * long, some spanning paragraphs, each with one tag (and a threat, when threats are given).
 */
export function annotations(
  random: Random,
  sourceId: string,
  text: string,
  count: number,
  tagList: Tag[],
  threatIds: string[] = [],
): Annotation[] {
  const list: Annotation[] = [];
  for (let i = 0; i < count; i++) {
    // Evenly spread starts with jitter, so passages overlap their neighbours.
    const base = Math.floor(((i + random()) / count) * (text.length - 50));
    const length = random() < 0.1 ? between(random, 400, 1500) : between(random, 20, 260);
    let start = base;
    while (start < text.length - 1 && /\s/.test(text[start]!)) start++;
    let end = Math.min(text.length, start + length);
    while (end > start + 1 && /\s/.test(text[end - 1]!)) end--;
    if (end <= start) continue;
    const { quote, position } = describeRange(text, start, end);
    list.push({
      id: uuid(random),
      sourceId,
      quote,
      position,
      anchor: 'anchored',
      tagIds: [tagList[i % tagList.length]!.id],
      note: random() < 0.2 ? `Bench note ${i}: ${text.slice(start, Math.min(end, start + 60))}` : '',
      threatIds: threatIds.length ? [threatIds[i % threatIds.length]!] : [],
      countryCodes: random() < 0.3 ? [pick(random, ['KZ', 'UZ', 'TJ', 'TM', 'AF'])] : [],
      actorIds: [],
      createdAt: STAMP,
      updatedAt: STAMP,
    });
  }
  return list;
}

export function register(random: Random, name: string): Register {
  return {
    id: uuid(random),
    name,
    description: 'Generated for the benchmarks.',
    scope: 'Benchmark',
    scale: { levels: 5, bands: { medium: 5, high: 10, critical: 17 } },
    archived: false,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

const STATUSES = ['active', 'monitoring', 'mitigated', 'closed'] as const;
const TRENDS = ['rising', 'stable', 'falling'] as const;
const CONFIDENCES = ['low', 'moderate', 'high'] as const;

export function threats(random: Random, registerId: string, count: number): Threat[] {
  const words = vocabulary(random);
  return Array.from({ length: count }, (_, i) => {
    const likelihood = between(random, 1, 5);
    const impact = between(random, 1, 5);
    const title = `${pick(random, DOMAIN_WORDS)} ${pick(random, words)} ${pick(random, words)} #${i + 1}`;
    return {
      id: uuid(random),
      registerId,
      title,
      description: Array.from({ length: between(random, 12, 40) }, () => pick(random, words)).join(' '),
      category: pick(random, THREAT_CATEGORIES),
      actorIds: [],
      originCode: 'AF',
      countryCodes: ['KZ', 'UZ', 'TJ', 'TM'].filter(() => random() < 0.5),
      likelihood,
      impact,
      score: riskScore(likelihood, impact),
      trend: pick(random, TRENDS),
      confidence: pick(random, CONFIDENCES),
      status: pick(random, STATUSES),
      indicators: [`${pick(random, DOMAIN_WORDS)} ${pick(random, words)} reported`],
      mitigations: random() < 0.5 ? [`${pick(random, words)} ${pick(random, GLUE)} ${pick(random, DOMAIN_WORDS)}`] : [],
      owner: pick(random, ['Desk A', 'Desk B', 'Desk C', '']),
      lastReviewedOn: random() < 0.7 ? `2025-0${between(random, 1, 9)}-1${between(random, 0, 9)}` : null,
      createdAt: STAMP,
      updatedAt: STAMP,
    };
  });
}
