import { promisify } from 'node:util';
import { crc32, deflateRaw, inflateRaw } from 'node:zlib';

// zlib's thread pool: compression runs beside the main process's event loop, several entries at once.
const deflateAsync = promisify(deflateRaw);
const inflateAsync = promisify(inflateRaw);

/**
 * The small part of the zip format backups need, on Node's native zlib: writing stored or deflated
 * entries, and reading them back strictly through the central directory. It is here rather than jszip
 * for speed — pure-JavaScript deflate, inflate and CRC-32 took most of a 50 MB backup's time budget —
 * and because native inflate can stop at the size an entry declares, so a zip bomb inflates no further.
 * No zip64: a backup over 4 GB or 65,535 entries is refused when written.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const MAX_32 = 0xffffffff;

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Deflate (at the fastest level) rather than store as is. */
  deflate: boolean;
}

/** Why a zip could not be read: not a zip at all, or one that is cut short or damaged. */
export class ZipReadError extends Error {
  constructor(readonly kind: 'not-a-zip' | 'damaged') {
    super(kind === 'not-a-zip' ? 'not a zip file' : 'the zip file is damaged or incomplete');
  }
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

interface EntryFields {
  method: number;
  time: number;
  date: number;
  crc: number;
  storedBytes: number;
  bytes: number;
  nameBytes: number;
}

/** The run of fields the local and the central header share (version needed … name length), from `at`. */
function writeEntryFields(buffer: Buffer, at: number, f: EntryFields): void {
  buffer.writeUInt16LE(20, at);
  buffer.writeUInt16LE(UTF8_NAMES, at + 2);
  buffer.writeUInt16LE(f.method, at + 4);
  buffer.writeUInt16LE(f.time, at + 6);
  buffer.writeUInt16LE(f.date, at + 8);
  buffer.writeUInt32LE(f.crc, at + 10);
  buffer.writeUInt32LE(f.storedBytes, at + 14);
  buffer.writeUInt32LE(f.bytes, at + 18);
  buffer.writeUInt16LE(f.nameBytes, at + 22);
}

/** The zip's bytes: each entry's local header and data in the order given, then the central directory. */
export async function writeZip(entries: readonly ZipInput[], modified: Date = new Date()): Promise<Buffer> {
  if (entries.length > 0xffff) throw new RangeError('a zip without zip64 holds at most 65,535 entries');
  const { time, date } = dosDateTime(modified);
  const compressed = await Promise.all(
    entries.map((entry) => (entry.deflate ? deflateAsync(entry.data, { level: 1 }) : entry.data)),
  );
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [i, entry] of entries.entries()) {
    const name = Buffer.from(entry.name, 'utf8');
    const stored = compressed[i]!;
    const crc = crc32(entry.data);
    if (entry.data.byteLength > MAX_32 || offset > MAX_32)
      throw new RangeError('a zip without zip64 holds at most 4 GB');
    const local = Buffer.alloc(30);
    const fields: EntryFields = {
      method: entry.deflate ? DEFLATED : STORED,
      time,
      date,
      crc,
      storedBytes: stored.byteLength,
      bytes: entry.data.byteLength,
      nameBytes: name.byteLength,
    };
    local.writeUInt32LE(LOCAL_HEADER, 0);
    writeEntryFields(local, 4, fields);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(20, 4);
    writeEntryFields(header, 6, fields);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    chunks.push(local, name, stored);
    offset += local.byteLength + name.byteLength + stored.byteLength;
  }
  const centralSize = central.reduce((n, b) => n + b.byteLength, 0);
  if (offset > MAX_32) throw new RangeError('a zip without zip64 holds at most 4 GB');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the entry's (possibly compressed) data starts in the zip. */
  dataOffset: number;
}

/** The entries a zip's central directory lists, each checked against its local header. */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.byteLength < 4 || buffer.readUInt32LE(0) !== LOCAL_HEADER) {
    // An empty zip is nothing but its end record; neither is a backup.
    throw new ZipReadError('not-a-zip');
  }
  // The end record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  let end = -1;
  for (let at = buffer.byteLength - 22; at >= Math.max(0, buffer.byteLength - 22 - 0xffff); at--) {
    if (
      buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY &&
      at + 22 + buffer.readUInt16LE(at + 20) === buffer.byteLength
    ) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipReadError('damaged');
  const count = buffer.readUInt16LE(end + 10);
  const centralSize = buffer.readUInt32LE(end + 12);
  const centralOffset = buffer.readUInt32LE(end + 16);
  if (centralOffset + centralSize > end) throw new ZipReadError('damaged');
  const entries = new Map<string, ZipEntry>();
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipReadError('damaged');
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    // Encrypted entries and unknown methods are not something a backup holds.
    if ((flags & 0x01) !== 0 || (method !== STORED && method !== DEFLATED)) throw new ZipReadError('damaged');
    if (localOffset + 30 > centralOffset || buffer.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw new ZipReadError('damaged');
    const dataOffset = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > centralOffset) throw new ZipReadError('damaged');
    if (entries.has(name)) throw new ZipReadError('damaged');
    entries.set(name, { name, method, crc, compressedSize, size, dataOffset });
  }
  if (at !== centralOffset + centralSize) throw new ZipReadError('damaged');
  return entries;
}

/**
 * An entry's bytes, checked against the size (and, unless the caller checks a stronger digest itself,
 * the CRC-32) the directory records. Inflating stops at `maxBytes` and at the declared size, so a small
 * entry cannot unpack into gigabytes.
 */
export async function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
  { checkCrc = true }: { checkCrc?: boolean } = {},
): Promise<Uint8Array> {
  if (entry.size > maxBytes) throw new ZipReadError('damaged');
  const raw = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === STORED) {
    data = raw;
  } else {
    try {
      // One byte of headroom: inflating to more than the declared size is damage, not truncation to it.
      data = await inflateAsync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
    } catch {
      throw new ZipReadError('damaged');
    }
  }
  if (data.byteLength !== entry.size || (checkCrc && crc32(data) !== entry.crc)) throw new ZipReadError('damaged');
  return data;
}
