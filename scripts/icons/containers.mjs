// Windows .ico and macOS .icns writers. Both formats are a small header and a directory around PNG
// images, which Windows (Vista and later) and macOS (10.7 and later) read as they are. Hand-written
// because no icon tool is installed here (png2icons, iconutil and ImageMagick are not available offline),
// and twenty lines are simpler than a dependency that resizes images we already render from the SVG.

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
export function pngSize(png) {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error('Not a PNG image.');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * ICONDIR (6 bytes) + one ICONDIRENTRY (16 bytes) per image + the PNGs. A width or height of 256 is
 * written as 0, as the format says.
 */
export function writeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const png of pngs) {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256) throw new Error(`An .ico image can be at most 256 pixels wide, not ${width}.`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(width === 256 ? 0 : width, 0);
    entry.writeUInt8(height === 256 ? 0 : height, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs]);
}

/**
 * The PNG element types of an .icns file and the pixel size each holds (the @2x types hold twice
 * their point size), as Apple's iconutil writes them.
 */
export const ICNS_TYPES = [
  { type: 'icp4', pixels: 16 },
  { type: 'icp5', pixels: 32 },
  { type: 'ic11', pixels: 32 }, // 16@2x
  { type: 'icp6', pixels: 64 },
  { type: 'ic12', pixels: 64 }, // 32@2x
  { type: 'ic07', pixels: 128 },
  { type: 'ic08', pixels: 256 },
  { type: 'ic13', pixels: 256 }, // 128@2x
  { type: 'ic09', pixels: 512 },
  { type: 'ic14', pixels: 512 }, // 256@2x
  { type: 'ic10', pixels: 1024 }, // 512@2x
];

/** 'icns' + total length, then per element: its 4-byte type, its length (header included), the PNG. */
export function writeIcns(pngBySize) {
  const elements = ICNS_TYPES.map(({ type, pixels }) => {
    const png = pngBySize.get(pixels);
    if (!png) throw new Error(`The .icns needs a ${pixels}×${pixels} PNG for ${type}.`);
    const { width } = pngSize(png);
    if (width !== pixels) throw new Error(`The PNG for ${type} is ${width} pixels wide, not ${pixels}.`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}
