// Finding the documents a command works on: files as given, folders walked for document extensions.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { printable } from './printable';
import { join, extname } from 'node:path';

export const DOCUMENT_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd', '.txt'];

export class MissingPathError extends Error {}

export function isDocumentPath(path: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(extname(path).toLowerCase());
}

export interface WalkReporter {
  warn(message: string): void;
  failed(path: string): void;
}

/**
 * Every document under the given paths, each once, in path order. Throws MissingPathError for a path that
 * does not exist. Symbolic links are followed (a loop is reported once); a folder that cannot be read is
 * reported and skipped, and the walk goes on.
 */
export function collectDocuments(paths: string[], reporter: WalkReporter = { warn: () => {}, failed: () => {} }): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new MissingPathError(code === 'ELOOP' ? `a symbolic link loop: ${path}` : `no such file or folder: ${path}`);
    }
    if (stats.isDirectory()) walk(path, found, new Set([realpathSync(path)]), reporter);
    else found.add(path);
  }
  return [...found].sort(comparePaths);
}

function walk(folder: string, found: Set<string>, visiting: Set<string>, reporter: WalkReporter): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    reporter.warn(`${printable(folder)}: cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    reporter.failed(folder);
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
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
    if (isDirectory) {
      const real = realpathSync(path);
      if (visiting.has(real)) {
        reporter.warn(`${printable(path)}: skipped, a symbolic link back into a folder already being read`);
        continue;
      }
      visiting.add(real);
      walk(path, found, visiting, reporter);
      visiting.delete(real);
    } else if (isFile && isDocumentPath(entry.name)) found.add(path);
  }
}

/** Code-unit order of the path segments, so "a/b.md" sorts before "a-c.md" as it does in a file tree. */
export function comparePaths(a: string, b: string): number {
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}
