// Finding the documents a command works on: files as given, folders walked for document extensions.
import { readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

export const DOCUMENT_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd', '.txt'];

export class MissingPathError extends Error {}

export function isDocumentPath(path: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** Every document under the given paths, each once, in path order. Throws MissingPathError for a path that does not exist. */
export function collectDocuments(paths: string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new MissingPathError(`no such file or folder: ${path}`);
    }
    if (stats.isDirectory()) walk(path, found);
    else found.add(path);
  }
  return [...found].sort(comparePaths);
}

function walk(folder: string, found: Set<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.isFile() && isDocumentPath(entry.name)) found.add(path);
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
