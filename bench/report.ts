/** bench/results.json and the README's table between the bench markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioResult } from './lib';

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; memoryGB: number; os: string; node: string; chromium: string };
  date: string;
  smoke: boolean;
  scenarios: ScenarioResult[];
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const value = (n: number, unit: string) =>
  unit === 'ms'
    ? `${n >= 1000 ? (n / 1000).toFixed(2) + ' s' : Math.round(n) + ' ms'}`
    : unit === 'MB'
      ? `${n.toFixed(1)} MB`
      : String(n);

export function table(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `Measured ${report.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.os}, Node ${m.node}, headless Chromium ${m.chromium}.`,
    'Median of the runs (min–max in brackets). Shared 2-core machines are noisy: read differences under ~20% as noise.',
    '',
    '| Scenario | Median (min–max) | Runs | Compared with | Ratio | Budget | Within |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of report.scenarios) {
    const range = s.runs > 1 ? ` (${value(s.min, s.unit)}–${value(s.max, s.unit)})` : '';
    const comparison = s.comparison ? `${s.comparison.scenario}: ${value(s.comparison.median, s.unit)}` : '';
    const within = s.withinBudget === null ? '' : s.withinBudget ? 'yes' : '**no**';
    const note = s.note ? ` — ${s.note}` : '';
    lines.push(
      `| ${s.scenario}${note} | ${value(s.median, s.unit)}${range} | ${s.runs} | ${comparison} | ${s.ratio !== undefined ? `${s.ratio}×` : ''} | ${s.budget?.text ?? ''} | ${within} |`,
    );
  }
  return lines.join('\n');
}

export function writeReport(report: BenchReport, resultsPath: string, readmePath: string | null): void {
  writeFileSync(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
  if (!readmePath) return;
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`The README has no ${START} … ${END} markers; add them where the table belongs.`);
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${table(report)}\n${readme.slice(end)}`);
}
