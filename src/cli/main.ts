// evidence-tagger: the command line on the same core as the extension.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { CodebookLookup, DEFAULT_CODEBOOK, exportAnnotatedHtml, exportCsv, exportHtml, exportJson, exportQdc, exportQdpx, importRefiCodebook, loadCodebook, relativeHref, parseSafely, passageRecord, tallyDocuments, type Codebook } from '../core';
import { DEFAULT_MAX_FILE_SIZE, readDocument, summarizeFiles, type ReadOptions } from './documents';
import { collectDocuments, MissingPathError, WalkTimes } from './files';
import { checkOutPath, OutFileError, writeOut } from './outFile';
import { oneLine, printable } from './printable';
import { printTally } from './tallyReport';
import { CommandError, init, suggest, tagAll } from './codingCommands';
import { parseChange, REFACTOR_COMMANDS, refactorFiles } from './refactorCommands';
import { importProjectFiles } from './importProject';
import { agree, tallySince } from './agreeCommands';
import { mergeDriver } from './mergeDriver';
import { SummaryStore } from './summaryStore';
import { parseCommandLine } from './options';
import { cacheDirOf, readCodebookSource, storeTallyResult, type CodebookSource } from './storedTally';

const USAGE = `usage: evidence-tagger <command> [options] PATH...

commands:
  passages [--json]   list tagged passages
  tally [--json] [--rev REV]
                      counts per tag, the evidence × use matrix, and coverage per file; with
                      --rev, how they changed between git revision REV and the working tree
  check               problems as file:line:col: severity: message (exit 1 on any error)
  export --format F --out FILE [--bom]
                      F is csv, json, qdc (REFI-QDA codebook), qdpx (REFI-QDA project), html (report)
                      or annotated-html (the documents themselves with their passages highlighted)
  import-codebook --out FILE SOURCE
                      a REFI-QDA .qdc or .qdpx codebook as evidence-codebook.json
  import-project --out DIR [--codebook FILE] [--json] [--force] PROJECT.qdpx
                      a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder) as tagged Markdown
                      documents in DIR, with the project's codebook as DIR/evidence-codebook.json,
                      or its codes mapped onto --codebook FILE by id, alias or label. Overlapping
                      codings become pieces sharing passage="pN"; every approximation, unwritten
                      coding and non-text source is reported. Existing files are not replaced
                      without --force.
  suggest [--json]    untagged paragraphs with the tags their cues suggest, best first
  tag-all (--match TEXT | --regex RE) --tags "evidence=research use=instrumental" [--dry-run]
                      tag every occurrence as a span (a whole paragraph as a div); --match
                      ignores case and runs of white space, whole words; --regex is a
                      JavaScript regular expression (case-sensitive). Code, math, HTML and
                      existing markup are skipped with a reason; files are written only
                      without --dry-run, and only UTF-8 files that read back exactly
  rename-tag OLD NEW, merge-tag TAG INTO, move-tag TAG DIMENSION, delete-tag TAG  [--dry-run] PATH...
                      change the codebook and every document as one refactoring; a TAG is
                      DIMENSION=ID or an id only one dimension has. Renamed and merged ids stay
                      as aliases; a passage left with no codebook key loses its markup; a
                      document whose markup would read differently is left alone and reported.
                      The codebook file (--codebook, ./evidence-codebook.json, or a new one from
                      the built-in codebook) is updated too. --dry-run prints a diff.
  agree A B [--json] [--min-kappa K]
  agree --rev REV1 --rev REV2 [--json] [--min-kappa K] PATH...
                      inter-coder agreement between two versions of the same documents (two
                      files, two folders matched by relative path, or two git revisions read
                      with git show): per tag and dimension, percentage agreement, Cohen's
                      kappa and Krippendorff's unitized alpha over characters of prose, then
                      every disagreement. --min-kappa exits 1 when the overall kappa is below K
  merge-driver BASE OURS THEIRS [PATH]
                      git merge driver: merges tag changes from both sides, even on one line;
                      anything else (edited text, one passage retagged two ways) is merged line
                      by line by git merge-file, so real conflicts show as conflicts
  init [--preset NAME] [--out FILE] [--force]
                      write evidence-codebook.json from a preset: default, clles-community
                      (adds community-based insight as a type of evidence), clles-review-extended

options:
  --cache[=DIR]       tally: keep each document's summary in DIR (default ~/.cache/evidence-tagger, or
                      $XDG_CACHE_HOME/evidence-tagger) and read only documents whose size or time changed
                      since (or whose codebook did); a repeated run that finds nothing changed prints
                      its stored output; --no-cache turns it off again
  --codebook FILE     codebook JSON (default: ./evidence-codebook.json if present, else the built-in one)
  --max-file-size N   skip documents larger than N bytes, with a notice (default 10485760, as the extension)
  --json              machine-readable output
  -h, --help          this help

A PATH is a file or a folder; folders are walked for .md .markdown .qmd .Rmd .txt files,
skipping node_modules and dot-folders. A file or folder that cannot be read is reported
and skipped; the command finishes the rest and exits 1.`;

class UsageError extends Error {}

const COMMANDS: string[] = ['agree', 'merge-driver', 'passages', 'tally', 'check', 'export', 'import-codebook', 'import-project', 'suggest', 'tag-all', 'init', ...REFACTOR_COMMANDS];

export function main(argv: string[]): number {
  const startedAt = Date.now();
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const [command, ...paths] = parsed.positionals;
  if (parsed.values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return parsed.values.help ? 0 : 2;
  }
  try {
    const maxFileSize = parsed.values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : Number(parsed.values['max-file-size']);
    if (!Number.isFinite(maxFileSize) || maxFileSize < 0) throw new UsageError('--max-file-size takes a number of bytes');
    let failures = 0;
    let warnings = 0;
    const options: ReadOptions = { maxFileSize, warn: (message) => (warnings++, warn(message)), failed: () => failures++ };
    const finish = (status: number) => (failures > 0 ? Math.max(status, 1) : status);
    if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    if (command === 'init') return init(parsed.values.preset, parsed.values.out, !!parsed.values.force);
    if (command === 'import-project') {
      const chosen = parsed.values.codebook === undefined ? undefined : readCodebook(readCodebookFile(parsed.values.codebook));
      return importProjectFiles(paths, { out: parsed.values.out, codebook: chosen, codebookFile: parsed.values.codebook, json: !!parsed.values.json, force: !!parsed.values.force });
    }
    const codebookSource = readCodebookFile(parsed.values.codebook);
    const codebook = readCodebook(codebookSource);
    if (command === 'import-codebook') return importCodebookFile(paths, parsed.values.out);
    if ((REFACTOR_COMMANDS as readonly string[]).includes(command)) {
      const { change, rest } = parseChange(command, paths, codebook);
      if (rest.length === 0) throw new UsageError(`${command}: give at least one file or folder`);
      const file = parsed.values.codebook ?? (existsSync('evidence-codebook.json') ? 'evidence-codebook.json' : undefined);
      return finish(refactorFiles(collectDocuments(rest, options), change, { codebook, file }, !!parsed.values['dry-run'], options));
    }
    const revisions = parsed.values.rev ?? [];
    if (command === 'merge-driver') return mergeDriver(paths, new CodebookLookup(codebook));
    if (command === 'agree') {
      const minKappa = parsed.values['min-kappa'] === undefined ? undefined : Number(parsed.values['min-kappa']);
      if (minKappa !== undefined && !Number.isFinite(minKappa)) throw new UsageError('--min-kappa takes a number, e.g. 0.7');
      return finish(agree(paths, new CodebookLookup(codebook), { revisions, json: !!parsed.values.json, minKappa }, options));
    }
    if (command === 'tally' && revisions.length) {
      if (revisions.length > 1) throw new UsageError('tally: give one --rev (the working tree is the other side)');
      return finish(tallySince(revisions[0], paths, new CodebookLookup(codebook), !!parsed.values.json, options));
    }
    if (command === 'export') return finish(exportFiles(paths, codebook, parsed.values.format, parsed.values.out, !!parsed.values.bom, options));
    if (paths.length === 0) throw new UsageError(`${command}: give at least one file or folder`);
    // A tally kept for the next run notes the folders it walked (see storedTally.ts).
    const walked = command === 'tally' && cacheDirOf(parsed.values) !== undefined ? new WalkTimes() : undefined;
    const files = collectDocuments(paths, options, walked);
    const lookup = new CodebookLookup(codebook);
    if (command === 'passages') return finish(passages(files, lookup, !!parsed.values.json, options));
    if (command === 'tally') {
      const cacheDir = cacheDirOf(parsed.values);
      const cache = cacheDir === undefined ? undefined : new SummaryStore(cacheDir, lookup);
      const { stdout, stderr } = tally(files, lookup, !!parsed.values.json, options, cache);
      // A clean run's output is kept for the next identical one (see storedTally.ts).
      if (cache && warnings === 0 && failures === 0) storeTallyResult(cacheDir!, argv, startedAt, codebookSource, files, walked!, files.map((file) => cache.facts.get(file)), stdout, stderr);
      return finish(0);
    }
    if (command === 'suggest') return finish(suggest(files, lookup, !!parsed.values.json, options));
    if (command === 'tag-all') return finish(tagAll(files, lookup, { match: parsed.values.match, regex: parsed.values.regex, tags: parsed.values.tags, dryRun: !!parsed.values['dry-run'] }, options));
    return finish(check(files, lookup, options));
  } catch (error) {
    if (error instanceof MissingPathError || error instanceof UsageError || error instanceof CodebookFileError || error instanceof OutFileError || error instanceof CommandError) return fail(error.message);
    return fail(`unexpected error: ${(error as Error).message}`);
  }
}

class CodebookFileError extends Error {}

function readCodebookFile(path: string | undefined): CodebookSource {
  try {
    return readCodebookSource(path);
  } catch {
    throw new CodebookFileError(`cannot read codebook ${path}`);
  }
}

function readCodebook({ file, text }: CodebookSource): Codebook {
  if (text === undefined) return DEFAULT_CODEBOOK;
  const result = loadCodebook(text);
  if (result.ok) return result.codebook;
  const first = result.errors[0];
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  throw new CodebookFileError(`${file}:${first.line + 1}:${first.character + 1}: invalid codebook: ${first.message}${more}`);
}

const warn = (message: string) => process.stderr.write(`${message}\n`);

function passages(files: string[], lookup: CodebookLookup, json: boolean, options: ReadOptions): number {
  const records = [];
  for (const file of files) {
    const text = readDocument(file, options);
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
    process.stdout.write(printable(`${r.file}:${r.start.line + 1}:${r.start.character + 1}: ${r.kind} ${tags}  ${oneLine(r.text)}`) + '\n');
  }
  return 0;
}

/** Prints the tally and returns what it printed. */
function tally(files: string[], lookup: CodebookLookup, json: boolean, options: ReadOptions, cache?: SummaryStore): { stdout: string; stderr: string } {
  const documents = cache ? files.flatMap((file) => cache.summarize(file, options) ?? []) : summarizeFiles(files, lookup, options);
  let stderr = '';
  if (cache) {
    cache.save();
    // What a stored answer would have found: every document reused.
    stderr = `cache: ${cache.reused + cache.parsed} reused, 0 read\n`;
    process.stderr.write(`cache: ${cache.reused} reused, ${cache.parsed} read\n`);
  }
  const result = tallyDocuments(documents, lookup.codebook);
  const stdout = json ? JSON.stringify(result, null, 2) + '\n' : printTally(result);
  process.stdout.write(stdout);
  return { stdout, stderr };
}

function check(files: string[], lookup: CodebookLookup, options: ReadOptions): number {
  let errors = 0;
  for (const file of files) {
    const text = readDocument(file, options);
    if (text === undefined) continue;
    const doc = parseSafely(text, lookup);
    for (const problem of doc.problems) {
      const at = doc.lines.positionAt(problem.start);
      if (problem.severity === 'error') errors++;
      process.stdout.write(printable(`${file}:${at.line + 1}:${at.character + 1}: ${problem.severity}: ${problem.message}`) + '\n');
    }
  }
  return errors > 0 ? 1 : 0;
}

const FORMATS = ['csv', 'json', 'qdc', 'qdpx', 'html', 'annotated-html'] as const;

function exportFiles(paths: string[], codebook: Codebook, format: string | undefined, out: string | undefined, bom: boolean, options: ReadOptions): number {
  if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format must be one of ${FORMATS.join(', ')}`);
  if (!out) throw new UsageError('export: --out FILE is required');
  if (paths.length === 0 && format !== 'qdc') throw new UsageError('export: give at least one file or folder');
  const lookup = new CodebookLookup(codebook);
  const files = paths.length ? collectDocuments(paths, options) : [];
  checkOutPath(out, files, paths);
  const documents = [];
  for (const file of files) {
    const text = readDocument(file, options);
    if (text !== undefined) documents.push({ file, parsed: parseSafely(text, lookup) });
  }
  const input = { documents, codebook, projectName: format === 'qdpx' ? basename(out).replace(/\.[^.]+$/, '') : undefined };
  const outDir = dirname(resolve(out));
  const content: string | Uint8Array =
    format === 'csv' ? exportCsv(input, { bom })
    : format === 'json' ? exportJson(input)
    : format === 'qdc' ? exportQdc(codebook)
    : format === 'qdpx' ? exportQdpx(input)
    : format === 'annotated-html' ? exportAnnotatedHtml(input)
    : exportHtml(input, { linkTo: (file) => relativeHref(relative(outDir, resolve(file)).split(sep).join('/')) });
  writeOut(out, content);
  process.stderr.write(`${printable(out)}: ${documents.length} document${documents.length === 1 ? '' : 's'}, ${documents.reduce((n, d) => n + d.parsed.passages.length, 0)} passages\n`);
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
  result.messages.forEach((m) => process.stderr.write(`note: ${printable(m)}\n`));
  const json = JSON.stringify(result.codebook, null, 2) + '\n';
  if (out) checkOutPath(out, [paths[0]], []);
  if (out) writeOut(out, json);
  else process.stdout.write(json);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`evidence-tagger: ${message}\n`);
  return 2;
}

// dist/cli.js (entry.ts) loads this bundle only when a stored answer does not do; run alone, it is the CLI too.
if (require.main === module) process.exitCode = main(process.argv.slice(2));
