import type { WarningOverride } from '../../../shared/domain/briefing';
import type { BriefingCheck, CheckJump } from '../../../shared/domain/briefing-checks';
import { useWorkbench } from '../../stores';
import { formatDateTime } from '../../ui/format';
import { useT } from '../../i18n';
import { checkSentence, jumpLabel } from './check-words';

interface ExportCheckProps {
  /** The briefing checked: its composer is where a field's jump goes. */
  briefingId: string;
  checks: readonly BriefingCheck[];
  /** The overrides in force (of warnings the briefing still raises). */
  overrides: readonly WarningOverride[];
  onOverride: (checks: readonly BriefingCheck[]) => void;
  onWithdraw: (key: string) => void;
}

/**
 * Centres `target` in the pane that scrolls it. Not scrollIntoView: that also scrolls the window, which
 * moved the whole app's frame (rail, status bar) up and out of sight.
 */
function scrollIntoPane(target: HTMLElement): void {
  let pane = target.parentElement;
  while (pane && !(pane.scrollHeight > pane.clientHeight && /auto|scroll/.test(getComputedStyle(pane).overflowY)))
    pane = pane.parentElement;
  if (!pane || pane === document.scrollingElement) return;
  const box = target.getBoundingClientRect();
  const frame = pane.getBoundingClientRect();
  pane.scrollTop += box.top - frame.top - (pane.clientHeight - box.height) / 2;
}

/** Scrolls to and focuses the element with `id` once the composer has rendered it (about a second at most). */
function focusTarget(id: string, frames = 60): void {
  const target = document.getElementById(id);
  if (target) {
    scrollIntoPane(target);
    target.focus({ preventScroll: true });
  } else if (frames > 0) requestAnimationFrame(() => focusTarget(id, frames - 1));
}

/**
 * Takes the analyst to where a check item is fixed: the passage under Review, the threat, the source's details,
 * or a field or key judgment of this briefing's composer (shown again first, whatever view is in front).
 */
export function useCheckJump(briefingId: string): (jump: CheckJump) => void {
  const state = useWorkbench.getState;
  return (jump) => {
    const s = state();
    switch (jump.kind) {
      case 'passage':
        s.navigate('sources');
        s.selectSource(jump.sourceId);
        s.setSideTab('review');
        s.selectAnnotation(jump.annotationId, { scroll: true });
        break;
      case 'threat':
        s.navigate('register');
        s.selectRegister(jump.registerId);
        s.selectThreat(jump.threatId);
        break;
      case 'register':
        s.navigate('register');
        s.selectRegister(jump.registerId);
        break;
      case 'source':
        s.navigate('sources');
        s.selectSource(jump.sourceId);
        s.setSideTab('details');
        break;
      case 'judgment':
      case 'field':
        s.navigate('briefings');
        s.openBriefing(briefingId);
        focusTarget(jump.kind === 'judgment' ? `kj-${jump.judgmentId}` : `briefing-${jump.field}`);
        break;
    }
  };
}

/**
 * "Before exporting": blockers (a quoted passage not confirmed since its source's text changed) stop the
 * export until fixed; warnings can be fixed or let stand, and the export records those let stand.
 */
export function ExportCheck({ briefingId, checks, overrides, onOverride, onWithdraw }: ExportCheckProps) {
  const t = useT();
  const jump = useCheckJump(briefingId);
  const overridden = new Map(overrides.map((o) => [o.key, o]));
  const blockers = checks.filter((c) => c.severity === 'blocker');
  const open = checks.filter((c) => c.severity === 'warning' && !overridden.has(c.key));
  const standing = checks.filter((c) => overridden.has(c.key));
  if (checks.length === 0) return null;

  const item = (check: BriefingCheck) => {
    const sentence = checkSentence(t, check.problem);
    return (
      <li key={check.key} className={`check-item ${check.severity}`}>
        <p>
          {check.severity === 'blocker' && <span className="badge danger">{t('briefings.check.blocks')}</span>}{' '}
          {sentence}
        </p>
        <span className="button-row">
          {check.jumps.map((j, i) => (
            <button key={`${j.kind}-${i}`} type="button" className="link" onClick={() => jump(j)}>
              {jumpLabel(t, j)}
            </button>
          ))}
          {check.severity === 'warning' && (
            <button
              type="button"
              aria-label={t('briefings.check.overrideOne', { message: sentence })}
              onClick={() => onOverride([check])}
            >
              {t('briefings.check.override')}
            </button>
          )}
        </span>
      </li>
    );
  };

  return (
    <section className="export-warnings" aria-labelledby="export-warnings-heading">
      <h2 id="export-warnings-heading">{t('briefings.check.title')}</h2>
      {blockers.length > 0 && (
        <>
          <h3 className="check-group-heading">{t('briefings.check.mustFix')}</h3>
          <ul aria-label={t('briefings.check.blockers')}>{blockers.map(item)}</ul>
        </>
      )}
      {open.length > 0 && (
        <>
          <h3 className="check-group-heading">
            {t('briefings.check.warnings')}
            {open.length > 1 && (
              <button type="button" className="check-override-all" onClick={() => onOverride(open)}>
                {t('briefings.check.overrideAll', { count: open.length })}
              </button>
            )}
          </h3>
          <ul aria-label={t('briefings.check.warnings')}>{open.map(item)}</ul>
        </>
      )}
      {standing.length > 0 && (
        <details className="check-overridden">
          <summary>{t('briefings.check.overriddenCount', { count: standing.length })}</summary>
          <ul aria-label={t('briefings.check.overriddenList')}>
            {standing.map((check) => {
              const o = overridden.get(check.key)!;
              return (
                <li key={check.key} className="check-item overridden">
                  <p>{checkSentence(t, check.problem)}</p>
                  <p className="muted small">
                    {t('briefings.check.overriddenBy', { by: o.by, at: formatDateTime(o.at) })}
                  </p>
                  <span className="button-row">
                    <button type="button" onClick={() => onWithdraw(check.key)}>
                      {t('briefings.check.withdraw')}
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
