// The status bar's team word reads the outbox only while team sync is on: every change writes the
// outbox, so a count kept while the word is hidden was read again after each edit to render nothing.
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../renderer/db';
import { TeamStatus } from '../../renderer/features/team/TeamStatus';
import { useTeam } from '../../renderer/features/team/team-state';

afterEach(async () => {
  vi.restoreAllMocks();
  act(() => useTeam.setState({ status: 'off' }));
  document.body.innerHTML = '';
  await db.syncOutbox.clear();
});

const entry = (n: number) => ({ docId: `threat:${n}`, changeId: `change-${n}`, at: new Date(n).toISOString() });

describe('the status bar’s word on team sync', () => {
  it('asks the outbox nothing while sync is off, however often it is written', async () => {
    const counted = vi.spyOn(db.syncOutbox, 'count');
    act(() => useTeam.setState({ status: 'off' }));
    const { container } = render(<TeamStatus />);
    await db.syncOutbox.put(entry(1));
    await db.syncOutbox.put(entry(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
    expect(counted).not.toHaveBeenCalled();
  });

  it('counts what is waiting to be sent once connected, and follows the outbox', async () => {
    await db.syncOutbox.put(entry(1));
    act(() => useTeam.setState({ status: 'synced' }));
    render(<TeamStatus />);
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('Team: 1 to send'));
    await db.syncOutbox.put(entry(2));
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('Team: 2 to send'));
  });
});
