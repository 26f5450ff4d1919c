import { stat } from 'node:fs/promises';
import type { OpenPath } from './briefing-exports';
import { say, ServiceError } from './errors';
import type { Log } from './log';

export interface LogFileOutcome {
  done: boolean;
  path: string;
  message: string;
}

/**
 * Help › Open Error Log: opens the current log file with the system's text viewer; where the host
 * cannot open files (the browser preview) it answers where the file is. The path is main's own.
 */
export async function openLogFile(log: Log, openPath: OpenPath | undefined): Promise<LogFileOutcome> {
  const path = log.file;
  // A log with nothing in it yet still opens, rather than failing with "no such file".
  if (!(await stat(path).catch(() => null))) await log.write('info', 'error log opened; no errors recorded so far');
  if (!openPath)
    return {
      done: false,
      path,
      message: say({
        en: `Opening files is only available in the desktop app. The error log is at ${path}.`,
        ru: `Открывать файлы можно только в настольном приложении. Журнал ошибок находится здесь: ${path}.`,
      }),
    };
  const problem = await openPath(path);
  if (problem)
    throw new ServiceError({
      en: `The error log could not be opened (${problem}). It is at ${path}; open it with any text editor.`,
      ru: `Не удалось открыть журнал ошибок (${problem}). Он находится здесь: ${path}; откройте его в любом текстовом редакторе.`,
    });
  return {
    done: true,
    path,
    message: say({ en: `Opened the error log (${path}).`, ru: `Журнал ошибок открыт (${path}).` }),
  };
}
