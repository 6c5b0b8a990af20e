// Runs test/integration/bench.ts inside a real extension host on the bench corpus; prints its figures as JSON.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureServer, freePort, launchChromium, startServer } from './vscode-server.mjs';

export async function benchExtension({ corpus, bigFile }) {
  const root = resolve(import.meta.dirname, '..');
  const out = join(root, 'out', 'bench');
  await build({ entryPoints: [join(root, 'test/integration/bench.ts')], outdir: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  ensureServer();
  const work = mkdtempSync(join(tmpdir(), 'evidence-bench-'));
  // Two sessions of one profile: the first indexes from nothing (and stores the index), the second is a new
  // session on the same workspace that starts from the stored index.
  // (The workspace's storage is keyed by its URI, which holds the server's address: one port for both.)
  const dataDir = join(work, 'vscode');
  const port = await freePort();
  const browser = await launchChromium(chromium);
  try {
    const figures = {};
    for (const phase of ['first-session', 'new-session']) {
      const results = join(work, `${phase}.json`);
      const server = await startServer({ folder: corpus, extensionPath: root, testsPath: join(out, 'bench'), dataDir, port, env: { EVIDENCE_TAGGER_BENCH_RESULTS: results, EVIDENCE_TAGGER_BENCH_BIG_FILE: bigFile, EVIDENCE_TAGGER_BENCH_PHASE: phase, ...(phase === 'new-session' && process.env.EVIDENCE_TAGGER_BENCH_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-interval=200 --cpu-prof-dir=${process.env.EVIDENCE_TAGGER_BENCH_PROFILE}` } : {}) } });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const finished = new Promise((r) => page.exposeFunction('codeAutomationExit', (code) => r(code)));
        await page.goto(server.url);
        await Promise.race([finished, new Promise((r) => setTimeout(r, 15 * 60 * 1000))]);
        await page.close();
        // With EVIDENCE_TAGGER_BENCH_PROFILE=DIR, the new session's processes write CPU profiles to DIR as they exit.
        if (process.env.EVIDENCE_TAGGER_BENCH_PROFILE) await new Promise((r) => setTimeout(r, 5000));
        if (!existsSync(results)) throw new Error(`the extension-host benchmark (${phase}) wrote no results`);
        Object.assign(figures, JSON.parse(readFileSync(results, 'utf8')));
      } finally {
        server.stop();
      }
    }
    return figures;
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}
