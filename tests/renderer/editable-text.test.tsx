import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditableText } from '../../renderer/ui/EditableText';

/** The field as an inspector shows it, noting what the field holds at each commit of the page. */
function Inspector({ title, seen }: { title: string; seen: string[] }) {
  useLayoutEffect(() => {
    seen.push((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value);
  });
  return (
    <EditableText
      label="Title"
      value={title}
      validate={(value) => (value ? null : 'A threat needs a title. Type one, or press Escape to keep the old one.')}
      onCommit={() => Promise.resolve()}
    />
  );
}

afterEach(cleanup);

describe('a field edited in place', () => {
  it('shows the next record’s value in the same commit, never the previous one’s for a frame', () => {
    const seen: string[] = [];
    const { rerender } = render(<Inspector title="ISIS-Khorasan recruitment" seen={seen} />);
    act(() => rerender(<Inspector title="Kosh-Tepa canal water draw" seen={seen} />));
    expect(seen).toEqual(['ISIS-Khorasan recruitment', 'Kosh-Tepa canal water draw']);
  });

  it('drops an unsaved draft and its refusal when another value arrives, and keeps a draft otherwise', () => {
    const seen: string[] = [];
    const { rerender } = render(<Inspector title="TTP" seen={seen} />);
    const field = screen.getByRole('textbox', { name: 'Title' });
    fireEvent.change(field, { target: { value: 'TTP attacks in Khyber' } });
    act(() => rerender(<Inspector title="TTP" seen={seen} />));
    expect((field as HTMLInputElement).value).toBe('TTP attacks in Khyber');
    fireEvent.change(field, { target: { value: '' } });
    act(() => fireEvent.blur(field));
    expect(screen.getByRole('alert').textContent).toContain('A threat needs a title.');
    act(() => rerender(<Inspector title="Balochistan Liberation Army" seen={seen} />));
    expect((field as HTMLInputElement).value).toBe('Balochistan Liberation Army');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
