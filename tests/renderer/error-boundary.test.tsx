// Errors are never silent: a view that throws is contained by its error boundary (the rest of the
// frame stays), shows a calm sentence with the message, "Reload view" and "Copy details", and the
// error reaches main's error log through the real handler table; so do errors no component caught.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../renderer/app/ErrorBoundary';
import { installErrorReporting, openErrorLog, resetErrorReportingForTests } from '../../renderer/app/error-reporting';
import { useWorkbench } from '../../renderer/stores';
import type { ErrorReport, WorkbenchApi } from '../../shared/ipc';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
let reports: { report: ErrorReport; answer: { logged: boolean } }[] = [];
let api: WorkbenchApi;

beforeEach(async () => {
  resetErrorReportingForTests();
  // Each test's own list: a report still on its way from the test before must not land here.
  const sink: typeof reports = [];
  reports = sink;
  const real = await realWorkbench(await tempFolder());
  // The real API over the real handler table; reports are noted on their way to main's log.
  api = {
    ...real,
    reportError: async (report) => {
      const answer = await real.reportError(report);
      sink.push({ report, answer });
      return answer;
    },
  };
  Object.defineProperty(window, 'workbench', { value: api, configurable: true });
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  Reflect.deleteProperty(window, 'workbench');
});

let failing = true;
function ThreatGrid() {
  const [rows] = useState(() => {
    if (failing) throw new TypeError("Cannot read properties of undefined (reading 'score')");
    return ['ISIS-K cross-border attacks'];
  });
  return <p>{rows[0]}</p>;
}

function Frame() {
  return (
    <div>
      <nav aria-label="Views">Sources Register Countries</nav>
      <main>
        <ErrorBoundary view="register" label="Register">
          <ThreatGrid />
        </ErrorBoundary>
      </main>
    </div>
  );
}

describe('a view that throws', () => {
  it('is contained: a calm sentence, the message, and the rest of the frame still there', async () => {
    failing = true;
    render(<Frame />);
    const alert = await screen.findByRole('alert');
    expect(screen.getByRole('heading', { name: 'The Register view stopped working' })).toBeTruthy();
    expect(alert.textContent).toContain('the rest of the workbench and everything you saved are unaffected');
    expect(alert.textContent).toContain("Cannot read properties of undefined (reading 'score')");
    expect(screen.getByRole('navigation', { name: 'Views' }).textContent).toContain('Countries');
    expect(screen.getByRole('button', { name: 'Reload view' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy details' })).toBeTruthy();
  });

  it('is reported to main’s error log with its view, origin and component stack', async () => {
    failing = true;
    render(<Frame />);
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    const [{ report, answer }] = reports as [(typeof reports)[number]];
    expect(answer).toEqual({ logged: true });
    expect(report).toMatchObject({
      origin: 'boundary',
      view: 'register',
      message: "Cannot read properties of undefined (reading 'score')",
    });
    expect(report.stack).toContain('TypeError');
    expect(report.stack).toContain('Component stack:');
    expect(report.stack).toContain('ThreatGrid');
  });

  it('comes back on "Reload view" once the cause is gone', async () => {
    failing = true;
    render(<Frame />);
    await screen.findByRole('alert');
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Reload view' }));
    expect(await screen.findByText('ISIS-K cross-border attacks')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('copies the details for a support request', async () => {
    failing = true;
    render(<Frame />);
    await screen.findByRole('alert');
    const written: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      written.push(text);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    });
    expect(await screen.findByText('Details copied.')).toBeTruthy();
    expect(written[0]).toContain('View: Register');
    expect(written[0]).toContain("Message: Cannot read properties of undefined (reading 'score')");
    expect(written[0]).toContain('ThreatGrid');
  });
});

describe('errors no component caught', () => {
  it('are reported from window error and unhandledrejection events, capped and rate-limited', async () => {
    const stop = installErrorReporting(window);
    try {
      window.dispatchEvent(
        new ErrorEvent('error', { error: new RangeError('Invalid time value'), message: 'Invalid time value' }),
      );
      const rejection = new Event('unhandledrejection') as Event & { reason?: unknown };
      rejection.reason = new Error('x'.repeat(5000));
      window.dispatchEvent(rejection);
      await vi.waitFor(() => expect(reports).toHaveLength(2));
      expect(reports[0]!.report).toMatchObject({
        origin: 'window',
        view: useWorkbench.getState().view,
        message: 'Invalid time value',
      });
      expect(reports[1]!.report.origin).toBe('promise');
      expect(reports[1]!.report.message.length).toBeLessThanOrEqual(2000);
      expect(reports.every((r) => r.answer.logged)).toBe(true);

      // A loop that throws on every frame: a handful reach main, not thousands.
      for (let i = 0; i < 200; i++) window.dispatchEvent(new ErrorEvent('error', { error: new Error(`frame ${i}`) }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reports.length).toBeLessThanOrEqual(10);
    } finally {
      stop();
    }
  });
});

describe('Help › Open Error Log', () => {
  it('says where the log is in the browser preview', async () => {
    await openErrorLog();
    const notice = useWorkbench.getState().notices.at(-1);
    expect(notice?.kind).toBe('info');
    expect(notice?.message).toMatch(
      /^Opening files is only available in the desktop app\. The error log is at .*workbench\.log\.$/,
    );
  });
});
