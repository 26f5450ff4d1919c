import { randomUUID } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from './atomic-file';
import type { OpenPath, ShowItemInFolder } from './briefing-exports';
import { say, ServiceError } from './errors';

export const RECENT_EXPORT_KINDS = ['briefing', 'csv', 'stix', 'annotations', 'backup', 'other'] as const;
export type RecentExportKind = (typeof RECENT_EXPORT_KINDS)[number];

const RecentExportEntry = z.object({
  id: z.uuid(),
  path: z.string().min(1).max(4096).refine(isAbsolute, 'not an absolute path'),
  kind: z.enum(RECENT_EXPORT_KINDS),
  at: z.iso.datetime({ offset: true }),
  bytes: z.number().int().nonnegative(),
});
export type RecentExportEntry = z.infer<typeof RecentExportEntry>;

export const RECENT_EXPORTS_LIMIT = 10;

/**
 * Files the workbench opens again from the list: only documents of the kinds it exports. A path the
 * analyst typed into a save dialog could end in anything (".sh", ".desktop"); that file is shown in its
 * folder instead of being handed to the system to run.
 */
const OPENABLE_EXTENSIONS = new Set(['.docx', '.csv', '.json', '.jsonld', '.zip']);

export interface RecentExportsOptions {
  /** The JSON file that keeps the list (in the data folder). */
  file: string;
  openPath?: OpenPath;
  showItemInFolder?: ShowItemInFolder;
  /** Told after every change, with the new list (the desktop rebuilds its menu, adds recent documents). */
  onChange?: (entries: RecentExportEntry[], added?: RecentExportEntry) => void;
  now?: () => Date;
}

const DESKTOP_ONLY = 'only available in the desktop app';

/**
 * The last files main exported (briefings, registers, annotations, backups), newest first, kept in a
 * small JSON file written atomically. Entries are added only by main after it has written the file
 * itself, and are opened again by id: the renderer never names a path to open.
 */
export class RecentExports {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RecentExportsOptions) {}

  /** The list as stored; entries that no longer parse are dropped, a broken file reads as empty. */
  async list(): Promise<RecentExportEntry[]> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.options.file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(raw)) return [];
    return raw
      .flatMap((entry) => {
        const parsed = RecentExportEntry.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      })
      .slice(0, RECENT_EXPORTS_LIMIT);
  }

  /** Records a file main has just written; the same path moves to the top instead of appearing twice. */
  add(path: string, kind: RecentExportKind, bytes: number): Promise<RecentExportEntry> {
    return this.serialised(async () => {
      const entry: RecentExportEntry = {
        id: randomUUID(),
        path,
        kind,
        at: (this.options.now?.() ?? new Date()).toISOString(),
        bytes,
      };
      const next = [entry, ...(await this.list()).filter((e) => e.path !== path)].slice(0, RECENT_EXPORTS_LIMIT);
      await writeFileAtomically(this.options.file, JSON.stringify(next, null, 2));
      this.options.onChange?.(next, entry);
      return entry;
    });
  }

  clear(): Promise<void> {
    return this.serialised(async () => {
      await writeFileAtomically(this.options.file, '[]');
      this.options.onChange?.([]);
    });
  }

  /** The entry for an id, if its file is still a regular file where it was written. */
  private async existing(id: string): Promise<RecentExportEntry> {
    const entry = (await this.list()).find((e) => e.id === id);
    if (!entry)
      throw new ServiceError({
        en: 'That export is no longer in the recent list. Export it again, or open it from your file manager.',
        ru: 'Этого файла больше нет в списке недавнего экспорта. Экспортируйте его снова или откройте из файлового менеджера.',
      });
    const info = await lstat(entry.path).catch(() => null);
    if (!info)
      throw new ServiceError({
        en: `${basename(entry.path)} is no longer in ${dirname(entry.path)}; it may have been moved or deleted. Export it again.`,
        ru: `Файла ${basename(entry.path)} больше нет в папке ${dirname(entry.path)}: возможно, его переместили или удалили. Экспортируйте его снова.`,
      });
    if (!info.isFile())
      throw new ServiceError({
        en: `${entry.path} is no longer the file the workbench exported, so it was not opened. Open it from your file manager.`,
        ru: `${entry.path} — уже не тот файл, который экспортировало приложение, поэтому он не открыт. Откройте его из файлового менеджера.`,
      });
    return entry;
  }

  async open(id: string): Promise<{ done: boolean; path: string; message: string }> {
    const entry = await this.existing(id);
    if (!OPENABLE_EXTENSIONS.has(extname(entry.path).toLowerCase())) {
      throw new ServiceError({
        en: `The workbench opens only the document types it exports (.docx, .csv, .json, .jsonld, .zip); ${basename(entry.path)} is not one. Use Show in folder instead.`,
        ru: `Приложение открывает только те типы документов, которые экспортирует (.docx, .csv, .json, .jsonld, .zip); ${basename(entry.path)} к ним не относится. Воспользуйтесь командой «Показать в папке».`,
      });
    }
    if (!this.options.openPath)
      return {
        done: false,
        path: entry.path,
        message: say({
          en: `Opening files is ${DESKTOP_ONLY}. The file is saved at ${entry.path}.`,
          ru: `Открывать файлы можно только в настольном приложении. Файл сохранён: ${entry.path}.`,
        }),
      };
    const problem = await this.options.openPath(entry.path);
    if (problem)
      throw new ServiceError({
        en: `${basename(entry.path)} could not be opened (${problem}). It is saved at ${entry.path}.`,
        ru: `Не удалось открыть ${basename(entry.path)} (${problem}). Файл сохранён: ${entry.path}.`,
      });
    return {
      done: true,
      path: entry.path,
      message: say({ en: `Opened ${entry.path}.`, ru: `Открыт файл ${entry.path}.` }),
    };
  }

  async showInFolder(id: string): Promise<{ done: boolean; path: string; message: string }> {
    const entry = await this.existing(id);
    if (!this.options.showItemInFolder)
      return {
        done: false,
        path: entry.path,
        message: `Showing files in their folder is ${DESKTOP_ONLY}. The file is saved at ${entry.path}.`,
      };
    this.options.showItemInFolder(entry.path);
    return { done: true, path: entry.path, message: `Showed ${entry.path} in its folder.` };
  }

  /** One change at a time, so two exports finishing together both land in the list. */
  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** What kind of export a file is, from the name main gave it. */
export function exportKindOf(path: string): RecentExportKind {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.docx')) return 'briefing';
  if (name.endsWith('.stix.json')) return 'stix';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonld')) return 'annotations';
  return 'other';
}
