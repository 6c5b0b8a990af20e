// Finding the documents a command works on: files as given, folders walked for document extensions.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { printable } from './printable';
import { extname, join, sep } from 'node:path';

export const DOCUMENT_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd', '.txt'];

export class MissingPathError extends Error {}

export function isDocumentPath(path: string): boolean {
  // The common case without extname's and toLowerCase's copies: a walk asks this of every file.
  if (path.endsWith('.md')) return true;
  return DOCUMENT_EXTENSIONS.includes(extname(path).toLowerCase());
}

export interface WalkReporter {
  warn(message: string): void;
  failed(path: string): void;
}

/**
 * What a walk's result depends on besides the documents' own stats: each folder it read, with its
 * status-change time (ctime) taken before it was read, and each symbolic link it followed to something that
 * is no document (a link gone broken is a warning). A folder's ctime moves whenever an entry is added,
 * removed or renamed in it, and on a change of its permissions (which its mtime misses): while every one
 * keeps its time, the walk would find the same documents and say the same.
 */
export class WalkTimes {
  readonly paths: string[] = [];
  readonly times: number[] = [];
  record(path: string, stats: { ctimeMs: number }): void {
    this.paths.push(path);
    this.times.push(stats.ctimeMs);
  }
}

/** A path gone between its listing and its stat gets a time no later stat can equal. */
function statOrNothing(path: string): { ctimeMs: number } {
  return statSync(path, { throwIfNoEntry: false }) ?? { ctimeMs: NaN };
}

/**
 * Every document under the given paths, each once, in path order. Throws MissingPathError for a path that
 * does not exist. Symbolic links are followed (a loop is reported once); a folder that cannot be read is
 * reported and skipped, and the walk goes on.
 */
export function collectDocuments(paths: string[], reporter: WalkReporter = { warn: () => {}, failed: () => {} }, walked?: WalkTimes): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new MissingPathError(code === 'ELOOP' ? `a symbolic link loop: ${path}` : `no such file or folder: ${path}`);
    }
    if (stats.isDirectory()) {
      const real = realpathSync(path);
      walked?.record(join(path), stats);
      walk(join(path), real, found, new Set([real]), reporter, walked);
    } else found.add(path);
  }
  return [...found].sort(comparePaths);
}

/**
 * `folder` is normalized (as join leaves it), so a child's path is the two joined by a separator; `real` is
 * its real path, so a child folder that is not a link has the real path `real/name` (no syscall asked).
 */
function walk(folder: string, real: string, found: Set<string>, visiting: Set<string>, reporter: WalkReporter, walked: WalkTimes | undefined): void {
  const prefix = folder === '.' ? '' : folder.endsWith(sep) ? folder : folder + sep;
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    reporter.warn(`${printable(folder)}: cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    reporter.failed(folder);
    return;
  }
  // In name order, so the documents are found nearly in path order and the final sort has little to do.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = prefix + entry.name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    const link = entry.isSymbolicLink();
    if (link) {
      try {
        const target = statSync(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        reporter.warn(`${printable(path)}: skipped, ${code === 'ELOOP' ? 'a symbolic link loop' : 'a broken symbolic link'}`);
        continue;
      }
    }
    if (link && !isDirectory && !(isFile && isDocumentPath(entry.name))) walked?.record(path, statOrNothing(path));
    if (isDirectory) {
      const childReal = link ? realpathSync(path) : join(real, entry.name);
      if (visiting.has(childReal)) {
        reporter.warn(`${printable(path)}: skipped, a symbolic link back into a folder already being read`);
        continue;
      }
      visiting.add(childReal);
      // Its time is taken before it is read: a file added after that moves the folder's time past it.
      walked?.record(path, statOrNothing(path));
      walk(path, childReal, found, visiting, reporter, walked);
      visiting.delete(childReal);
    } else if (isFile && isDocumentPath(entry.name)) found.add(path);
  }
}

/**
 * Code-unit order of the path segments, so "a/b.md" sorts before "a-c.md" as it does in a file tree: the
 * strings compared with a separator below every other character (no arrays made: 5,000 paths sort in a
 * few milliseconds).
 */
export function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    const xSeparator = x === 47 || x === 92;
    if (x === y || (xSeparator && (y === 47 || y === 92))) continue;
    return (xSeparator ? -1 : x) < (y === 47 || y === 92 ? -1 : y) ? -1 : 1;
  }
  return a.length - b.length;
}
