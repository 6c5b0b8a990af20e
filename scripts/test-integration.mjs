// npm run test:integration: the extension tests inside a real VS Code extension host (the VS Code server
// from the code-server package) with a headless Chromium workbench. Ends with "N passed, N failed".
import { build } from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureServer, launchChromium, startServer } from './vscode-server.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'integration');
const TIMEOUT_MS = Number(process.env.EVIDENCE_TAGGER_TEST_TIMEOUT ?? 10 * 60 * 1000);

// The tests, one bundle per file so mocha can add them as files; vscode and mocha come from the host.
rmSync(outDir, { recursive: true, force: true });
const suites = readdirSync(join(root, 'test/integration/suite')).filter((f) => f.endsWith('.test.ts')).map((f) => join(root, 'test/integration/suite', f));
await build({ entryPoints: [join(root, 'test/integration/index.ts'), ...suites], outbase: join(root, 'test/integration'), outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning' });
if (!existsSync(join(root, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first');

// Setup problems (a missing system package, a failed install) end the run with one line that says what to do.
process.on('uncaughtException', (error) => {
  console.error(error instanceof SetupError ? `integration: ${error.message}` : error);
  process.exit(1);
});
ensureServer();
const workDir = mkdtempSync(join(tmpdir(), 'evidence-tests-'));
const workspace = join(workDir, 'workspace');
cpSync(join(root, 'test/integration/workspace'), workspace, { recursive: true });
cpSync(join(root, 'samples'), join(workspace, 'samples'), { recursive: true });
const resultsFile = join(workDir, 'results.json');
const screenshotRequest = join(workDir, 'screenshot-request');
const server = await startServer({
  folder: workspace,
  extensionPath: root,
  testsPath: join(outDir, 'index'),
  env: { EVIDENCE_TAGGER_TEST_RESULTS: resultsFile, EVIDENCE_TAGGER_SCREENSHOT_REQUEST: screenshotRequest, EVIDENCE_TAGGER_REPO: root, EVIDENCE_TAGGER_TEST_GREP: process.env.EVIDENCE_TAGGER_TEST_GREP ?? '', EVIDENCE_TAGGER_SCREENSHOTS: process.env.EVIDENCE_TAGGER_SCREENSHOTS ?? '' },
});
const browser = await launchChromium(chromium);
let exitCode = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const verbose = !!process.env.EVIDENCE_TAGGER_TEST_VERBOSE;
  page.on('console', (message) => {
    const text = message.text();
    const at = text.indexOf('[tests] ');
    if (at !== -1) for (const line of text.slice(at).split('\n')) console.log(line.replace(/^\[tests\] /, ''));
    else if (verbose) console.log(JSON.stringify(text).slice(0, 300));
  });
  const finished = new Promise((resolveExit) => page.exposeFunction('codeAutomationExit', (code) => resolveExit(code)));
  // Requests from the tests: a screenshot of the workbench, or a click inside a webview's frame.
  const poll = setInterval(async () => {
    if (!existsSync(screenshotRequest)) return;
    const request = JSON.parse(readFileSync(screenshotRequest, 'utf8'));
    rmSync(screenshotRequest);
    let answer = request.path ?? request.selector;
    try {
      if (request.selector) {
        const frame = await findFrameWith(page, request.selector);
        if (!frame) answer = `not found: ${request.selector}`;
        else await frame.click(request.selector);
      } else await page.screenshot({ path: resolve(root, request.path) });
    } catch (error) {
      answer = `failed: ${error.message}`;
    }
    writeFileSync(`${screenshotRequest}.done`, answer);
  }, 100);
  await page.goto(server.url);
  const code = await Promise.race([finished, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
  clearInterval(poll);
  if (code === 'timeout') console.log(`integration tests timed out after ${TIMEOUT_MS / 1000} s`);
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  if (!results) console.log('integration: no result file (the tests did not run)\n' + server.output().slice(-3000));
  else console.log(`integration: ${results.passes} passed, ${results.failures} failed`);
  exitCode = results && results.failures === 0 && results.passes > 0 && code === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

async function findFrameWith(page, selector) {
  for (let attempt = 0; attempt < 50; attempt++) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(selector)) return frame;
      } catch {
        /* a frame that went away */
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
