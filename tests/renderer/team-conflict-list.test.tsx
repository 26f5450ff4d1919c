import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictList } from '../../renderer/features/merge';
import { mergeRecordThreeWay, syncConflictOf, type Choice } from '../../shared/interop/merge';

afterEach(cleanup);

const threat = { id: 't1', title: 'Convoy ambush', description: 'Two attacks.', registerId: 'r1' };

function shown(conflict: ReturnType<typeof syncConflictOf>) {
  const chosen: [string, string, Choice][] = [];
  render(
    <ConflictList
      conflicts={[conflict]}
      resolutions={{}}
      colleague="the team"
      names={new Map()}
      onChoose={(id, field, choice) => chosen.push([id, field, choice])}
    />,
  );
  return chosen;
}

describe('team-sync conflicts in the Mine / Theirs / Both list', () => {
  it('a record a colleague deleted and I changed offers Keep mine or Delete it', () => {
    const chosen = shown(syncConflictOf('threats', 't1', threat, undefined, undefined));
    const group = screen.getByRole('radiogroup', { name: 'Deleted threat “Convoy ambush”' });
    expect(group.textContent).toContain('the team deleted this threat; you changed it since.');
    fireEvent.click(screen.getByRole('radio', { name: 'Keep mine' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Delete it' }));
    expect(chosen).toEqual([
      ['threats:t1', 'record', 'mine'],
      ['threats:t1', 'record', 'theirs'],
    ]);
  });

  it('the same field changed differently shows both values, and Both for free text', () => {
    const base = threat;
    const mine = { ...threat, description: 'Three attacks.' };
    const theirs = { ...threat, description: 'Two attacks, one foiled.' };
    const merge = mergeRecordThreeWay('threats', base, mine, theirs);
    shown(syncConflictOf('threats', 't1', mine, theirs, merge));
    const group = screen.getByRole('radiogroup', { name: 'Description of “Convoy ambush”' });
    expect(group.textContent).toContain('Three attacks.');
    expect(group.textContent).toContain('Two attacks, one foiled.');
    expect(screen.getByRole('radio', { name: 'Both' })).toBeDefined();
  });
});
