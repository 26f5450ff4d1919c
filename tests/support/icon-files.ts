// Readers for the icon files the installers use, written from the formats' descriptions (not from
// scripts/icons/containers.mjs, the writer they check).

export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Each image of a Windows .ico: the size its directory entry states and the size of the PNG it holds. */
export function readIco(file: Buffer): { stated: number; png: { width: number; height: number } }[] {
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const stated = file.readUInt8(entry) || 256;
    const length = file.readUInt32LE(entry + 8);
    const offset = file.readUInt32LE(entry + 12);
    return { stated, png: pngSize(file.subarray(offset, offset + length)) };
  });
}

/** Each element of a macOS .icns: its type and, where it holds a PNG, that PNG's size. */
export function readIcns(file: Buffer): { type: string; png?: { width: number; height: number } }[] {
  if (file.subarray(0, 4).toString('latin1') !== 'icns' || file.readUInt32BE(4) !== file.length)
    throw new Error('not an .icns file');
  const elements: { type: string; png?: { width: number; height: number } }[] = [];
  for (let at = 8; at < file.length;) {
    const type = file.subarray(at, at + 4).toString('latin1');
    const length = file.readUInt32BE(at + 4);
    if (length < 8) throw new Error(`bad .icns element ${type}`);
    const data = file.subarray(at + 8, at + length);
    elements.push({ type, ...(data.subarray(1, 4).toString('latin1') === 'PNG' ? { png: pngSize(data) } : {}) });
    at += length;
  }
  return elements;
}
