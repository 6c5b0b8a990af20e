// The same extension test suite under a desktop VS Code, where one can be downloaded (not on the machines
// this project is built on: there `npm test` runs it through scripts/test-integration.mjs instead).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'integration');
const suites = readdirSync(join(root, 'test/integration/suite')).filter((f) => f.endsWith('.test.ts')).map((f) => join(root, 'test/integration/suite', f));
await build({ entryPoints: [join(root, 'test/integration/index.ts'), ...suites], outbase: join(root, 'test/integration'), outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: join(outDir, 'index'),
  launchArgs: [join(root, 'test/integration/workspace'), '--disable-extensions', '--disable-workspace-trust'],
});
