// The extension tests' entry: the `run()` contract that @vscode/test-electron and the code-server harness
// both call inside the extension host. Runs every suite with mocha and writes a small result file.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/** Lines the harness shows: the extension host forwards console output with its arguments unformatted. */
const TEST_OUTPUT_PREFIX = '[tests] ';

export async function run(): Promise<void> {
  const print = (...args: unknown[]) => console.log(format(...args).split('\n').map((line) => TEST_OUTPUT_PREFIX + line).join('\n'));
  // mocha is loaded from the repository's node_modules at run time, not bundled.
  const Mocha = require('mocha');
  // Reporters print through Base.consoleLog; format here, since the host forwards arguments unformatted.
  Mocha.reporters.Base.consoleLog = print;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000, reporter: 'spec' });
  const suiteDir = join(__dirname, 'suite');
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(suiteDir, file));
  const grep = process.env.EVIDENCE_TAGGER_TEST_GREP;
  if (grep) mocha.grep(grep);
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures: number) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      const results = process.env.EVIDENCE_TAGGER_TEST_RESULTS;
      if (results) writeFileSync(results, JSON.stringify({ passes, failures, pending }));
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
  });
}
