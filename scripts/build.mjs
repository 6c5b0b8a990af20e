// Bundles the CLI (and, when present, the extension) into dist/ with esbuild.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: !production, minify: production, logLevel: 'warning', mainFields: ['module', 'main'] };

// The CLI in two bundles: a small entry that answers a repeated tally from the cache, and the rest, loaded
// by the entry only when needed (src/cli/entry.ts).
await build({ ...common, entryPoints: ['src/cli/entry.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['./cli-main.js'] });
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js' });
// The core alone, for the benchmark and for other tools that embed it.
await build({ ...common, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', format: 'cjs' });
if (existsSync('src/extension.ts')) {
  await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'] });
}

// The codebook's JSON schema, from the same zod schema, so VS Code validates and completes the file as it is typed.
const { codebookJsonSchema, exportJsonSchema, CODEBOOK_PRESETS } = await import('../dist/core.js').then((m) => m.default ?? m);
writeFileSync('media/evidence-codebook.schema.json', JSON.stringify(codebookJsonSchema(), null, 2) + '\n');
// The JSON export's schema, as documentation for whoever reads the exports.
writeFileSync('media/evidence-export.schema.json', JSON.stringify(exportJsonSchema(), null, 2) + '\n');
// Codebook presets, ready to copy to a folder's evidence-codebook.json.
mkdirSync('presets', { recursive: true });
for (const { name, codebook } of CODEBOOK_PRESETS) writeFileSync(`presets/${name}.json`, JSON.stringify({ $schema: '../media/evidence-codebook.schema.json', ...codebook }, null, 2) + '\n');
