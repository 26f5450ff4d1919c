import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/ipc/channels';

function sendTo(getWindow: () => BrowserWindow | null, command: MenuCommand) {
  return () => getWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

/** File, Edit, View and Help with the platform's standard accelerators (plus the app menu on macOS). */
export function installMenu(getWindow: () => BrowserWindow | null): void {
  const isMac = process.platform === 'darwin';
  const send = (command: MenuCommand) => sendTo(getWindow, command);
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Back up…', click: send('workspace:backup') },
        { label: 'Restore from Backup…', click: send('workspace:restore') },
        { label: 'Backups…', click: send('workspace:backups') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Sources', accelerator: 'CmdOrCtrl+1', click: send('navigate:sources') },
        { label: 'Register', accelerator: 'CmdOrCtrl+2', click: send('navigate:register') },
        { label: 'Countries', accelerator: 'CmdOrCtrl+3', click: send('navigate:countries') },
        { label: 'Briefings', accelerator: 'CmdOrCtrl+4', click: send('navigate:briefings') },
        { label: 'Passages', accelerator: 'CmdOrCtrl+5', click: send('navigate:passages') },
        { label: 'Search', accelerator: 'CmdOrCtrl+6', click: send('navigate:search') },
        { label: 'Actors', accelerator: 'CmdOrCtrl+7', click: send('navigate:actors') },
        { label: 'Go to Anything…', accelerator: 'CmdOrCtrl+K', click: send('palette') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      role: 'help',
      submenu: [{ label: 'About Analyst Workbench', click: send('about') }, { label: 'Open Error Log', click: send('open-error-log') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
