import { storeTextsThrough } from './source-text';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../renderer/db';
import { readMyWorkspace } from '../../renderer/db/merge';
import { updateThreat } from '../../renderer/workspace/commands/threats';
import { MergeDialog, startMerge } from '../../renderer/features/merge';
import { useWorkbench } from '../../renderer/stores';
import { workspace } from '../../renderer/workspace';
import { ensureReplicaId } from '../../renderer/workspace/commands/backup';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import type { Row } from '../../shared/interop/merge';
import { LOCAL_META_KEYS, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

beforeEach(async () => {
  await db.transaction('rw', db.workspaceTables, () => Promise.all(db.workspaceTables.map((t) => t.clear())));
  const api = await realWorkbench(await tempFolder());
  await seedDemoWorkspaceOnce(storeTextsThrough(db, api), () => api.loadDemoWorkspace());
  useWorkbench.setState({ mergeRequest: null, notices: [] });
  workspace.clearHistory();
});
afterEach(cleanup);

/** Every table but the history; the merge bases as those in effect (local meta is not put back by a revision). */
async function workspaceState() {
  const { tables, mergeBases } = await readMyWorkspace(db);
  const { revisions: _history, meta, ...records } = tables;
  return {
    ...records,
    meta: (meta as Row[]).filter((m) => !(LOCAL_META_KEYS as readonly unknown[]).includes(m.key)),
    mergeBases,
  };
}

/** A colleague who changed the first threat's description and likelihood, and added a tag. */
async function colleagueWhoEditedTheFirstThreat(): Promise<{ theirs: WorkspaceSnapshot; threat: Row }> {
  const theirs: WorkspaceSnapshot = {
    ...structuredClone(await readMyWorkspace(db)),
    replicaId: 'colleague-replica',
    mergeBases: {},
  };
  const threat = (theirs.tables.threats as Row[])[0]!;
  threat.description = 'Their reading of the threat.';
  threat.likelihood = 1;
  threat.score = Number(threat.impact);
  threat.updatedAt = '2030-01-01T00:00:00.000Z';
  const tags = theirs.tables.tags as Row[];
  tags.push({ ...tags[0]!, id: crypto.randomUUID(), name: 'Labour migration', parentId: null });
  return { theirs, threat };
}

describe('the Merge dialog', () => {
  it('lists the conflicts with Mine / Theirs / Both, applies only once all are settled, reports, and undoes as one step', async () => {
    const { theirs, threat } = await colleagueWhoEditedTheFirstThreat();
    const id = String(threat.id);
    await workspace.perform(updateThreat, { id, patch: { description: 'My reading of the threat.', likelihood: 5 } });
    await ensureReplicaId(workspace); // planning gives the installation its id; that is not part of the merge
    const mineBefore = await workspaceState();

    render(<MergeDialog />);
    act(() => startMerge(theirs, 'Dilnoza'));
    const dialog = await screen.findByRole('dialog', { name: "Merge Dilnoza's backup" });
    // Planning reads the whole workspace, its history included: give it time on a busy machine.
    await within(dialog).findByRole('table', { name: 'What the merge will do' }, { timeout: 10_000 });
    const apply = within(dialog).getByRole('button', { name: 'Apply merge' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByText(/Settle 1 more conflict/)).toBeTruthy();

    const title = String(threat.title);
    const description = within(dialog).getByRole('radiogroup', { name: `Description of “${title}”` });
    const likelihood = within(dialog).getByRole('radiogroup', { name: `Likelihood of “${title}”` });
    expect(
      within(description)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['Mine', 'Theirs', 'Both']);
    // A rating cannot be "both".
    expect(
      within(likelihood)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['Mine', 'Theirs']);
    expect(within(description).getByText('Their reading of the threat.')).toBeTruthy();

    fireEvent.click(within(description).getByRole('radio', { name: 'Both' }));
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(likelihood).getByRole('radio', { name: 'Theirs' }));
    expect(within(dialog).getByText('(1 of 1 settled)')).toBeTruthy();
    expect((apply as HTMLButtonElement).disabled).toBe(false);
    // One reason for the whole merge, offered and editable.
    const reason = within(dialog).getByRole('textbox', { name: /^Reason/ }) as HTMLInputElement;
    expect(reason.value).toBe("Merged Dilnoza's work");
    fireEvent.change(reason, { target: { value: 'Reconciled after the April team meeting' } });
    fireEvent.click(apply);

    await within(dialog).findByRole('heading', { name: 'Merge applied' }, { timeout: 10_000 });
    const merged = (await db.threats.get(id))!;
    expect(merged.description).toBe('My reading of the threat.\n\n——— Dilnoza ———\nTheir reading of the threat.');
    expect(merged).toMatchObject({ likelihood: 1, score: merged.impact });
    expect(await db.tags.where('name').equals('Labour migration').count()).toBe(1);
    const report = within(dialog).getByLabelText('Merge report').textContent!;
    expect(report).toContain('Merged the backup from Dilnoza.');
    expect(report).toContain('Tags: 1 added.');
    expect(report).toContain('Threats: 1 updated, 1 conflict settled.');
    expect(report).toContain('Conflicting fields settled: 0 kept mine, 1 took theirs, 1 kept both.');
    expect(useWorkbench.getState().notices.at(-1)?.message).toContain('Merged the backup from Dilnoza.');
    const recorded = (await db.revisions.toArray()).filter((r) => r.command === 'merge.apply');
    expect(recorded.map((r) => r.entity)).toEqual(expect.arrayContaining(['threat', 'tag']));
    expect(recorded.every((r) => r.rationale === 'Reconciled after the April team meeting')).toBe(true);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(useWorkbench.getState().mergeRequest).toBeNull());

    expect(workspace.history().undoLabel).toBe("merge Dilnoza's backup");
    await act(() => workspace.undo());
    expect(await workspaceState()).toEqual(mineBefore);
  });

  it('settles every conflict at once with “Keep mine for all”', async () => {
    const { theirs, threat } = await colleagueWhoEditedTheFirstThreat();
    await workspace.perform(updateThreat, {
      id: String(threat.id),
      patch: { description: 'My reading of the threat.', likelihood: 5 },
    });
    render(<MergeDialog />);
    act(() => startMerge(theirs, 'Dilnoza'));
    const dialog = await screen.findByRole('dialog', { name: "Merge Dilnoza's backup" });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Keep mine for all' }, { timeout: 10_000 }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply merge' }));
    await within(dialog).findByRole('heading', { name: 'Merge applied' }, { timeout: 10_000 });
    expect(await db.threats.get(String(threat.id))).toMatchObject({
      description: 'My reading of the threat.',
      likelihood: 5,
    });
  });

  it('says why a backup cannot be merged, and writes nothing', async () => {
    await ensureReplicaId(workspace);
    const own = await readMyWorkspace(db);
    render(<MergeDialog />);
    act(() => startMerge(own, 'my laptop'));
    const dialog = await screen.findByRole('dialog', { name: "Merge my laptop's backup" });
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /made from this workspace itself.*restore it instead/,
    );
    expect(await db.meta.get('mergeBases')).toBeUndefined();
  });
});
