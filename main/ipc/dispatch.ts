import type { z } from 'zod';
import { CONTRACT, type ChannelKey } from '../../shared/ipc';
import { fail, ok, type IpcResult } from '../../shared/ipc/result';
import { say, ServiceError, spokenLanguage } from '../services/errors';
import type { HandlerTable } from '../services/handlers';

export type { HandlerTable };

export interface DispatchOptions {
  /** Told about failures that are bugs rather than refusals, so they reach the log. */
  onUnexpectedError?: (key: string, error: unknown) => void;
}

/** The longest part of a refusal one issue may take: an issue can quote the caller's own keys, of any length. */
const ISSUE_SHOWN = 200;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .map((text) =>
      text.length > ISSUE_SHOWN ? `${text.slice(0, ISSUE_SHOWN - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : text,
    )
    .join('; ');
}

function isChannelKey(key: string): key is ChannelKey {
  return Object.prototype.hasOwnProperty.call(CONTRACT, key);
}

/**
 * Runs one request from an untrusted caller: parses the arguments from `unknown`, calls the handler,
 * checks the answer against the contract, and never throws.
 */
export async function dispatch(
  table: HandlerTable,
  key: string,
  rawArgs: unknown,
  options: DispatchOptions = {},
): Promise<IpcResult<unknown>> {
  if (!isChannelKey(key))
    return fail(
      say({
        en: 'The workbench does not know that request. Update the app so both halves match.',
        ru: 'Приложению неизвестен этот запрос. Обновите приложение, чтобы обе его части совпадали.',
      }),
    );
  const procedure = CONTRACT[key];
  const parsed = procedure.args.safeParse(rawArgs);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return fail(
      say({
        en: `The request was refused because its data is not valid (${issues}). Nothing was changed.`,
        ru: `Запрос отклонён: его данные недействительны (${issues}). Ничего не изменено.`,
      }),
    );
  }
  try {
    const handler = table[key] as (...args: unknown[]) => unknown;
    const value = await handler(...(parsed.data as unknown[]));
    const checked = procedure.result.safeParse(value);
    if (!checked.success) {
      options.onUnexpectedError?.(key, checked.error);
      return fail(
        say({
          en: 'The workbench produced an answer it could not vouch for, so it was not used. Nothing was changed; the details are in the log.',
          ru: 'Приложение получило ответ, за который не может поручиться, поэтому он не использован. Ничего не изменено; подробности — в журнале.',
        }),
      );
    }
    return ok(checked.data);
  } catch (error) {
    if (error instanceof ServiceError) return fail(error.in(spokenLanguage()));
    options.onUnexpectedError?.(key, error);
    const detail = error instanceof Error ? error.message : String(error);
    return fail(
      say({
        en: `Something went wrong (${detail}). Nothing was changed; try again, and if it persists, send the log to support.`,
        ru: `Что-то пошло не так (${detail}). Ничего не изменено; попробуйте ещё раз, а если ошибка повторится, отправьте журнал в поддержку.`,
      }),
    );
  }
}
