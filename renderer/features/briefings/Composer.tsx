import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MARKING_PRESETS, type Briefing, type BriefingFilters } from '../../../shared/domain/briefing';
import { BriefingDocument } from '../../../shared/domain/briefing-document';
import { briefingChecks, overridesInForce, type BriefingCheck } from '../../../shared/domain/briefing-checks';
import { buildBriefingDocument, selectThreats } from '../../../shared/domain/briefing-model';
import { CITATION_STYLE_LABELS, CITATION_STYLES, CitationStyle } from '../../../shared/domain/citation-style';
import { THREAT_CATEGORIES } from '../../../shared/domain/threat';
import { db } from '../../db';
import { loadBriefingWorkspace } from '../../db/briefings';
import { useWorkbench } from '../../stores';
import { CommandFailed, workspace } from '../../workspace';
import { overrideBriefingWarnings, updateBriefing, withdrawBriefingOverride } from '../../workspace/commands/briefings';
import { exportAuthor } from '../../db/settings';
import { formatDateTime } from '../../ui/format';
import { MultiPicker } from '../../ui/MultiPicker';
import { focusStaysInView } from '../../ui/focus-stays-in-view';
import { refreshRecentExports } from '../desktop';
import { cancelTask, newTaskId } from '../../platform/tasks';
import { exportBriefing, openExport, showExportInFolder, type ExportStep } from './briefing-files';
import { BriefingPreview } from './BriefingPreview';
import { EvidenceChooser } from './EvidenceChooser';
import { ExportCheck } from './ExportCheck';
import { checkSentence } from './check-words';
import { KeyJudgmentsEditor, RecommendationsEditor } from './KeyJudgmentsEditor';
import { SectionList } from './SectionList';
import { sectionLabel } from './section-labels';
import { t as translate, useT } from '../../i18n';
import { formatNumber } from '../../ui/format';

const SAVE_DELAY_MS = 400;

/** The optional analytic sections the composer edits, with what each should hold. */
const ANALYSIS_FIELDS = [
  {
    kind: 'assumptions',
    field: 'assumptions',
    help: 'briefings.composer.help.assumptions',
  },
  {
    kind: 'alternatives',
    field: 'alternatives',
    help: 'briefings.composer.help.alternatives',
  },
  {
    kind: 'key-gaps',
    field: 'keyGaps',
    help: 'briefings.composer.help.keyGaps',
  },
  {
    kind: 'indicators',
    field: 'indicators',
    help: 'briefings.composer.help.indicators',
  },
] as const;
const CUSTOM = 'custom';

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? translate('briefings.composer.kb', { size: String(Math.max(1, Math.round(bytes / 1024))) })
    : translate('briefings.composer.mb', { size: formatNumber(Math.round(bytes / 1024 / 102.4) / 10) });
}

/**
 * The composer's copy of the briefing: edits show in the preview at once and are saved shortly after
 * (and before an export, when the composer closes, or when the page goes away). While the title is
 * empty the last title stays saved; everything else is still kept.
 */
function useDraft(saved: Briefing) {
  const [draft, setDraft] = useState(saved);
  const [pending, setPending] = useState(false);
  const latest = useRef(saved);
  const lastTitle = useRef(saved.title);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** When our own last save was stamped: its echo from the database is not a change made elsewhere. */
  const ownSave = useRef<string | null>(null);

  // Changes made elsewhere (an export recorded, an undo) come in while nothing of ours is waiting. The
  // echo of our own save is skipped, or a title being retyped would jump back to the last saved one.
  // Once a change from elsewhere is taken in, our last save is no longer on screen: a redo puts it
  // back with its own stamp, and that must be taken in too.
  useEffect(() => {
    if (timer.current === null && saved.updatedAt !== ownSave.current) {
      latest.current = saved;
      lastTitle.current = saved.title;
      ownSave.current = null;
      setDraft(saved);
    }
  }, [saved]);

  const savable = () =>
    latest.current.title.trim() ? latest.current : { ...latest.current, title: lastTitle.current };

  const write = useCallback(() => {
    timer.current = null;
    const next = savable();
    // Each save is one command (one step for Ctrl+Z); a failure has been reported by the workspace.
    return workspace.attempt(updateBriefing, next).then((written) => {
      if (!written) return;
      ownSave.current = written.updatedAt;
      if (timer.current === null) setPending(false);
    });
  }, []);

  const update = useCallback(
    (patch: Partial<Briefing>) => {
      const next = { ...latest.current, ...patch };
      latest.current = next;
      if (next.title.trim()) lastTitle.current = next.title;
      setDraft(next);
      setPending(true);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => void write(), SAVE_DELAY_MS);
    },
    [write],
  );

  const flush = useCallback(async () => {
    if (timer.current === null) return;
    clearTimeout(timer.current);
    await write();
  }, [write]);

  useEffect(() => {
    const saveNow = () => {
      if (timer.current === null) return;
      clearTimeout(timer.current);
      timer.current = null;
      void workspace.attempt(updateBriefing, savable());
    };
    window.addEventListener('pagehide', saveNow);
    return () => {
      window.removeEventListener('pagehide', saveNow);
      saveNow();
    };
  }, []);

  return { draft, update, flush, pending };
}

interface ComposerProps {
  briefing: Briefing;
  /** Export Briefing was chosen (menu or Ctrl+E): export once the document is ready, then answer. */
  exportAsked?: boolean;
  onExportAnswered?: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

interface ExportTask {
  taskId: string;
  step: ExportStep;
  /** 'asked': Cancel was pressed; 'too-late': main was already writing the file, which completes. */
  cancel: 'no' | 'asked' | 'too-late';
}

/** The catalogue key of each export step's progress line. */
const EXPORT_TEXT: Record<ExportStep | 'asked' | 'too-late', string> = {
  sending: 'briefings.composer.step.sending',
  building: 'briefings.composer.step.building',
  writing: 'briefings.composer.step.writing',
  asked: 'briefings.composer.step.asked',
  'too-late': 'briefings.composer.step.tooLate',
};

export function Composer({ briefing, exportAsked = false, onExportAnswered, onDuplicate, onDelete }: ComposerProps) {
  const t = useT();
  const { draft, update, flush, pending } = useDraft(briefing);
  const notify = useWorkbench((s) => s.notify);
  const [exportTask, setExportTask] = useState<ExportTask | null>(null);
  const exporting = exportTask !== null;
  const evidenceKey = draft.keyJudgments.flatMap((kj) => kj.passageIds).join(',');
  const material = useLiveQuery(
    () => loadBriefingWorkspace(db, evidenceKey ? evidenceKey.split(',') : []),
    [evidenceKey],
  );
  // The choice of quotes is changed by its own command, so it is read from the saved briefing, not the draft.
  const composed = useMemo(
    () => ({ ...draft, evidenceChoices: briefing.evidenceChoices }),
    [draft, briefing.evidenceChoices],
  );
  const document = useMemo(() => (material ? buildBriefingDocument(composed, material) : null), [composed, material]);
  const included = useMemo(() => (material ? selectThreats(draft, material).length : 0), [draft, material]);
  const annotations = useMemo(() => new Map((material?.annotations ?? []).map((a) => [a.id, a])), [material]);
  const sources = useMemo(() => new Map((material?.sources ?? []).map((s) => [s.id, s])), [material]);
  const checks = useMemo(
    () => (document && material ? briefingChecks(composed, document, material) : []),
    [composed, document, material],
  );
  const overrides = useMemo(() => overridesInForce(briefing.warningOverrides, checks), [briefing, checks]);
  const blockers = checks.filter((c) => c.severity === 'blocker').length;
  const author = useLiveQuery(() => exportAuthor(db));
  // Who lets a warning stand: the export author of Settings, else the briefing's author.
  const overrider =
    author?.name.trim() || author?.organisation.trim() || draft.author.trim() || t('briefings.composer.theAnalyst');
  // Pending edits are saved first, so the command's echo cannot bring back an older draft.
  const override = (items: readonly BriefingCheck[]) =>
    void flush().then(() =>
      workspace.attempt(overrideBriefingWarnings, {
        briefingId: briefing.id,
        overrides: items.map((c) => ({
          key: c.key,
          message: checkSentence(t, c.problem),
          by: overrider,
          at: new Date().toISOString(),
        })),
      }),
    );
  const withdraw = (key: string) =>
    void flush().then(() => workspace.attempt(withdrawBriefingOverride, { briefingId: briefing.id, key }));
  const isPreset = (MARKING_PRESETS as readonly string[]).includes(draft.marking);
  const [customMarking, setCustomMarking] = useState(!isPreset);

  const setFilters = (patch: Partial<BriefingFilters>) => update({ filters: { ...draft.filters, ...patch } });

  const doExport = async () => {
    if (!document) return;
    await flush();
    if (blockers > 0) {
      notify('error', t('briefings.composer.blockedNotice', { count: blockers }));
      return;
    }
    const checked = BriefingDocument.safeParse(document);
    if (!checked.success) {
      notify(
        'error',
        t('briefings.composer.incomplete', {
          reason: checked.error.issues[0]?.message ?? t('briefings.composer.notComplete'),
        }),
      );
      return;
    }
    const taskId = newTaskId();
    const task: ExportTask = { taskId, step: 'sending', cancel: 'no' };
    setExportTask(task);
    const patch = (change: Partial<ExportTask>) =>
      setExportTask((t) => (t?.taskId === taskId ? { ...t, ...change } : t));
    try {
      const path = await exportBriefing(draft.id, document, taskId, (step) => patch({ step }), overrides);
      notify('info', path ? t('briefings.composer.exported', { path }) : t('briefings.composer.cancelled'));
      if (path) void refreshRecentExports();
    } catch (error) {
      // The file was written but its history could not be kept: the workspace has said so already.
      if (error instanceof CommandFailed) {
        void refreshRecentExports();
        return;
      }
      const text = error instanceof Error ? error.message : String(error);
      notify(/ was cancelled; /.test(text) ? 'info' : 'error', text);
    } finally {
      setExportTask((t) => (t?.taskId === taskId ? null : t));
    }
  };

  const cancelExport = async () => {
    if (!exportTask || exportTask.cancel !== 'no') return;
    const { taskId } = exportTask;
    setExportTask((t) => (t?.taskId === taskId ? { ...t, cancel: 'asked' } : t));
    const cancelled = await cancelTask(taskId).catch(() => false);
    if (!cancelled) setExportTask((t) => (t?.taskId === taskId ? { ...t, cancel: 'too-late' } : t));
  };

  useEffect(() => {
    if (!exportAsked || !document) return;
    onExportAnswered?.();
    if (!draft.title.trim() || !draft.marking.trim()) {
      notify('error', t('briefings.composer.needsTitleAndMarking'));
      return;
    }
    void doExport();
  }, [exportAsked, document]);

  const reveal = async (how: 'open' | 'show', path: string) => {
    try {
      const outcome = await (how === 'open' ? openExport(path) : showExportInFolder(path));
      notify('info', outcome.message);
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  const countries = useLiveQuery(() => db.countries.orderBy('name').toArray());
  const countryOptions = useMemo(
    () => (countries ?? []).map((c) => ({ id: c.code, label: c.name, keywords: c.code })),
    [countries],
  );
  const titleMissing = !draft.title.trim();
  const markingMissing = !draft.marking.trim();

  return (
    <>
      <section className="pane composer" aria-labelledby="composer-heading">
        <header className="pane-header composer-header">
          <div className="composer-heading">
            <p className="inspector-kicker">{t('briefings.composer.kicker')}</p>
            <h1 id="composer-heading">{draft.title.trim() || t('briefings.composer.untitled')}</h1>
            <p className="draft-state muted small" role="status">
              {pending ? t('status.saving') : t('briefings.composer.saved')}
            </p>
            {blockers > 0 && (
              <p id="export-blocked-reason" className="field-error small" role="status">
                {t('briefings.composer.blocked', { count: blockers })}
              </p>
            )}
            {exportTask && (
              <p className="export-progress small" role="status" aria-label={t('briefings.composer.progress')}>
                <progress aria-label={t('briefings.composer.exportingLabel')} />
                <span>{t(EXPORT_TEXT[exportTask.cancel === 'no' ? exportTask.step : exportTask.cancel])}</span>
              </p>
            )}
          </div>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={!document || exporting || titleMissing || markingMissing || blockers > 0}
              aria-describedby={blockers > 0 ? 'export-blocked-reason' : undefined}
              onClick={() => void doExport()}
            >
              {exporting ? t('briefings.composer.exporting') : t('briefings.composer.export')}
            </button>
            {exportTask && (
              <button type="button" disabled={exportTask.cancel !== 'no'} onClick={() => void cancelExport()}>
                {t('briefings.composer.cancelExport')}
              </button>
            )}
            <button type="button" onClick={() => void flush().then(onDuplicate)}>
              {t('briefings.composer.duplicate')}
            </button>
            <button type="button" className="danger" onClick={onDelete}>
              {t('common.delete')}
            </button>
          </div>
        </header>
        <ExportCheck
          briefingId={briefing.id}
          checks={checks}
          overrides={overrides}
          onOverride={override}
          onWithdraw={withdraw}
        />
        <div className="composer-body" ref={focusStaysInView}>
          <section className="composer-group" aria-labelledby="details-heading">
            <h2 id="details-heading">{t('briefings.composer.details')}</h2>
            <div className="field">
              <label htmlFor="briefing-title">{t('briefings.composer.title')}</label>
              <input
                id="briefing-title"
                type="text"
                value={draft.title}
                dir="auto"
                aria-invalid={titleMissing || undefined}
                aria-describedby={titleMissing ? 'briefing-title-error' : undefined}
                onChange={(e) => update({ title: e.target.value })}
              />
              {titleMissing && (
                <p id="briefing-title-error" className="field-error" role="alert">
                  {t('briefings.composer.titleMissing')}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="briefing-subtitle">{t('briefings.composer.subtitle')}</label>
              <input
                id="briefing-subtitle"
                type="text"
                value={draft.subtitle}
                dir="auto"
                onChange={(e) => update({ subtitle: e.target.value })}
              />
            </div>
            <div className="field-pair">
              <div className="field">
                <label htmlFor="briefing-author">{t('briefings.composer.author')}</label>
                <input
                  id="briefing-author"
                  type="text"
                  value={draft.author}
                  dir="auto"
                  onChange={(e) => update({ author: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor="briefing-date">{t('briefings.composer.date')}</label>
                <input
                  id="briefing-date"
                  type="date"
                  value={draft.date}
                  required
                  onChange={(e) => e.target.value && update({ date: e.target.value })}
                />
              </div>
            </div>
            <div className="field">
              <label htmlFor="briefing-bottom-line">{sectionLabel('bottom-line')}</label>
              <textarea
                id="briefing-bottom-line"
                rows={3}
                value={draft.bottomLine}
                dir="auto"
                aria-describedby="briefing-bottom-line-help"
                onChange={(e) => update({ bottomLine: e.target.value })}
              />
              <p id="briefing-bottom-line-help" className="muted small">
                {t('briefings.composer.bottomLineHelp')}
              </p>
            </div>
            <div className="field">
              <label htmlFor="briefing-cut-off">{t('briefings.composer.cutOff')}</label>
              <input
                id="briefing-cut-off"
                type="date"
                value={draft.informationCutOff ?? ''}
                onChange={(e) => update({ informationCutOff: e.target.value || null })}
              />
            </div>
            <div className="field">
              <label htmlFor="briefing-audience">{t('briefings.composer.audience')}</label>
              <input
                id="briefing-audience"
                type="text"
                value={draft.audience}
                dir="auto"
                placeholder={t('briefings.composer.audiencePlaceholder')}
                onChange={(e) => update({ audience: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="briefing-marking">{t('briefings.composer.marking')}</label>
              <select
                id="briefing-marking"
                value={customMarking ? CUSTOM : draft.marking}
                onChange={(e) => {
                  if (e.target.value === CUSTOM) {
                    setCustomMarking(true);
                  } else {
                    setCustomMarking(false);
                    update({ marking: e.target.value });
                  }
                }}
              >
                {MARKING_PRESETS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
                <option value={CUSTOM}>{t('briefings.composer.custom')}</option>
              </select>
              {customMarking && (
                <input
                  type="text"
                  aria-label={t('briefings.composer.customMarking')}
                  value={draft.marking}
                  placeholder={t('briefings.composer.customPlaceholder')}
                  onChange={(e) => update({ marking: e.target.value.toUpperCase() })}
                />
              )}
              <p className={markingMissing ? 'field-error' : 'muted small'} role={markingMissing ? 'alert' : undefined}>
                {markingMissing ? t('briefings.composer.markingMissing') : t('briefings.composer.markingHelp')}
              </p>
            </div>
            <div className="field">
              <label htmlFor="briefing-citation-style">{t('briefings.composer.citationStyle')}</label>
              <select
                id="briefing-citation-style"
                value={draft.citationStyle}
                onChange={(e) => update({ citationStyle: CitationStyle.parse(e.target.value) })}
              >
                {CITATION_STYLES.map((style) => (
                  <option key={style} value={style}>
                    {CITATION_STYLE_LABELS[style]}
                  </option>
                ))}
              </select>
              <p className="muted small">{t('briefings.composer.citationHelp')}</p>
            </div>
          </section>

          <section className="composer-group" aria-labelledby="sections-heading">
            <h2 id="sections-heading">{t('briefings.sectionsHeading')}</h2>
            <SectionList sections={draft.sections} onChange={(sections) => update({ sections })} />
          </section>

          <section className="composer-group" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{t('briefings.composer.threatsIncluded')}</h2>
            <p className="muted small" role="status">
              {t('briefings.composer.passFilters', { count: included })}
            </p>
            <fieldset className="check-group">
              <legend>{t('briefings.composer.registers')}</legend>
              {(material?.registers ?? []).map((r) => (
                <label key={r.id} className="check">
                  <input
                    type="checkbox"
                    checked={draft.filters.registerIds.includes(r.id)}
                    onChange={(e) =>
                      setFilters({
                        registerIds: e.target.checked
                          ? [...draft.filters.registerIds, r.id]
                          : draft.filters.registerIds.filter((x) => x !== r.id),
                      })
                    }
                  />
                  {r.name}
                  {r.archived ? t('countries.archived') : ''}
                </label>
              ))}
              {draft.filters.registerIds.length === 0 && (
                <p className="muted small">{t('briefings.composer.allRegisters')}</p>
              )}
            </fieldset>
            <fieldset className="check-group">
              <legend>{t('briefings.composer.categories')}</legend>
              <div className="check-grid">
                {THREAT_CATEGORIES.map((c) => (
                  <label key={c} className="check">
                    <input
                      type="checkbox"
                      checked={draft.filters.categories.includes(c)}
                      onChange={(e) =>
                        setFilters({
                          categories: e.target.checked
                            ? [...draft.filters.categories, c]
                            : draft.filters.categories.filter((x) => x !== c),
                        })
                      }
                    />
                    {t(`categories.${c}`)}
                  </label>
                ))}
              </div>
              {draft.filters.categories.length === 0 && (
                <p className="muted small">{t('briefings.composer.allCategories')}</p>
              )}
            </fieldset>
            <div className="field">
              <label htmlFor="briefing-min-score">{t('briefings.composer.minScore')}</label>
              <input
                id="briefing-min-score"
                type="number"
                min={0}
                max={100}
                className="narrow-number"
                value={draft.filters.minimumScore}
                onChange={(e) => {
                  const value = Number.parseInt(e.target.value, 10);
                  setFilters({ minimumScore: Number.isFinite(value) && value >= 0 ? Math.min(value, 100) : 0 });
                }}
              />
            </div>
            <MultiPicker
              label={t('briefings.composer.countries')}
              options={countryOptions}
              selected={draft.filters.countryCodes}
              onChange={(countryCodes) => setFilters({ countryCodes })}
              placeholder={t('briefings.composer.allCountries')}
            />
          </section>

          <section
            className="composer-group"
            aria-labelledby="evidence-heading"
            aria-busy={material ? undefined : true}
          >
            <h2 id="evidence-heading">{t('briefings.composer.evidence')}</h2>
            {material && (
              <EvidenceChooser
                briefing={composed}
                choices={briefing.evidenceChoices}
                material={material}
                onLimit={(quotesPerThreat) => update({ quotesPerThreat })}
                flush={flush}
              />
            )}
          </section>

          {/* What follows the evidence waits for the briefing's material: the evidence list fills in above it,
              and a judgment added before that (the focus in it) was pushed out of view as it did. */}
          {material && (
            <>
              <section className="composer-group" aria-labelledby="kj-heading">
                <h2 id="kj-heading">{sectionLabel('key-judgments')}</h2>
                <KeyJudgmentsEditor
                  judgments={draft.keyJudgments}
                  annotations={annotations}
                  sources={sources}
                  onChange={(keyJudgments) => update({ keyJudgments })}
                />
              </section>

              <section className="composer-group" aria-labelledby="analysis-heading">
                <h2 id="analysis-heading">{t('briefings.composer.analysis')}</h2>
                <p className="muted small">{t('briefings.composer.analysisHelp')}</p>
                {ANALYSIS_FIELDS.map(({ kind, field, help }) => (
                  <div className="field" key={kind}>
                    <label htmlFor={`briefing-${kind}`}>{sectionLabel(kind)}</label>
                    <textarea
                      id={`briefing-${kind}`}
                      rows={3}
                      value={draft[field]}
                      dir="auto"
                      aria-describedby={`briefing-${kind}-help`}
                      onChange={(e) => update({ [field]: e.target.value })}
                    />
                    <p id={`briefing-${kind}-help`} className="muted small">
                      {t(help)}
                    </p>
                  </div>
                ))}
              </section>

              <section className="composer-group" aria-labelledby="rec-heading">
                <h2 id="rec-heading">{sectionLabel('recommendations')}</h2>
                <RecommendationsEditor
                  recommendations={draft.recommendations}
                  judgments={draft.keyJudgments}
                  onChange={(recommendations) => update({ recommendations })}
                />
              </section>

              <section className="composer-group" aria-labelledby="exports-heading">
                <h2 id="exports-heading">{t('briefings.composer.exports')}</h2>
                {briefing.exports.length === 0 ? (
                  <p className="muted small">{t('briefings.composer.notExported')}</p>
                ) : (
                  <ol className="export-history" aria-label={t('briefings.composer.exportHistory')} reversed>
                    {[...briefing.exports].reverse().map((e) => (
                      <li key={`${e.at}-${e.path}`}>
                        <span className="export-when">
                          {formatDateTime(e.at)} · {formatBytes(e.bytes)}
                        </span>
                        {e.overrides.length > 0 && (
                          <details className="export-overrides">
                            <summary>{t('briefings.check.overriddenCount', { count: e.overrides.length })}</summary>
                            <ul>
                              {e.overrides.map((o) => (
                                <li key={o.key}>
                                  {o.message}{' '}
                                  <span className="muted">
                                    {t('briefings.composer.overriddenBy', { by: o.by, at: formatDateTime(o.at) })}
                                  </span>
                                </li>
                              ))}
                            </ul>
                          </details>
                        )}
                        <span className="export-path mono" title={e.path}>
                          {e.path}
                        </span>
                        <span className="button-row">
                          <button type="button" onClick={() => void reveal('open', e.path)}>
                            {t('imports.open')}
                          </button>
                          <button type="button" onClick={() => void reveal('show', e.path)}>
                            {t('briefings.composer.showInFolder')}
                          </button>
                        </span>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </>
          )}
        </div>
      </section>
      <section className="pane briefing-preview-pane" aria-labelledby="preview-heading">
        <header className="pane-header">
          <h2 id="preview-heading">{t('briefings.composer.preview')}</h2>
          <p className="muted small">
            {document
              ? t('briefings.composer.previewNote', { count: document.footnotes.length })
              : t('briefings.composer.preparing')}
          </p>
        </header>
        {/* One tab stop for the whole preview (its footnote marks are not), so the keyboard can scroll it. */}
        <div className="preview-scroll" role="document" aria-label={t('briefings.composer.previewLabel')} tabIndex={0}>
          {document && <BriefingPreview document={document} />}
        </div>
      </section>
    </>
  );
}
