// The status bar follows every change's save state; only its save-state words render for it.
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusBar } from '../../renderer/app/StatusBar';
import type { AppInfo } from '../../renderer/platform/workbench';
import { useWorkbench } from '../../renderer/stores';

const renders = vi.hoisted(() => ({ backup: 0, team: 0 }));
vi.mock('../../renderer/features/backup', () => ({
  BackupStatus: () => {
    renders.backup++;
    return null;
  },
}));
vi.mock('../../renderer/features/team', () => ({
  TeamStatus: () => {
    renders.team++;
    return null;
  },
}));

afterEach(() => {
  act(() => useWorkbench.setState({ saveState: 'idle' }));
  document.body.innerHTML = '';
});

const info: AppInfo = { name: 'Analyst Workbench', version: '0.1.0', dataFolder: '/data', host: 'bridge' };

describe('the status bar', () => {
  it('says "Saving…" and "Saved" for a change without rendering the backup and team words again', () => {
    render(<StatusBar info={info} />);
    const before = { ...renders };
    act(() => useWorkbench.setState({ saveState: 'saving' }));
    expect(screen.getByRole('status').textContent).toBe('Saving…');
    act(() => useWorkbench.setState({ saveState: 'saved' }));
    expect(screen.getByRole('status').textContent).toBe('All changes are saved');
    expect(renders).toEqual(before);
  });
});
