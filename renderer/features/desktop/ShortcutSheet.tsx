import { useMemo, useRef, useState } from 'react';
import { SHORTCUT_GROUPS, USER_COMMANDS } from '../../../shared/commands/registry';
import { commandTitle, keyDescription, useT } from '../../i18n';
import { shortcuts, type Shortcut } from '../../../shared/commands/shortcuts';
import { isMac, keyLabel, useViewCommand } from '../../workspace/user-commands';
import './desktop.css';
import { useFocusHold } from '../../ui/useFocusHold';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

function Keys({ keys }: { keys: readonly string[] }) {
  const t = useT();
  return (
    // Key names read left to right even inside right-to-left text.
    <span className="shortcut-keys" dir="ltr">
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && <span className="muted">{t('sheet.or')}</span>}
          <kbd>{keyLabel(k)}</kbd>
        </span>
      ))}
    </span>
  );
}

/** What a key does in the interface language: a command's sheet text, else its title, else the English. */
function describe(s: Shortcut): string {
  const english = s.description;
  if (s.kind === 'command' && !USER_COMMANDS[s.command].description) return commandTitle(s.command, english);
  return keyDescription(s.id, english);
}

/**
 * Every key of the command registry (shared/commands/registry.ts), grouped: the same declarations the
 * menu and the key handler are built from. F1, Ctrl+/, the Help menu and the palette open it; typing
 * filters it by what a key does or by the key itself.
 */
export function ShortcutSheet() {
  const t = useT();
  const [query, setQuery] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  // Follows the dialog (set after showModal, cleared by its close event), for the focus to go back.
  const [open, setOpen] = useState(false);
  useFocusHold(ref, open);
  // Opened straight on the element: a state flag would lag behind the dialog's own (asynchronous) close event.
  useViewCommand('shortcuts', () => {
    setQuery('');
    if (ref.current && !ref.current.open) ref.current.showModal();
    setOpen(true);
  });

  const groups = useMemo(() => {
    const q = fold(query.trim());
    const shown = (s: Shortcut) =>
      !q || fold(`${s.description} ${t(`sheetGroups.${s.group}`)} ${s.keys.map(keyLabel).join(' ')}`).includes(q);
    const all = shortcuts(isMac()).map((s) => ({ ...s, description: describe(s) }));
    return SHORTCUT_GROUPS.map((group) => ({ group, items: all.filter((s) => s.group === group && shown(s)) })).filter(
      (g) => g.items.length > 0,
    );
  }, [query, t]);

  return (
    <dialog
      ref={ref}
      className="dialog shortcut-sheet"
      aria-labelledby="shortcut-sheet-title"
      onClose={() => setOpen(false)}
    >
      <header className="shortcut-sheet-header">
        <h2 id="shortcut-sheet-title">{t('sheet.title')}</h2>
        {/* A plain text box: in a search box the first Escape only clears it; here Escape closes the sheet. */}
        <input
          type="text"
          role="searchbox"
          aria-label={t('sheet.find')}
          placeholder={t('sheet.findPlaceholder')}
          value={query}
          dir="auto"
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
      </header>
      {/* A scrolling list is a tab stop, so the keyboard can scroll it. */}
      <div className="shortcut-groups" tabIndex={0} role="region" aria-label={t('sheet.list')}>
        {groups.map(({ group, items }) => (
          <section key={group} aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`}>{t(`sheetGroups.${group}`)}</h3>
            <table className="shortcut-table" aria-labelledby={`shortcuts-${group}`}>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <td dir="auto">{s.description}</td>
                    <td>
                      <Keys keys={s.keys} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        {groups.length === 0 && (
          <p className="muted" role="status">
            {t('sheet.none', { query })}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
