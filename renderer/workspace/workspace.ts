import type { Revision } from '../../shared/domain/revision';
import type { WorkbenchDatabase } from '../db/database';
import { describeStorageError } from '../db/storage-errors';
import { ChangeSet, CommandRefusal } from './change-set';
import { applyRevisions } from './replay';
import { t as translate } from '../i18n';
import { recordOutgoing } from './sync/outbox';

/**
 * A named change to the workspace. `run` does the work through the change set it is given — reads
 * and writes of IndexedDB only, since the transaction ends at the first wait for anything else (work
 * with main, such as reading a file, is done before `perform`).
 */
export interface Command<Args, Result> {
  /** A stable name, written on every revision: `threats.rate`, `passages.create`, `sources.replaceText`. */
  id: string;
  /** How the analyst reads the change after "Undone:" / "Redone:", e.g. "rate a threat". */
  label: string | ((args: Args, result: Result) => string);
  run: (changes: ChangeSet, args: Args) => Promise<Result>;
  /**
   * Work done before the transaction begins, whose answer `run` receives as its arguments: putting a
   * source's text into main's store. IndexedDB ends a transaction that waits on anything but itself, so
   * a call to main cannot happen inside `run`. A failure here is the change's failure; nothing is written.
   */
  prepare?(args: Args, db: WorkbenchDatabase): Promise<Args>;
  /** The analyst's reason, recorded on every revision of the change (a rating's rationale, a CSV import's). */
  rationale?: (args: Args) => string | undefined;
  /** Settings and the demo's first writing are recorded but are not steps for Ctrl+Z. Default true. */
  undoable?: boolean;
}

export function defineCommand<Args, Result>(command: Command<Args, Result>): Command<Args, Result> {
  return command;
}

/** One step the analyst can take back: the change's own revisions are all it needs. */
export interface HistoryStep {
  changeId: string;
  command: string;
  label: string;
  revisions: Revision[];
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | undefined;
  redoLabel: string | undefined;
}

/** How the workspace tells the window about saving; the app wires these to the status bar and notices. */
export interface WorkspaceHooks {
  onSaving?: () => void;
  onSaved?: () => void;
  /** A write failed and rolled back; `message` is the sentence for the analyst. */
  onFailed?: (message: string) => void;
  onInfo?: (message: string) => void;
}

/** How one `perform` is run. */
export interface PerformOptions {
  /**
   * Told the change's instant, the `updatedAt` of every record it writes, as soon as it is taken: before
   * `perform` returns, for a command with no `prepare`. A view that shows an edit before its write
   * stamps it with this instant (`asWritten`), so the stored record read back is the one already shown.
   */
  onInstant?: (at: string) => void;
}

/** A failed command: its message is the sentence the analyst reads; nothing of the change was written. */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

const HISTORY_LIMIT = 200;

/**
 * The application layer every change passes through (as tldraw's Editor or VS Code's services):
 * one transaction over the whole workspace, one revision per changed field with the command's name
 * and rationale, undo and redo derived from those revisions, the save status, and a failure turned
 * into a sentence with nothing half-written.
 */
export class Workspace {
  private undoSteps: HistoryStep[] = [];
  private redoSteps: HistoryStep[] = [];
  private listeners = new Set<() => void>();
  private lastInstant = 0;
  private state: HistoryState = { canUndo: false, canRedo: false, undoLabel: undefined, redoLabel: undefined };

  constructor(
    readonly db: WorkbenchDatabase,
    private readonly hooks: WorkspaceHooks = {},
  ) {}

  /** Runs a command as one change; rejects with `CommandFailed` (already reported through the hooks). */
  async perform<Args, Result>(
    command: Command<Args, Result>,
    args: Args,
    options: PerformOptions = {},
  ): Promise<Result> {
    let ready = args;
    const prepare = command.prepare;
    const { result, step } = await this.commit(
      command.id,
      command.rationale?.(args),
      (changes) => command.run(changes, ready),
      (r) => (typeof command.label === 'function' ? command.label(args, r) : command.label),
      prepare &&
        (async () => {
          ready = await prepare(args, this.db);
        }),
      options.onInstant,
    );
    if (step && command.undoable !== false) this.push('undo', step, true);
    return result;
  }

  /**
   * As `perform`, for a view that has nothing more to do when the change fails: the failure has been
   * told to the analyst (status bar and notice), so it answers `undefined` instead of rejecting.
   */
  async attempt<Args, Result>(command: Command<Args, Result>, args: Args): Promise<Result | undefined> {
    try {
      return await this.perform(command, args);
    } catch (error) {
      if (error instanceof CommandFailed) return undefined;
      throw error;
    }
  }

  /** Takes back the last step; a step that can no longer be taken back is dropped with a sentence saying why. */
  async undo(): Promise<boolean> {
    return this.travel('undo');
  }

  async redo(): Promise<boolean> {
    return this.travel('redo');
  }

  /** Forgets every step (after a restore replaced the workspace under them). */
  clearHistory(): void {
    this.undoSteps = [];
    this.redoSteps = [];
    this.publish();
  }

  history(): HistoryState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async travel(direction: 'undo' | 'redo'): Promise<boolean> {
    const from = direction === 'undo' ? this.undoSteps : this.redoSteps;
    const step = from.pop();
    if (!step) return false;
    this.publish();
    try {
      const { step: inverse } = await this.commit(
        `history.${direction}`,
        // Recorded in the history in the language the interface speaks now, as the step's label was.
        translate(direction === 'undo' ? 'changes.undoneRationale' : 'changes.redoneRationale', { label: step.label }),
        (changes) =>
          // A redo step holds the undo's own change, so both directions take a change back.
          applyRevisions(changes, step.revisions, 'before'),
        () => step.label,
      );
      // The way back of an undo is the undo's own change taken back, and the other way round.
      if (inverse) this.push(direction === 'undo' ? 'redo' : 'undo', { ...inverse, label: step.label }, false);
      this.hooks.onInfo?.(translate(direction === 'undo' ? 'changes.undone' : 'changes.redone', { label: step.label }));
      return true;
    } catch {
      return false; // reported by commit; the step is dropped because the workspace moved on
    }
  }

  private async commit<Result>(
    commandId: string,
    rationale: string | undefined,
    work: (changes: ChangeSet) => Promise<Result>,
    label: (result: Result) => string,
    prepare?: () => Promise<void>,
    onInstant?: (at: string) => void,
  ): Promise<{ result: Result; step: HistoryStep | undefined }> {
    // The change's instant is taken once it is ready to be written, so instants follow the order of
    // writing: at once when there is nothing to prepare (its transaction then begins in this same turn).
    let at = prepare ? undefined : this.nextInstant();
    if (at) onInstant?.(at);
    this.hooks.onSaving?.();
    const changeId = crypto.randomUUID();
    try {
      if (prepare) {
        await prepare();
        at = this.nextInstant();
        onInstant?.(at);
      }
      const changes = new ChangeSet(this.db, at!);
      const tables = [...this.db.workspaceTables, ...this.db.syncTables];
      const { result, revisions } = await this.db.transaction('rw', tables, async () => {
        const result = await work(changes);
        await changes.checkRules();
        const revisions = changes.revisions(changeId, commandId, rationale);
        // Both at once: the outbox's read waits on neither write, so the transaction takes one round fewer.
        await Promise.all([
          revisions.length > 0 ? this.db.revisions.bulkAdd(revisions) : undefined,
          recordOutgoing(this.db, changes.touched(), revisions, changeId, changes.at),
        ]);
        return { result, revisions };
      });
      this.hooks.onSaved?.();
      const step = revisions.length > 0 ? { changeId, command: commandId, label: label(result), revisions } : undefined;
      return { result, step };
    } catch (error) {
      const message = error instanceof CommandRefusal ? error.message : describeStorageError(error);
      this.hooks.onFailed?.(message);
      throw new CommandFailed(message, error);
    }
  }

  /** Instants strictly increase within a window, so replaying revisions in `at` order replays changes in order. */
  private nextInstant(): string {
    const now = Math.max(Date.now(), this.lastInstant + 1);
    this.lastInstant = now;
    return new Date(now).toISOString();
  }

  private push(stack: 'undo' | 'redo', step: HistoryStep, clearsRedo: boolean): void {
    const target = stack === 'undo' ? this.undoSteps : this.redoSteps;
    target.push(step);
    if (target.length > HISTORY_LIMIT) target.shift();
    if (clearsRedo) this.redoSteps = [];
    this.publish();
  }

  private publish(): void {
    this.state = {
      canUndo: this.undoSteps.length > 0,
      canRedo: this.redoSteps.length > 0,
      undoLabel: this.undoSteps.at(-1)?.label,
      redoLabel: this.redoSteps.at(-1)?.label,
    };
    for (const listener of this.listeners) listener();
  }
}
