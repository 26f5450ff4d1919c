/**
 * Channel names of the main-process API. Kept apart from the zod schemas so that the preload
 * bundle (which only forwards calls) stays tiny and free of dependencies.
 */
export const CHANNELS = {
  appInfo: 'workbench:app-info',
  putSourceFile: 'workbench:source-file-put',
  readSourceFile: 'workbench:source-file-read',
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
} as const;

export type ChannelKey = keyof typeof CHANNELS;
export const CHANNEL_KEYS = Object.keys(CHANNELS) as ChannelKey[];

/** main → renderer: a command chosen in the application menu. */
export const MENU_COMMAND_CHANNEL = 'workbench:menu-command';

export const MENU_COMMANDS = [
  'navigate:sources',
  'navigate:register',
  'navigate:countries',
  'navigate:briefings',
  'navigate:passages',
  'navigate:search',
  'navigate:actors',
  'palette',
  'about',
  'import',
  'paste-source',
  'annotation:new',
  'threat:new',
  'briefing:export',
  'register:export-csv',
  'register:export-stix',
  'annotations:export',
  'undo',
  'redo',
  'search',
  'reader:larger',
  'reader:smaller',
  'shortcuts',
  'open-error-log',
  'workspace:backup',
  'workspace:restore',
  'workspace:backups',
  /** Sent by main when the app is quitting: write the quit backup (main waits for it, up to ~15 s). */
  'workspace:backup-on-quit',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
