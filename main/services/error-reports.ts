import type { ErrorReport } from '../../shared/ipc/contract';
import type { Log } from './log';

export interface ErrorReportsOptions {
  /** How many reports a window of `windowMs` may log; a render loop would otherwise flood the log. */
  burst?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * Errors the renderer reports (error boundaries, window.onerror, unhandled rejections), written to
 * main's error log. At most `burst` per window are logged; the rest are counted, and the count is
 * logged with the next report that gets through, so a flood is visible without filling the disk.
 */
export class ErrorReports {
  private readonly burst: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private windowStart = -Infinity;
  private inWindow = 0;
  private dropped = 0;

  constructor(
    private readonly log: Log,
    options: ErrorReportsOptions = {},
  ) {
    this.burst = options.burst ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async report(report: ErrorReport): Promise<{ logged: boolean }> {
    const at = this.now();
    if (at - this.windowStart >= this.windowMs) {
      this.windowStart = at;
      this.inWindow = 0;
    }
    if (this.inWindow >= this.burst) {
      this.dropped++;
      return { logged: false };
    }
    this.inWindow++;
    if (this.dropped > 0) {
      const dropped = this.dropped;
      this.dropped = 0;
      void this.log.write(
        'warn',
        `renderer: ${dropped} more error ${dropped === 1 ? 'report was' : 'reports were'} dropped (too many at once)`,
      );
    }
    await this.log.write('error', `renderer (${report.view}, ${report.origin}): ${report.message}`, report.stack);
    return { logged: true };
  }
}
