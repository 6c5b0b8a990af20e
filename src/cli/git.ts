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

/** A document's text at `revision`; undefined (with the reason) when it is not text. */
export function readAtRevision(revision: string, path: string, cwd = process.cwd()): { text?: string; reason?: string } {
  const bytes = git(['show', `${revision}:./${path}`], cwd);
  const decoded = decodeDocument(bytes);
  return decoded.ok ? { text: decoded.text } : { reason: decoded.reason };
}
