// An edit on a large register touches its own row and heat-map cell: the threat list records which
// entries it replaced, and the grid's rows and the heat map's counts follow from that alone — giving
// the same answer as building them again from scratch.
import { describe, expect, it } from 'vitest';
import type { Threat } from '../../shared/domain/threat';
import { DEFAULT_SCALE } from '../../shared/domain/scoring';
import { changeOf, replaceEntries } from '../../renderer/db/list-change';
import { ThreatList } from '../../renderer/db/useRegisterThreats';
import { GridRows } from '../../renderer/features/register/grid-rows';
import { heatCountsOf } from '../../renderer/features/register/heat-counts';

function threat(n: number, likelihood: number, impact: number): Threat {
  return {
    id: `t${String(n).padStart(5, '0')}`,
    registerId: 'r1',
    title: `Threat ${n}`,
    likelihood,
    impact,
    score: likelihood * impact,
  } as unknown as Threat;
}

const register = Array.from({ length: 2000 }, (_, i) => threat(i, 1 + (i % 5), 1 + ((i * 7) % 5)));
const bands = DEFAULT_SCALE.bands;

describe('an edit on a large register', () => {
  it('the edited list is the previous one with its replaced entries, and says which', () => {
    const edited = { ...register[42]!, title: 'Renamed' };
    const next = replaceEntries(register, new Map([[42, edited]]));
    expect(next).not.toBe(register);
    expect(next[42]).toBe(edited);
    expect(next.filter((t, i) => t !== register[i])).toEqual([edited]);
    expect(changeOf(next)).toEqual({ previous: register, positions: [42] });
    expect(changeOf(register)).toBeUndefined();
  });

  it('moves one threat from one heat-map cell to another, as counting again would', () => {
    const before = heatCountsOf(register, bands);
    const rerated = { ...register[7]!, likelihood: 5, impact: 5, score: 25 };
    const next = replaceEntries(register, new Map([[7, rerated]]));
    const after = heatCountsOf(next, bands);
    const recounted = heatCountsOf([...next], bands);
    expect(after).toEqual(recounted);
    expect(after.counts.get('5:5')).toBe((before.counts.get('5:5') ?? 0) + 1);
    // The earlier version's counts are left as they were.
    expect(heatCountsOf(register, bands)).toBe(before);
  });

  it('counts a threat whose rating is cleared beside the matrix, and back in its cell when rated again', () => {
    const before = heatCountsOf(register, bands);
    const cleared = { ...register[9]!, likelihood: undefined, impact: undefined, score: undefined } as Threat;
    const unrated = replaceEntries(register, new Map([[9, cleared]]));
    const after = heatCountsOf(unrated, bands);
    expect(after).toEqual(heatCountsOf([...unrated], bands));
    expect(after.unrated).toBe(before.unrated + 1);
    const cell = `${register[9]!.likelihood}:${register[9]!.impact}`;
    expect(after.counts.get(cell)).toBe(before.counts.get(cell)! - 1);
    const rerated = replaceEntries(unrated, new Map([[9, register[9]!]]));
    expect(heatCountsOf(rerated, bands)).toEqual(heatCountsOf([...register], bands));
  });

  it('rebuilds only the edited row; every other row keeps its object, and the change is passed on', () => {
    const rows = new GridRows();
    const evidence = new Map([[register[3]!.id, 2]]);
    const first = rows.rows(register, evidence, null);
    expect(first[3]!.evidenceCount).toBe(2);
    const edited = { ...register[3]!, title: 'Renamed' };
    const next = replaceEntries(register, new Map([[3, edited]]));
    const second = rows.rows(next, evidence, null);
    expect(second[3]).toMatchObject({ title: 'Renamed', evidenceCount: 2 });
    expect(second.filter((row, i) => row !== first[i])).toEqual([second[3]]);
    expect(changeOf(second)).toEqual({ previous: first, positions: [3] });
    // New evidence counts, or a heat-map cell's filter, give rows built from the list as it is.
    const recounted = rows.rows(next, new Map(), null);
    expect(recounted[3]!.evidenceCount).toBe(0);
    expect(changeOf(recounted)).toBeUndefined();
    const inCell = rows.rows(next, evidence, { likelihood: 1, impact: 1 });
    expect(inCell.every((row) => row.likelihood === 1 && row.impact === 1)).toBe(true);
    expect(inCell.length).toBe(register.filter((t) => t.likelihood === 1 && t.impact === 1).length);
  });
});

describe('the register’s threat list', () => {
  it('publishes an edit as a replacement of its entry, and an added or removed threat as a new list', () => {
    const list = new ThreatList();
    list.reset(register.slice(0, 5));
    const first = list.publish();
    expect(first.map((t) => t.id)).toEqual(register.slice(0, 5).map((t) => t.id));
    expect(list.publish()).toBe(first);

    const edited = { ...register[2]!, title: 'Renamed' };
    expect(list.put(edited.id, edited)).toBe(true);
    const second = list.publish();
    expect(second[2]).toBe(edited);
    expect(changeOf(second)).toEqual({ previous: first, positions: [2] });

    // Gone (deleted, or moved to another register): the list is rebuilt, with the earlier edit kept.
    const again = { ...register[4]!, title: 'Edited again' };
    list.put(again.id, again);
    expect(list.put(register[0]!.id, undefined)).toBe(true);
    const third = list.publish();
    expect(third.map((t) => t.title)).toEqual(['Threat 1', 'Renamed', 'Threat 3', 'Edited again']);
    expect(changeOf(third)).toBeUndefined();

    // A threat not in the list that is not in this register either changes nothing.
    expect(list.put('t99999', undefined)).toBe(false);
    const added = threat(99999, 1, 1);
    expect(list.put(added.id, added)).toBe(true);
    expect(list.publish().at(-1)).toBe(added);
  });
});

describe('an edit shown before it is stored', () => {
  it('takes its entry at once, gives way to the stored record, and changes nothing when read back as shown', () => {
    const list = new ThreatList();
    list.reset(register.slice(0, 5));
    const first = list.publish();
    const shown = { ...register[1]!, title: 'Renamed before the write' };
    expect(list.show(shown)).toBe(true);
    const second = list.publish();
    expect(second[1]).toBe(shown);
    expect(changeOf(second)).toEqual({ previous: first, positions: [1] });

    // The stored record (stamped when written) takes the entry once the write comes back.
    const stored = { ...shown, updatedAt: '2026-12-03T12:00:00.000Z' } as Threat;
    expect(list.put(stored.id, stored)).toBe(true);
    expect(list.publish()[1]).toBe(stored);
    // Nothing is left to take back, and the same record read again is no change at all.
    expect(list.withdraw(stored.id)).toBe(false);
    expect(list.put(stored.id, { ...stored })).toBe(false);
  });

  it('puts the stored record back when the write fails', () => {
    const list = new ThreatList();
    list.reset(register.slice(0, 5));
    const first = list.publish();
    list.show({ ...register[3]!, title: '' });
    // Shown twice before either write ends (two quick edits): the stored record is still the one kept.
    list.show({ ...register[3]!, title: 'Again' });
    expect(list.publish()[3]!.title).toBe('Again');
    expect(list.withdraw(register[3]!.id)).toBe(true);
    const back = list.publish();
    expect(back[3]).toBe(first[3]);
    expect(back.filter((t, i) => t !== first[i])).toEqual([]);
    // A threat that is not in the list is not shown.
    expect(list.show(threat(99999, 1, 1))).toBe(false);
  });
});
