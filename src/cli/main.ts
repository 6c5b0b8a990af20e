// evidence-tagger: the command line on the same core as the extension.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { CodebookLookup, DEFAULT_CODEBOOK, exportCsv, exportHtml, exportJson, exportQdc, exportQdpx, importRefiCodebook, loadCodebook, parseSafely, passageRecord, tallyDocuments, type Codebook } from '../core';
import { readDocument, summarizeFiles } from './documents';
import { collectDocuments, MissingPathError } from './files';
import { printTally } from './tallyReport';

const USAGE = `usage: evidence-tagger <command> [options] PATH...

commands:
  passages [--json]   list tagged passages
  tally [--json]      counts per tag, the evidence × use matrix, and coverage per file
  check               problems as file:line:col: severity: message (exit 1 on any error)
  export --format F --out FILE [--bom]
                      F is csv, json, qdc (REFI-QDA codebook), qdpx (REFI-QDA project) or html (report)
  import-codebook --out FILE SOURCE
                      a REFI-QDA .qdc or .qdpx codebook as evidence-codebook.json

options:
  --codebook FILE     codebook JSON (default: ./evidence-codebook.json if present, else the built-in one)
  --json              machine-readable output
  -h, --help          this help

A PATH is a file or a folder; folders are walked for .md .markdown .qmd .Rmd .txt files,
skipping node_modules and dot-folders.`;

class UsageError extends Error {}

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, codebook: { type: 'string' }, help: { type: 'boolean', short: 'h' }, format: { type: 'string' }, out: { type: 'string' }, bom: { type: 'boolean' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const [command, ...paths] = parsed.positionals;
  if (parsed.values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return parsed.values.help ? 0 : 2;
  }
  try {
    const codebook = readCodebook(parsed.values.codebook);
    if (!['passages', 'tally', 'check', 'export', 'import-codebook'].includes(command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    if (command === 'import-codebook') return importCodebookFile(paths, parsed.values.out);
    if (command === 'export') return exportFiles(paths, codebook, parsed.values.format, parsed.values.out, !!parsed.values.bom);
    if (paths.length === 0) throw new UsageError(`${command}: give at least one file or folder`);
    const files = collectDocuments(paths);
    const lookup = new CodebookLookup(codebook);
    if (command === 'passages') return passages(files, lookup, !!parsed.values.json);
    if (command === 'tally') return tally(files, lookup, !!parsed.values.json);
    return check(files, lookup);
  } catch (error) {
    if (error instanceof MissingPathError || error instanceof UsageError || error instanceof CodebookFileError) return fail(error.message);
    return fail(`unexpected error: ${(error as Error).message}`);
  }
}

class CodebookFileError extends Error {}

function readCodebook(path: string | undefined): Codebook {
  const file = path ?? 'evidence-codebook.json';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    if (path === undefined) return DEFAULT_CODEBOOK;
    throw new CodebookFileError(`cannot read codebook ${file}`);
  }
  const result = loadCodebook(text);
  if (result.ok) return result.codebook;
  const first = result.errors[0];
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  throw new CodebookFileError(`${file}:${first.line + 1}:${first.character + 1}: invalid codebook: ${first.message}${more}`);
}

const warn = (message: string) => process.stderr.write(`${message}\n`);
const readText = (file: string) => readDocument(file, warn);

function passages(files: string[], lookup: CodebookLookup, json: boolean): number {
  const records = [];
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) continue;
    const doc = parseSafely(text, lookup);
    for (const passage of doc.passages) records.push(passageRecord(file, doc, passage));
  }
  if (json) {
    process.stdout.write(JSON.stringify(records, null, 2) + '\n');
    return 0;
  }
  for (const r of records) {
    const tags = Object.entries(r.tags).map(([d, ids]) => `${d}=${ids.join(',')}`).join(' ');
    const text = r.text.replace(/\s+/g, ' ').trim();
    process.stdout.write(`${r.file}:${r.start.line + 1}:${r.start.character + 1}: ${r.kind} ${tags}  ${text.length > 80 ? text.slice(0, 79) + '…' : text}\n`);
  }
  return 0;
}

function tally(files: string[], lookup: CodebookLookup, json: boolean): number {
  const documents = summarizeFiles(files, lookup, warn);
  const result = tallyDocuments(documents, lookup.codebook);
  process.stdout.write(json ? JSON.stringify(result, null, 2) + '\n' : printTally(result));
  return 0;
}

function check(files: string[], lookup: CodebookLookup): number {
  let errors = 0;
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) continue;
    const doc = parseSafely(text, lookup);
    for (const problem of doc.problems) {
      const at = doc.lines.positionAt(problem.start);
      if (problem.severity === 'error') errors++;
      process.stdout.write(`${file}:${at.line + 1}:${at.character + 1}: ${problem.severity}: ${problem.message}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

const FORMATS = ['csv', 'json', 'qdc', 'qdpx', 'html'] as const;

function exportFiles(paths: string[], codebook: Codebook, format: string | undefined, out: string | undefined, bom: boolean): number {
  if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format must be one of ${FORMATS.join(', ')}`);
  if (!out) throw new UsageError('export: --out FILE is required');
  if (paths.length === 0 && format !== 'qdc') throw new UsageError('export: give at least one file or folder');
  const lookup = new CodebookLookup(codebook);
  const documents = [];
  for (const file of paths.length ? collectDocuments(paths) : []) {
    const text = readText(file);
    if (text !== undefined) documents.push({ file, parsed: parseSafely(text, lookup) });
  }
  const input = { documents, codebook, projectName: format === 'qdpx' ? basename(out).replace(/\.[^.]+$/, '') : undefined };
  const outDir = dirname(resolve(out));
  const content: string | Uint8Array =
    format === 'csv' ? exportCsv(input, { bom })
    : format === 'json' ? exportJson(input)
    : format === 'qdc' ? exportQdc(codebook)
    : format === 'qdpx' ? exportQdpx(input)
    : exportHtml(input, { linkTo: (file) => relative(outDir, resolve(file)).split(sep).join('/') });
  writeFileSync(out, content);
  process.stderr.write(`${out}: ${documents.length} document${documents.length === 1 ? '' : 's'}, ${documents.reduce((n, d) => n + d.parsed.passages.length, 0)} passages\n`);
  return 0;
}

function importCodebookFile(paths: string[], out: string | undefined): number {
  if (paths.length !== 1) throw new UsageError('import-codebook: give one .qdc or .qdpx file');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(paths[0]);
  } catch {
    throw new MissingPathError(`no such file: ${paths[0]}`);
  }
  const result = importRefiCodebook(bytes, basename(paths[0]));
  if (!result.ok) throw new CodebookFileError(result.error);
  result.messages.forEach((m) => process.stderr.write(`note: ${m}\n`));
  const json = JSON.stringify(result.codebook, null, 2) + '\n';
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`evidence-tagger: ${message}\n`);
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
