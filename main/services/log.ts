import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';

/**
 * A plain daily log in `logs/`. Each entry rewrites the day's file atomically (the logs are small),
 * so a crash never leaves a torn line; writes are queued so entries keep their order.
 */
export class Log {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly folder: string, private readonly now: () => Date = () => new Date()) {}

  fileFor(date: Date): string {
    return join(this.folder, `workbench-${date.toISOString().slice(0, 10)}.log`);
  }

  write(level: 'info' | 'warn' | 'error', message: string, detail?: unknown): Promise<void> {
    const at = this.now();
    const extra = detail instanceof Error ? ` ${detail.stack ?? detail.message}` : detail === undefined ? '' : ` ${JSON.stringify(detail)}`;
    const line = `${at.toISOString()} ${level.toUpperCase()} ${message}${extra}\n`;
    this.queue = this.queue.then(async () => {
      const file = this.fileFor(at);
      const previous = await readFile(file, 'utf8').catch(() => '');
      await writeFileAtomically(file, previous + line);
    }).catch(() => {
      // Logging must never take the app down; a failed log write is dropped.
    });
    return this.queue;
  }
}
