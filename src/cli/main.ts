// evidence-tagger: the command line on the same core as the extension.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CodebookLookup, DEFAULT_CODEBOOK, loadCodebook, parseDocument, passageRecord, tallyDocuments, type Codebook } from '../core';
import { readDocument, summarizeFiles } from './documents';
import { collectDocuments, MissingPathError } from './files';
import { printTally } from './tallyReport';

const USAGE = `usage: evidence-tagger <command> [options] PATH...

commands:
  passages [--json]   list tagged passages
  tally [--json]      counts per tag, the evidence × use matrix, and coverage per file
  check               problems as file:line:col: severity: message (exit 1 on any error)

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
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, codebook: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
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
    if (!['passages', 'tally', 'check'].includes(command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
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
    const doc = parseDocument(text, lookup);
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
    const doc = parseDocument(text, lookup);
    for (const problem of doc.problems) {
      const at = doc.lines.positionAt(problem.start);
      if (problem.severity === 'error') errors++;
      process.stdout.write(`${file}:${at.line + 1}:${at.character + 1}: ${problem.severity}: ${problem.message}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`evidence-tagger: ${message}\n`);
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
