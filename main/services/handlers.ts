import { basename, dirname, join } from 'node:path';
import type { ChannelKey, MenuStateValue, ParsedArgsOf, ResultOf } from '../../shared/ipc';
import { Backups } from './backups';
import { BackupHandoffs, BackupStaging, withStaged } from './backup-staging';
import type { OpenedBackupsInbox } from './launched-backups';
import { BriefingExports, type BriefingExportsOptions, type OpenPath, type ShowItemInFolder } from './briefing-exports';
import type { DataFolder } from './data-folder';
import { loadDemoWorkspace } from './demo-workspace';
import { sendTeamRequest } from './team-http';
import { TeamPasswords, type Encryptor } from './team-passwords';
import { saveExport, type ChooseSavePath } from './exports';
import { ServiceError, speak } from './errors';
import { ErrorReports } from './error-reports';
import type { ExtractedSource, ExtractOptions } from './import/types';
import { extractSourceIsolated, ReaderFailure } from './import/isolated';
import { displayName, ImportRefusal, Refuse } from './import/refusal';
import { cancelledSentence, importLanguage } from './import/import-words';
import { Log } from './log';
import { openLogFile } from './log-file';
import { exportKindOf, RecentExports, type RecentExportEntry } from './recent-exports';
import { packQdpx, unpackQdpx } from './refi-qda';
import { formatReferences, readReferences } from './bibliography';
import { sha256Of, SourceStore } from './source-store';
import { TaskCancelled, TaskRegistry } from './tasks';
import { ThreadRunner } from './thread-runner';
import type { BackupReason } from '../../shared/interop/backup';

/** The functions that answer each channel; the same table serves Electron's IPC and the loopback bridge. */
export type HandlerTable = {
  [K in ChannelKey]: (...args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K>;
};

export interface WorkbenchServices {
  appName: string;
  appVersion: string;
  host: 'electron' | 'bridge';
  dataFolder: DataFolder;
  /** The bundled `data/` folder (sample article, demo register, reference facts). */
  bundledDataRoot: string;
  /** The desktop app's native save dialog; without it exports go to the exports folder. */
  chooseSavePath?: ChooseSavePath;
  /** The desktop app's shell.openPath; without it (the browser preview) exported briefings are not opened. */
  openPath?: OpenPath;
  /** The desktop app's shell.showItemInFolder. */
  showItemInFolder?: ShowItemInFolder;
  /**
   * The bundled import worker (dist/main/import-worker.cjs). With it, files are read on a worker
   * thread that is terminated when reading takes too long; without it, in this thread under a timer.
   */
  importWorker?: string;
  /**
   * Reads a file in this thread, for unit tests that drive the services without the bundled worker. The hosts
   * pass `importWorker` instead, so main's bundle never carries the readers (pdf.js, mammoth, linkedom).
   */
  readInThisThread?: (bytes: Uint8Array, fileName: string, options: ExtractOptions) => Promise<ExtractedSource>;
  /**
   * The bundled briefing worker (dist/main/briefing-worker.cjs). With it, a briefing's .docx is packed
   * on a worker thread (main stays responsive, and a cancel ends the thread); without it, in this thread.
   */
  briefingWorker?: string;
  /** Packs a briefing in this thread, for unit tests without the bundled worker (main's bundle carries no docx). */
  packInThisThread?: BriefingExportsOptions['packInThisThread'];
  /** The rotating error log; the hosts pass theirs so main's own errors land in the same file. */
  log?: Log;
  /** Told when a backup was written or failed (the desktop app waits for the quit backup before quitting). */
  onBackupSettled?: (reason: BackupReason, outcome: 'written' | 'failed') => void;
  /** Backup files the system opened, checked and taken into the backups folder (the desktop app only). */
  openedBackups?: OpenedBackupsInbox;
  /** The recent-exports list; the desktop passes its own to rebuild the menu when it changes. */
  recentExports?: RecentExports;
  /** Runtime versions for the About dialog (Electron and Chrome on the desktop). */
  runtime?: { node: string; electron?: string; chrome?: string };
  /** The licence the app is distributed under. */
  license?: string;
  /**
   * The desktop menu: greys out the commands the renderer says cannot run now, and checks the settings
   * it says are on (the preview has no menu).
   */
  menuState?: (state: MenuStateValue) => void;
  /** The desktop app's `safeStorage` (the OS keychain); without it team passwords are kept for the session only. */
  encryptor?: Encryptor;
}

/** Where team sync's keychain-encrypted passwords are kept: the data folder, outside backups/. */
export function teamPasswordsFile(dataFolder: DataFolder): string {
  return join(dataFolder.root, 'team-passwords.json');
}

/** Where the recent-exports list lives in a data folder. */
export function recentExportsFile(dataFolder: DataFolder): string {
  return join(dataFolder.root, 'recent-exports.json');
}

function describeRecent(entry: RecentExportEntry) {
  return {
    id: entry.id,
    name: basename(entry.path),
    folder: dirname(entry.path),
    kind: entry.kind,
    at: entry.at,
    bytes: entry.bytes,
  };
}

/** A file read in this thread when the services were given a reader for it (unit tests); refused otherwise. */
function readHere(
  read: WorkbenchServices['readInThisThread'],
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions,
): Promise<ExtractedSource> {
  if (!read) throw Refuse.noReader(fileName);
  return read(bytes, fileName, options);
}

/** The handler table both hosts serve: Electron registers it with ipcMain, the bridge over HTTP. */
export function createHandlerTable(services: WorkbenchServices): HandlerTable {
  const store = new SourceStore(services.dataFolder.sources);
  const tasks = new TaskRegistry();
  const staging = new BackupStaging();
  const handoffs = new BackupHandoffs();
  const briefings = new BriefingExports({
    threads: services.briefingWorker ? new ThreadRunner(services.briefingWorker) : null,
    packInThisThread: services.packInThisThread,
    exportsFolder: services.dataFolder.exports,
    chooseSavePath: services.chooseSavePath,
    openPath: services.openPath,
    showItemInFolder: services.showItemInFolder,
  });
  const log = services.log ?? new Log(services.dataFolder.logs);
  const teamPasswords = new TeamPasswords(teamPasswordsFile(services.dataFolder), services.encryptor ?? null);
  const errorReports = new ErrorReports(log);
  const importThreads = services.importWorker ? new ThreadRunner(services.importWorker) : null;
  const backups = new Backups({
    folder: services.dataFolder.backups,
    store,
    appVersion: services.appVersion,
    chooseSavePath: services.chooseSavePath,
  });
  const recent =
    services.recentExports ??
    new RecentExports({
      file: recentExportsFile(services.dataFolder),
      openPath: services.openPath,
      showItemInFolder: services.showItemInFolder,
    });
  return {
    appInfo: () => ({
      name: services.appName,
      version: services.appVersion,
      dataFolder: services.dataFolder.root,
      host: services.host,
      runtime: services.runtime ?? { node: process.versions.node },
      ...(services.license ? { license: services.license } : {}),
    }),
    putSourceFile: ({ bytes }) => store.put(bytes),
    readSourceFile: (sha256) => store.read(sha256),
    putSourceText: ({ text }) => store.putText(text),
    readSourceText: (sha256) => store.readText(sha256),
    listSourceFiles: () => store.list(),
    deleteSourceFile: async (sha256) => ({ deleted: await store.delete(sha256) }),
    loadDemoWorkspace: () => loadDemoWorkspace(services.bundledDataRoot, store),
    teamRequest: (request) => sendTeamRequest(request),
    teamPasswordKeeping: () => ({ available: teamPasswords.available() }),
    rememberTeamPassword: async ({ password, ...account }) => {
      await teamPasswords.remember(account, password);
      return { remembered: true as const };
    },
    recallTeamPassword: async (account) => ({ password: await teamPasswords.recall(account) }),
    forgetTeamPassword: async (account) => ({ forgotten: await teamPasswords.forget(account) }),
    importSource: async ({ bytes, fileName, keepFullText, maxBytes, taskId, language }) => {
      const task = tasks.begin(taskId);
      // The analyst reads the refusal in the interface's language; the log keeps the English one.
      const speaks = importLanguage(language);
      const cancelled = () => new TaskCancelled(cancelledSentence(speaks, displayName(fileName)));
      try {
        // Parse first: a file that cannot be read leaves nothing behind in the store.
        const options = { keepFullText, maxBytes, language: speaks };
        task.check(cancelled);
        task.step('reading');
        const extracted = importThreads
          ? await extractSourceIsolated(importThreads, bytes, fileName, options, task.signal, cancelled).catch(
              (error: unknown) => {
                // A reader that crashed is refused with a sentence, and is a bug: its cause goes to the log.
                if (error instanceof ServiceError && error.cause instanceof ReaderFailure)
                  void log.write('error', 'an import reader failed', error.cause);
                throw error;
              },
            )
          : await readHere(services.readInThisThread, bytes, fileName, options);
        task.check(cancelled);
        task.step('storing');
        const stored = await store.add(bytes);
        // Cancelled while the original was being stored: a file this import added is taken back.
        if (task.signal.aborted) {
          if (stored.added) await store.delete(stored.sha256);
          throw cancelled();
        }
        return {
          file: { sha256: stored.sha256, mime: extracted.mime, originalName: fileName, size: stored.size },
          format: extracted.format,
          text: extracted.text,
          textHash: sha256Of(new TextEncoder().encode(extracted.text)),
          metadata: extracted.metadata,
          warnings: extracted.warnings,
          fileAdded: stored.added,
          guessed: extracted.guessed,
          ...(extracted.languages ? { languages: extracted.languages } : {}),
          ...(extracted.comments ? { comments: extracted.comments } : {}),
        };
      } catch (error) {
        if (error instanceof ImportRefusal && speaks !== 'en')
          throw new ServiceError(error.in(speaks), { cause: error });
        throw error;
      } finally {
        task.end();
      }
    },
    saveExport: async ({ fileName, bytes }) => {
      const saved = await saveExport(services.dataFolder.exports, fileName, bytes, services.chooseSavePath);
      if (saved.path) await recent.add(saved.path, exportKindOf(fileName), bytes.byteLength);
      return saved;
    },
    exportBriefing: async ({ document, taskId }) => {
      const task = tasks.begin(taskId);
      const exported = await briefings.export(document, task).finally(() => task.end());
      if (exported.path) await recent.add(exported.path, 'briefing', exported.bytes);
      return exported;
    },
    openBriefingExport: ({ path }) => briefings.open(path),
    showBriefingExport: ({ path }) => briefings.showInFolder(path),
    reportError: (report) => errorReports.report(report),
    openLogFile: () => openLogFile(log, services.openPath),
    stageBackupRecords: ({ taskId, table, records, part }) => ({
      staged: staging.add(taskId, table, records, part),
    }),
    writeBackup: async ({ taskId, ...request }) => {
      const task = tasks.begin(taskId);
      const staged = taskId ? staging.take(taskId) : null;
      try {
        const written = await backups.write(
          { ...request, snapshot: { ...request.snapshot, tables: withStaged(request.snapshot.tables, staged) } },
          task,
        );
        services.onBackupSettled?.(request.reason, 'written');
        return written;
      } catch (error) {
        services.onBackupSettled?.(request.reason, 'failed');
        throw error;
      } finally {
        task.end();
      }
    },
    listBackups: () => backups.list(),
    openBackup: async (source) => {
      const opened = await backups.open(source);
      const held = handoffs.hold(opened.snapshot.tables);
      return held
        ? {
            ...opened,
            snapshot: { ...opened.snapshot, tables: held.tables },
            handoff: held.handoff as NonNullable<ResultOf<'openBackup'>['handoff']>,
          }
        : opened;
    },
    takeBackupPart: ({ handoffId, table, index }) => ({
      records: handoffs.take(handoffId, table, index) as Record<string, unknown>[],
    }),
    deleteBackup: async ({ backupId }) => ({ deleted: await backups.delete(backupId) }),
    takeOpenedBackups: () => services.openedBackups?.take() ?? { adopted: [], refused: [] },
    listRecentExports: async () => (await recent.list()).map(describeRecent),
    openRecentExport: ({ id }) => recent.open(id),
    showRecentExport: ({ id }) => recent.showInFolder(id),
    clearRecentExports: async () => {
      await recent.clear();
      return { cleared: true };
    },
    cancelTask: ({ taskId }) => {
      // A backup cancelled while its parts were still arriving leaves them here; they go now.
      staging.drop(taskId);
      return { cancelled: tasks.cancel(taskId) };
    },
    taskProgress: ({ taskId }) => tasks.progress(taskId),
    setInterfaceLanguage: ({ language }) => ({ speaks: speak(language) }),
    setMenuState: ({ disabled, checked, words }) => {
      services.menuState?.({ disabled, checked, ...(words ? { words } : {}) });
      return { applied: services.menuState !== undefined };
    },
    exportRefiQda: async ({ fileName, projectXml, sources }) => {
      const bytes = await packQdpx(projectXml, sources);
      const saved = await saveExport(services.dataFolder.exports, fileName, bytes, services.chooseSavePath);
      if (saved.path) await recent.add(saved.path, exportKindOf(fileName), bytes.byteLength);
      return saved;
    },
    readRefiQda: ({ bytes }) => unpackQdpx(bytes),
    readReferences: ({ text }) => ({ items: readReferences(text) }),
    exportReferences: async ({ fileName, format, items }) => {
      const text = format === 'csl-json' ? JSON.stringify(items, null, 2) : formatReferences(items, format);
      const bytes = new TextEncoder().encode(text);
      const saved = await saveExport(services.dataFolder.exports, fileName, bytes, services.chooseSavePath);
      if (saved.path) await recent.add(saved.path, exportKindOf(fileName), bytes.byteLength);
      return saved;
    },
  };
}
