import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { COMMAND_IDS, USER_COMMANDS } from '../../../shared/commands/registry';
import { db } from '../../db';
import { useLiveQueryWhile } from '../../db/live-query-while';
import { commandTitle, useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { useSearchHits, useWorkspaceSearch } from '../search';
import { leaveThen } from '../../ui/useUnsavedGuard';
import { openRecentExport, useRecentExports } from './recent-exports';
import { commandState, keyHint, runCommand } from '../../workspace/user-commands';
import './palette.css';
import { useFocusHold } from '../../ui/useFocusHold';

interface Entry {
  id: string;
  group: string;
  label: string;
  hint?: string;
  /** Why a command cannot run now (shown in place of its key; choosing it does nothing). */
  disabled?: string;
  run: () => void;
}

/** The registry's palette entries: views first, then commands, each in the registry's order. */
const PALETTE_ORDER = [
  ...COMMAND_IDS.filter((id) => USER_COMMANDS[id].palette === 'Go to'),
  ...COMMAND_IDS.filter((id) => USER_COMMANDS[id].palette === 'Command'),
];

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * Ctrl+K: one box that reaches every view, command and object, and searches the text. Views and commands
 * are the registry's palette entries (shared/commands/registry.ts), with their keys from there, run by
 * the one dispatcher; a command that cannot run now is listed with the reason.
 */
export function Palette() {
  const t = useT();
  const open = useWorkbench((s) => s.paletteOpen);
  const setOpen = useWorkbench((s) => s.setPaletteOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useFocusHold(dialog, open);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { search, revision } = useWorkspaceSearch();
  const recent = useRecentExports();
  // Read only while the palette is open: it must not reload every register row on each edit.
  // Not even listening while closed (live-query-while.ts).
  const objects = useLiveQueryWhile(
    open,
    async () => ({
      sources: await db.sources.toArray(),
      threats: await db.threats.toArray(),
      countries: await db.countries.toArray(),
      tags: await db.tags.toArray(),
      actors: await db.actors.toArray(),
    }),
    [],
  );

  // The query is emptied as the palette closes, not as it opens: emptied on opening, the box showed
  // the last query, focused, until the next render, and keys typed at once after Ctrl+K were added to it.
  useLayoutEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open) {
      if (el.open) el.close();
      setQuery('');
      setActive(0);
    }
  }, [open]);

  // Commands' states are taken as the palette opens, before its own text box has the focus: Undo
  // depends on where the focus was.
  const commands = useMemo(
    (): Entry[] =>
      open
        ? PALETTE_ORDER.flatMap((id) => {
            const declared = USER_COMMANDS[id];
            const now = commandState(id);
            // Nothing on screen answers it (its component not mounted): not offered.
            if (!now.enabled && now.reason === undefined) return [];
            const hint = keyHint(id);
            return [
              {
                id: `cmd:${id}`,
                group: declared.palette ?? 'Command',
                label: commandTitle(id, declared.title),
                ...(hint ? { hint } : {}),
                ...(now.enabled ? {} : { disabled: now.reason }),
                run: () => void runCommand(id),
              },
            ];
          })
        : [],
    [open],
  );

  const entries = useMemo((): Entry[] => {
    const state = useWorkbench.getState();
    const everything: Entry[] = [
      ...commands,
      ...(recent ?? []).map((r) => ({
        id: `recent-${r.id}`,
        group: 'Recent export',
        label: r.name,
        hint: r.folder,
        run: () =>
          void openRecentExport(r.id).then(
            (outcome) => state.notify('info', outcome.message),
            (error: Error) => state.notify('error', error.message),
          ),
      })),
    ];
    if (!objects) return everything;
    return [
      ...everything,
      ...objects.sources.map((s) => ({
        id: `s:${s.id}`,
        group: 'Source',
        label: s.title,
        hint: s.author,
        run: () => {
          state.navigate('sources');
          state.selectSource(s.id);
        },
      })),
      ...objects.threats.map((t) => ({
        id: `t:${t.id}`,
        group: 'Threat',
        label: t.title,
        hint: t.category,
        run: () => {
          state.navigate('register');
          state.selectRegister(t.registerId);
          state.selectThreat(t.id);
        },
      })),
      ...objects.countries.map((c) => ({
        id: `c:${c.code}`,
        group: 'Country',
        label: c.name,
        hint: c.code,
        run: () => {
          state.navigate('countries');
          state.selectCountry(c.code);
        },
      })),
      ...objects.tags.map((tag) => ({
        id: `g:${tag.id}`,
        group: 'Tag',
        label: tag.name,
        hint: t('palette.tagHint'),
        run: () => state.retrieve(`tag:${tag.id}`),
      })),
      ...objects.actors.map((a) => ({
        id: `a:${a.id}`,
        group: 'Actor',
        label: a.name,
        hint: a.aliases.slice(0, 3).join(', '),
        run: () => {
          state.navigate('actors');
          state.selectActor(a.id);
        },
      })),
    ];
  }, [commands, objects, recent, t]);

  const textHits = useSearchHits(search, open && query.trim().length >= 3 ? query : '', revision, 8);
  const results = useMemo(() => {
    const q = fold(query.trim());
    const named = q
      ? entries.filter((e) => fold(`${e.label} ${e.hint ?? ''}`).includes(q))
      : entries.filter((e) => e.group === 'Go to' || e.group === 'Command' || e.group === 'Recent export');
    const text: Entry[] =
      q.length >= 3
        ? textHits.flatMap((hit) => {
            if (hit.doc.kind !== 'paragraph' || !hit.doc.sourceId || hit.doc.start === undefined) return [];
            const { range, snippet } = hit;
            const { sourceId, start } = hit.doc;
            return [
              {
                id: hit.doc.id,
                group: 'In the text',
                // The paragraph from 30 characters before the match to 60 after, cut from the snippet
                // the index sends (70 either side, an ellipsis where the paragraph goes on).
                label: snippet.before.slice(-30) + snippet.match + snippet.after.slice(0, 60),
                run: () =>
                  useWorkbench
                    .getState()
                    .showInReader({ sourceId, start: start + range.start, end: start + range.end }),
              },
            ];
          })
        : [];
    return [...named.slice(0, 40), ...text];
  }, [entries, query, textHits]);

  const choose = (entry: Entry | undefined) => {
    if (!entry || entry.disabled !== undefined) return;
    // Closed first, so the focus is back where the analyst was before the command acts there (Undo in a
    // text field is the field's own). Chromium leaves the focus in a closed dialog until its next
    // style pass when there was no element to give it back to: let it go, so it is not taken for a field.
    dialog.current?.close();
    if (document.activeElement instanceof HTMLElement && dialog.current?.contains(document.activeElement))
      document.activeElement.blur();
    setOpen(false);
    // Commands (views included) are the dispatcher's, which asks about typed input before it goes
    // anywhere; objects go somewhere, which may leave typed input behind.
    if (entry.id.startsWith('cmd:') || entry.group === 'Recent export') entry.run();
    else leaveThen(entry.run);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(results[active]);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog palette"
      aria-label={t('palette.dialog')}
      onClose={() => setOpen(false)}
      onKeyDown={onKeyDown}
    >
      <input
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={results[active] ? `palette-${active}` : undefined}
        aria-label={t('palette.input')}
        placeholder={t('palette.placeholder')}
        value={query}
        dir="auto"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        autoFocus
      />
      <ul id="palette-list" role="listbox" aria-label={t('palette.results')}>
        {results.map((entry, i) => (
          <li
            key={entry.id}
            id={`palette-${i}`}
            role="option"
            aria-selected={i === active}
            aria-disabled={entry.disabled !== undefined ? true : undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(entry)}
          >
            <span className="palette-group">{t(`palette.group.${entry.group}`, { defaultValue: entry.group })}</span>
            <span className="palette-label" dir="auto">
              {entry.label}
            </span>
            {entry.disabled !== undefined ? (
              <span className="palette-hint" title={entry.disabled}>
                {entry.disabled}
              </span>
            ) : (
              entry.hint && <span className="palette-hint">{entry.hint}</span>
            )}
          </li>
        ))}
        {results.length === 0 && <li className="muted">{t('palette.none', { query })}</li>}
      </ul>
    </dialog>
  );
}
