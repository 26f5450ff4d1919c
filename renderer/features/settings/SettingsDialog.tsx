import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { SETTINGS_PANELS } from './panels';
import './settings.css';
import { useFocusHold } from '../../ui/useFocusHold';

/**
 * Settings (Ctrl+,): the installation's and the workspace's settings, one tab per concern. Tabs follow
 * WAI-ARIA's tabs pattern: one tab stop, arrow keys move between tabs, the panel follows.
 */
export function SettingsDialog() {
  const t = useT();
  const open = useWorkbench((s) => s.settingsOpen);
  const tab = useWorkbench((s) => s.settingsTab);
  const openSettings = useWorkbench((s) => s.openSettings);
  const closeSettings = useWorkbench((s) => s.closeSettings);
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, open);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const current = SETTINGS_PANELS.find((p) => p.id === tab) ?? SETTINGS_PANELS[0]!;
  const index = SETTINGS_PANELS.indexOf(current);

  const onTabKey = (e: KeyboardEvent) => {
    const last = SETTINGS_PANELS.length - 1;
    const next =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    openSettings(SETTINGS_PANELS[next]!.id);
    tabs.current[next]?.focus();
  };

  return (
    <dialog ref={ref} className="dialog settings-dialog" aria-labelledby="settings-title" onClose={closeSettings}>
      {open && (
        <>
          <header className="settings-header">
            <h2 id="settings-title">{t('settings.title')}</h2>
            <button type="button" className="link" onClick={() => ref.current?.close()}>
              {t('common.close')}
            </button>
          </header>
          <div className="settings-body">
            <div role="tablist" aria-orientation="vertical" aria-label={t('settings.title')} className="settings-tabs">
              {SETTINGS_PANELS.map((p, i) => (
                <button
                  key={p.id}
                  ref={(el) => {
                    tabs.current[i] = el;
                  }}
                  type="button"
                  role="tab"
                  id={`settings-tab-${p.id}`}
                  aria-selected={p === current}
                  aria-controls={`settings-panel-${p.id}`}
                  tabIndex={p === current ? 0 : -1}
                  onClick={() => openSettings(p.id)}
                  onKeyDown={onTabKey}
                >
                  {t(`settings.tabs.${p.id}`)}
                </button>
              ))}
            </div>
            <section
              role="tabpanel"
              id={`settings-panel-${current.id}`}
              aria-labelledby={`settings-tab-${current.id}`}
              className="settings-panel"
            >
              <current.Panel key={current.id} />
            </section>
          </div>
        </>
      )}
    </dialog>
  );
}
