// A repeated `tally --cache` answered from its stored result. Between two runs almost nothing changes; when
// the same command (arguments, working folder, codebook text, CLI build) finds the same documents with the
// same sizes and modification times, it prints what it printed last time, without loading the parser.
// Anything else (a changed, added or removed document, a warning, a racy time) goes the full way, where
// the per-document summaries make only changed documents be read again. This module loads nothing heavy:
// dist/cli.js runs it before it decides whether the full CLI is needed at all.
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { RACY_MS, SUMMARY_STORE_VERSION, textFingerprint } from '../core/summaryCache';
import { collectDocuments, WalkTimes } from './files';
import { parseCommandLine } from './options';
import { replaceFile } from './outFile';

const RESULT_VERSION = `${SUMMARY_STORE_VERSION}/tally-result-3`;
/** Results of this many different commands are kept; older ones are removed. */
const MAX_RESULTS = 16;

function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'evidence-tagger');
}

export interface CodebookSource {
  file: string;
  /** The file's text; undefined when no file was named and ./evidence-codebook.json does not exist. */
  text: string | undefined;
}

/** The codebook file's text as the CLI reads it; throws when a named file cannot be read. */
export function readCodebookSource(path: string | undefined): CodebookSource {
  const file = path ?? 'evidence-codebook.json';
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    if (path === undefined) return { file, text: undefined };
    throw error;
  }
}

/** What a document's stat said before it was read. */
export interface FileFacts {
  size: number;
  mtimeNs: string;
  mtimeMs: number;
}

interface StoredTallyHeader {
  version: string;
  key: string;
  /** When the run that printed it started: files changed within RACY_MS before it are not trusted by their time. */
  createdAt: number;
  /** The documents' paths joined by NUL (which no path holds): one string to compare, not thousands to parse. */
  files: string;
  sizes: number[];
  /** Modification times as a plain fs.Stats gives them (ms, a double). */
  mtimes: number[];
  /** The folders (and followed links) the run's walk depended on, joined by NUL, and the ctime of each (see WalkTimes). */
  folders: string;
  folderTimes: number[];
  stderr: string;
}

/** Everything besides the documents that decides the output. */
function commandKey(argv: string[], codebook: CodebookSource): string {
  let build = '';
  try {
    // The full CLI beside this bundle: a rebuilt or upgraded CLI never reuses an older one's output.
    const stats = statSync(join(__dirname, 'cli-main.js'));
    build = `${stats.size}:${stats.mtimeMs}`;
  } catch {
    build = 'unbundled';
  }
  return JSON.stringify({ build, cwd: process.cwd(), argv, codebook: codebook.text === undefined ? null : [resolve(codebook.file), textFingerprint(codebook.text)] });
}

const resultFile = (dir: string, key: string) => join(dir, `tally-${textFingerprint(key)}.txt`);

/** The folder `--cache[=DIR]` names (the default for a bare --cache); undefined without it or with --no-cache. */
export function cacheDirOf(values: { cache?: string; 'no-cache'?: boolean }): string | undefined {
  if (values.cache === undefined || values['no-cache']) return undefined;
  return values.cache || defaultCacheDir();
}

/** The exit status when the stored result still holds (and was printed); undefined to run the full CLI. */
export function answerFromStoredTally(argv: string[]): number | undefined {
  let answer: { stdout: Uint8Array; stderr: string };
  try {
    const { values, positionals } = parseCommandLine(argv);
    const [command, ...paths] = positionals;
    const dir = cacheDirOf(values);
    if (command !== 'tally' || !dir || values.help || values.rev || paths.length === 0) return undefined;
    const key = commandKey(argv, readCodebookSource(values.codebook));
    // Bytes, not text: the output is passed on as it was stored, never decoded.
    const stored = readFileSync(resultFile(dir, key));
    const newline = stored.indexOf(10);
    const header = JSON.parse(stored.toString('utf8', 0, newline)) as StoredTallyHeader;
    if (header.version !== RESULT_VERSION || header.key !== key) return undefined;
    const trustedBefore = header.createdAt - RACY_MS;
    let files = unchangedListing(header, trustedBefore);
    if (files === undefined) {
      // A folder changed (or its time cannot be trusted yet): walked again, and the documents it finds compared.
      let quiet = true;
      files = collectDocuments(paths, { warn: () => (quiet = false), failed: () => (quiet = false) });
      if (!quiet || files.join('\0') !== header.files) return undefined;
    }
    if (files.length !== header.sizes.length) return undefined;
    for (let i = 0; i < files.length; i++) {
      // Plain (not bigint) stats: a third faster here, and their mtimeMs keeps sub-microsecond digits.
      const stats = statSync(files[i], { throwIfNoEntry: false });
      if (!stats?.isFile() || stats.size !== header.sizes[i] || stats.mtimeMs !== header.mtimes[i] || stats.mtimeMs > trustedBefore) return undefined;
    }
    answer = { stdout: stored.subarray(newline + 1), stderr: header.stderr };
  } catch {
    // No stored result, another version, a damaged file, a path that is gone: the full CLI answers.
    return undefined;
  }
  // Printed outside the try: a failure to print is not a reason to compute and print it all again.
  process.stdout.write(answer.stdout);
  process.stderr.write(answer.stderr);
  return 0;
}

/**
 * The documents the stored run found, when every folder it walked still has the time it had then: no folder
 * is read again (listing thousands of documents costs as much as checking them). Undefined to walk them.
 */
export function unchangedListing(header: Pick<StoredTallyHeader, 'files' | 'folders' | 'folderTimes'>, trustedBefore: number): string[] | undefined {
  const folders = header.folders === '' ? [] : header.folders.split('\0');
  if (!Array.isArray(header.folderTimes) || folders.length !== header.folderTimes.length) return undefined;
  for (let i = 0; i < folders.length; i++) {
    const stats = statSync(folders[i], { throwIfNoEntry: false });
    if (!stats || stats.ctimeMs !== header.folderTimes[i] || stats.ctimeMs > trustedBefore) return undefined;
  }
  return header.files === '' ? [] : header.files.split('\0');
}

/** Keeps a finished, warning-free tally's output for the next identical run. Never fails the run. */
export function storeTallyResult(dir: string, argv: string[], startedAt: number, codebook: CodebookSource, files: string[], walked: WalkTimes, facts: (FileFacts | undefined)[], stdout: string, stderr: string): void {
  if (facts.some((f) => f === undefined)) return;
  const known = facts as FileFacts[];
  const key = commandKey(argv, codebook);
  const header: StoredTallyHeader = { version: RESULT_VERSION, key, createdAt: startedAt, files: files.join('\0'), sizes: known.map((f) => f.size), mtimes: known.map((f) => plainMtimeMs(f.mtimeNs)), folders: walked.paths.join('\0'), folderTimes: walked.times, stderr };
  try {
    mkdirSync(dir, { recursive: true });
    replaceFile(resultFile(dir, key), `${JSON.stringify(header)}\n${stdout}`);
    removeOldResults(dir);
  } catch {
    // A cache that cannot be written costs speed, never a result.
  }
}

/** The double a plain fs.Stats holds for this time, computed as Node computes it from seconds and nanoseconds. */
export function plainMtimeMs(mtimeNs: string): number {
  const ns = BigInt(mtimeNs);
  return Number(ns / 1_000_000_000n) * 1e3 + Number(ns % 1_000_000_000n) / 1e6;
}

function removeOldResults(dir: string): void {
  const results = readdirSync(dir).filter((name) => /^tally-[0-9a-z]+\.txt$/.test(name));
  if (results.length <= MAX_RESULTS) return;
  const byAge = results.map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs })).sort((a, b) => a.time - b.time);
  for (const { name } of byAge.slice(0, results.length - MAX_RESULTS)) unlinkSync(join(dir, name));
}
