// Electron security scan (part of `npm test`): runs electronegativity over the TypeScript sources of
// main/, renderer/ and shared/ with our Electron version, reads its SARIF, and fails on every finding
// that security/electronegativity-allowlist.json does not explain, and on every allowlist entry that no
// longer matches a finding. It also scans a deliberately insecure canary (tests/fixtures/security/) and
// fails if the scanner stops catching it, so a scanner that silently reads nothing cannot pass.
//
//   node scripts/security-scan.mjs                   scan; reports land in test-results/security/
//   node scripts/security-scan.mjs --write-sample    also refresh tests/fixtures/security/insecure-window.sarif
//
// electronegativity is run through its runner module rather than its CLI: the CLI always exits 0 and
// drops parse errors when writing SARIF, and a file the scanner could not parse is a file it did not check.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  failureLines,
  findingsFromSarif,
  missingCanaryRules,
  parseAllowlist,
  reviewFindings,
} from './security/review.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const PRODUCT_FOLDERS = ['main', 'renderer', 'shared'];
const CANARY_FOLDER = 'tests/fixtures/security';
const REPORT_FOLDER = join(root, 'test-results', 'security');
const ALLOWLIST = join(root, 'security', 'electronegativity-allowlist.json');
// Needs live release data from GitHub (unreachable offline); the Electron version is pinned in
// package.json and kept current by review instead (docs/SECURITY.md, item 16).
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

const electronVersion = require('electron/package.json').version;
const runElectronegativity = require('@doyensec/electronegativity/dist/runner.js');

/** Runs one scan of `input` and writes SARIF to `output`; answers the files it could not parse. */
async function scan(input, output) {
  try {
    const result = await runElectronegativity(
      {
        input,
        output,
        isSarif: true,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    return result.errors
      .filter((error) => !error.tolerable)
      .map((error) => `${relative(input, error.file)}: ${error.message}`);
  } catch (error) {
    throw new Error(
      `electronegativity failed on ${relative(root, input) || input}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * The runner resolves before its SARIF is on disk (it writes with an un-awaited fs.writeFile), so wait
 * until the file holds whole JSON. Outputs are removed before each scan, so this never reads an old report.
 */
async function readReport(path) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      return JSON.parse(await readFile(path, 'utf8'));
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`electronegativity did not write its report ${relative(root, path)}.`);
}

async function stage(folders, into, filter = () => true) {
  for (const folder of folders) await cp(join(root, folder), join(into, folder), { recursive: true, filter });
}

async function main() {
  const started = Date.now();
  // The scanner asks the network for translations on every run and logs that it could not: noise offline.
  const log = console.log;
  console.log = (...args) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  const allowlist = parseAllowlist(JSON.parse(await readFile(ALLOWLIST, 'utf8')));
  const work = await mkdtemp(join(tmpdir(), 'workbench-security-'));
  const failures = [];
  try {
    // One folder holding only what ships, so paths in the report read main/app/window.ts.
    const product = join(work, 'product');
    await stage(PRODUCT_FOLDERS, product);
    const canary = join(work, 'canary');
    await cp(join(root, CANARY_FOLDER, 'insecure-window.ts'), join(canary, 'insecure-window.ts'));

    await rm(REPORT_FOLDER, { recursive: true, force: true });
    await mkdir(REPORT_FOLDER, { recursive: true });
    const productSarif = join(REPORT_FOLDER, 'product.sarif');
    const canarySarif = join(REPORT_FOLDER, 'canary.sarif');
    // Side by side: most of a run is the scanner waiting on its (unreachable) translation server.
    const unreadable = (await Promise.all([scan(product, productSarif), scan(canary, canarySarif)])).flat();
    for (const file of unreadable)
      failures.push(
        `electronegativity could not parse ${file}, so it was not checked. Make the file parseable by TypeScript 4.2 syntax rules or report it.`,
      );

    const findings = findingsFromSarif(await readReport(productSarif));
    const canaryFindings = findingsFromSarif(await readReport(canarySarif), { prefix: `${CANARY_FOLDER}/` });
    const missing = missingCanaryRules(canaryFindings);
    if (missing.length > 0) {
      failures.push(
        `The scanner no longer reports ${missing.join(', ')} on the deliberately insecure ${CANARY_FOLDER}/insecure-window.ts, so its clean report cannot be trusted. Check the electronegativity version and options.`,
      );
    }
    const review = reviewFindings(findings, allowlist);
    failures.push(...failureLines(review));

    if (process.argv.includes('--write-sample')) {
      await writeFile(join(root, CANARY_FOLDER, 'insecure-window.sarif'), await readFile(canarySarif));
      console.log(`Wrote ${CANARY_FOLDER}/insecure-window.sarif`);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Security scan (electronegativity, Electron ${electronVersion}, ${seconds} s): ${findings.length} findings in ${PRODUCT_FOLDERS.join('/, ')}/, ` +
        `${review.accepted.length} explained in the allowlist; canary caught ${canaryFindings.length} findings. SARIF in ${relative(root, REPORT_FOLDER)}/.`,
    );
    for (const finding of review.accepted) console.log(`  accepted: ${finding.rule} in ${finding.file}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`Security scan failed (${failures.length}):`);
    for (const line of failures) console.error(`  - ${line}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    console.error(`Security scan could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  // The scanner leaves its translation request's retry timers behind; the report is written, so stop.
  .finally(() => process.exit());
