// Before npm test spends a minute on unit tests: can the integration tests run here at all? If the VS Code
// server is not installed yet, its build needs a few system packages; say at once, in one line, which.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { missingBuildTools, serverHome } from './vscode-server.mjs';

if (!existsSync(join(serverHome, '.complete'))) {
  const missing = missingBuildTools();
  if (missing.length) {
    console.error(`npm test needs system packages to build the VS Code server once: apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
}
