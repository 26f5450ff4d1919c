import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupManifest,
  FILE_PATH,
  filePath,
  MANIFEST_PATH,
  referencedTexts,
  tablePath,
  tablesOfSchema,
  tableProblems,
  upgradeTables,
  versionProblem,
  WORKSPACE_SCHEMA_VERSION,
  type BackupReason,
} from '../../shared/interop/backup';
import {
  WORKSPACE_TABLES,
  type WorkspaceSnapshot,
  type WorkspaceTableName,
} from '../../shared/interop/workspace-snapshot';
import { ServiceError, type Sentences } from './errors';
import { sha256Of } from './source-store';
import { readZipDirectory, readZipEntry, writeZip, ZipReadError, type ZipEntry, type ZipInput } from './zip';

const NOTHING_CHANGED = 'Nothing was changed.';
/** The refusals of a backup file, in English and Russian (`ServiceError`). */
const NOT_A_BACKUP: Sentences = {
  en: `This file is not an Analyst Workbench backup (backups end in .awbackup and are written by File → Back up…). ${NOTHING_CHANGED}`,
  ru: 'Этот файл не является резервной копией Analyst Workbench (копии имеют расширение .awbackup и создаются командой «Файл → Создать резервную копию…»). Ничего не изменено.',
};
const DAMAGED: Sentences = {
  en: `The backup file is damaged or incomplete — it may have been cut off while it was copied. ${NOTHING_CHANGED} Use another backup.`,
  ru: 'Файл резервной копии повреждён или неполон — возможно, он был обрезан при копировании. Ничего не изменено. Используйте другую копию.',
};
const altered = (entry: string): Sentences => ({
  en: `The backup file has been altered or damaged since it was written: ${entry} does not match the checksum its manifest records. ${NOTHING_CHANGED} Use another backup.`,
  ru: `Файл резервной копии изменён или повреждён после записи: ${entry} не совпадает с контрольной суммой, записанной в его описи. Ничего не изменено. Используйте другую копию.`,
});

/** The largest manifest the workbench reads (tens of thousands of files fit many times over). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface BackupContents {
  snapshot: WorkspaceSnapshot;
  reason: BackupReason;
  /** The snapshot's own manifest fields, for the analyst to see what they are restoring. */
  manifest: BackupManifest;
  /** Every stored original the backup holds, by SHA-256. */
  files: Map<string, Uint8Array>;
}

const encoder = new TextEncoder();

/**
 * Writes a snapshot, the originals its sources refer to and the texts its records name as a backup zip. The manifest is the first
 * entry and stored uncompressed, so a listing can read it without opening the rest; the tables are
 * deflated at the fastest level (JSON shrinks several times even so); the originals are stored as they
 * are, since PDFs and .docx files are compressed already, and the source texts deflated like the tables.
 */
export async function encodeBackup(
  snapshot: WorkspaceSnapshot,
  reason: BackupReason,
  appVersion: string,
  files: ReadonlyMap<string, Uint8Array>,
  missingFiles: readonly string[] = [],
): Promise<Uint8Array> {
  const entries: BackupManifest['entries'] = {};
  const counts: BackupManifest['counts'] = {};
  const tables = new Map<string, Uint8Array>();
  for (const table of WORKSPACE_TABLES) {
    const records = snapshot.tables[table];
    const bytes = encoder.encode(JSON.stringify(records));
    tables.set(tablePath(table), bytes);
    entries[tablePath(table)] = { sha256: sha256Of(bytes), bytes: bytes.byteLength };
    counts[table] = records.length;
  }
  for (const [sha256, bytes] of files) entries[filePath(sha256)] = { sha256, bytes: bytes.byteLength };
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: snapshot.schemaVersion,
    appVersion,
    createdAt: snapshot.createdAt,
    replicaId: snapshot.replicaId,
    reason,
    counts,
    entries,
    mergeBases: snapshot.mergeBases,
    missingFiles: [...missingFiles],
  };
  const zipEntries: ZipInput[] = [
    { name: MANIFEST_PATH, data: encoder.encode(JSON.stringify(manifest, null, 1)), deflate: false },
  ];
  for (const [path, bytes] of tables) zipEntries.push({ name: path, data: bytes, deflate: true });
  // Texts shrink three to four times at zlib's fastest level, deflated side by side on its thread pool
  // (~0.2 s for 64 MB on two cores), so a backup stays a fraction of the workspace on disk.
  const texts = referencedTexts(snapshot.tables);
  for (const [sha256, bytes] of files)
    zipEntries.push({ name: filePath(sha256), data: bytes, deflate: texts.has(sha256) });
  return writeZip(zipEntries, new Date(snapshot.createdAt));
}

/** One entry's bytes, inflated no further than the manifest says it holds (a zip bomb stops there). */
async function readEntry(bytes: Uint8Array, entry: ZipEntry, expectedBytes: number, path: string): Promise<Uint8Array> {
  try {
    // The SHA-256 the caller checks next is stronger than the zip's CRC-32.
    return await readZipEntry(bytes, entry, expectedBytes, { checkCrc: false });
  } catch {
    throw new ServiceError(entry.size !== expectedBytes ? altered(path) : DAMAGED);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ServiceError(DAMAGED);
  }
}

/**
 * Reads a backup and checks all of it — that it is a backup at all, its format and schema versions,
 * every entry against the manifest's checksums, and every record against its table's schema — before
 * anything is restored. Any problem is a `ServiceError` whose sentence says what is wrong.
 */
export async function decodeBackup(bytes: Uint8Array): Promise<BackupContents> {
  let directory: Map<string, ZipEntry>;
  try {
    directory = readZipDirectory(bytes);
  } catch (error) {
    if (error instanceof ZipReadError) throw new ServiceError(error.kind === 'not-a-zip' ? NOT_A_BACKUP : DAMAGED);
    throw error;
  }
  const manifestEntry = directory.get(MANIFEST_PATH);
  if (!manifestEntry) throw new ServiceError(NOT_A_BACKUP);
  if (manifestEntry.size > MAX_MANIFEST_BYTES) throw new ServiceError(DAMAGED);
  const raw = parseJson(await readEntry(bytes, manifestEntry, manifestEntry.size, MANIFEST_PATH));
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT)
    throw new ServiceError(NOT_A_BACKUP);
  const { formatVersion, schemaVersion } = raw as { formatVersion?: unknown; schemaVersion?: unknown };
  const tooNew =
    typeof formatVersion === 'number' && typeof schemaVersion === 'number'
      ? versionProblem(formatVersion, schemaVersion)
      : null;
  if (tooNew) throw new ServiceError(tooNew);
  const parsed = BackupManifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected form';
    throw new ServiceError({
      en: `The backup's manifest is not valid (${detail}). ${NOTHING_CHANGED} Use another backup.`,
      ru: `Опись резервной копии недействительна (${detail}). Ничего не изменено. Используйте другую копию.`,
    });
  }
  const manifest = parsed.data;

  // Exactly the entries the manifest lists: nothing missing, nothing slipped in.
  const inZip = new Map([...directory].filter(([path]) => path !== MANIFEST_PATH && !path.endsWith('/')));
  const expectedTables = new Set(tablesOfSchema(manifest.schemaVersion).map(tablePath));
  for (const path of Object.keys(manifest.entries)) {
    if (!expectedTables.has(path) && !FILE_PATH.test(path))
      throw new ServiceError({
        en: `The backup's manifest lists ${path.slice(0, 100)}, which has no place in a backup. ${NOTHING_CHANGED} Use another backup.`,
        ru: `В описи резервной копии указан ${path.slice(0, 100)}, которому нет места в копии. Ничего не изменено. Используйте другую копию.`,
      });
    if (!inZip.has(path)) throw new ServiceError(DAMAGED);
  }
  for (const path of expectedTables) if (!manifest.entries[path]) throw new ServiceError(DAMAGED);
  for (const path of inZip.keys()) {
    if (!manifest.entries[path])
      throw new ServiceError({
        en: `The backup file holds ${path.slice(0, 100)}, which its manifest does not list: it has been altered since it was written. ${NOTHING_CHANGED} Use another backup.`,
        ru: `В файле резервной копии есть ${path.slice(0, 100)}, которого нет в её описи: файл изменён после записи. Ничего не изменено. Используйте другую копию.`,
      });
  }

  const tables: Partial<Record<WorkspaceTableName, unknown[]>> = {};
  const files = new Map<string, Uint8Array>();
  // Inflated side by side on zlib's thread pool.
  const read = await Promise.all(
    Object.entries(manifest.entries).map(async ([path, expected]) => ({
      path,
      expected,
      data: await readEntry(bytes, inZip.get(path)!, expected.bytes, path),
    })),
  );
  for (const { path, expected, data } of read) {
    if (data.byteLength !== expected.bytes || sha256Of(data) !== expected.sha256) throw new ServiceError(altered(path));
    const file = FILE_PATH.exec(path);
    if (file) {
      if (file[1] !== expected.sha256) throw new ServiceError(altered(path));
      files.set(expected.sha256, data);
      continue;
    }
    const table = path.slice('tables/'.length, -'.json'.length) as WorkspaceTableName;
    const records = parseJson(data);
    if (!Array.isArray(records))
      throw new ServiceError({
        en: `The backup's ${table} table is not a list of records. ${NOTHING_CHANGED} Use another backup.`,
        ru: `Таблица ${table} резервной копии не является списком записей. Ничего не изменено. Используйте другую копию.`,
      });
    const count = manifest.counts[table];
    if (count !== undefined && count !== records.length) throw new ServiceError(altered(path));
    tables[table] = records;
  }

  const upgraded = upgradeTables(tables, manifest.schemaVersion);
  const problems = tableProblems(upgraded, 'backup');
  if (problems.length > 0)
    throw new ServiceError({
      en: `This backup cannot be restored. ${problems.join(' ')} ${NOTHING_CHANGED}`,
      // The problems are the shared checks' own English sentences.
      ru: `Эту резервную копию нельзя восстановить. ${problems.join(' ')} Ничего не изменено.`,
    });
  const missing = new Set(manifest.missingFiles);
  for (const source of upgraded.sources as { title?: string; file: { sha256: string } | null }[]) {
    if (source.file && !files.has(source.file.sha256) && !missing.has(source.file.sha256)) {
      throw new ServiceError({
        en: `The backup's source “${source.title ?? ''}” refers to an original file the backup does not hold. ${NOTHING_CHANGED} Use another backup.`,
        ru: `Источник копии «${source.title ?? ''}» ссылается на исходный файл, которого в копии нет. Ничего не изменено. Используйте другую копию.`,
      });
    }
  }
  for (const sha256 of referencedTexts(upgraded)) {
    if (!files.has(sha256) && !missing.has(sha256))
      throw new ServiceError({
        en: `The backup names a source text it does not hold (${sha256.slice(0, 12)}…): it has been altered since it was written. ${NOTHING_CHANGED} Use another backup.`,
        ru: `Копия ссылается на текст источника, которого в ней нет (${sha256.slice(0, 12)}…): файл изменён после записи. Ничего не изменено. Используйте другую копию.`,
      });
  }
  return {
    snapshot: {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      replicaId: manifest.replicaId,
      createdAt: manifest.createdAt,
      tables: upgraded,
      mergeBases: manifest.mergeBases,
    },
    reason: manifest.reason,
    manifest,
    files,
  };
}

/**
 * The manifest of a backup file, as JSON, from its first bytes alone: the local header of the first
 * entry, which `encodeBackup` writes stored (uncompressed) with its size in the header. `needBytes`
 * asks for a longer head; `raw` is null when the file does not start that way.
 */
export function manifestFromHead(head: Uint8Array): { raw: unknown; needBytes: number } {
  const none = { raw: null, needBytes: 0 };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.byteLength < 30 || view.getUint32(0, true) !== 0x04034b50) return none;
  const flags = view.getUint16(6, true);
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  // Bit 3: the sizes follow the data instead of the header; method 0: stored.
  if ((flags & 0x08) !== 0 || method !== 0 || size > MAX_MANIFEST_BYTES) return none;
  const start = 30 + nameLength + extraLength;
  if (head.byteLength < start + size) return { raw: null, needBytes: start + size };
  if (new TextDecoder().decode(head.subarray(30, 30 + nameLength)) !== MANIFEST_PATH) return none;
  try {
    return { raw: JSON.parse(decoder.decode(head.subarray(start, start + size))), needBytes: 0 };
  } catch {
    return none;
  }
}
