import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { AUTHOR_KEY, exportAuthor } from '../../renderer/db/settings';
import { setAuthorIdentity } from '../../renderer/workspace/commands/settings';
import { NEVER_MERGED_META } from '../../shared/interop/merge/tables';
import { perform, workspaceOf } from './perform';

const opened: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function database(): Promise<WorkbenchDatabase> {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  opened.push(db);
  await db.open();
  return db;
}

describe('the export author setting', () => {
  it('is unset at first, then saved through the settings command with the time it was set', async () => {
    const db = await database();
    expect(await exportAuthor(db)).toBeNull();
    const before = new Date().toISOString();
    await perform(db, setAuthorIdentity, {
      name: '  Айгерим Сейткали ',
      organisation: 'KISI',
      identityClass: 'individual',
    });
    const author = await exportAuthor(db);
    expect(author).toMatchObject({ name: 'Айгерим Сейткали', organisation: 'KISI', identityClass: 'individual' });
    expect(author!.updatedAt >= before).toBe(true);
    // Recorded in the history, but not a step for Ctrl+Z; and never taken from a colleague's backup.
    const history = await db.revisions.where('[entity+entityId]').equals(['meta', AUTHOR_KEY]).toArray();
    expect(history.some((r) => r.command === 'settings.setAuthorIdentity')).toBe(true);
    expect(workspaceOf(db).history().canUndo).toBe(false);
    expect(NEVER_MERGED_META).toContain(AUTHOR_KEY);
  });

  it('refuses details that name nobody, in a sentence, and keeps what was there', async () => {
    const db = await database();
    await perform(db, setAuthorIdentity, { name: '', organisation: 'KISI', identityClass: 'organization' });
    await expect(
      perform(db, setAuthorIdentity, { name: ' ', organisation: '', identityClass: 'individual' }),
    ).rejects.toThrow('Give the author a name or an organisation, so that exports can say who made them.');
    await expect(
      perform(db, setAuthorIdentity, { name: 'Almat', organisation: '', identityClass: 'organization' }),
    ).rejects.toThrow('An organisation author needs the organisation’s name.');
    expect(await exportAuthor(db)).toMatchObject({ name: '', organisation: 'KISI', identityClass: 'organization' });
  });
});
