import { useEffect, useMemo, useRef, useState } from 'react';
import {
  formatMergeReport,
  resolveAll,
  unresolvedConflicts,
  type Choice,
  type MergePlan,
  type MergeReport,
  type Resolutions,
} from '../../../shared/interop/merge';
import { db } from '../../db';
import { formatDateTime } from '../../ui/format';
import { useWorkbench } from '../../stores';
import type { MergeRequest } from '../../stores/merge';
import { workspace } from '../../workspace';
import { applyMerge, defaultMergeRationale, planMerge } from '../../workspace/commands/merge';
import { ConflictList } from './ConflictList';
import { MergeSummary } from './MergeSummary';
import { loadNames, type NameLookup } from './values';
import { useT } from '../../i18n';
import './merge.css';
import { useFocusHold } from '../../ui/useFocusHold';

type Phase =
  | { kind: 'planning' }
  | { kind: 'review'; plan: MergePlan; names: NameLookup; rationale: string; applying: boolean; error?: string }
  | { kind: 'done'; plan: MergePlan; text: string; report: MergeReport }
  | { kind: 'failed'; message: string };

/** The Merge dialog: shown while a colleague's workspace waits to be merged (see stores/merge.ts). */
export function MergeDialog() {
  const request = useWorkbench((s) => s.mergeRequest);
  return request ? <MergeDialogBody request={request} /> : null;
}

function MergeDialogBody({ request }: { request: MergeRequest }) {
  const t = useT();
  const closeMerge = useWorkbench((s) => s.closeMerge);
  const notify = useWorkbench((s) => s.notify);
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref);
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  const [resolutions, setResolutions] = useState<Resolutions>({});

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const plan = await planMerge(workspace, request.snapshot, request.colleague);
        const names = await loadNames(db, plan);
        if (live)
          setPhase({
            kind: 'review',
            plan,
            names,
            rationale: defaultMergeRationale(plan.colleague, request.file),
            applying: false,
          });
      } catch (error) {
        if (live) setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [request]);

  const open = useMemo(
    () => (phase.kind === 'review' ? unresolvedConflicts(phase.plan, resolutions).length : 0),
    [phase, resolutions],
  );

  const choose = (conflictId: string, field: string, choice: Choice) =>
    setResolutions((r) => ({ ...r, [conflictId]: { ...r[conflictId], [field]: choice } }));

  const apply = async () => {
    if (phase.kind !== 'review' || open > 0) return;
    const { plan, rationale } = phase;
    setPhase({ ...phase, applying: true, error: undefined });
    try {
      // One change, one step for Ctrl+Z; the reason is recorded on every revision of it.
      const report = await workspace.perform(applyMerge, {
        plan,
        resolutions,
        rationale: rationale.trim() || defaultMergeRationale(plan.colleague, request.file),
      });
      const text = formatMergeReport(report);
      notify('info', text.replace(/\n/g, ' '));
      setPhase({ kind: 'done', plan, text, report });
    } catch (error) {
      setPhase({ ...phase, applying: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      notify('info', t('merge.copied'));
    } catch {
      notify('error', t('merge.copyFailed'));
    }
  };

  const colleague =
    phase.kind === 'review' || phase.kind === 'done' ? phase.plan.colleague : (request.colleague ?? 'a colleague');
  const busy = phase.kind === 'planning' || (phase.kind === 'review' && phase.applying);

  return (
    <dialog
      ref={ref}
      className="dialog wide merge-dialog"
      aria-labelledby="merge-title"
      aria-busy={busy}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClose={closeMerge}
    >
      <h2 id="merge-title">{colleague === 'a colleague' ? t('merge.titleAnyone') : t('merge.title', { colleague })}</h2>
      {phase.kind !== 'done' && (
        <p className="merge-lede muted">{t('merge.lede', { when: formatDateTime(request.snapshot.createdAt) })}</p>
      )}

      {phase.kind === 'planning' && (
        <p role="status" className="merge-status">
          {t('merge.comparing')}
        </p>
      )}

      {phase.kind === 'failed' && (
        <>
          <p role="alert" className="merge-error">
            {phase.message}
          </p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => ref.current?.close()}>
              {t('common.close')}
            </button>
          </div>
        </>
      )}

      {phase.kind === 'review' && (
        <>
          <MergeSummary report={phase.plan.report} caption={t('merge.willDo')} />
          {phase.plan.conflicts.length > 0 && (
            <section className="merge-conflict-section" aria-labelledby="merge-conflicts-title">
              <div className="merge-conflicts-bar">
                <h3 id="merge-conflicts-title">
                  {t('merge.col.conflicts')}{' '}
                  <span className="merge-settled">
                    {t('merge.settledOf', {
                      settled: phase.plan.conflicts.length - open,
                      total: phase.plan.conflicts.length,
                    })}
                  </span>
                </h3>
                <button type="button" onClick={() => setResolutions(resolveAll(phase.plan, 'mine'))}>
                  {t('merge.keepMineAll')}
                </button>
                <button type="button" onClick={() => setResolutions(resolveAll(phase.plan, 'theirs'))}>
                  {t('merge.takeTheirsAll')}
                </button>
              </div>
              <p className="muted merge-hint">{t('merge.hint')}</p>
              <ConflictList
                conflicts={phase.plan.conflicts}
                resolutions={resolutions}
                colleague={phase.plan.colleague}
                names={phase.names}
                onChoose={choose}
              />
            </section>
          )}
          <label className="merge-rationale">
            <span>{t('merge.reason')}</span>
            <input
              type="text"
              maxLength={1000}
              value={phase.rationale}
              disabled={phase.applying}
              onChange={(e) => setPhase({ ...phase, rationale: e.target.value })}
            />
          </label>
          {phase.error && (
            <p role="alert" className="merge-error">
              {phase.error}
            </p>
          )}
          <div className="dialog-actions">
            {open > 0 && (
              <span id="merge-apply-hint" className="merge-apply-hint">
                {t('merge.settleMore', { count: open })}
              </span>
            )}
            <button type="button" disabled={phase.applying} onClick={() => ref.current?.close()}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              autoFocus={phase.plan.conflicts.length === 0}
              disabled={open > 0 || phase.applying}
              aria-describedby={open > 0 ? 'merge-apply-hint' : undefined}
              onClick={apply}
            >
              {phase.applying ? t('merge.merging') : t('merge.apply')}
            </button>
          </div>
        </>
      )}

      {phase.kind === 'done' && (
        <>
          <h3 className="merge-done-title">{t('merge.applied')}</h3>
          <p className="merge-lede muted">{t('merge.doneLede')}</p>
          <MergeSummary report={phase.report} caption={t('merge.did')} />
          <pre className="merge-report" aria-label={t('merge.report')} tabIndex={0}>
            {phase.text}
          </pre>
          <div className="dialog-actions">
            <button type="button" onClick={() => copy(phase.text)}>
              {t('merge.copy')}
            </button>
            <button type="button" className="primary" autoFocus onClick={() => ref.current?.close()}>
              {t('common.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
