// Runs test/integration/bench.ts inside a real extension host on the bench corpus; prints its figures as JSON.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureServer, launchChromium, startServer } from './vscode-server.mjs';

export async function benchExtension({ corpus, bigFile }) {
  const root = resolve(import.meta.dirname, '..');
  const out = join(root, 'out', 'bench');
  await build({ entryPoints: [join(root, 'test/integration/bench.ts')], outdir: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  ensureServer();
  const work = mkdtempSync(join(tmpdir(), 'evidence-bench-'));
  const results = join(work, 'results.json');
  const server = await startServer({ folder: corpus, extensionPath: root, testsPath: join(out, 'bench'), env: { EVIDENCE_TAGGER_BENCH_RESULTS: results, EVIDENCE_TAGGER_BENCH_BIG_FILE: bigFile } });
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const finished = new Promise((r) => page.exposeFunction('codeAutomationExit', (code) => r(code)));
    await page.goto(server.url);
    await Promise.race([finished, new Promise((r) => setTimeout(r, 15 * 60 * 1000))]);
    if (!existsSync(results)) throw new Error('the extension-host benchmark wrote no results');
    return JSON.parse(readFileSync(results, 'utf8'));
  } finally {
    await browser.close();
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
