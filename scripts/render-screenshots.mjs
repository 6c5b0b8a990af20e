// The README's pictures of rendered output: a sample through pandoc 3 (pandoc-wasm) with the Lua filter, and
// the annotated HTML export of samples/, each opened in headless Chromium. Part of `npm run screenshots`.
import { chromium } from 'playwright-core';
import { convert } from 'pandoc-wasm';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './vscode-server.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'evidence-render-'));
try {
  const lua = readFileSync(join(root, 'filters', 'evidence-tagger.lua'), 'utf8');
  const markdown = readFileSync(join(root, 'samples', 'report-excerpt.md'), 'utf8');
  const rendered = await convert({ from: 'markdown', to: 'html', standalone: true, filters: ['evidence-tagger.lua'], metadata: { title: 'Evidence use in community learning (rendered with pandoc and the Lua filter)' } }, markdown, { 'evidence-tagger.lua': lua });
  writeFileSync(join(work, 'pandoc.html'), rendered.stdout);
  execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'export', '--format', 'annotated-html', '--out', join(work, 'annotated.html'), 'samples'], { cwd: root, stdio: 'ignore' });
  const browser = await launchChromium(chromium);
  const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
  for (const [page_, picture] of [['pandoc.html', 'screenshot-pandoc.png'], ['annotated.html', 'screenshot-annotated.png']]) {
    await page.goto(pathToFileURL(join(work, page_)).href);
    await page.screenshot({ path: join(root, 'media', picture) });
    console.log(`media/${picture}`);
  }
  await browser.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
