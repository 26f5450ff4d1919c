import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWorkbench } from '../../renderer/stores';
import { bindCommandHandler, useUserCommand } from '../../renderer/workspace/user-commands';

afterEach(() => {
  useWorkbench.setState({ view: 'sources', saveState: 'saved' });
});

describe('what a cell edit sets off besides the edit', () => {
  it('writes the UI state to localStorage only when what is kept changed, after the task that changed it', async () => {
    const key = 'analyst-workbench:ui';
    // The state as it is, written once (the first update since the window opened writes it).
    const pageGoes = () => window.dispatchEvent(new Event('pagehide'));
    act(() => useWorkbench.setState({ saveState: 'saved' }));
    pageGoes();
    // A mark in its place shows whether the store writes again.
    localStorage.setItem(key, 'unchanged since');
    // Save status is not kept: "Saving…" and "Saved" write nothing, even when the page goes.
    act(() => useWorkbench.setState({ saveState: 'saving' }));
    act(() => useWorkbench.setState({ saveState: 'saved' }));
    pageGoes();
    expect(localStorage.getItem(key)).toBe('unchanged since');
    // The chosen threat is kept: written, though not in the task that chose it (here, as the page goes).
    act(() => useWorkbench.getState().selectThreat('threat-after-the-edit'));
    expect(localStorage.getItem(key)).toBe('unchanged since');
    pageGoes();
    const kept = JSON.parse(localStorage.getItem(key) ?? '{}') as { state?: { selectedThreatId?: string } };
    expect(kept.state?.selectedThreatId).toBe('threat-after-the-edit');
    // Left alone, the page writes it once it is idle (here, without requestIdleCallback, on a short timer).
    act(() => useWorkbench.getState().selectThreat('threat-chosen-next'));
    await vi.waitFor(() => expect(localStorage.getItem(key)).toContain('threat-chosen-next'));
  });

  it("re-renders a command's button when its own state turns, not when another command's does", () => {
    useWorkbench.setState({ view: 'register' });
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useUserCommand('register:export-csv');
    });
    const before = renders;
    // Another command bound and unbound: nothing changes for this button.
    act(() => bindCommandHandler('register:export-stix', { run: () => undefined })());
    expect(renders).toBe(before);
    // Its own handler, refusing: the button turns disabled, with the reason.
    const why = 'There is no register to export yet.';
    let unbind: () => void = () => undefined;
    act(() => {
      unbind = bindCommandHandler('register:export-csv', { run: () => undefined, enabled: () => why });
    });
    expect(renders).toBeGreaterThan(before);
    expect(result.current.state).toMatchObject({ enabled: false, reason: why });
    act(() => unbind());
  });
});
