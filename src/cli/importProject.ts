// import-project: a REFI-QDA project (.qdpx) as tagged Markdown documents in a folder. Nothing is written
// until every target is known to be inside the folder and new (or --force), so a refusal leaves no half import.
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { importProject, type Codebook } from '../core';
import { CommandError } from './codingCommands';
import { printable } from './printable';
import { replaceFile } from './outFile';

export interface ImportProjectOptions {
  out: string | undefined;
  /** The codebook to map codes onto, when the user chose one (--codebook); else the project's own. */
  codebook: Codebook | undefined;
  codebookFile: string | undefined;
  json: boolean;
  force: boolean;
}

export const CODEBOOK_FILE = 'evidence-codebook.json';
/** A .qdpx is read whole into memory; its entries are capped again when unzipped. */
const MAX_PROJECT_BYTES = 512 * 1024 * 1024;

export function importProjectFiles(paths: string[], options: ImportProjectOptions): number {
  if (paths.length !== 1) throw new CommandError('import-project: give one .qdpx file');
  if (!options.out) throw new CommandError('import-project: --out DIR is required (the folder the documents are written to)');
  const project = paths[0];
  let bytes: Uint8Array;
  try {
    if (statSync(project).size > MAX_PROJECT_BYTES) throw new CommandError(`import-project: ${project} is larger than ${MAX_PROJECT_BYTES / 1024 / 1024} MB`);
    bytes = readFileSync(project);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(`import-project: cannot read ${project}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const result = importProject(bytes, basename(project), { codebook: options.codebook });
  if (!result.ok) throw new CommandError(`import-project: ${result.error}`);

  const folder = resolve(options.out);
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new CommandError(`import-project: ${options.out} is a file; --out takes a folder`);
  const writes = result.documents.map((d) => ({ path: d.path, text: d.text }));
  if (result.codebookFromProject) {
    writes.push({ path: CODEBOOK_FILE, text: JSON.stringify(result.codebook, null, 2) + '\n' });
  }
  const targets = writes.map((w) => ({ ...w, target: insideFolder(folder, w.path) }));
  const existing = targets.filter((t) => existsSync(t.target)).map((t) => t.path);
  if (existing.length && !options.force) {
    const hint = result.codebookFromProject && existing.includes(CODEBOOK_FILE) ? ` To code onto the folder's own codebook instead, pass --codebook ${join(options.out, CODEBOOK_FILE)}.` : '';
    throw new CommandError(`import-project: ${existing.length} file${existing.length === 1 ? '' : 's'} already exist in ${options.out}, nothing written: ${existing.slice(0, 10).join(', ')}${existing.length > 10 ? ', …' : ''}. Choose an empty folder or pass --force to replace them.${hint}`);
  }
  mkdirSync(folder, { recursive: true });
  const realFolder = realpathSync(folder);
  for (const t of targets) {
    mkdirSync(dirname(t.target), { recursive: true });
    // A folder inside DIR may be a link to elsewhere: the written file must really be inside.
    const realParent = realpathSync(dirname(t.target));
    if (realParent !== realFolder && !realParent.startsWith(realFolder + sep)) throw new CommandError(`import-project: refusing to write ${t.path}: its folder leads outside ${options.out}`);
    writeAtomically(t.target, t.text);
  }

  const report = result.report;
  const passages = report.sources.reduce((n, s) => n + s.passages, 0);
  if (options.json) {
    process.stdout.write(JSON.stringify({ folder: options.out, written: targets.map((t) => t.path), ...report, codebookFile: result.codebookFromProject ? CODEBOOK_FILE : options.codebookFile ?? null }, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const s of report.sources) lines.push(`${join(options.out, s.path)}: ${s.passages} passage${s.passages === 1 ? '' : 's'} from ${s.selections} selection${s.selections === 1 ? '' : 's'} of "${s.name}"`);
    if (result.codebookFromProject) lines.push(`${join(options.out, CODEBOOK_FILE)}: the project's codebook (${result.codebook.dimensions.map((d) => `${d.id}: ${d.tags.length} tags`).join(', ')})`);
    const section = (title: string, items: string[]) => items.length && lines.push(`${title}:`, ...items.map((i) => `  ${i}`));
    section('codebook', report.codebook);
    section('approximated', report.approximations);
    section('not written', report.dropped);
    section('skipped sources', report.skipped);
    process.stdout.write(lines.map(printable).join('\n') + '\n');
  }
  const codebookArgument = result.codebookFromProject ? join(options.out, CODEBOOK_FILE) : options.codebookFile;
  process.stderr.write(printable(`imported ${report.sources.length} source${report.sources.length === 1 ? '' : 's'} with ${passages} passages into ${options.out}; ${report.approximations.length} approximated, ${report.dropped.length} not written, ${report.skipped.length} skipped. Next: evidence-tagger tally${codebookArgument ? ` --codebook ${codebookArgument}` : ''} ${options.out}`) + '\n');
  return 0;
}

/** DIR/path, refusing any path that would resolve outside DIR (the core already makes names safe; this is the last guard). */
function insideFolder(folder: string, path: string): string {
  const target = resolve(folder, path);
  const rel = relative(folder, target);
  if (!rel || rel.startsWith('..') || resolve(folder, rel) !== target || rel.split(sep).includes('..')) throw new CommandError(`import-project: refusing to write ${path}: it is outside the output folder`);
  return target;
}

function writeAtomically(file: string, text: string): void {
  try {
    replaceFile(file, text);
  } catch (error) {
    throw new CommandError(`import-project: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
