import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Threat } from '../../../shared/domain/threat';
import { db } from '../../db';
import type { ThreatPatch } from '../../db/threats';
import { useRegisterThreats } from '../../db/useRegisterThreats';
import { INSPECTOR_WIDTH, useWorkbench } from '../../stores';
import { MenuButton } from '../../ui/MenuButton';
import { PaneResizer } from '../../ui/PaneResizer';
import { workspace, type PerformOptions } from '../../workspace';
import {
  createRegister,
  duplicateRegister,
  updateRegister,
  type RegisterPatch,
} from '../../workspace/commands/registers';
import {
  createThreat,
  deleteThreats,
  duplicateThreat,
  rateThreat,
  updateThreat,
} from '../../workspace/commands/threats';
import { useLookups } from '../annotations';
import { useViewCommand } from '../../workspace/user-commands';
import { useT } from '../../i18n';
import { CommandButton, focusWhenPresent } from '../desktop';
import type { ThreatRow } from './columns';
import { CsvImportDialog } from './CsvImportDialog';
import { ExportAuthor } from './ExportAuthor';
import { exportRegisterCsv, exportRegisterStix, type Tlp } from './register-files';
import { GridToolbar } from './GridToolbar';
import { GridRows } from './grid-rows';
import { HeatMap } from './HeatMap';
import { RegisterSettings } from './RegisterSettings';
import { ThreatGrid } from './ThreatGrid';
import { ThreatInspector } from './ThreatInspector';
import { editedThreat } from './threat-edit';
import './register.css';
import { focusStaysInView } from '../../ui/focus-stays-in-view';

/** The rows of a register whose threats are still loading. */
const NO_THREATS: Threat[] = [];

/** How many passages support each threat (one pass over the multi-entry index, not the records). */
function useEvidenceCounts(): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.annotations
      .orderBy('threatIds')
      .eachKey((key) => counts.set(String(key), (counts.get(String(key)) ?? 0) + 1));
    return counts;
  });
}

export function RegisterView() {
  const t = useT();
  const [showArchived, setShowArchived] = useState(false);
  const registers = useLiveQuery(() => db.registers.orderBy('name').toArray());
  const { registerId, selectRegister, threatId, selectThreat, heatCell, setHeatCell, notify } = useWorkbench(
    useShallow((s) => ({
      registerId: s.selectedRegisterId,
      selectRegister: s.selectRegister,
      threatId: s.selectedThreatId,
      selectThreat: s.selectThreat,
      heatCell: s.heatCell,
      setHeatCell: s.setHeatCell,
      notify: s.notify,
    })),
  );
  const panes = useWorkbench((s) => s.panes);
  const setPanes = useWorkbench((s) => s.setPanes);
  // Choosing a threat opens the inspector again after the analyst closed it.
  // Only when it is closed: the store's panes are a new object after every setPanes, which rendered the
  // whole view again with each move of the active cell.
  useEffect(() => {
    const { panes, setPanes } = useWorkbench.getState();
    if (threatId && panes.inspectorClosed) setPanes({ inspectorClosed: false });
  }, [threatId]);
  const listed = registers?.filter((r) => showArchived || !r.archived || r.id === registerId);
  const register = registers?.find((r) => r.id === registerId) ?? listed?.[0];
  // Falls back to the first register when none is chosen or the chosen one is gone (deleted, or its
  // creation undone) — not while a register just created is still on its way into the list.
  useEffect(() => {
    if (!register || register.id === registerId) return;
    if (!registerId) {
      selectRegister(register.id);
      return;
    }
    let live = true;
    void db.registers.get(registerId).then((found) => live && !found && selectRegister(register.id));
    return () => {
      live = false;
    };
  }, [register, registerId, selectRegister]);

  // The first screen can come straight from the score index when the grid shows the register as it is
  // stored: highest score first, unfiltered and ungrouped.
  const grid = useWorkbench((s) => s.grid);
  const indexOrder =
    grid.sorting.length === 1 &&
    grid.sorting[0]!.id === 'score' &&
    grid.sorting[0]!.desc &&
    !grid.globalFilter &&
    grid.columnFilters.length === 0 &&
    grid.grouping.length === 0 &&
    !heatCell;
  const { threats, complete, total, showEdit } = useRegisterThreats(db, register?.id, indexOrder);
  const evidence = useEvidenceCounts();
  const lookups = useLookups({ threats: false });
  // The register whose settings are open: a new register's open once it is on screen.
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const [csvFile, setCsvFile] = useState<File | null>(null);
  const [tlp, setTlp] = useState<Tlp>('amber');
  const csvInput = useRef<HTMLInputElement>(null);
  // Stable, so the (closed) settings dialog is not rendered again with every edit in the grid.
  const closeSettings = useCallback(() => setSettingsFor(null), []);
  const registerNow = register?.id;
  // Rejects with the sentence when refused, so the settings dialog can show it and stay open.
  const saveSettings = useCallback(
    async (patch: RegisterPatch) => {
      if (registerNow) await workspace.perform(updateRegister, { id: registerNow, patch });
    },
    [registerNow],
  );
  const shownRows = useRef<(() => ThreatRow[]) | null>(null);

  // An edit rebuilds its own row only; a threat that did not change keeps its row object (grid-rows.ts).
  const [gridRows] = useState(() => new GridRows());
  const rows: ThreatRow[] = useMemo(
    () => gridRows.rows(threats ?? NO_THREATS, evidence, heatCell),
    [threats, evidence, heatCell, gridRows],
  );
  const selected = threats?.find((t) => t.id === threatId);

  // Menu commands (and their keys) that act on the register on screen, once it has loaded.
  const loaded = Boolean(registers && threats && lookups);
  useViewCommand(
    'threat:new',
    () => {
      if (!register) return notify('error', t('register.noRegisterToAdd'));
      void workspace.attempt(createThreat, { registerId: register.id }).then((threat) => {
        if (!threat) return;
        setHeatCell(null);
        selectThreat(threat.id);
        // Straight into naming it.
        focusWhenPresent('aside.inspector .inspector-body input[type="text"]');
      });
    },
    loaded,
  );
  useViewCommand(
    'register:export-csv',
    () => {
      if (register && threats)
        void exportRegisterCsv(register, shownRows.current?.() ?? rows, threats)
          .then((p) => p && notify('info', t('register.exportedCsv', { path: p })))
          .catch((e: Error) => notify('error', e.message));
    },
    loaded,
  );
  useViewCommand(
    'register:export-stix',
    () => {
      if (register && threats)
        void exportRegisterStix(register, threats, tlp)
          .then((p) => p && notify('info', t('register.exportedStix', { path: p })))
          .catch((e: Error) => notify('error', e.message));
    },
    loaded,
  );

  if (!registers || !threats || !lookups) return null;
  if (!register) {
    return (
      <section className="pane empty empty-large">
        <p className="empty-title">{t('register.noRegisters')}</p>
        <button
          type="button"
          className="primary"
          onClick={() =>
            void workspace
              .attempt(createRegister, { name: t('register.newRegisterName') })
              .then((r) => r && selectRegister(r.id))
          }
        >
          {t('register.newRegister')}
        </button>
      </section>
    );
  }

  // A grid cell edit: a likelihood or impact is a rating (with its rationale); anything else a field edit.
  // The edited threat is shown at once — the cell, its row and its heat-map cell change in the frame of
  // the edit, with "Saving…" — and taken back, beside the workspace's sentence, if the write fails.
  const edit = async (id: string, patch: ThreatPatch, rationale?: string) => {
    const { likelihood, impact, ...fields } = patch;
    const current = threats.find((t) => t.id === id);
    let withdraw: (() => void) | undefined;
    // Shown as the first write will store it, in the turn of the edit (the instant is told before
    // `perform` returns). A rating and other fields at once are two changes: the second's record differs.
    let show: PerformOptions | undefined = {
      onInstant: (at) => {
        if (current) withdraw = showEdit(editedThreat(current, patch, at));
      },
    };
    try {
      if (likelihood !== undefined || impact !== undefined) {
        await workspace.perform(rateThreat, { id, likelihood, impact, rationale }, show);
        show = undefined;
      }
      if (Object.keys(fields).length > 0) await workspace.perform(updateThreat, { id, patch: fields, rationale }, show);
    } catch (error) {
      withdraw?.();
      throw error;
    }
  };
  const add = async () => {
    const threat = await workspace.attempt(createThreat, { registerId: register.id });
    if (!threat) return;
    setHeatCell(null);
    selectThreat(threat.id);
  };
  const duplicate = async () => {
    if (!selected) return;
    const copy = await workspace.attempt(duplicateThreat, { id: selected.id });
    if (copy) selectThreat(copy.id);
  };
  const remove = async (ids: string[]) => {
    const removed = await workspace.attempt(deleteThreats, { ids });
    if (!removed || removed.length === 0) return;
    const message =
      removed.length === 1
        ? t('register.deletedOne', { title: removed[0]!.title })
        : t('register.deletedMany', { count: removed.length });
    notify('info', message, { label: t('common.undo'), run: () => void workspace.undo() });
    selectThreat(null);
  };

  const inspectorOpen = Boolean(selected) && !panes.inspectorClosed;
  return (
    <div
      className={`split split-inspector register-split${inspectorOpen ? '' : ' inspector-closed'}`}
      style={{ '--inspector-width': `${panes.inspectorWidth}px` } as CSSProperties}
    >
      <section className="pane register-main" aria-labelledby="register-heading">
        <header className="pane-header register-header">
          <div className="register-title">
            <h1 id="register-heading" tabIndex={-1}>
              {register.name}
            </h1>
            {(register.archived || register.scope) && (
              <p className="muted register-scope" title={register.scope}>
                {register.archived && <span className="badge warning">{t('register.archived')}</span>} {register.scope}
              </p>
            )}
          </div>
          <div className="button-row">
            <label className="inline-field">
              {t('views.register')}
              <select
                aria-label={t('views.register')}
                value={register.id}
                onChange={(e) => selectRegister(e.target.value)}
              >
                {listed?.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.archived ? t('countries.archived') : ''}
                  </option>
                ))}
              </select>
            </label>
            <MenuButton label={t('views.register')}>
              <label className="inline-field">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
                {t('register.listArchived')}
              </label>
              <button
                type="button"
                onClick={() =>
                  void workspace.attempt(createRegister, { name: t('register.newRegisterName') }).then((r) => {
                    if (!r) return;
                    selectRegister(r.id);
                    setSettingsFor(r.id);
                  })
                }
              >
                {t('register.newRegister')}
              </button>
              <button type="button" onClick={() => setSettingsFor(register.id)}>
                {t('register.settingsMenu')}
              </button>
              <button
                type="button"
                onClick={() =>
                  void workspace.attempt(duplicateRegister, { id: register.id }).then((r) => r && selectRegister(r.id))
                }
              >
                {t('register.duplicateRegister')}
              </button>
              <button
                type="button"
                onClick={() =>
                  void workspace.attempt(updateRegister, { id: register.id, patch: { archived: !register.archived } })
                }
              >
                {register.archived ? t('register.restore') : t('register.archive')}
              </button>
            </MenuButton>
            <button
              type="button"
              aria-expanded={panes.heatMapOpen}
              aria-controls="register-heat"
              onClick={() => setPanes({ heatMapOpen: !panes.heatMapOpen })}
            >
              {t('register.heatMap')}
            </button>
          </div>
        </header>
        <div id="register-heat" className="register-top" hidden={!panes.heatMapOpen}>
          {complete ? (
            <HeatMap register={register} threats={threats} selected={heatCell} onPick={setHeatCell} />
          ) : (
            <p className="heat heat-loading muted" role="status">
              {t('register.loading')}
            </p>
          )}
        </div>
        <div className="register-toolbar" role="toolbar" aria-label={t('register.threats')}>
          <button type="button" className="primary" onClick={() => void add()}>
            {t('register.addThreat')}
          </button>
          <button type="button" disabled={!selected} onClick={() => void duplicate()}>
            {t('register.duplicateThreat')}
          </button>
          <button
            type="button"
            disabled={!selected}
            className="danger"
            onClick={() => selected && void remove([selected.id])}
          >
            {t('register.deleteThreat')}
          </button>
          <MenuButton label={t('register.importExport')}>
            <CommandButton command="register:export-csv">{t('register.exportCsv')}</CommandButton>
            <button type="button" onClick={() => csvInput.current?.click()}>
              {t('register.importCsv')}
            </button>
            <label className="inline-field">
              TLP
              <select aria-label={t('register.tlp')} value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
                {(['clear', 'green', 'amber', 'amber+strict', 'red'] as const).map((marking) => (
                  <option key={marking} value={marking}>
                    {marking.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
            <CommandButton command="register:export-stix">{t('register.exportStix')}</CommandButton>
            <ExportAuthor />
          </MenuButton>
          <input
            ref={csvInput}
            type="file"
            hidden
            accept=".csv,text/csv,text/tab-separated-values,.tsv,.txt"
            aria-label={t('register.csvFile')}
            onChange={(e) => {
              setCsvFile(e.target.files?.[0] ?? null);
              e.target.value = '';
            }}
          />
          <GridToolbar
            registerId={register.id}
            count={complete ? rows.length : total}
            total={complete ? threats.length : total}
          />
        </div>
        {heatCell && (
          <p className="heat-filter">
            {t('register.showingCell', heatCell)}{' '}
            <button type="button" className="link" onClick={() => setHeatCell(null)}>
              {t('register.showAll')}
            </button>
          </p>
        )}
        <ThreatGrid
          register={register}
          rows={rows}
          lookups={lookups}
          selectedId={threatId}
          onSelect={selectThreat}
          onEdit={edit}
          onDelete={(ids) => void remove(ids)}
          shownRef={shownRows}
        />
      </section>
      {inspectorOpen && selected && (
        <>
          <PaneResizer
            label={t('countries.inspector')}
            name={t('panes.resizeInspector')}
            side="right"
            width={panes.inspectorWidth}
            min={INSPECTOR_WIDTH.min}
            max={INSPECTOR_WIDTH.max}
            onResize={(inspectorWidth) => setPanes({ inspectorWidth })}
          />
          <aside className="pane inspector" aria-label={t('countries.inspector')} ref={focusStaysInView}>
            <button
              type="button"
              className="ghost inspector-close"
              aria-label={t('register.closeInspector')}
              title={t('register.closeInspectorTitle')}
              onClick={() => {
                setPanes({ inspectorClosed: true });
                document.getElementById('register-heading')?.focus();
              }}
            >
              ×
            </button>
            <ThreatInspector threat={selected} register={register} actorNames={lookups.actors} />
          </aside>
        </>
      )}
      <RegisterSettings
        register={register}
        open={settingsFor === register.id}
        onClose={closeSettings}
        onSave={saveSettings}
      />
      {csvFile && (
        <CsvImportDialog file={csvFile} register={register} lookups={lookups} onClose={() => setCsvFile(null)} />
      )}
    </div>
  );
}
