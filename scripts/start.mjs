// npm start: a real VS Code (the VS Code server from the code-server package) on 127.0.0.1 with this
// extension loaded on the sample documents: a sample open, the Evidence sidebar showing, no welcome page
// or chat panel. Prints the URL to open in a browser; Ctrl+C stops it.
import { resolve } from 'node:path';
import { SetupError, ensureServer, startServer } from './vscode-server.mjs';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8080);
try {
  ensureServer();
  const server = await startServer({
    folder: resolve(root, 'samples'),
    extensionPath: root,
    openFile: resolve(root, 'samples', 'interview-transcript.md'),
    settings: { 'evidenceTagger.openSidebarOnStartup': true },
    port,
  });
  console.log(`\nEvidence Tagger is running in VS Code at:\n\n  ${server.url}\n\nOpen it in a browser (samples/ is the workspace). Ctrl+C stops the server.\n`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
} catch (error) {
  console.error(error instanceof SetupError ? error.message : `npm start failed: ${error.stack ?? error}`);
  process.exit(1);
}
