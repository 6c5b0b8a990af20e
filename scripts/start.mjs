// npm start: until the editor exists, the CLI on the sample documents.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = resolve(root, 'dist/cli.js');
for (const args of [['tally', 'samples'], ['check', 'samples']]) {
  console.log(`\n$ evidence-tagger ${args.join(' ')}`);
  spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
}
