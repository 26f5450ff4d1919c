import { Tag, type Annotation } from '../../shared/domain/annotation';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';

/** Colours for new tags: distinct mid-saturation hues that read over text in both themes. */
export const TAG_PALETTE = ['#d9822b', '#2f8fce', '#3aa55d', '#c94f7c', '#8e6bd1', '#c9a227', '#1f9e9a', '#d05a4a', '#6d8f2a', '#4a6fd1'];

export function normaliseTagName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

function sameName(a: string, b: string): boolean {
  return normaliseTagName(a).localeCompare(normaliseTagName(b), undefined, { sensitivity: 'accent' }) === 0;
}

/** Creates a tag, or answers the existing one of that name (tags are never duplicated by name). */
export async function createTag(db: WorkbenchDatabase, name: string, options: { parentId?: string | null; color?: string; description?: string } = {}): Promise<Tag> {
  const clean = normaliseTagName(name);
  if (!clean) throw new Error('A tag needs a name.');
  return db.transaction('rw', db.tags, async () => {
    const all = await db.tags.toArray();
    const existing = all.find((t) => sameName(t.name, clean));
    if (existing) return existing;
    const now = new Date().toISOString();
    const tag = Tag.parse({
      id: crypto.randomUUID(),
      name: clean,
      color: options.color ?? TAG_PALETTE[all.length % TAG_PALETTE.length],
      parentId: options.parentId ?? null,
      description: options.description ?? '',
      createdAt: now,
      updatedAt: now,
    });
    await db.tags.add(tag);
    return tag;
  });
}

export type TagPatch = Partial<Pick<Tag, 'name' | 'color' | 'description' | 'parentId'>>;

/** Renames, recolours, describes or moves a tag. Refuses a duplicate name and a move into its own subtree. */
export async function updateTag(db: WorkbenchDatabase, id: string, patch: TagPatch): Promise<{ before: Tag; after: Tag }> {
  return db.transaction('rw', db.tags, db.revisions, async () => {
    const all = await db.tags.toArray();
    const before = all.find((t) => t.id === id);
    if (!before) throw new Error('That tag no longer exists.');
    const name = patch.name === undefined ? before.name : normaliseTagName(patch.name);
    if (!name) throw new Error('A tag needs a name.');
    if (all.some((t) => t.id !== id && sameName(t.name, name))) throw new Error(`There is already a tag called “${name}”. Merge the two tags instead.`);
    if (patch.parentId) {
      for (let cursor: Tag | undefined = all.find((t) => t.id === patch.parentId); cursor; cursor = all.find((t) => t.id === cursor!.parentId)) {
        if (cursor.id === id) throw new Error('A tag cannot be moved under itself or one of its own sub-tags.');
      }
    }
    const now = new Date().toISOString();
    const after = Tag.parse({ ...before, ...patch, name, updatedAt: now });
    await db.tags.put(after);
    await db.revisions.bulkAdd(revisionsBetween('tag', id, before, after, ['name', 'color', 'description', 'parentId'], now));
    return { before, after };
  });
}

/** Everything a tag deletion or merge touched, so it can be undone exactly. */
export interface TagSnapshot {
  tags: Tag[];
  annotations: Annotation[];
}

async function snapshot(db: WorkbenchDatabase, tagIds: string[]): Promise<TagSnapshot> {
  const tags = (await db.tags.bulkGet(tagIds)).filter((t): t is Tag => t !== undefined);
  const children = await db.tags.where('parentId').anyOf(tagIds).toArray();
  const annotations = await db.annotations.where('tagIds').anyOf(tagIds).distinct().toArray();
  return { tags: [...tags, ...children.filter((c) => !tagIds.includes(c.id))], annotations };
}

export async function restoreTagSnapshot(db: WorkbenchDatabase, saved: TagSnapshot): Promise<void> {
  await db.transaction('rw', db.tags, db.annotations, async () => {
    await db.tags.bulkPut(saved.tags);
    await db.annotations.bulkPut(saved.annotations);
  });
}

/**
 * Merges `fromId` into `intoId`: passages coded with the first are coded with the second (once),
 * its sub-tags move under the second, and the first is deleted. Returns what it changed, for undo.
 */
export async function mergeTags(db: WorkbenchDatabase, fromId: string, intoId: string): Promise<TagSnapshot> {
  if (fromId === intoId) throw new Error('Choose a different tag to merge into.');
  return db.transaction('rw', db.tags, db.annotations, async () => {
    const saved = await snapshot(db, [fromId, intoId]);
    const from = saved.tags.find((t) => t.id === fromId);
    if (!from || !saved.tags.some((t) => t.id === intoId)) throw new Error('One of those tags no longer exists.');
    const now = new Date().toISOString();
    await db.annotations.where('tagIds').equals(fromId).modify((a) => {
      a.tagIds = [...new Set(a.tagIds.map((t) => (t === fromId ? intoId : t)))];
      a.updatedAt = now;
    });
    await db.tags.where('parentId').equals(fromId).modify((t) => {
      // A sub-tag that is itself the target takes the merged tag's place in the tree.
      t.parentId = t.id === intoId ? from.parentId : intoId;
      t.updatedAt = now;
    });
    await db.tags.delete(fromId);
    return saved;
  });
}

/** Deletes a tag: passages lose it (they are kept), its sub-tags move up to its parent. */
export async function deleteTag(db: WorkbenchDatabase, id: string): Promise<TagSnapshot> {
  return db.transaction('rw', db.tags, db.annotations, async () => {
    const saved = await snapshot(db, [id]);
    const tag = saved.tags.find((t) => t.id === id);
    if (!tag) throw new Error('That tag no longer exists.');
    const now = new Date().toISOString();
    await db.annotations.where('tagIds').equals(id).modify((a) => {
      a.tagIds = a.tagIds.filter((t) => t !== id);
      a.updatedAt = now;
    });
    await db.tags.where('parentId').equals(id).modify((t) => {
      t.parentId = tag.parentId;
      t.updatedAt = now;
    });
    await db.tags.delete(id);
    return saved;
  });
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
