import JSZip from 'jszip';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZipDirectory, readZipEntry, writeZip, ZipReadError } from '../../main/services/zip';

const text = (s: string) => new TextEncoder().encode(s);

describe('the backup zip writer and reader (Node zlib)', () => {
  it('writes zips other tools read, and reads zips other tools write', async () => {
    const written = await writeZip([
      { name: 'manifest.json', data: text('{"a":1}'), deflate: false },
      { name: 'tables/шаблон.json', data: text('[1,2,3]'.repeat(1000)), deflate: true },
    ]);
    const byJszip = await JSZip.loadAsync(written);
    expect(await byJszip.file('tables/шаблон.json')!.async('string')).toBe('[1,2,3]'.repeat(1000));

    const other = new JSZip();
    other.file('a.txt', 'stored', { compression: 'STORE' });
    other.file('b.txt', 'deflated '.repeat(100), { compression: 'DEFLATE' });
    const bytes = await other.generateAsync({ type: 'uint8array', comment: 'a comment after the end record' });
    const directory = readZipDirectory(bytes);
    expect(new TextDecoder().decode(await readZipEntry(bytes, directory.get('b.txt')!, 10_000))).toBe(
      'deflated '.repeat(100),
    );
    expect(new TextDecoder().decode(await readZipEntry(bytes, directory.get('a.txt')!, 10_000))).toBe('stored');
  });

  it('stops inflating at the declared size: an entry that unpacks larger is refused (a zip bomb)', async () => {
    const small = await writeZip([{ name: 'x', data: text('x'), deflate: true }]);
    const directory = readZipDirectory(small);
    const entry = directory.get('x')!;
    // The same entry pointing at 10 MB of zeros, compressed to a few KB, still declaring one byte.
    const bomb = deflateRawSync(new Uint8Array(10 * 1024 * 1024));
    const forged = Buffer.concat([Buffer.from(small.subarray(0, entry.dataOffset)), bomb]);
    await expect(readZipEntry(forged, { ...entry, compressedSize: bomb.byteLength }, 1024)).rejects.toBeInstanceOf(
      ZipReadError,
    );
    await expect(readZipEntry(small, { ...entry, size: 5000 }, 1024)).rejects.toBeInstanceOf(ZipReadError);
  });

  it('tells a file that is no zip from one that is cut short', async () => {
    const bytes = await writeZip([{ name: 'a', data: text('hello'), deflate: false }]);
    expect(() => readZipDirectory(text('hello, world'))).toThrow(expect.objectContaining({ kind: 'not-a-zip' }));
    expect(() => readZipDirectory(bytes.subarray(0, bytes.length - 5))).toThrow(
      expect.objectContaining({ kind: 'damaged' }),
    );
    const corrupt = Buffer.from(bytes);
    corrupt[35]! ^= 0xff; // inside the stored data: the CRC-32 catches it
    await expect(readZipEntry(corrupt, readZipDirectory(corrupt).get('a')!, 100)).rejects.toBeInstanceOf(ZipReadError);
  });
});
