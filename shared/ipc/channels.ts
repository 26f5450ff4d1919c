/**
 * Channel names of the main-process API. Kept apart from the zod schemas so that the preload
 * bundle (which only forwards calls) stays tiny and free of dependencies: besides these names it takes
 * only the command registry (pure data), to let through nothing but known commands.
 */
import { isCommandId, type CommandId } from '../commands/registry';

export const CHANNELS = {
  appInfo: 'workbench:app-info',
  putSourceFile: 'workbench:source-file-put',
  readSourceFile: 'workbench:source-file-read',
  putSourceText: 'workbench:source-text-put',
  readSourceText: 'workbench:source-text-read',
  listSourceFiles: 'workbench:source-file-list',
  deleteSourceFile: 'workbench:source-file-delete',
  loadDemoWorkspace: 'workbench:demo-workspace-load',
  importSource: 'workbench:source-import',
  saveExport: 'workbench:export-save',
  exportBriefing: 'workbench:briefing-export',
  openBriefingExport: 'workbench:briefing-export-open',
  showBriefingExport: 'workbench:briefing-export-show',
  reportError: 'workbench:error-report',
  openLogFile: 'workbench:log-file-open',
  writeBackup: 'workbench:backup-write',
  stageBackupRecords: 'workbench:backup-stage',
  listBackups: 'workbench:backup-list',
  openBackup: 'workbench:backup-open',
  takeBackupPart: 'workbench:backup-part-take',
  deleteBackup: 'workbench:backup-delete',
  takeOpenedBackups: 'workbench:backups-opened-take',
  listRecentExports: 'workbench:recent-exports-list',
  openRecentExport: 'workbench:recent-export-open',
  showRecentExport: 'workbench:recent-export-show',
  clearRecentExports: 'workbench:recent-exports-clear',
  cancelTask: 'workbench:task-cancel',
  taskProgress: 'workbench:task-progress',
  setMenuState: 'workbench:menu-state',
  setInterfaceLanguage: 'workbench:interface-language',
  exportRefiQda: 'workbench:refi-qda-export',
  readRefiQda: 'workbench:refi-qda-read',
  readReferences: 'workbench:references-read',
  exportReferences: 'workbench:references-export',
  teamRequest: 'workbench:team-request',
  teamPasswordKeeping: 'workbench:team-password-keeping',
  rememberTeamPassword: 'workbench:team-password-remember',
  recallTeamPassword: 'workbench:team-password-recall',
  forgetTeamPassword: 'workbench:team-password-forget',
} as const;

export type ChannelKey = keyof typeof CHANNELS;
export const CHANNEL_KEYS = Object.keys(CHANNELS) as ChannelKey[];

/** main → renderer: a command chosen in the application menu (or main's quit-time backup request). */
export const MENU_COMMAND_CHANNEL = 'workbench:menu-command';

/**
 * What travels on that channel: a command id of the registry (shared/commands/registry.ts), where every
 * command is declared once. The preload lets through only these names.
 */
export type MenuCommand = CommandId;
export const isMenuCommand: (value: unknown) => value is MenuCommand = isCommandId;

/**
 * Where a stored source text is served, under the page's own origin (app://workbench on the desktop, the
 * loopback bridge in the browser): `<path><sha256>` answers the text's UTF-8 bytes. A fetch reaches it from
 * the page and from its workers alike, and the bytes are not wrapped in a JSON envelope on the way.
 */
export const SOURCE_TEXT_PATH = '/__workbench/texts/';

const SHA256 = /^[0-9a-f]{64}$/;

/** The path of a stored text's address, or null for a string that is not a digest. */
export const sourceTextPathOf = (sha256: string): string | null =>
  SHA256.test(sha256) ? SOURCE_TEXT_PATH + sha256 : null;

/** The digest named by a path under SOURCE_TEXT_PATH, or null for any other path. */
export function sourceTextDigestOf(pathname: string): string | null {
  if (!pathname.startsWith(SOURCE_TEXT_PATH)) return null;
  const sha256 = pathname.slice(SOURCE_TEXT_PATH.length);
  return SHA256.test(sha256) ? sha256 : null;
}
