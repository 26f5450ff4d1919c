import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { Tag } from '../../../shared/domain/annotation';
import { db } from '../../db';
import { tagTree } from '../../db/tags';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { createTag, deleteTag, mergeTags, updateTag, type TagPatch } from '../../workspace/commands/codebook';
import { EditableText } from '../../ui/EditableText';
import { useT } from '../../i18n';

/** Passages per tag across the workspace (an index scan, not a table read). */
function useTagCounts(tagIds: string[]): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    for (const id of tagIds) counts.set(id, await db.annotations.where('tagIds').equals(id).count());
    return counts;
  }, [tagIds.join()]);
}

/** The hierarchical codebook: colour, description, rename, move, merge and delete, each undoable. */
export function Codebook() {
  const tags = useLiveQuery(() => db.tags.toArray());
  const tree = useMemo(() => tagTree(tags ?? []), [tags]);
  const counts = useTagCounts(tree.map((t) => t.tag.id));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const notify = useWorkbench((s) => s.notify);
  const t = useT();
  if (!tags) return null;
  const selected = tags.find((t) => t.id === selectedId);

  // Each change is one command: recorded, undoable with Ctrl+Z; a refusal is told to the analyst and rejects.
  const add = async () => {
    const name = newName.trim();
    if (!name) return;
    const tag = await workspace.perform(createTag, { name, parentId: selected?.id ?? null });
    setNewName('');
    setSelectedId(tag.id);
  };

  const patch = (tag: Tag, change: TagPatch) => workspace.perform(updateTag, { id: tag.id, patch: change });

  const merge = async (from: Tag, intoId: string) => {
    const { into } = await workspace.perform(mergeTags, { fromId: from.id, intoId });
    setSelectedId(intoId);
    notify('info', t('codebook.merged', { from: from.name, into: into.name }), {
      label: t('common.undo'),
      run: () => void workspace.undo(),
    });
  };

  const remove = async (tag: Tag) => {
    await workspace.perform(deleteTag, tag.id);
    setSelectedId(null);
    notify('info', t('codebook.deleted', { name: tag.name }), {
      label: t('common.undo'),
      run: () => void workspace.undo(),
    });
  };

  return (
    <div className="side-section codebook">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add().catch(() => undefined);
        }}
      >
        <label htmlFor="new-tag" className="visually-hidden">
          {t('codebook.newTag')}
        </label>
        <input
          id="new-tag"
          type="text"
          placeholder={selected ? t('codebook.newTagUnder', { name: selected.name }) : t('codebook.newTag')}
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
        />
        <button type="submit">{t('codebook.add')}</button>
      </form>
      {tree.length === 0 ? (
        <p className="muted empty">{t('codebook.empty')}</p>
      ) : (
        <ul className="tag-tree" aria-label={t('codebook.label')}>
          {tree.map(({ tag, depth }) => (
            <li key={tag.id}>
              <button
                type="button"
                className="tag-row"
                aria-current={tag.id === selectedId ? 'true' : undefined}
                style={{ paddingInlineStart: 8 + depth * 16 }}
                onClick={() => setSelectedId(tag.id === selectedId ? null : tag.id)}
              >
                <span className="swatch" style={{ background: tag.color }} aria-hidden="true" />
                <span className="tag-name">{tag.name}</span>
                <span className="count" aria-label={t('codebook.passages', { count: counts?.get(tag.id) ?? 0 })}>
                  {counts?.get(tag.id) ?? ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <div className="tag-details" aria-label={t('codebook.tag', { name: selected.name })} role="group">
          <EditableText
            label={t('codebook.name')}
            value={selected.name}
            validate={(v) => (v ? null : t('codebook.needsName'))}
            onCommit={(name) => patch(selected, { name })}
          />
          <EditableText
            label={t('codebook.description')}
            value={selected.description}
            multiline
            onCommit={(description) => patch(selected, { description })}
          />
          <div className="field-row">
            <label className="inline-field">
              {t('codebook.colour')}
              <input
                type="color"
                value={selected.color}
                onChange={(e) => void patch(selected, { color: e.target.value }).catch(() => undefined)}
              />
            </label>
            <label className="inline-field">
              {t('codebook.under')}
              <select
                value={selected.parentId ?? ''}
                onChange={(e) => void patch(selected, { parentId: e.target.value || null }).catch(() => undefined)}
              >
                <option value="">{t('codebook.topLevel')}</option>
                {tree
                  .filter(({ tag }) => tag.id !== selected.id)
                  .map(({ tag, depth }) => (
                    <option key={tag.id} value={tag.id}>
                      {' '.repeat(depth * 2)}
                      {tag.name}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          <div className="field-row">
            <label className="inline-field">
              {t('codebook.mergeInto')}
              <select
                value=""
                onChange={(e) => e.target.value && void merge(selected, e.target.value).catch(() => undefined)}
              >
                <option value="">{t('codebook.chooseTag')}</option>
                {tree
                  .filter(({ tag }) => tag.id !== selected.id)
                  .map(({ tag }) => (
                    <option key={tag.id} value={tag.id}>
                      {tag.name}
                    </option>
                  ))}
              </select>
            </label>
            <button type="button" className="danger" onClick={() => void remove(selected).catch(() => undefined)}>
              {t('codebook.delete')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
