import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { workspace } from '../../workspace';
import { createTag } from '../../workspace/commands/codebook';
import type { AnnotationCoding } from '../../workspace/commands/passages';
import { MultiPicker } from '../../ui/MultiPicker';
import { isAskingToDiscard, useUnsavedGuard } from '../../ui/useUnsavedGuard';
import { useFocusHold } from '../../ui/useFocusHold';
import type { Lookups } from './useLookups';
import { useT } from '../../i18n';

interface AnnotationEditorProps {
  /** The passage's words, shown at the top. */
  quote: string;
  /** The annotation being edited; absent for a new passage. */
  annotation?: Annotation;
  lookups: Lookups;
  /** Where to float: the selection's or highlight's rectangle in viewport coordinates. */
  anchorRect: DOMRect | null;
  onSave: (coding: AnnotationCoding) => Promise<void>;
  onDelete?: () => void;
  onClose: () => void;
}

const EMPTY: AnnotationCoding = { tagIds: [], note: '', threatIds: [], countryCodes: [], actorIds: [] };

/**
 * The coding popover: tags (created inline), a note, and links to threats, countries and actors.
 * Ctrl+Enter saves, Escape cancels.
 */
export function AnnotationEditor({
  quote,
  annotation,
  lookups,
  anchorRect,
  onSave,
  onDelete,
  onClose,
}: AnnotationEditorProps) {
  const t = useT();
  const [coding, setCoding] = useState<AnnotationCoding>(() =>
    annotation
      ? {
          tagIds: annotation.tagIds,
          note: annotation.note,
          threatIds: annotation.threatIds,
          countryCodes: annotation.countryCodes,
          actorIds: annotation.actorIds,
        }
      : EMPTY,
  );
  const [saving, setSaving] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  // Tab stays in the popover; Escape or Cancel gives the focus back to the reader at the selection.
  const { forgetSelection } = useFocusHold(panel);
  const [initial] = useState(coding);
  const noteChanged = coding.note !== initial.note;
  const codingChanged = JSON.stringify(coding) !== JSON.stringify(initial);
  const { confirmDiscard } = useUnsavedGuard(
    codingChanged,
    noteChanged
      ? annotation
        ? t('annotate.discardNoteChanges')
        : t('annotate.discardNote')
      : annotation
        ? t('annotate.discardCodingChanges')
        : t('annotate.discardCoding'),
  );
  const cancel = useCallback(
    () => void confirmDiscard().then((discard) => discard && onClose()),
    [confirmDiscard, onClose],
  );
  const [position, setPosition] = useState<{ top: number; left: number }>({ top: 80, left: 200 });

  useLayoutEffect(() => {
    const el = panel.current;
    if (!el) return;
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const rect = anchorRect ?? new DOMRect(window.innerWidth / 2 - width / 2, 80, width, 0);
    let top = rect.bottom + 8;
    if (top + height > window.innerHeight - 8) top = Math.max(8, rect.top - height - 8);
    const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    setPosition({ top, left });
  }, [anchorRect]);

  useEffect(() => {
    const onDocKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || isAskingToDiscard()) return;
      e.preventDefault();
      cancel();
    };
    document.addEventListener('keydown', onDocKey);
    return () => document.removeEventListener('keydown', onDocKey);
  }, [cancel]);

  const save = async () => {
    setSaving(true);
    // The selection became the passage: the view moves the focus to it once saved.
    forgetSelection();
    try {
      await onSave(coding);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  // A tag created here is its own step for Ctrl+Z, before the passage's.
  const newTag = async (name: string) => (await workspace.perform(createTag, { name })).id;

  return (
    <div
      ref={panel}
      className="popover annotation-editor"
      role="dialog"
      aria-label={annotation ? t('annotate.edit') : t('annotate.annotate')}
      style={{ top: position.top, left: position.left }}
      onKeyDown={onKeyDown}
    >
      <blockquote className="popover-quote" dir="auto">
        {quote.length > 280 ? `${quote.slice(0, 280)}…` : quote}
      </blockquote>
      <MultiPicker
        label={t('merge.field.tagIds')}
        options={lookups.tagOptions}
        selected={coding.tagIds}
        onChange={(tagIds) => setCoding({ ...coding, tagIds })}
        onCreate={newTag}
        createLabel={(name) => t('annotate.createTag', { name })}
        placeholder={t('annotate.tagPlaceholder')}
        autoFocus
      />
      <div className="field">
        <label htmlFor="annotation-note">{t('annotate.note')}</label>
        <textarea
          id="annotation-note"
          rows={3}
          value={coding.note}
          dir="auto"
          onChange={(e) => setCoding({ ...coding, note: e.target.value })}
        />
      </div>
      <MultiPicker
        label={t('merge.field.threatIds')}
        options={lookups.threatOptions}
        selected={coding.threatIds}
        onChange={(threatIds) => setCoding({ ...coding, threatIds })}
      />
      <MultiPicker
        label={t('merge.field.countryCodes')}
        options={lookups.countryOptions}
        selected={coding.countryCodes}
        onChange={(countryCodes) => setCoding({ ...coding, countryCodes })}
      />
      <MultiPicker
        label={t('merge.field.actorIds')}
        options={lookups.actorOptions}
        selected={coding.actorIds}
        onChange={(actorIds) => setCoding({ ...coding, actorIds })}
      />
      <div className="dialog-actions">
        {onDelete && (
          <button type="button" className="danger" onClick={onDelete}>
            {t('common.delete')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={saving} onClick={() => void save()} title="Ctrl+Enter">
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}
