import { lstat, realpath } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { briefingFileName } from '../../shared/domain/briefing-names';
import type { BriefingDocument } from '../../shared/domain/briefing-document';
import { packBriefing } from './briefing-worker';
import { say, ServiceError } from './errors';
import { saveExport, type ChooseSavePath } from './exports';
import { TaskCancelled, type Task } from './tasks';
import type { ThreadRunner } from './thread-runner';

/** Opens a file with the program the system uses for it; answers an error sentence, or '' on success (Electron's shell.openPath). */
export type OpenPath = (path: string) => Promise<string>;
/** Shows a file selected in the system's file manager (Electron's shell.showItemInFolder). */
export type ShowItemInFolder = (path: string) => void;

export interface BriefingExportsOptions {
  exportsFolder: string;
  /** The desktop app's native save dialog; without it briefings go to the exports folder. */
  chooseSavePath?: ChooseSavePath;
  /** The desktop app's shell; without it (the browser preview) opening is refused with a sentence. */
  openPath?: OpenPath;
  showItemInFolder?: ShowItemInFolder;
  /** The briefing worker's threads; without them the document is packed in this thread. */
  threads?: ThreadRunner | null;
  /** Without threads: packs the document in this thread (unit tests; the hosts always pass the worker). */
  packInThisThread?: (document: BriefingDocument) => Promise<Uint8Array>;
}

export interface ExportedBriefing {
  path: string | null;
  bytes: number;
}

export interface OpenOutcome {
  done: boolean;
  path: string;
  message: string;
}

const DESKTOP_ONLY = 'only available in the desktop app';

/**
 * Writes briefings as .docx files and opens them again — but only files it wrote itself: a path it
 * wrote in this session (including one the analyst chose in the save dialog), or a .docx directly in
 * the exports folder. A path the renderer merely names is never opened.
 */
export class BriefingExports {
  /** Paths written in this session, resolved. */
  private readonly written = new Set<string>();

  constructor(private readonly options: BriefingExportsOptions) {}

  async export(document: BriefingDocument, task?: Task): Promise<ExportedBriefing> {
    const cancelled = () =>
      new TaskCancelled(
        `The export of “${document.page.title}” was cancelled; no file was written. Export it again when you are ready.`,
      );
    task?.step('building');
    const bytes = await packBriefing(
      document,
      this.options.threads ?? null,
      task?.signal,
      cancelled,
      this.options.packInThisThread,
    );
    task?.check(cancelled);
    task?.step('writing');
    const { chooseSavePath } = this.options;
    // The dialog may hand back a name without the extension; the file is a Word document, so it gets one.
    const choose = chooseSavePath
      ? async (suggested: string) => {
          const chosen = await chooseSavePath(suggested);
          return chosen && extname(chosen).toLowerCase() !== '.docx' ? `${chosen}.docx` : chosen;
        }
      : undefined;
    const { path } = await saveExport(this.options.exportsFolder, briefingFileName(document), bytes, choose, () =>
      task?.commit(cancelled),
    );
    if (path) this.written.add(resolve(path));
    return { path, bytes: bytes.byteLength };
  }

  /** The file main may open for this request, or a refusal that says why. */
  async honouredPath(requested: string): Promise<string> {
    const notOurs = () =>
      new ServiceError({
        en: `The workbench only opens briefings it exported itself, into its exports folder or (in this session) where you chose to save them; ${requested} is not one of them. Open it from your file manager.`,
        ru: `Приложение открывает только справки, которые само экспортировало — в папку экспорта или (в этом сеансе) туда, куда вы их сохранили; ${requested} к ним не относится. Откройте файл из файлового менеджера.`,
      });
    if (!isAbsolute(requested)) throw notOurs();
    const path = resolve(requested);
    if (extname(path).toLowerCase() !== '.docx') throw notOurs();
    const folder = resolve(this.options.exportsFolder);
    const realFolder = await realpath(folder).catch(() => folder);
    const written = this.written.has(path);
    // Nothing is looked up on disk for a path that is neither written this session nor in the exports folder.
    if (!written && dirname(path) !== folder && dirname(path) !== realFolder) throw notOurs();
    const info = await lstat(path).catch(() => null);
    if (!info)
      throw new ServiceError({
        en: `The briefing is no longer at ${path}; it may have been moved or deleted. Export it again.`,
        ru: `Справки больше нет по пути ${path}: возможно, её переместили или удалили. Экспортируйте её снова.`,
      });
    if (!info.isFile()) throw notOurs();
    if (written) return path;
    // From an earlier session: a regular .docx directly in the exports folder, not a link out of it.
    const real = await realpath(path).catch(() => null);
    if (real === null || dirname(real) !== realFolder) throw notOurs();
    return real;
  }

  async open(requested: string): Promise<OpenOutcome> {
    const path = await this.honouredPath(requested);
    if (!this.options.openPath)
      return {
        done: false,
        path,
        message: say({
          en: `Opening files is ${DESKTOP_ONLY}. The briefing is saved at ${path}.`,
          ru: `Открывать файлы можно только в настольном приложении. Справка сохранена: ${path}.`,
        }),
      };
    const problem = await this.options.openPath(path);
    if (problem)
      throw new ServiceError({
        en: `The briefing could not be opened (${problem}). It is saved at ${path}.`,
        ru: `Не удалось открыть справку (${problem}). Она сохранена: ${path}.`,
      });
    return { done: true, path, message: say({ en: `Opened ${path}.`, ru: `Открыт файл ${path}.` }) };
  }

  async showInFolder(requested: string): Promise<OpenOutcome> {
    const path = await this.honouredPath(requested);
    if (!this.options.showItemInFolder)
      return {
        done: false,
        path,
        message: `Showing files in their folder is ${DESKTOP_ONLY}. The briefing is saved at ${path}.`,
      };
    this.options.showItemInFolder(path);
    return { done: true, path, message: `Showed ${path} in its folder.` };
  }
}
