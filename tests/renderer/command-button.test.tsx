import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandButton } from '../../renderer/features/desktop';
import { useWorkbench } from '../../renderer/stores';
import { bindCommandHandler } from '../../renderer/workspace/user-commands';

afterEach(() => {
  useWorkbench.setState({ view: 'sources', notices: [] });
  document.body.innerHTML = '';
});

describe('a toolbar button runs its registry command through the one dispatcher', () => {
  it('runs what the view bound, with the title and key of the registry in its tooltip', () => {
    useWorkbench.setState({ view: 'register' });
    let exports = 0;
    const unbind = bindCommandHandler('register:export-csv', { run: () => void exports++ });
    render(<CommandButton command="register:export-csv">Export CSV</CommandButton>);
    const button = screen.getByRole('button', { name: 'Export CSV' });
    expect(button.getAttribute('title')).toBe('Export Register as CSV…');
    expect(button.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(button);
    expect(exports).toBe(1);
    unbind();
  });

  it('says why when the command cannot run, and leaves the work undone', () => {
    useWorkbench.setState({ view: 'register' });
    let exports = 0;
    const why = 'There is no register to export yet.';
    const unbind = bindCommandHandler('register:export-csv', { run: () => void exports++, enabled: () => why });
    render(<CommandButton command="register:export-csv">Export CSV</CommandButton>);
    const button = screen.getByRole('button', { name: 'Export CSV' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('title')).toContain(why);
    act(() => fireEvent.click(button));
    expect(exports).toBe(0);
    expect(useWorkbench.getState().notices.map((n) => n.message)).toContain(why);
    unbind();
  });

  it('shows the command key beside the title for the keyboard-minded', () => {
    render(<CommandButton command="import" hint="or drop files on the window" />);
    const button = screen.getByRole('button');
    expect(button.textContent).toBe('Import Sources…');
    expect(button.getAttribute('title')).toMatch(/Import Sources… \(Ctrl\+O\) — or drop files on the window/);
    expect(button.getAttribute('aria-keyshortcuts')).toContain('Control+O');
  });
});
