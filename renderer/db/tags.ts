import type { Tag } from '../../shared/domain/annotation';

/** Colours for new tags: distinct mid-saturation hues that read over text in both themes. */
export const TAG_PALETTE = [
  '#d9822b',
  '#2f8fce',
  '#3aa55d',
  '#c94f7c',
  '#8e6bd1',
  '#c9a227',
  '#1f9e9a',
  '#d05a4a',
  '#6d8f2a',
  '#4a6fd1',
];

export function normaliseTagName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Tag names compare without regard to case or spacing ("water " is "Water"), but accents count. */
export function sameTagName(a: string, b: string): boolean {
  return normaliseTagName(a).localeCompare(normaliseTagName(b), undefined, { sensitivity: 'accent' }) === 0;
}

/** Tags in tree order (parents before children, siblings by name) with their depth. */
export function tagTree(tags: Tag[]): { tag: Tag; depth: number }[] {
  const byParent = new Map<string | null, Tag[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const tag of tags) {
    const parent = tag.parentId && ids.has(tag.parentId) ? tag.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), tag]);
  }
  const out: { tag: Tag; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const tag of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ tag, depth });
      walk(tag.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
