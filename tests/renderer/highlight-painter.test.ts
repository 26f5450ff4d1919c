// The reader's Range builder and painter on offsets that do not fit (issue 14): a passage re-anchored
// on one version of a text, painted over the paragraphs of another, must be left unpainted and
// reported — never thrown on ("Failed to execute 'setStart' on 'Range': The offset 75 is larger than
// the node's length (73)").
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../shared/domain/anchoring';
import type { Annotation, Tag } from '../../shared/domain/annotation';
import { splitParagraphs } from '../../shared/domain/text';
import { HighlightPainter } from '../../renderer/features/sources/highlights';
import { TextGeometry } from '../../renderer/features/sources/text-geometry';

/** The Custom Highlight API, which happy-dom lacks: a registry of named sets of Ranges. */
beforeAll(() => {
  class FakeHighlight extends Set<Range> {
    priority = 0;
  }
  Object.defineProperty(globalThis, 'Highlight', { value: FakeHighlight, configurable: true });
  // happy-dom's CSS answers a fresh object on every read: put one in its place that keeps its registry.
  Object.defineProperty(globalThis, 'CSS', {
    value: { highlights: new Map<string, FakeHighlight>(), supports: () => false, escape: (s: string) => s },
    configurable: true,
    writable: true,
  });
});

afterEach(() => {
  document.body.innerHTML = '';
  CSS.highlights.clear();
});

const ZWNJ = '\u200c';
const OLD = [
  'Записка о водных рисках',
  'Сток может сократиться на 15 % в маловодные годы.',
  `آب دریای آمو را برای آبیاری برداشت می${ZWNJ}کند.`,
  'Canal 🌊 draw is the main risk.',
  'Prepared for the briefing.',
  'Prepared for the briefing.',
].join('\n\n');
const NEW = [
  'Записка о водных рисках',
  'Обновлено.',
  'Сток может сократиться на 12–15 % в маловодные годы.',
  `آب دریای آمو را برای آبیاری برداشت می${ZWNJ}کند.`,
  'Canal 🌊 draw is the main risk.',
  'Prepared for the briefing.',
].join('\n\n');

/** The reader's DOM for a text: one <p data-index data-start> with one text node per paragraph. */
function render(text: string): HTMLElement {
  const article = document.createElement('article');
  splitParagraphs(text).forEach((p, i) => {
    const div = document.createElement('div');
    div.dataset.paragraph = '';
    const para = document.createElement('p');
    para.dataset.index = String(i);
    para.dataset.start = String(p.start);
    para.textContent = p.text;
    div.append(para);
    article.append(div);
  });
  document.body.append(article);
  return article;
}

/** What React does when a paragraph keeps its key but not its text: the same node, new data. */
function rerenderInPlace(article: HTMLElement, text: string): void {
  const paragraphs = splitParagraphs(text);
  article.querySelectorAll<HTMLElement>('p[data-index]').forEach((p, i) => {
    const next = paragraphs[i];
    if (next) (p.firstChild as Text).data = next.text;
  });
}

const NOW = new Date().toISOString();
const TAG: Tag = {
  id: crypto.randomUUID(),
  name: 'Water',
  color: '#2f6fdb',
  parentId: null,
  description: '',
  createdAt: NOW,
  updatedAt: NOW,
};
const TAGS = new Map([[TAG.id, TAG]]);

function passage(text: string, needle: string, anchor: Annotation['anchor'] = 'anchored'): Annotation {
  const start = text.indexOf(needle);
  const { quote, position } = describeRange(text, start, start + needle.length);
  return {
    id: crypto.randomUUID(),
    sourceId: crypto.randomUUID(),
    quote,
    position,
    anchor,
    tagIds: [TAG.id],
    note: '',
    threatIds: [],
    countryCodes: [],
    actorIds: [],
    createdAt: NOW,
    updatedAt: NOW,
  };
}

const painted = () => [...(CSS.highlights.get(`wb-t-${TAG.id}`) ?? [])].map((r) => (r as Range).toString()).sort();

describe('TextGeometry.rangeFor on offsets that do not fit', () => {
  it('builds Ranges over exactly the words, in each script', () => {
    const geometry = new TextGeometry(render(OLD), OLD, splitParagraphs(OLD));
    for (const needle of ['15 %', `برداشت می${ZWNJ}کند`, 'Canal 🌊 draw']) {
      const start = OLD.indexOf(needle);
      expect(geometry.rangeFor(start, start + needle.length)?.toString()).toBe(needle);
    }
  });

  it('gives no Range beyond a paragraph’s node, beyond the text, inverted, or inside a surrogate pair', () => {
    const geometry = new TextGeometry(render(OLD), OLD, splitParagraphs(OLD));
    const wave = OLD.indexOf('🌊');
    const cases: [number, number][] = [
      [OLD.length - 3, OLD.length + 40],
      [OLD.length + 10, OLD.length + 20],
      [60, 20],
      [20, 20],
      [wave + 1, wave + 6],
      [wave - 4, wave + 1],
      [-5, 3],
      [2.5, 9],
    ];
    for (const [start, end] of cases) expect(() => geometry.rangeFor(start, end)).not.toThrow();
    for (const [start, end] of cases) expect(geometry.rangeFor(start, end)).toBeNull();
  });

  it('gives no Range when the page already shows another text than the geometry’s (the one-render race)', () => {
    const article = render(OLD);
    const geometry = new TextGeometry(article, OLD, splitParagraphs(OLD));
    rerenderInPlace(article, NEW);
    // The old geometry over the new nodes: where setStart used to throw IndexSizeError.
    const end =
      OLD.indexOf('Prepared for the briefing.', OLD.indexOf('Prepared') + 1) + 'Prepared for the briefing.'.length;
    for (let start = 0; start < OLD.length; start += 7)
      expect(() => geometry.rangeFor(start, Math.min(end, start + 30))).not.toThrow();
    expect(geometry.rangeFor(OLD.indexOf('15 %'), OLD.indexOf('15 %') + 4)).toBeNull();
  });

  it('builds the part of a passage on the page when its start or end lies in paragraphs not rendered', () => {
    // The reader renders a window of paragraphs (and a pinned one apart from it): here 0, then 2 and 3.
    const article = render(OLD);
    for (const index of ['1', '4', '5']) article.querySelector(`p[data-index="${index}"]`)!.parentElement!.remove();
    const geometry = new TextGeometry(article, OLD, splitParagraphs(OLD));
    const from = OLD.indexOf('15 %');
    const to = OLD.indexOf('the briefing.') + 'the briefing.'.length;
    // From paragraph 1 (not rendered) to paragraph 4 (not rendered): paragraphs 2 and 3 whole.
    const middle = geometry.rangeFor(from, to)!;
    expect(middle.startContainer.parentElement!.dataset.index).toBe('2');
    expect(middle.startOffset).toBe(0);
    expect(middle.endContainer.parentElement!.dataset.index).toBe('3');
    expect(middle.toString()).toBe(`آب دریای آمو را برای آبیاری برداشت می${ZWNJ}کند.Canal 🌊 draw is the main risk.`);
    // From inside paragraph 0 to paragraph 1: the rest of paragraph 0.
    expect(geometry.rangeFor(OLD.indexOf('водных'), from + 4)?.toString()).toBe('водных рисках');
    // Wholly inside a paragraph not rendered: nothing.
    expect(geometry.rangeFor(from, from + 4)).toBeNull();
    // The DOM positions of offsets: in a rendered paragraph, or none.
    expect(geometry.pointFor(OLD.indexOf('Canal'))).toMatchObject({ offset: 0 });
    expect(geometry.pointFor(from)).toBeNull();
    // Between two paragraphs (their line break): the end of the one before.
    const afterDari = OLD.indexOf('Canal') - 1;
    const dari = geometry.pointFor(afterDari)!;
    expect(dari.node.parentElement!.dataset.index).toBe('2');
    expect(dari.offset).toBe(dari.node.length);
    expect(geometry.pointFor(OLD.length + 1)).toBeNull();
  });

  it('ignores paragraphs whose nodes do not hold the geometry’s text when it is built', () => {
    const article = render(NEW);
    const stale = new TextGeometry(article, OLD, splitParagraphs(OLD));
    const start = OLD.indexOf('Canal');
    expect(stale.rangeFor(start, start + 5)).toBeNull();
  });
});

describe('HighlightPainter with passages of another version of the text', () => {
  it('paints the passages that fit, leaves the rest unpainted and names them, without throwing', () => {
    const article = render(NEW);
    const geometry = new TextGeometry(article, NEW, splitParagraphs(NEW));
    const fits = passage(NEW, 'Canal 🌊 draw');
    const dari = passage(NEW, `آب دریای آمو`);
    // Offsets from the old text: past the end of the new one, and inverted by a bad record.
    const late = {
      ...passage(OLD, 'Prepared for the briefing.'),
      position: { start: NEW.length + 2, end: NEW.length + 28 },
    };
    const inverted = { ...passage(NEW, 'Обновлено.'), position: { start: 40, end: 12 } };
    const halfWave = {
      ...passage(NEW, 'Canal 🌊'),
      position: { start: NEW.indexOf('🌊') + 1, end: NEW.indexOf('🌊') + 7 },
    };
    const painter = new HighlightPainter();
    let unpainted: string[] = [];
    expect(() => {
      unpainted = painter.paint({
        geometry,
        annotations: [fits, dari, late, inverted, halfWave],
        tags: TAGS,
        selectedId: inverted.id,
        search: { start: NEW.length, end: NEW.length + 9 },
      });
    }).not.toThrow();
    expect(unpainted.sort()).toEqual([late.id, inverted.id, halfWave.id].sort());
    expect(painted()).toEqual(['Canal 🌊 draw', 'آب دریای آمو'].sort());
    // Neither the selection of an unpainted passage nor a search hit past the text is painted.
    expect(CSS.highlights.get('wb-selected')?.size ?? 0).toBe(0);
    expect(CSS.highlights.get('wb-search')?.size ?? 0).toBe(0);
    painter.dispose();
  });

  it('repaints everything on a new text, and the passages of the new text land on their new words', () => {
    const article = render(OLD);
    const painter = new HighlightPainter();
    const before = [passage(OLD, '15 %'), passage(OLD, 'Canal 🌊 draw')];
    painter.paint({
      geometry: new TextGeometry(article, OLD, splitParagraphs(OLD)),
      annotations: before,
      tags: TAGS,
      selectedId: null,
      search: null,
    });
    expect(painted()).toEqual(['15 %', 'Canal 🌊 draw'].sort());

    // New passages over the old geometry and new DOM (the race): nothing thrown, nothing wrong painted.
    document.body.innerHTML = '';
    const next = render(NEW);
    const after = [passage(NEW, '12–15 %', 'drifted'), passage(NEW, 'Canal 🌊 draw')];
    let unpainted: string[] = [];
    expect(
      () =>
        (unpainted = painter.paint({
          geometry: new TextGeometry(next, OLD, splitParagraphs(OLD)),
          annotations: after,
          tags: TAGS,
          selectedId: null,
          search: null,
        })),
    ).not.toThrow();
    expect(unpainted.sort()).toEqual(after.map((a) => a.id).sort());
    expect(painted()).toEqual([]);

    painter.paint({
      geometry: new TextGeometry(next, NEW, splitParagraphs(NEW)),
      annotations: after,
      tags: TAGS,
      selectedId: null,
      search: null,
    });
    expect(painted()).toEqual(['12–15 %', 'Canal 🌊 draw'].sort());
    expect(CSS.highlights.get('wb-drifted')?.size).toBe(1);
    painter.dispose();
  });
});
