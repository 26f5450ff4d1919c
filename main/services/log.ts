import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogOptions {
  now?: () => Date;
  /** The size past which the current file is rotated out; an entry never straddles two files. */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one (workbench.1.log is the newest). */
  keep?: number;
}

export const LOG_FILE_NAME = 'workbench.log';
const DEFAULT_MAX_BYTES = 512 * 1024;
const DEFAULT_KEEP = 4;
/** One entry's cap: a runaway stack or message must not push every earlier entry out of the log. */
const MAX_ENTRY_CHARS = 16 * 1024;

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
}

/** One entry as text: a timestamped first line, any detail indented under it, nothing that could forge another entry. */
export function formatEntry(at: Date, level: LogLevel, message: string, detail?: unknown): string {
  // eslint-disable-next-line no-control-regex -- control characters (terminal escapes, NUL) are what must not reach the file
  const clean = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?');
  const head = clean(message).replace(/\n/g, ' ');
  const extra = clean(describe(detail));
  let entry = `${at.toISOString()} ${level.toUpperCase()} ${head}${extra ? `\n${extra.replace(/^/gm, '    ')}` : ''}`;
  if (entry.length > MAX_ENTRY_CHARS)
    entry = `${entry.slice(0, MAX_ENTRY_CHARS).replace(/[\uD800-\uDBFF]$/, '')} …[cut]`;
  return `${entry}\n`;
}

/**
 * The rotating error log in `logs/`: `workbench.log` and up to `keep` older files. Every write goes
 * through the atomic writer (the current file is small and kept in memory), so a crash leaves whole
 * entries only; entries written together are flushed in one write, in the order they were written.
 * Logging never throws: a log that cannot be written must not take the app down with it.
 */
export class Log {
  private readonly now: () => Date;
  private readonly maxBytes: number;
  private readonly keep: number;
  /** The current file's content as last written; undefined until it has been read once. */
  private content: string | undefined;
  private pending: string[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly folder: string,
    options: LogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_BYTES);
    this.keep = Math.max(0, Math.floor(options.keep ?? DEFAULT_KEEP));
  }

  /** The file the analyst opens from Help › Open Error Log. */
  get file(): string {
    return join(this.folder, LOG_FILE_NAME);
  }

  rotatedFile(n: number): string {
    return join(this.folder, `workbench.${n}.log`);
  }

  /** Resolves once this entry (and every earlier one) is on disk, or has been dropped because the disk refused it. */
  write(level: LogLevel, message: string, detail?: unknown): Promise<void> {
    let entry: string;
    try {
      entry = formatEntry(this.now(), level, String(message), detail);
    } catch {
      entry = `${new Date().toISOString()} ${level.toUpperCase()} (an entry that could not be formatted)\n`;
    }
    this.pending.push(entry);
    return this.flush();
  }

  private flush(): Promise<void> {
    // One flush at a time; entries that arrive meanwhile go out together in the next one.
    this.flushing ??= (async () => {
      try {
        while (this.pending.length > 0) {
          const batch = this.pending.splice(0);
          await this.append(batch).catch(() => undefined);
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  private async append(entries: string[]): Promise<void> {
    this.content ??= await readFile(this.file, 'utf8').catch(() => '');
    for (const entry of entries) {
      if (this.content.length > 0 && Buffer.byteLength(this.content) + Buffer.byteLength(entry) > this.maxBytes) {
        await writeFileAtomically(this.file, this.content);
        await this.rotate();
        this.content = '';
      }
      this.content += entry;
    }
    await writeFileAtomically(this.file, this.content);
  }

  /** workbench.log → workbench.1.log → … → workbench.<keep>.log, the oldest dropped; each step a rename. */
  private async rotate(): Promise<void> {
    if (this.keep === 0) {
      await rm(this.file, { force: true });
      return;
    }
    await rm(this.rotatedFile(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      await rename(this.rotatedFile(n), this.rotatedFile(n + 1)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await rename(this.file, this.rotatedFile(1));
  }
}
