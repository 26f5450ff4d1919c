import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, fromWire, toWire } from '../../shared/ipc/wire';

describe('bridge wire format', () => {
  it('carries bytes inside JSON, Buffers included', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const value = { ok: true, value: { bytes, nested: [Buffer.from('héllo'), 'text', 3] } };
    const back = fromWire(toWire(value)) as typeof value;
    expect(back.value.bytes).toEqual(bytes);
    expect(new TextDecoder().decode(back.value.nested[0] as Uint8Array)).toBe('héllo');
    expect(back.value.nested.slice(1)).toEqual(['text', 3]);
  });

  it('matches standard base64', () => {
    const bytes = new TextEncoder().encode('Қазақстан ✓');
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
  });

  it('leaves ordinary objects with other keys alone', () => {
    expect(fromWire('{"$bytes":"AA==","other":1}')).toEqual({ $bytes: 'AA==', other: 1 });
  });

  it('carries values without bytes as plain JSON, text that names the tag included', () => {
    const value = { records: [{ id: 'a', text: 'a quote: {"$bytes":"AA=="} and "$bytes"' }], count: 2 };
    expect(toWire(value)).toBe(JSON.stringify(value));
    expect(fromWire(toWire(value))).toEqual(value);
  });

  it('finds bytes deep inside arrays and objects', () => {
    const value = [{ a: [{ b: { c: new Uint8Array([1, 2, 3]) } }] }];
    expect(toWire(value)).toContain('"$bytes"');
    expect(fromWire(toWire(value))).toEqual([{ a: [{ b: { c: new Uint8Array([1, 2, 3]) } }] }]);
  });
});
