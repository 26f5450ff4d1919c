import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPathsIn, LaunchedBackups } from '../../main/services/launched-backups';
import { BACKUP_EXTENSION, BACKUP_MIME } from '../../shared/interop/backup';
import { loadBuilderConfig } from '../support/builder-config';

describe('backup files the system asks the app to open', () => {
  it('finds backups in a command line, absolute against its folder, ignoring switches and other files', () => {
    const argv = [
      '/opt/Analyst Workbench/analyst-workbench',
      '--no-sandbox',
      'notes.txt',
      'Q3 register.awbackup',
      '/media/usb/Colleague.AWBACKUP',
      '--flag=x.awbackup',
    ];
    expect(backupPathsIn(argv, '/home/analyst/Documents')).toEqual([
      resolve('/home/analyst/Documents', 'Q3 register.awbackup'),
      '/media/usb/Colleague.AWBACKUP',
    ]);
  });

  it('names each file once even when the system passes it twice', () => {
    expect(backupPathsIn(['a.awbackup', './a.awbackup'], '/w')).toEqual(['/w/a.awbackup']);
  });

  it('keeps backups that arrive before the window is ready, and hands them out once', () => {
    const launched = new LaunchedBackups();
    launched.add(['/w/a.awbackup']);
    launched.add(['/w/a.awbackup', '/w/b.awbackup']);
    expect(launched.take()).toEqual(['/w/a.awbackup', '/w/b.awbackup']);
    expect(launched.take()).toEqual([]);
  });

  it('passes later backups straight to the listener, and stops when it unsubscribes', () => {
    const launched = new LaunchedBackups();
    const seen: string[] = [];
    const stop = launched.onOpened((path) => seen.push(path));
    launched.add(['/w/c.awbackup']);
    expect(seen).toEqual(['/w/c.awbackup']);
    expect(launched.take()).toEqual([]);
    stop();
    launched.add(['/w/d.awbackup']);
    expect(seen).toEqual(['/w/c.awbackup']);
    expect(launched.take()).toEqual(['/w/d.awbackup']);
  });

  it('uses the extension and MIME type the installers register', async () => {
    const config = await loadBuilderConfig();
    expect(config.fileAssociations?.[0]).toMatchObject({ ext: BACKUP_EXTENSION.slice(1), mimeType: BACKUP_MIME });
  });
});
