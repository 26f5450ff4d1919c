import type { ErrorReport } from '../../shared/ipc';
import { isConnected, workbench } from '../platform/workbench';
import { useWorkbench } from '../stores';

/** The caps of the contract's ErrorReport, applied here so that a long stack is cut rather than refused. */
const MAX_MESSAGE = 2000;
const MAX_STACK = 16_000;
/** At most this many reports per window; a component that throws on every render must not flood main. */
const BURST = 10;
const WINDOW_MS = 10_000;

let windowStart = -Infinity;
let sentInWindow = 0;
let lastSignature = '';
let lastAt = -Infinity;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** A view name the contract accepts ("register", "app"). */
function viewName(view: string): string {
  const name = view
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
  return name || 'app';
}

export function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error)
    return { message: error.message || error.name, ...(error.stack ? { stack: error.stack } : {}) };
  if (typeof error === 'string') return { message: error };
  try {
    return { message: JSON.stringify(error) ?? String(error) };
  } catch {
    return { message: String(error) };
  }
}

/** The payload main's error log takes: capped, with a view name it accepts. */
export function errorReport(error: unknown, view: string, origin: ErrorReport['origin'], extraStack = ''): ErrorReport {
  const { message, stack } = describeError(error);
  const fullStack = [stack, extraStack].filter(Boolean).join('\n');
  return {
    origin,
    view: viewName(view),
    message: cut(message || 'an error without a message', MAX_MESSAGE),
    ...(fullStack ? { stack: cut(fullStack, MAX_STACK) } : {}),
  };
}

/**
 * Sends an error to main's error log. Never throws: reporting an error must not become a second one.
 * Repeats of the same error within a second, and reports past the burst, stay in the console only.
 */
export async function reportError(
  error: unknown,
  view: string,
  origin: ErrorReport['origin'],
  extraStack = '',
): Promise<void> {
  const report = errorReport(error, view, origin, extraStack);
  console.error(`[${report.view}]`, error);
  const now = Date.now();
  const signature = `${report.view}|${report.message}`;
  if (signature === lastSignature && now - lastAt < 1000) return;
  lastSignature = signature;
  lastAt = now;
  if (now - windowStart >= WINDOW_MS) {
    windowStart = now;
    sentInWindow = 0;
  }
  if (sentInWindow >= BURST || !isConnected()) return;
  sentInWindow++;
  try {
    await workbench().reportError(report);
  } catch (failure) {
    console.error('The error could not be written to the error log:', failure);
  }
}

/** Errors no component caught: uncaught exceptions and promise rejections nobody handled. */
export function installErrorReporting(target: Window = window): () => void {
  const view = () => useWorkbench.getState().view;
  const onError = (event: ErrorEvent) => void reportError(event.error ?? event.message, view(), 'window');
  const onRejection = (event: PromiseRejectionEvent) => void reportError(event.reason, view(), 'promise');
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}

/** Help › Open Error Log (and the palette command): opens the log, or says where it is. */
export async function openErrorLog(): Promise<void> {
  const { notify } = useWorkbench.getState();
  try {
    const outcome = await workbench().openLogFile();
    notify('info', outcome.message);
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
  }
}

/** Lets tests start from a clean rate limit. */
export function resetErrorReportingForTests(): void {
  windowStart = -Infinity;
  sentInWindow = 0;
  lastSignature = '';
  lastAt = -Infinity;
}
