import { useLiveQuery } from 'dexie-react-hooks';
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Annotation } from '../../../shared/domain/annotation';
import { admiraltyGrade, CREDIBILITY_LABELS, RELIABILITY_LABELS, type Source } from '../../../shared/domain/source';
import { planTextChange, type TextChangePlan } from '../../../shared/domain/text-change-plan';
import { db } from '../../db';
import { CommandFailed, workspace } from '../../workspace';
import { inDocumentOrder } from '../../db/annotations';
import { provisionalPassage } from './provisional';
import { placeableOn } from './placeable';
import {
  acceptDrift,
  createPassage,
  deletePassage,
  movePassage,
  updatePassage,
  type AnnotationCoding,
} from '../../workspace/commands/passages';
import { correctSourceText, deleteSource, PreviewOutdated, replaceSourceText } from '../../workspace/commands/sources';
import { sha256OfText } from '../../db/hash';
import { readSourceSnapshot } from '../../db/source-annotations';
import { readSourceTexts } from '../../db/source-texts';
import { importLimit } from '../../db/settings';
import { workbench } from '../../platform/workbench';
import { PASSAGE_PANEL_WIDTH, READER_FONT_SIZES, SOURCE_LIST_WIDTH, useWorkbench } from '../../stores';
import {
  AnnotationEditor,
  AnnotationList,
  LinkChips,
  TagChips,
  Codebook,
  ReviewQueue,
  useLookups,
  type Lookups,
  exportAnnotations,
  importAnnotations,
} from '../annotations';
import { CommandButton } from '../desktop';
import { formatDate } from '../../ui/format';
import { t as translate, uiLocale, useT } from '../../i18n';
import { leaveThen } from '../../ui/useUnsavedGuard';
import { useFocusHold } from '../../ui/useFocusHold';
import { PaneResizer } from '../../ui/PaneResizer';
import { PaneToggle } from '../../ui/PaneToggle';
import { runCommand, useViewCommand } from '../../workspace/user-commands';
import { ImportPanel } from './ImportPanel';
import { CommentsOffer, ConfirmStrip } from './ImportReview';
import { ACCEPTED_FILES, filesFromList, importFiles, pastedText } from './importing';
import { PasteDialog } from './PasteDialog';
import { installHighlightRules } from './highlights';
import { readAhead, textNamed, whenOpened } from './opening';
import { SourceList } from './SourceList';
import { isReferenceOnly } from './source-labels';
import { Reader, type ReaderCommands } from './Reader';
import { SourceDetails } from './SourceDetails';
import { outcomeCounts, outcomeNotice } from './replacement-words';
import { TextChangeDialog, type PendingTextChange } from './TextChangePreview';
import { TextEditDialog } from './TextEditDialog';
import { useSourceOpening, useSourceReading } from './useSourceReading';
import './sources.css';
import { focusStaysInView } from '../../ui/focus-stays-in-view';

type Popover =
  | { kind: 'create'; range: { start: number; end: number }; rect: DOMRect }
  | { kind: 'edit'; annotation: Annotation; rect: DOMRect | null }
  | { kind: 'pick'; annotations: Annotation[]; rect: DOMRect; inText: boolean };

/** The start of each listed source's text, for sources that share a title (read only for those). */
function useExcerpts(sources: Source[] | undefined): Map<string, string> | undefined {
  const twins = useMemo(() => {
    const seen = new Map<string, number>();
    for (const s of sources ?? []) seen.set(s.title, (seen.get(s.title) ?? 0) + 1);
    return (sources ?? []).filter((s) => seen.get(s.title)! > 1).map((s) => s.id);
  }, [sources]);
  return useLiveQuery(async () => {
    const texts = await readSourceTexts(db, twins);
    return new Map([...texts].map(([id, text]) => [id, text.replace(/\s+/g, ' ').trim().slice(0, 90)]));
  }, [twins]);
}

export function SourcesView() {
  const t = useT();
  const sources = useLiveQuery(() => db.sources.orderBy('title').toArray());
  const selectedId = useWorkbench((s) => s.selectedSourceId);
  const select = useWorkbench((s) => s.selectSource);
  const [pasteOpen, setPasteOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const notify = useWorkbench((s) => s.notify);
  const excerpts = useExcerpts(sources);
  const panes = useWorkbench((s) => s.sidePanes);
  const setPanes = useWorkbench((s) => s.setSidePanes);
  // Read here, not by each source's reader: the codebook stays in memory while the analyst moves from
  // source to source, so a reader need not wait for it before its first screen.
  const lookups = useLookups();
  // Before the text is on the page: changing these rules later restyles every paragraph of a book.
  useLayoutEffect(() => {
    if (lookups) installHighlightRules(lookups.tags);
  }, [lookups]);

  const listPane = useRef<HTMLElement>(null);
  const open = useCallback(
    (source: Source) => {
      // Under way at once; the source on screen stays until the read answers (see opening.ts).
      readAhead(source.id, textNamed(source));
      leaveThen(() => whenOpened(source.id, () => select(source.id)));
    },
    [select],
  );

  // A just-imported source may be selected before the live list has caught up: wait for it rather
  // than falling back to another source.
  const selected = selectedId ? sources?.find((s) => s.id === selectedId) : sources?.[0];
  useEffect(() => {
    if (sources && !selectedId && sources[0]) select(sources[0].id);
    // A remembered source that is truly gone (not merely not yet listed) gives way to the first one.
    if (sources && selectedId && !sources.some((s) => s.id === selectedId)) {
      void db.sources.get(selectedId).then((found) => {
        if (!found && useWorkbench.getState().selectedSourceId === selectedId) select(null);
      });
    }
  }, [sources, selectedId, select]);

  // Importing unfolds the source list: its progress and the new source are shown there.
  useViewCommand(
    'import',
    () => {
      setPanes({ listOpen: true });
      fileInput.current?.click();
    },
    Boolean(sources),
  );
  useViewCommand(
    'paste-source',
    () => {
      setPanes({ listOpen: true });
      setPasteOpen(true);
    },
    Boolean(sources),
  );
  useViewCommand('annotations:export', () => notify('info', t('sources.exportFirst')), Boolean(sources) && !selected);

  if (!sources) return null;
  return (
    <div
      className="sources-layout"
      style={
        {
          '--source-list-width': `${panes.listWidth}px`,
          '--passage-panel-width': `${panes.panelWidth}px`,
        } as CSSProperties
      }
    >
      <input
        ref={fileInput}
        id="import-files"
        type="file"
        multiple
        hidden
        accept={ACCEPTED_FILES}
        aria-label={t('sources.filesToImport')}
        onChange={(e) => {
          if (e.target.files?.length) void importFiles(filesFromList(e.target.files));
          e.target.value = '';
        }}
      />
      <PasteDialog
        open={pasteOpen}
        onClose={() => setPasteOpen(false)}
        onImport={(title, text) => {
          setPasteOpen(false);
          void importFiles([pastedText(title, text)]);
        }}
      />
      {!panes.listOpen && (
        <div className="pane-strip">
          {/* The view's heading stays on the page (Ctrl+1 focuses it) while the list is folded away. */}
          <h1 className="visually-hidden" tabIndex={-1}>
            {t('views.sources')}
          </h1>
          <PaneToggle
            id="toggle-source-list"
            label={t('panes.sourceList')}
            open={false}
            side="left"
            onToggle={() => setPanes({ listOpen: true })}
          />
        </div>
      )}
      <section ref={listPane} className="pane list-pane" aria-labelledby="sources-heading" hidden={!panes.listOpen}>
        <header className="pane-header">
          <h1 id="sources-heading">{t('views.sources')}</h1>
          <div className="button-row">
            <CommandButton command="import" hint={t('sources.importHint')}>
              {t('sources.import')}
            </CommandButton>
            <CommandButton command="paste-source">{t('sources.paste')}</CommandButton>
          </div>
          {panes.listOpen && (
            <PaneToggle
              id="toggle-source-list"
              label={t('panes.sourceList')}
              open
              side="left"
              onToggle={() => setPanes({ listOpen: false })}
            />
          )}
        </header>
        <ImportPanel />
        {sources.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{t('sources.emptyTitle')}</p>
            <p className="muted">{t('sources.emptyBody')}</p>
          </div>
        ) : (
          <SourceList
            sources={sources}
            currentId={selected?.id}
            excerpts={excerpts}
            onOpen={open}
            scroller={listPane}
            label={t('views.sources')}
          />
        )}
      </section>
      {panes.listOpen && (
        <PaneResizer
          label={t('panes.sourceList')}
          name={t('panes.resizeSourceList')}
          side="left"
          width={panes.listWidth}
          min={SOURCE_LIST_WIDTH.min}
          max={SOURCE_LIST_WIDTH.max}
          onResize={(listWidth) => setPanes({ listWidth })}
        />
      )}
      {selected ? (
        <SourceWorkspace key={selected.id} source={selected} lookups={lookups} />
      ) : (
        <section className="pane reader-pane empty">
          <p>{sources.length > 0 ? t('sources.chooseToRead') : t('sources.chooseOrImport')}</p>
        </section>
      )}
    </div>
  );
}

/**
 * The reader, its passages and codebook, for one source. Memoised: the library's passage counts
 * change with every save, and need not re-render a book's reader.
 */
const SourceWorkspace = memo(function SourceWorkspace({
  source,
  lookups,
}: {
  source: Source;
  lookups: Lookups | undefined;
}) {
  // Re-rendered when the interface language changes (its words come from `translate`).
  useT();
  // The text and its passages arrive together, as one reading: the reader, its stripes, the passage
  // list and the review queue never see new passages over an old text, or the other way round.
  // The text and the passages of its first screens, read first: the reader shows them while every
  // passage (for the list, the review queue and the rest of the text) is read in the background.
  const { opening, settled, release } = useSourceOpening(source.id, textNamed(source));
  const reading = useSourceReading(source.id, settled);
  const readingArrived = reading !== undefined;
  useEffect(() => {
    if (readingArrived) release();
  }, [readingArrived, release]);
  const shown = reading ?? opening;
  const loaded = reading?.annotations;
  const annotations = useMemo(() => loaded ?? [], [loaded]);
  const [popover, setPopover] = useState<Popover | null>(null);
  const [editingText, setEditingText] = useState<string | null>(null);
  const [pendingChange, setPendingChange] = useState<
    (PendingTextChange & { textHash: string; file: Source['file']; importWarnings: string[] }) | null
  >(null);
  const [reselecting, setReselecting] = useState<Annotation | null>(null);
  // A passage just saved from the annotate popover: its card takes the focus once the list shows it.
  const [focusPassage, setFocusPassage] = useState<string | null>(null);
  const {
    notify,
    selectAnnotation,
    sideTab,
    setSideTab,
    readerFontSize,
    setReaderFontSize,
    readerWholeText,
    panes,
    setPanes,
  } = useWorkbench(
    useShallow((s) => ({
      panes: s.sidePanes,
      setPanes: s.setSidePanes,
      notify: s.notify,
      selectAnnotation: s.selectAnnotation,
      sideTab: s.sideTab,
      setSideTab: s.setSideTab,
      readerFontSize: s.readerFontSize,
      setReaderFontSize: s.setReaderFontSize,
      readerWholeText: s.readerWholeText,
    })),
  );
  const text = shown?.text ?? '';
  // Passages whose stored place does not fit this text: unpainted, and listed under Review.
  const misfits = useMemo(() => {
    const placeable = placeableOn(text);
    return new Set(annotations.filter((a) => a.anchor !== 'orphaned' && !placeable(a)).map((a) => a.id));
  }, [annotations, text]);
  // New Passage from Selection, answered by the reader on the page. Bound here, from the click on,
  // rather than by the reader when the text arrives: every binding re-renders each command button
  // and rail item, and that belongs in the click's task, not in the one that shows the first screen.
  const readerCommands = useRef<ReaderCommands | null>(null);
  useViewCommand(
    'annotation:new',
    () =>
      readerCommands.current ? readerCommands.current.newPassage() : notify('info', translate('sources.selectFirst')),
    !isReferenceOnly(source),
  );
  useViewCommand(
    'annotations:export',
    () =>
      void exportAnnotations(source, annotations)
        .then((path) => path && notify('info', translate('sources.exported', { count: annotations.length, path })))
        .catch((e: Error) => notify('error', e.message)),
    loaded !== undefined,
  );
  // The passage list follows the reading a render later, in a render React may interrupt: a save
  // repaints the reader in its own frame, and the list of 5,000 (its virtualiser measures every row
  // again when the count changes) is not part of that frame.
  const listedAnnotations = useDeferredValue(annotations);
  const listedMisfits = useDeferredValue(misfits);
  const editPassage = useCallback((a: Annotation) => setPopover({ kind: 'edit', annotation: a, rect: null }), []);
  useEffect(() => {
    if (!focusPassage) return;
    const card = document.querySelector<HTMLElement>(`.side-pane [data-passage-id="${focusPassage}"]`);
    if (card) {
      card.focus();
      card.scrollIntoView({ block: 'nearest' });
    }
    // Shown in the list, or not to be (another tab, a filter): either way the request is done.
    // The list shows the deferred passages: wait for those, not the reading, before giving up.
    if (card || sideTab !== 'passages' || listedAnnotations.some((a) => a.id === focusPassage)) setFocusPassage(null);
  }, [focusPassage, listedAnnotations, sideTab]);
  const reviewCount = annotations.filter((a) => a.anchor !== 'anchored' || misfits.has(a.id)).length;

  // Passages painted in the frame of their save, before the transaction commits (issue 19, point 2):
  // shown by the reader only, and dropped as soon as the reading holds the saved passage — or taken
  // back, with a sentence, when the save fails.
  const [provisional, setProvisional] = useState<Annotation[]>([]);
  const painted = reading ? annotations : (opening?.annotations ?? annotations);
  const readerAnnotations = useMemo(() => {
    const waiting = provisional.filter((p) => !painted.some((a) => a.id === p.id));
    return waiting.length === 0 ? painted : [...painted, ...waiting].sort(inDocumentOrder);
  }, [painted, provisional]);
  useEffect(() => {
    if (provisional.some((p) => annotations.some((a) => a.id === p.id)))
      setProvisional((list) => list.filter((p) => !annotations.some((a) => a.id === p.id)));
  }, [annotations, provisional]);

  const create = useCallback(
    async (range: { start: number; end: number }, coding: AnnotationCoding) => {
      const id = crypto.randomUUID();
      const draft = provisionalPassage(id, source.id, text, range, coding);
      if (draft) {
        setProvisional((list) => [...list, draft]);
        selectAnnotation(id);
        window.getSelection()?.removeAllRanges();
      }
      const annotation = await workspace.attempt(createPassage, {
        id,
        sourceId: source.id,
        text,
        start: range.start,
        end: range.end,
        coding,
      });
      if (!annotation) {
        setProvisional((list) => list.filter((p) => p.id !== id));
        if (useWorkbench.getState().selectedAnnotationId === id) selectAnnotation(null);
        notify('error', translate('sources.passageNotSaved'));
        return;
      }
      selectAnnotation(annotation.id);
      window.getSelection()?.removeAllRanges();
      setFocusPassage(annotation.id);
    },
    [source.id, text, selectAnnotation, notify],
  );

  const remove = useCallback(
    async (annotation: Annotation) => {
      const removed = await workspace.perform(deletePassage, annotation.id);
      if (!removed) return;
      notify('info', translate('sources.passageDeleted'), {
        label: translate('common.undo'),
        run: () => void workspace.undo(),
      });
      setPopover(null);
    },
    [notify],
  );

  // Delete removes the selected passage; J/K move through passages when the reader is not focused on text entry.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Taken already by what has the focus (the library's type-ahead, a field).
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [role="dialog"], dialog')) return;
      const selectedId = useWorkbench.getState().selectedAnnotationId;
      const placed = annotations.filter((a) => a.anchor !== 'orphaned');
      if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId && !e.ctrlKey && !e.metaKey) {
        const annotation = annotations.find((a) => a.id === selectedId);
        if (annotation) {
          e.preventDefault();
          void remove(annotation).catch(() => undefined);
        }
      } else if ((e.key === 'j' || e.key === 'k') && !e.ctrlKey && !e.metaKey && !e.altKey && placed.length > 0) {
        e.preventDefault();
        const index = placed.findIndex((a) => a.id === selectedId);
        const next = e.key === 'j' ? Math.min(placed.length - 1, index + 1) : Math.max(0, index === -1 ? 0 : index - 1);
        selectAnnotation(placed[next]!.id, { scroll: true });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [annotations, remove, selectAnnotation]);

  /**
   * Writes a previewed change of text as one step for Ctrl+Z. When the text or its passages changed
   * after the preview was made, nothing is written and the plan is worked out again to be shown.
   */
  const applyPlan = async (
    plan: TextChangePlan,
    next: { textHash: string; file?: Source['file']; importWarnings?: string[] },
    what: 'replaced' | 'corrected',
  ): Promise<TextChangePlan | null> => {
    const command = what === 'replaced' ? replaceSourceText : correctSourceText;
    try {
      const applied = await workspace.perform(command, { sourceId: source.id, title: source.title, plan, ...next });
      const counts = outcomeCounts(applied);
      notify('info', outcomeNotice(counts, what), {
        label: translate('common.undo'),
        run: () => void workspace.undo(),
      });
      if (counts.moves + counts.lost > 0) setSideTab('review');
      return null;
    } catch (error) {
      if (!(error instanceof CommandFailed && error.cause instanceof PreviewOutdated)) throw error;
      const now = await readSourceSnapshot(db, source.id);
      return planTextChange(now.text, plan.nextText, now.annotations);
    }
  };

  const saveText = async (plan: TextChangePlan) => {
    const outdated = await applyPlan(plan, { textHash: await sha256OfText(plan.nextText) }, 'corrected');
    // The dialog's own plan is worked out again from the passages as they now are.
    if (!outdated) setEditingText(null);
  };

  const replaceFile = async (file: File) => {
    try {
      const imported = await workbench().importSource({
        bytes: new Uint8Array(await file.arrayBuffer()),
        fileName: file.name,
        keepFullText: useWorkbench.getState().keepFullText,
        maxBytes: await importLimit(db),
        language: uiLocale(),
      });
      const now = await readSourceSnapshot(db, source.id);
      setPendingChange({
        title: translate('textChange.replaceTitle', { title: source.title }),
        description:
          imported.text === now.text
            ? translate('textChange.sameText', { name: file.name })
            : translate('textChange.newText', { name: file.name }),
        applyLabel: translate('textChange.replaceApply'),
        plan: planTextChange(now.text, imported.text, now.annotations),
        textHash: imported.textHash,
        file: imported.file,
        importWarnings: imported.warnings,
      });
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  const applyReplacement = async () => {
    if (!pendingChange) return;
    const outdated = await applyPlan(
      pendingChange.plan,
      { textHash: pendingChange.textHash, file: pendingChange.file, importWarnings: pendingChange.importWarnings },
      'replaced',
    );
    if (outdated)
      setPendingChange({
        ...pendingChange,
        plan: outdated,
        warning: translate('textChange.outdated'),
      });
    else setPendingChange(null);
  };

  const removeSource = async () => {
    if (!window.confirm(translate('sources.confirmDelete', { title: source.title, count: annotations.length }))) return;
    if (!(await workspace.attempt(deleteSource, source.id))) return;
    useWorkbench.getState().selectSource(null);
    notify('info', translate('sources.deleted', { title: source.title }), {
      label: translate('common.undo'),
      run: () => void workspace.undo(),
    });
  };

  // The reader renders only the paragraphs near the screen, so painting the rest of the passages when
  // they arrive touches a screenful of paragraphs, not the book. Until the opening is read, everything
  // but the reader is already on the page (put there by the click): the render the read answers with
  // is the reader's alone, and it is the one that must end before the next frame.
  if (!lookups) return <section className="pane reader-pane" aria-busy="true" />;

  return (
    <>
      <section className="pane reader-pane" aria-labelledby="reader-title">
        <header className="reader-header">
          <div>
            <h2 id="reader-title" dir="auto">
              {source.title}
            </h2>
            <p className="muted">
              <span dir="auto">{source.author || translate('sources.unknownAuthor')}</span>
              {source.publisher && (
                <>
                  {' '}
                  · <span dir="auto">{source.publisher}</span>
                </>
              )}
              {source.publishedOn && <> · {formatDate(source.publishedOn)}</>}
              {' · '}
              <span title={`${RELIABILITY_LABELS[source.reliability]}; ${CREDIBILITY_LABELS[source.credibility]}`}>
                {translate('sources.grade', { grade: admiraltyGrade(source.reliability, source.credibility) })}
              </span>
            </p>
          </div>
          <div className="toolbar" role="group" aria-label={translate('sources.reading')}>
            <button
              type="button"
              className="ghost"
              aria-label={translate('sources.smaller')}
              disabled={readerFontSize <= READER_FONT_SIZES.min}
              onClick={() => setReaderFontSize(readerFontSize - 1)}
            >
              A−
            </button>
            <button
              type="button"
              className="ghost"
              aria-label={translate('sources.larger')}
              disabled={readerFontSize >= READER_FONT_SIZES.max}
              onClick={() => setReaderFontSize(readerFontSize + 1)}
            >
              A+
            </button>
            <button
              type="button"
              className="ghost"
              aria-pressed={readerWholeText}
              title={translate('sources.wholeTextTitle')}
              onClick={() => runCommand('reader:whole-text')}
            >
              {translate('sources.wholeText')}
            </button>
          </div>
        </header>
        {reselecting && (
          <div className="banner" role="status">
            {translate('sources.reselect', { quote: reselecting.quote.exact.slice(0, 60) })}{' '}
            <button type="button" onClick={() => setReselecting(null)}>
              {translate('common.cancel')}
            </button>
          </div>
        )}
        <ConfirmStrip source={source} />
        {shown && <CommentsOffer source={source} text={text} />}
        {shown === undefined ? (
          <div className="reader-frame" aria-busy="true" />
        ) : text === '' && isReferenceOnly(source) ? (
          <ReferenceOnly onAttach={(file) => void replaceFile(file)} onPaste={() => setEditingText('')} />
        ) : (
          <Reader
            sourceId={source.id}
            text={text}
            language={source.language}
            languages={source.languages}
            annotations={readerAnnotations}
            tags={lookups.tags}
            commands={readerCommands}
            onAnnotate={(range, rect) => setPopover({ kind: 'create', range, rect })}
            onPick={(list, rect, inText) => {
              selectAnnotation(list[0]!.id);
              setPopover({ kind: 'pick', annotations: list, rect, inText });
            }}
            reselecting={
              reselecting
                ? {
                    onSelect: (range) => {
                      const target = reselecting;
                      setReselecting(null);
                      void workspace.attempt(movePassage, { id: target.id, text, range }).then((after) => {
                        if (!after) return;
                        selectAnnotation(after.id);
                        window.getSelection()?.removeAllRanges();
                      });
                    },
                  }
                : null
            }
          />
        )}
      </section>
      {panes.panelOpen ? (
        <PaneResizer
          label={translate('sources.panel')}
          name={translate('panes.resizePanel')}
          side="right"
          width={panes.panelWidth}
          min={PASSAGE_PANEL_WIDTH.min}
          max={PASSAGE_PANEL_WIDTH.max}
          onResize={(panelWidth) => setPanes({ panelWidth })}
        />
      ) : (
        <div className="pane-strip pane-strip-right">
          <PaneToggle
            id="toggle-source-panel"
            label={translate('sources.panel')}
            open={false}
            side="right"
            onToggle={() => setPanes({ panelOpen: true })}
          />
        </div>
      )}
      <aside className="pane side-pane" aria-label={translate('sources.panel')} hidden={!panes.panelOpen}>
        <div className="side-pane-bar">
          <div className="tabs" role="tablist" aria-label={translate('sources.panel')}>
            {(
              [
                [
                  'passages',
                  translate('sources.tabs.passages', {
                    count: annotations.filter((a) => a.anchor !== 'orphaned').length,
                  }),
                ],
                ['codebook', translate('sources.tabs.codebook')],
                [
                  'review',
                  reviewCount
                    ? translate('sources.tabs.reviewCount', { count: reviewCount })
                    : translate('sources.tabs.review'),
                ],
                ['details', translate('sources.tabs.details')],
              ] as const
            ).map(([tab, label]) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={sideTab === tab}
                className={reviewCount && tab === 'review' ? 'attention' : undefined}
                onClick={() => setSideTab(tab)}
              >
                {label}
              </button>
            ))}
          </div>
          {panes.panelOpen && (
            <PaneToggle
              id="toggle-source-panel"
              label={translate('sources.panel')}
              open
              side="right"
              onToggle={() => setPanes({ panelOpen: false })}
            />
          )}
        </div>
        <div role="tabpanel" className="tab-panel" aria-busy={reading ? undefined : true} ref={focusStaysInView}>
          {!reading && <p className="muted loading-passages">{translate('sources.readingPassages')}</p>}
          {reading && sideTab === 'passages' && (
            <AnnotationList
              annotations={listedAnnotations}
              misfits={listedMisfits}
              lookups={lookups}
              onEdit={editPassage}
            />
          )}
          {reading && sideTab === 'codebook' && <Codebook />}
          {reading && sideTab === 'review' && (
            <ReviewQueue
              annotations={annotations}
              text={text}
              misfits={misfits}
              lookups={lookups}
              reselectingId={reselecting?.id ?? null}
              onShow={(a) => selectAnnotation(a.id, { scroll: true })}
              onAccept={(a) => void workspace.attempt(acceptDrift, { id: a.id, text })}
              onReselect={setReselecting}
              onDelete={(a) => void remove(a).catch(() => undefined)}
            />
          )}
          {reading && sideTab === 'details' && (
            <SourceDetails
              source={source}
              onCorrectText={() => setEditingText(text)}
              onReplaceFile={(file) => void replaceFile(file)}
              onExportAnnotations={() =>
                void exportAnnotations(source, annotations)
                  .then(
                    (path) =>
                      path && notify('info', translate('sources.exported', { count: annotations.length, path })),
                  )
                  .catch((e: Error) => notify('error', e.message))
              }
              onImportAnnotations={(file) =>
                void importAnnotations(file, source, text)
                  .then((message) => message && notify('info', message))
                  .catch((e: Error) => notify('error', e.message))
              }
              onDelete={() => void removeSource().catch(() => undefined)}
            />
          )}
        </div>
      </aside>
      {popover?.kind === 'create' && (
        <AnnotationEditor
          quote={text.slice(popover.range.start, popover.range.end)}
          lookups={lookups}
          anchorRect={popover.rect}
          onClose={() => setPopover(null)}
          onSave={async (coding) => {
            // Closed in the frame of the save, with the new passage painted; a failure says so.
            setPopover(null);
            await create(popover.range, coding);
          }}
        />
      )}
      {popover?.kind === 'edit' && (
        <AnnotationEditor
          quote={popover.annotation.quote.exact}
          annotation={popover.annotation}
          lookups={lookups}
          anchorRect={popover.rect}
          onClose={() => setPopover(null)}
          onDelete={() => void remove(popover.annotation).catch(() => undefined)}
          onSave={async (coding) => {
            await workspace.perform(updatePassage, { id: popover.annotation.id, coding });
            setPopover(null);
            setFocusPassage(popover.annotation.id);
          }}
        />
      )}
      {popover?.kind === 'pick' && (
        <PassagesAtPoint
          annotations={popover.annotations}
          rect={popover.rect}
          holdFocus={!popover.inText}
          lookups={lookups}
          onEdit={(a) => setPopover({ kind: 'edit', annotation: a, rect: popover.rect })}
          onClose={() => setPopover(null)}
        />
      )}
      <TextEditDialog
        text={editingText}
        passages={annotations}
        onClose={() => setEditingText(null)}
        onSave={saveText}
      />
      <TextChangeDialog change={pendingChange} onApply={applyReplacement} onCancel={() => setPendingChange(null)} />
    </>
  );
});

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/**
 * Every passage at the clicked point (or margin stripe), so overlapping codes are each reachable. Opened
 * from a margin stripe (a control), it holds the focus as a dialog does. Opened by a click in the text, it
 * leaves the caret that click placed where it is, so the analyst can go on to select by keyboard; the next
 * key pressed outside it closes it.
 */
function PassagesAtPoint({
  annotations,
  rect,
  holdFocus,
  lookups,
  onEdit,
  onClose,
}: {
  annotations: Annotation[];
  rect: DOMRect;
  holdFocus: boolean;
  lookups: Lookups;
  onEdit: (a: Annotation) => void;
  onClose: () => void;
}) {
  const select = useWorkbench((s) => s.selectAnnotation);
  const box = useRef<HTMLDivElement>(null);
  useFocusHold(box, holdFocus);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (!holdFocus && !box.current?.contains(e.target as Node) && !MODIFIER_KEYS.has(e.key)) onClose();
    };
    const onDown = (e: MouseEvent) => !(e.target as HTMLElement).closest('.at-point') && onClose();
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [onClose, holdFocus]);
  return (
    <div
      ref={box}
      className="popover at-point"
      role="dialog"
      aria-label={translate('sources.passagesHere')}
      style={{
        top: Math.min(rect.bottom + 6, window.innerHeight - 240),
        left: Math.min(rect.left, window.innerWidth - 380),
      }}
    >
      <p className="popover-title">{translate('sources.here', { count: annotations.length })}</p>
      <ul>
        {annotations.map((a) => (
          <li key={a.id}>
            <button type="button" className="passage" onClick={() => select(a.id)} onDoubleClick={() => onEdit(a)}>
              <span className="passage-quote" dir="auto">
                {a.quote.exact.length > 120 ? `${a.quote.exact.slice(0, 120)}…` : a.quote.exact}
              </span>
              <TagChips tagIds={a.tagIds} lookups={lookups} />
              {a.note && <span className="passage-note">{a.note}</span>}
              <LinkChips annotation={a} lookups={lookups} />
            </button>
            <button type="button" onClick={() => onEdit(a)}>
              {translate('common.edit')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The reader of a source that is only a reference (made from a Zotero, BibTeX or RIS record): nothing to read or
 * annotate yet, and the two ways to give it its text.
 */
function ReferenceOnly({ onAttach, onPaste }: { onAttach: (file: File) => void; onPaste: () => void }) {
  const t = useT();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="reference-only" role="region" aria-label={t('sources.reference.heading')}>
      <h2>{t('sources.reference.heading')}</h2>
      <p>{t('sources.reference.body')}</p>
      <div className="button-row">
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('sources.reference.attach')}
        </button>
        <button type="button" onClick={onPaste}>
          {t('sources.reference.paste')}
        </button>
      </div>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".txt,.md,.markdown,.html,.htm,.docx,.pdf"
        aria-label={t('sources.reference.attach')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onAttach(file);
        }}
      />
    </div>
  );
}
