import { describe, expect, it } from 'vitest';
import { keyTarget, typeAheadTarget } from '../../renderer/features/sources/library-keys';

const titles = [
  'Amu Darya water talks',
  'Field report 0001',
  'Field report 0002',
  'Kosh-Tepa canal: the first phase',
  'kosh-tepa canal: the second phase',
  '  Khorasan Province recruitment',
  'Водные ресурсы Центральной Азии',
  'مهاجرت از ولایات شمالی افغانستان',
];
const at = (i: number) => titles[i]!;

describe('the library’s keys', () => {
  it('move one entry, a screen of entries, or to either end, and never out of the list', () => {
    expect(keyTarget('ArrowDown', 3, 10, 5)).toBe(4);
    expect(keyTarget('ArrowUp', 3, 10, 5)).toBe(2);
    expect(keyTarget('ArrowUp', 0, 10, 5)).toBe(0);
    expect(keyTarget('ArrowDown', 9, 10, 5)).toBe(9);
    expect(keyTarget('PageDown', 7, 10, 5)).toBe(9);
    expect(keyTarget('PageUp', 2, 10, 5)).toBe(0);
    expect(keyTarget('Home', 7, 10, 5)).toBe(0);
    expect(keyTarget('End', 2, 10, 5)).toBe(9);
    expect(keyTarget('x', 2, 10, 5)).toBeUndefined();
    expect(keyTarget('End', 0, 0, 5)).toBeUndefined();
  });

  it('jump to the next title that begins with a typed letter, round to the start, whatever its case', () => {
    expect(typeAheadTarget(at, titles.length, 0, 'f')).toBe(1);
    // The same letter again moves on to the next title with it.
    expect(typeAheadTarget(at, titles.length, 1, 'f')).toBe(2);
    expect(typeAheadTarget(at, titles.length, 2, 'f')).toBe(1);
    expect(typeAheadTarget(at, titles.length, 0, 'K')).toBe(3);
    expect(typeAheadTarget(at, titles.length, 3, 'k')).toBe(4);
    // The same letter typed quickly again steps on too, rather than looking for "ff".
    expect(typeAheadTarget(at, titles.length, 1, 'ff')).toBe(2);
    expect(typeAheadTarget(at, titles.length, 2, 'fff')).toBe(1);
    // Leading spaces in a title are not part of it.
    expect(typeAheadTarget(at, titles.length, 4, 'k')).toBe(5);
  });

  it('keep the entry moved to while a longer prefix still fits it, and find titles in any script', () => {
    expect(typeAheadTarget(at, titles.length, 1, 'field report 000')).toBe(1);
    expect(typeAheadTarget(at, titles.length, 1, 'field report 0002')).toBe(2);
    expect(typeAheadTarget(at, titles.length, 3, 'kosh-tepa canal: the s')).toBe(4);
    expect(typeAheadTarget(at, titles.length, 0, 'вод')).toBe(6);
    expect(typeAheadTarget(at, titles.length, 0, 'مهاجرت')).toBe(7);
    expect(typeAheadTarget(at, titles.length, 0, 'zz')).toBe(-1);
  });
});
