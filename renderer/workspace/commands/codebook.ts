import type { Tag } from '../../../shared/domain/annotation';
import { normaliseTagName, sameTagName, TAG_PALETTE } from '../../db/tags';
import { t as translate } from '../../i18n';
import { CommandRefusal, type ChangeSet } from '../change-set';
import { defineCommand } from '../workspace';

/** What the codebook lets the analyst change about a tag. */
export type TagPatch = Partial<Pick<Tag, 'name' | 'color' | 'description' | 'parentId'>>;

const gone = () => translate('refusals.gone.tag');

export interface NewTag {
  name: string;
  parentId?: string | null;
  color?: string;
  description?: string;
}

/**
 * The tag of that name, created when the codebook has none (tags are never duplicated by name).
 * `codebook` is the codebook as the change has it; a created tag is added to it, so a command that
 * ensures many tags (an import) reads the codebook once.
 */
export async function ensureTag(changes: ChangeSet, codebook: Tag[], fields: NewTag): Promise<Tag> {
  const name = normaliseTagName(fields.name);
  if (!name) throw new CommandRefusal(translate('refusals.tags.needsName'));
  const existing = codebook.find((t) => sameTagName(t.name, name));
  if (existing) return existing;
  if (fields.parentId && !codebook.some((t) => t.id === fields.parentId))
    throw new CommandRefusal(translate('refusals.tags.parentGone'));
  const tag = await changes.put('tags', {
    id: crypto.randomUUID(),
    name,
    color: fields.color ?? TAG_PALETTE[codebook.length % TAG_PALETTE.length]!,
    parentId: fields.parentId ?? null,
    description: fields.description ?? '',
    createdAt: changes.at,
    updatedAt: changes.at,
  });
  codebook.push(tag);
  return tag;
}

/** Creates a tag, or answers the existing one of that name (then nothing is written and there is nothing to undo). */
export const createTag = defineCommand({
  id: 'tags.create',
  label: (_args: NewTag, tag: Tag) => translate('labels.createTag', { name: tag.name }),
  run: async (changes, args: NewTag) => ensureTag(changes, await changes.db.tags.toArray(), args),
});

function describePatch(patch: TagPatch, before: Tag, after: Tag): string {
  if (patch.name !== undefined && after.name !== before.name)
    return translate('labels.renameTag', { from: before.name, to: after.name });
  if (patch.parentId !== undefined && after.parentId !== before.parentId)
    return translate('labels.moveTag', { name: after.name });
  if (patch.color !== undefined && after.color !== before.color)
    return translate('labels.recolourTag', { name: after.name });
  return translate('labels.describeTag', { name: after.name });
}

export interface TagUpdate {
  id: string;
  patch: TagPatch;
}

/** Renames, recolours, describes or moves a tag. Refuses a duplicate name and a move into its own subtree. */
export const updateTag = defineCommand({
  id: 'tags.update',
  label: (_args: TagUpdate, result: { before: Tag; after: Tag; label: string }) => result.label,
  run: async (changes, { id, patch }: TagUpdate) => {
    const before = await changes.require('tags', id, gone());
    const name = patch.name === undefined ? before.name : normaliseTagName(patch.name);
    if (!name) throw new CommandRefusal(translate('refusals.tags.needsName'));
    if (patch.name !== undefined) {
      const all = await changes.db.tags.toArray();
      if (all.some((t) => t.id !== id && sameTagName(t.name, name)))
        throw new CommandRefusal(translate('refusals.tags.nameTaken', { name }));
    }
    if (patch.parentId) {
      const parent = await changes.get('tags', patch.parentId);
      if (!parent) throw new CommandRefusal(translate('refusals.tags.parentGone'));
      // Walks up from the new parent (one key read a step): meeting the tag itself would make a cycle.
      const seen = new Set<string>();
      for (
        let cursor: Tag | undefined = parent;
        cursor && !seen.has(cursor.id);
        cursor = cursor.parentId ? await changes.get('tags', cursor.parentId) : undefined
      ) {
        if (cursor.id === id) throw new CommandRefusal(translate('refusals.tags.underItself'));
        seen.add(cursor.id);
      }
    }
    const after = await changes.put('tags', { ...before, ...patch, name });
    return { before, after, label: describePatch(patch, before, after) };
  },
});

/** What a merge or a deletion of a tag did. */
export interface TagRemoval {
  tag: Tag;
  /** Passages that were coded with the tag (and are kept). */
  passages: number;
}

export interface TagMerge {
  fromId: string;
  intoId: string;
}

/**
 * Merges `fromId` into `intoId` in one change: passages coded with the first are coded with the second
 * (once), its sub-tags move under the second, and the first is deleted. One undo takes all of it back.
 */
export const mergeTags = defineCommand({
  id: 'tags.merge',
  label: (_args: TagMerge, result: TagRemoval & { into: Tag }) =>
    translate('labels.mergeTags', { from: result.tag.name, into: result.into.name }),
  run: async (changes, { fromId, intoId }: TagMerge) => {
    if (fromId === intoId) throw new CommandRefusal(translate('refusals.tags.mergeIntoItself'));
    const from = await changes.require('tags', fromId, translate('refusals.gone.tagOfTwo'));
    const into = await changes.require('tags', intoId, translate('refusals.gone.tagOfTwo'));
    const passages = await changes.db.annotations.where('tagIds').equals(fromId).toArray();
    await changes.bulkPut(
      'annotations',
      passages.map((a) => ({ ...a, tagIds: [...new Set(a.tagIds.map((t) => (t === fromId ? intoId : t)))] })),
    );
    const children = await changes.db.tags.where('parentId').equals(fromId).toArray();
    // A sub-tag that is itself the target takes the merged tag's place in the tree.
    await changes.bulkPut(
      'tags',
      children.map((t) => ({ ...t, parentId: t.id === intoId ? from.parentId : intoId })),
    );
    await changes.delete('tags', fromId);
    return { tag: from, into: (await changes.get('tags', intoId)) ?? into, passages: passages.length };
  },
});

/** Deletes a tag in one change: passages lose it (they are kept), its sub-tags move up to its parent. */
export const deleteTag = defineCommand({
  id: 'tags.delete',
  label: (_id: string, result: TagRemoval) => translate('labels.deleteTag', { name: result.tag.name }),
  run: async (changes, id: string) => {
    const tag = await changes.require('tags', id, gone());
    const passages = await changes.db.annotations.where('tagIds').equals(id).toArray();
    await changes.bulkPut(
      'annotations',
      passages.map((a) => ({ ...a, tagIds: a.tagIds.filter((t) => t !== id) })),
    );
    const children = await changes.db.tags.where('parentId').equals(id).toArray();
    await changes.bulkPut(
      'tags',
      children.map((t) => ({ ...t, parentId: tag.parentId })),
    );
    await changes.delete('tags', id);
    return { tag, passages: passages.length };
  },
});
