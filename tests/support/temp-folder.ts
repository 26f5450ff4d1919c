import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A real folder on disk for one test, removed afterwards. */
export function useTempFolders(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    // Retried: a write the test set going without awaiting it (an error report appended to the log) may
    // still be landing in the folder while it is removed (ENOTEMPTY).
    await Promise.all(
      made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })),
    );
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'workbench-test-'));
    made.push(dir);
    return dir;
  };
}
