import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Actor, ActorKind } from '../../../shared/domain/actor';
import { db } from '../../db';
import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';
import { ActorInspector } from './ActorInspector';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { ACTOR_KINDS, kindLabel, kindOrder, kindPlural } from './kinds';
import { useActorActions } from './useActorActions';
import { focusStaysInView } from '../../ui/focus-stays-in-view';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * What the view remembers while the analyst is elsewhere (following a threat into the Register and
 * coming back). Session-only, like a scroll position; the store keeps no actor selection yet.
 */
/** The filters last used in this session, so leaving the view and coming back keeps them. */
const memory: { query: string; kind: ActorKind | '' } = { query: '', kind: '' };

/** Threats and passages per actor, read from the multi-entry indexes rather than the tables. */
function useUsageCounts() {
  return useLiveQuery(async () => {
    const count = async (index: { eachKey(cb: (key: unknown) => void): Promise<unknown> }) => {
      const map = new Map<string, number>();
      await index.eachKey((key) => map.set(String(key), (map.get(String(key)) ?? 0) + 1));
      return map;
    };
    return {
      threats: await count(db.threats.orderBy('actorIds')),
      passages: await count(db.annotations.orderBy('actorIds')),
    };
  });
}

/**
 * How many threats and passages name one actor, read for the question before deleting it. Not the live
 * counts: those are undefined until their query first answers, and behind for a moment after an undo,
 * and an actor they showed as unused went without the question.
 */
async function usageOf(actorId: string): Promise<{ threats: number; passages: number }> {
  const [threats, passages] = await Promise.all([
    db.threats.where('actorIds').equals(actorId).count(),
    db.annotations.where('actorIds').equals(actorId).count(),
  ]);
  return { threats, passages };
}

function matches(actor: Actor, query: string): boolean {
  if (!query) return true;
  return [actor.name, ...actor.aliases, ...actor.bases].some((text) => fold(text).includes(query));
}

/** The actors the sources name: a filterable list beside an inspector that edits the selected one. */
export function ActorsView() {
  const t = useT();
  const actors = useLiveQuery(() => db.actors.toArray());
  const usage = useUsageCounts();
  const actions = useActorActions();
  const selectedId = useWorkbench((s) => s.selectedActorId);
  const setSelectedId = useWorkbench((s) => s.selectActor);
  const [query, setQueryState] = useState(memory.query);
  const [kind, setKindState] = useState<ActorKind | ''>(memory.kind);
  const [confirming, setConfirming] = useState<{ actor: Actor; threats: number; passages: number } | null>(null);
  const notify = useWorkbench((s) => s.notify);
  /** The actor whose deletion is being asked about: a second press meanwhile does nothing. */
  const deleting = useRef<string | null>(null);
  const [focusField, setFocusField] = useState<string | null>(null);
  const tbody = useRef<HTMLTableSectionElement>(null);
  const inspector = useRef<HTMLElement | null>(null);
  const inspectorRef = useCallback((pane: HTMLElement | null) => {
    inspector.current = pane;
    const stop = focusStaysInView(pane);
    return () => {
      inspector.current = null;
      stop?.();
    };
  }, []);

  const setQuery = (q: string) => setQueryState((memory.query = q));
  const setKind = (k: ActorKind | '') => setKindState((memory.kind = k));

  const sorted = useMemo(
    () => [...(actors ?? [])].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name)),
    [actors],
  );
  const folded = fold(query.trim());
  const shown = useMemo(
    () => sorted.filter((a) => (!kind || a.kind === kind) && matches(a, folded)),
    [sorted, kind, folded],
  );
  const selected = actors?.find((a) => a.id === selectedId);

  // A selection that was deleted (here, by undo, or in another window) is let go; a just-created
  // actor the live list has not caught up with yet is waited for.
  useEffect(() => {
    if (!actors || !selectedId || actors.some((a) => a.id === selectedId)) return;
    void db.actors.get(selectedId).then((found) => {
      if (!found && useWorkbench.getState().selectedActorId === selectedId) setSelectedId(null);
    });
  }, [actors, selectedId]);

  // “New actor” and Enter on the list put the keyboard in the inspector's first field once it is there.
  useEffect(() => {
    if (!focusField || selected?.id !== focusField) return;
    const first = inspector.current?.querySelector<HTMLInputElement>('input, select, textarea');
    first?.focus();
    first?.select?.();
    setFocusField(null);
  }, [focusField, selected?.id]);

  if (!actors) return null;

  const focusRow = (id: string) =>
    requestAnimationFrame(() => tbody.current?.querySelector<HTMLElement>(`tr[data-id="${id}"]`)?.focus());

  const create = async () => {
    const actor = await actions.create();
    setQuery('');
    setKind('');
    setSelectedId(actor.id);
    setFocusField(actor.id);
  };

  const removeNow = async (actor: Actor) => {
    const index = shown.findIndex((a) => a.id === actor.id);
    const rest = shown.filter((a) => a.id !== actor.id);
    const next = rest[Math.min(Math.max(index, 0), rest.length - 1)];
    await actions.remove(actor);
    setSelectedId(next?.id ?? null);
    if (next) focusRow(next.id);
  };

  const requestDelete = async (actor: Actor) => {
    if (deleting.current) return;
    deleting.current = actor.id;
    try {
      let links: { threats: number; passages: number };
      try {
        links = await usageOf(actor.id);
      } catch {
        notify('error', t('actors.usageUnread', { name: actor.name }));
        return;
      }
      if (links.threats + links.passages > 0) setConfirming({ actor, ...links });
      else await removeNow(actor);
    } finally {
      deleting.current = null;
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.target instanceof HTMLElement && event.target.closest('input, select, textarea, button')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // The row with the focus is the one the keys act on, even before its selection has rendered.
    const rowId = event.target instanceof HTMLElement ? event.target.closest('tr')?.dataset.id : undefined;
    const current = shown.find((a) => a.id === rowId) ?? selected;
    const index = shown.findIndex((a) => a.id === current?.id);
    const move = (to: number) => {
      const actor = shown[Math.min(Math.max(to, 0), shown.length - 1)];
      if (!actor) return;
      event.preventDefault();
      setSelectedId(actor.id);
      focusRow(actor.id);
    };
    if (event.key === 'ArrowDown') move(index < 0 ? 0 : index + 1);
    else if (event.key === 'ArrowUp') move(index < 0 ? 0 : index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(shown.length - 1);
    else if (event.key === 'PageDown') move(index + 10);
    else if (event.key === 'PageUp') move(index - 10);
    else if (event.key === 'Enter' && current) {
      event.preventDefault();
      setSelectedId(current.id);
      setFocusField(current.id);
    } else if (event.key === 'Delete' && current) {
      event.preventDefault();
      // A held key asks once.
      if (event.repeat) return;
      void requestDelete(current).catch(() => undefined);
    }
  };

  const kindCounts = new Map<ActorKind, number>();
  for (const a of actors) kindCounts.set(a.kind, (kindCounts.get(a.kind) ?? 0) + 1);
  const tabStop = shown.some((a) => a.id === selectedId) ? selectedId : shown[0]?.id;
  const filtering = folded !== '' || kind !== '';

  return (
    <div className="split split-inspector actors-view">
      <section className="pane actors-list-pane" aria-labelledby="actors-heading">
        <header className="pane-header">
          <div>
            <h1 id="actors-heading">{t('views.actors')}</h1>
            <p className="muted">{t('actors.lead')}</p>
          </div>
          <button type="button" onClick={() => void create().catch(() => undefined)}>
            {t('actors.new')}
          </button>
        </header>
        <div className="actors-filter" role="search" aria-label={t('actors.filter')}>
          <input
            type="search"
            aria-label={t('actors.filterBox')}
            placeholder={t('actors.filterPlaceholder')}
            value={query}
            dir="auto"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              } else if (e.key === 'ArrowDown' && shown[0]) {
                // From the filter straight into the list.
                e.preventDefault();
                const target = shown.some((a) => a.id === selectedId) ? selectedId! : shown[0].id;
                setSelectedId(target);
                focusRow(target);
              }
            }}
          />
          <select
            aria-label={t('actors.filterKind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as ActorKind | '')}
          >
            <option value="">{t('actors.allKinds', { count: actors.length })}</option>
            {ACTOR_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {t('actors.kindCount', { kind: kindPlural(k.kind), count: kindCounts.get(k.kind) ?? 0 })}
              </option>
            ))}
          </select>
          <span className="muted actors-shown" aria-live="polite">
            {filtering ? t('actors.shown', { shown: shown.length, total: actors.length }) : ''}
          </span>
        </div>
        {actors.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{t('actors.emptyTitle')}</p>
            <p>{t('actors.emptyBody')}</p>
          </div>
        ) : shown.length === 0 ? (
          <div className="empty">
            <p>
              {kind
                ? folded
                  ? t('actors.noMatchQueryKind', { query: query.trim(), kind: kindPlural(kind) })
                  : t('actors.noMatchKind', { kind: kindPlural(kind) })
                : t('actors.noMatch', { query: query.trim() })}
            </p>
            <p className="muted">{t('actors.filterExplain')}</p>
            <button
              type="button"
              onClick={() => {
                setQuery('');
                setKind('');
              }}
            >
              {t('actors.clearFilter')}
            </button>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="grid actors-grid" aria-label={t('views.actors')}>
              <thead>
                <tr>
                  <th scope="col">{t('actors.col.actor')}</th>
                  <th scope="col">{t('actors.col.kind')}</th>
                  <th scope="col">{t('actors.col.aliases')}</th>
                  <th scope="col" className="num" title={t('actors.col.threatsTitle')}>
                    {t('actors.col.threats')}
                  </th>
                  <th scope="col" className="num" title={t('actors.col.passagesTitle')}>
                    {t('actors.col.passages')}
                  </th>
                </tr>
              </thead>
              <tbody ref={tbody} onKeyDown={onListKey}>
                {shown.map((a) => {
                  // When the filter found the actor by an alias, that alias comes first.
                  const aliases = folded
                    ? [
                        ...a.aliases.filter((x) => fold(x).includes(folded)),
                        ...a.aliases.filter((x) => !fold(x).includes(folded)),
                      ]
                    : a.aliases;
                  return (
                    <tr
                      key={a.id}
                      data-id={a.id}
                      aria-selected={a.id === selectedId}
                      tabIndex={a.id === tabStop ? 0 : -1}
                      onClick={() => setSelectedId(a.id)}
                      onFocus={(e) => e.target === e.currentTarget && a.id !== selectedId && setSelectedId(a.id)}
                    >
                      <td className="title-cell" dir="auto">
                        {a.name}
                      </td>
                      <td className="nowrap">{kindLabel(a.kind)}</td>
                      <td className="actor-aliases" title={a.aliases.join(' · ')}>
                        <span dir="auto">{aliases.join(' · ') || '—'}</span>
                      </td>
                      <td className="num">{usage?.threats.get(a.id) ?? 0}</td>
                      <td className="num">{usage?.passages.get(a.id) ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="muted actors-hint">
              <kbd>↑</kbd>
              <kbd>↓</kbd> {t('actors.hint')}
            </p>
          </div>
        )}
      </section>
      <aside className="pane inspector" aria-label={t('actors.inspector')} ref={inspectorRef}>
        {selected ? (
          <ActorInspector
            key={selected.id}
            actor={selected}
            actors={actors}
            passages={usage?.passages.get(selected.id) ?? 0}
            actions={actions}
            onDelete={() => void requestDelete(selected).catch(() => undefined)}
          />
        ) : (
          <p className="muted empty">{t('actors.selectOne')}</p>
        )}
      </aside>
      {confirming && (
        <ConfirmDeleteDialog
          actor={confirming.actor}
          threats={confirming.threats}
          passages={confirming.passages}
          onConfirm={() => void removeNow(confirming.actor).catch(() => undefined)}
          onClose={(confirmed) => {
            setConfirming(null);
            // After a deletion the next actor takes the focus; after Cancel the list gets it back.
            if (!confirmed && selectedId) focusRow(selectedId);
          }}
        />
      )}
    </div>
  );
}
