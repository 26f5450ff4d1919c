// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../renderer/workspace/sync/parallel';

/** A promise the test settles by hand, so which work is running at a moment is known, not timed. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('team sync runs a few requests at once', () => {
  it('never runs more than the bound at a time, and answers in the order of the items', async () => {
    const gates = Array.from({ length: 7 }, gate);
    const started: number[] = [];
    const result = mapBounded(gates, 3, async (g, index) => {
      started.push(index);
      await g.opened;
      return index * 10;
    });
    await turn();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    await turn();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.open();
    expect(await result).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(started).toHaveLength(7);
  });

  it('starts nothing new after a failure, and rejects with it', async () => {
    const gates = Array.from({ length: 6 }, gate);
    const started: number[] = [];
    const result = mapBounded(gates, 2, async (g, index) => {
      started.push(index);
      await g.opened;
      if (index === 0) throw new Error('the server could not be reached');
      return index;
    });
    const failed = expect(result).rejects.toThrow('could not be reached');
    await turn();
    gates[0]!.open();
    await turn();
    gates[1]!.open();
    await failed;
    await turn();
    expect(started).toEqual([0, 1]);
  });

  it('answers nothing for no items', async () => {
    expect(await mapBounded([], 3, async () => 1)).toEqual([]);
  });
});
