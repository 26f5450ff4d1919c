// Menus, shortcuts, the palette, the clipboard and recent exports: the desktop around the views.
export { CommandButton } from './CommandButton';
export { DiscardPrompt } from './DiscardPrompt';
export { Palette } from './Palette';
export { RecentExportsList } from './RecentExportsList';
export { ShortcutSheet } from './ShortcutSheet';
export { copyText } from './clipboard';
export { focusWhenPresent } from './focus';
export { refreshRecentExports } from './recent-exports';
