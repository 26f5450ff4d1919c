/**
 * Live sync: a colleague's change arrives without anyone pressing Sync now, and a change made here is
 * sent shortly after it is made. Colleagues' changes are waited for on the server's `_changes` feed
 * (`feed=longpoll`: the request is answered as soon as there is something new), so they arrive within
 * moments instead of at the next poll; when the server cannot be reached, it tries again every little
 * while. Syncs never overlap: one asked for while one runs is made right after it.
 */
export interface LiveSyncOptions {
  /** One sync with the server. */
  sync: () => Promise<unknown>;
  /** Waits on the server's feed; answers whether there are changes past this machine's checkpoint. */
  waitForChanges: () => Promise<boolean>;
  /** Told of every change made here (the workspace's subscription). */
  subscribe: (listener: () => void) => () => void;
  /** How soon after a change here it is sent (changes made in a burst go together). */
  afterChangeMs: number;
  /** How long to wait before trying again when the server could not be reached. */
  retryMs: number;
}

export class LiveSync {
  private running = false;
  private syncing: Promise<void> | null = null;
  private again = false;
  private soon: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: LiveSyncOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.subscribe(() => {
      clearTimeout(this.soon);
      this.soon = setTimeout(() => void this.syncOnce(), this.options.afterChangeMs);
    });
    void this.listen();
  }

  /** Stops waiting and sending; a sync already under way finishes (it is safe to stop at any point). */
  stop(): void {
    this.running = false;
    clearTimeout(this.soon);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wake?.();
  }

  /** Resolves when no sync is under way (for a clean stop). */
  async settled(): Promise<void> {
    while (this.syncing) await this.syncing;
  }

  private async listen(): Promise<void> {
    await this.syncOnce();
    while (this.running) {
      let changed: boolean;
      try {
        changed = await this.options.waitForChanges();
      } catch {
        // Not reached (offline, or the server refused): the status bar already says why; try again later.
        await this.pause(this.options.retryMs);
        changed = true;
      }
      if (changed && this.running) await this.syncOnce();
    }
  }

  private syncOnce(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.again = false;
          if (!this.running) return;
          try {
            await this.options.sync();
          } catch {
            // The sync reports its own failures (as sentences, in the status bar); live sync carries on.
          }
        } while (this.again);
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
