import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { db } from '../../db';
import { backUpNow } from '../backup/useBackupCommands';
import { useWorkbench, type View } from '../../stores';
import { openErrorLog } from '../../app/error-reporting';
import { matchRange } from './search-index';
import { useSearchHits, useWorkspaceSearch } from './useSearch';
import { leaveThen } from '../common/useUnsavedGuard';
import { runMenuCommand } from '../desktop/menu-commands';
import { keyLabel } from '../desktop/platform-keys';
import { acceleratorFor } from '../../../shared/commands/keymap';
import { openRecentExport, useRecentExports } from '../desktop/recent-exports';

interface Entry {
  id: string;
  group: string;
  label: string;
  hint?: string;
  run: () => void;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** Ctrl+K: one box that reaches every view, command and object, and searches the text. */
export function Palette() {
  const open = useWorkbench((s) => s.paletteOpen);
  const setOpen = useWorkbench((s) => s.setPaletteOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { search, revision } = useWorkspaceSearch();
  const recent = useRecentExports();
  // Read only while the palette is open: it must not reload every register row on each edit.
  const objects = useLiveQuery(
    async () =>
      open
        ? {
            sources: await db.sources.toArray(),
            threats: await db.threats.toArray(),
            countries: await db.countries.toArray(),
            tags: await db.tags.toArray(),
            actors: await db.actors.toArray(),
          }
        : undefined,
    [open],
  );

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setQuery('');
      setActive(0);
      el.showModal();
    }
    if (!open && el.open) el.close();
  }, [open]);

  const entries = useMemo((): Entry[] => {
    const state = useWorkbench.getState();
    const go = (view: View) => () => state.navigate(view);
    const commands: Entry[] = [
      { id: 'go-sources', group: 'Go to', label: 'Sources', hint: 'Ctrl+1', run: go('sources') },
      { id: 'go-register', group: 'Go to', label: 'Register', hint: 'Ctrl+2', run: go('register') },
      { id: 'go-countries', group: 'Go to', label: 'Countries', hint: 'Ctrl+3', run: go('countries') },
      { id: 'go-briefings', group: 'Go to', label: 'Briefings', hint: 'Ctrl+4', run: go('briefings') },
      { id: 'go-passages', group: 'Go to', label: 'Passages (retrieval)', hint: 'Ctrl+5', run: go('passages') },
      { id: 'go-search', group: 'Go to', label: 'Search', hint: 'Ctrl+6', run: go('search') },
      { id: 'go-actors', group: 'Go to', label: 'Actors', hint: 'Ctrl+7', run: go('actors') },
      { id: 'import', group: 'Command', label: 'Import files…', hint: 'Ctrl+O', run: () => void runMenuCommand('import') },
      { id: 'undo', group: 'Command', label: 'Undo', hint: 'Ctrl+Z', run: () => void state.undo() },
      { id: 'redo', group: 'Command', label: 'Redo', hint: 'Ctrl+Shift+Z', run: () => void state.redo() },
      { id: 'about', group: 'Command', label: 'About Analyst Workbench', run: () => state.setAboutOpen(true) },
      { id: 'open-error-log', group: 'Command', label: 'Open Error Log', run: () => void openErrorLog() },
      { id: 'back-up', group: 'Command', label: 'Back up now', run: () => void backUpNow() },
      { id: 'restore', group: 'Command', label: 'Restore from a backup…', run: () => state.setBackupsOpen(true, 'restore-file') },
      { id: 'backups', group: 'Command', label: 'Backups…', run: () => state.setBackupsOpen(true) },
      ...(
        [
          ['shortcuts', 'Keyboard shortcuts'],
          ['paste-source', 'Paste as source…'],
          ['threat:new', 'New threat'],
          ['briefing:export', 'Export briefing…'],
          ['register:export-csv', 'Export register as CSV…'],
          ['register:export-stix', 'Export register as STIX 2.1…'],
          ['annotations:export', 'Export annotations (W3C)…'],
        ] as const
      ).map(([command, label]) => {
        const accelerator = acceleratorFor(command);
        return { id: `cmd-${command}`, group: 'Command', label, ...(accelerator ? { hint: keyLabel(accelerator) } : {}), run: () => void runMenuCommand(command) };
      }),
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
    if (!objects) return commands;
    return [
      ...commands,
      ...objects.sources.map((s) => ({ id: `s:${s.id}`, group: 'Source', label: s.title, hint: s.author, run: () => { state.navigate('sources'); state.selectSource(s.id); } })),
      ...objects.threats.map((t) => ({ id: `t:${t.id}`, group: 'Threat', label: t.title, hint: t.category, run: () => { state.navigate('register'); state.selectRegister(t.registerId); state.selectThreat(t.id); } })),
      ...objects.countries.map((c) => ({ id: `c:${c.code}`, group: 'Country', label: c.name, hint: c.code, run: () => { state.navigate('countries'); state.selectCountry(c.code); } })),
      ...objects.tags.map((t) => ({ id: `g:${t.id}`, group: 'Tag', label: t.name, hint: 'passages', run: () => state.retrieve(`tag:${t.id}`) })),
      ...objects.actors.map((a) => ({ id: `a:${a.id}`, group: 'Actor', label: a.name, hint: a.aliases.slice(0, 3).join(', '), run: () => { state.navigate('actors'); state.selectActor(a.id); } })),
    ];
  }, [objects, recent]);

  const textHits = useSearchHits(search, open && query.trim().length >= 3 ? query : '', revision, 8);
  const results = useMemo(() => {
    const q = fold(query.trim());
    const named = q ? entries.filter((e) => fold(`${e.label} ${e.hint ?? ''}`).includes(q)) : entries.filter((e) => e.group === 'Go to' || e.group === 'Command' || e.group === 'Recent export');
    const text: Entry[] =
      q.length >= 3
        ? textHits.flatMap((hit) => {
            if (hit.doc.kind !== 'paragraph' || !hit.doc.sourceId || hit.doc.start === undefined) return [];
            const range = matchRange(hit.doc.text, hit.terms);
            const { sourceId, start } = hit.doc;
            return [{ id: hit.doc.id, group: 'In the text', label: hit.doc.text.slice(Math.max(0, range.start - 30), range.end + 60), run: () => useWorkbench.getState().showInReader({ sourceId, start: start + range.start, end: start + range.end }) }];
          })
        : [];
    return [...named.slice(0, 40), ...text];
  }, [entries, query, textHits]);

  const choose = (entry: Entry | undefined) => {
    if (!entry) return;
    setOpen(false);
    // Commands act where the analyst is; everything else goes somewhere, which may leave typed input behind.
    if (entry.group === 'Command' || entry.group === 'Recent export') entry.run();
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
    <dialog ref={dialog} className="dialog palette" aria-label="Go to anything" onClose={() => setOpen(false)} onKeyDown={onKeyDown}>
      <input
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={results[active] ? `palette-${active}` : undefined}
        aria-label="Go to a view, command, source, threat, country, tag or text"
        placeholder="Go to… (views, commands, sources, threats, countries, tags, text)"
        value={query}
        dir="auto"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        autoFocus
      />
      <ul id="palette-list" role="listbox" aria-label="Results">
        {results.map((entry, i) => (
          <li key={entry.id} id={`palette-${i}`} role="option" aria-selected={i === active} onMouseEnter={() => setActive(i)} onClick={() => choose(entry)}>
            <span className="palette-group">{entry.group}</span>
            <span className="palette-label" dir="auto">
              {entry.label}
            </span>
            {entry.hint && <span className="palette-hint">{entry.hint}</span>}
          </li>
        ))}
        {results.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
      </ul>
    </dialog>
  );
}
