// Reading documents as they were at a git revision, through git itself (`git ls-tree`, `git show`), never by
// checking anything out: the working tree is left as it is.
import { spawnSync } from 'node:child_process';
import { decodeDocument } from '../core';
import { CommandError } from './codingCommands';
import { isDocumentPath } from './files';

function git(args: string[], cwd: string): Buffer {
  const result = spawnSync('git', args, { cwd, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw new CommandError(`cannot run git: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`);
  if (result.status !== 0) throw new CommandError(`git ${args.join(' ')}: ${result.stderr.toString().trim() || `exit ${result.status}`}`);
  return result.stdout;
}

/** The documents under `paths` at `revision`, as paths relative to `cwd` (as git prints them there). */
export function documentsAtRevision(revision: string, paths: string[], cwd = process.cwd()): string[] {
  if (revision.startsWith('-')) throw new CommandError(`not a revision: ${revision}`);
  try {
    git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd);
  } catch (error) {
    const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd }).status === 0;
    throw new CommandError(inside ? `no revision "${revision}" in this repository (a branch, tag or commit)` : `${(error as Error).message.startsWith('cannot run git') ? (error as Error).message : 'not inside a git repository'}: --rev reads the documents with git`);
  }
  const listed = git(['ls-tree', '-r', '-z', '--name-only', revision, '--', ...paths], cwd).toString('utf8');
  return listed.split('\0').filter((path) => path && isDocumentPath(path)).sort();
}

/**
 * The documents' texts at `revision`, read by one `git cat-file --batch` (not a git process per file); a
 * document that is not text comes with the reason instead.
 */
export function readAtRevision(revision: string, paths: string[], cwd = process.cwd()): Map<string, { text?: string; reason?: string }> {
  const out = new Map<string, { text?: string; reason?: string }>();
  const decode = (path: string, bytes: Uint8Array) => {
    const decoded = decodeDocument(bytes);
    out.set(path, decoded.ok ? { text: decoded.text } : { reason: decoded.reason });
  };
  // The batch protocol is one name per line: a name with a line break in it is asked for on its own.
  for (const path of paths.filter((p) => /[\r\n]/.test(p))) decode(path, git(['show', `${revision}:./${path}`], cwd));
  paths = paths.filter((p) => !/[\r\n]/.test(p));
  if (!paths.length) return out;
  const result = spawnSync('git', ['cat-file', '--batch'], { cwd, input: paths.map((path) => `${revision}:./${path}\n`).join(''), maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw new CommandError(`cannot run git: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`);
  if (result.status !== 0) throw new CommandError(`git cat-file: ${result.stderr.toString().trim() || `exit ${result.status}`}`);
  // Each answer: "<oid> <type> <size>\n<size bytes>\n", or "<name> missing\n".
  const bytes = result.stdout;
  let at = 0;
  for (const path of paths) {
    const lineEnd = bytes.indexOf(10, at);
    if (lineEnd === -1) throw new CommandError(`git cat-file: the answer for ${path} is cut short`);
    const header = bytes.toString('utf8', at, lineEnd);
    at = lineEnd + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) {
      out.set(path, { reason: `not a file at ${revision}` });
      continue;
    }
    decode(path, bytes.subarray(at, at + Number(size)));
    at += Number(size) + 1;
  }
  return out;
}
