// agree: inter-coder agreement between two versions of the same documents (two files, two folders matched by
// relative path, or two git revisions); tally --rev: how the evidence profile changed since a revision.
import { statSync } from 'node:fs';
import { relative, join } from 'node:path';
import { compareCoding, parseSafely, summarizeDocument, tallyChangeText, tallyDocuments, type CodebookLookup, type CodingComparison, type Figures, type ParsedDocument } from '../core';
import { CommandError } from './codingCommands';
import { readDocument, type ReadOptions } from './documents';
import { collectDocuments } from './files';
import { table, thousands } from './format';
import { documentsAtRevision, readAtRevision } from './git';
import { oneLine, printable } from './printable';

export interface AgreeOptions {
  revisions: string[];
  json: boolean;
  minKappa: number | undefined;
}

interface Pair {
  file: string;
  a: ParsedDocument;
  b: ParsedDocument;
  /** How to name each version's file in the report. */
  nameA: string;
  nameB: string;
}

export function agree(paths: string[], lookup: CodebookLookup, options: AgreeOptions, read: ReadOptions): number {
  const pairs = options.revisions.length ? revisionPairs(options.revisions, paths, lookup, read) : pathPairs(paths, lookup, read);
  if (!pairs.length) throw new CommandError('agree: no document is in both versions');
  const result = compareCoding(pairs, lookup.codebook);
  if (options.json) process.stdout.write(JSON.stringify({ ...result, pairs: pairs.map((p) => ({ file: p.file, a: p.nameA, b: p.nameB })) }, null, 2) + '\n');
  else process.stdout.write(report(result, pairs));
  if (options.minKappa !== undefined) {
    const kappa = result.overall.kappa;
    if (kappa === null || kappa < options.minKappa) {
      process.stderr.write(`agreement below the threshold: kappa ${kappa === null ? 'undefined (nothing coded)' : kappa.toFixed(3)} < ${options.minKappa}\n`);
      return 1;
    }
  }
  return 0;
}

function parseText(text: string | undefined, lookup: CodebookLookup) {
  return text === undefined ? undefined : parseSafely(text, lookup);
}

/** Two files, or two folders whose documents are matched by their path inside each folder. */
function pathPairs(paths: string[], lookup: CodebookLookup, read: ReadOptions): Pair[] {
  if (paths.length !== 2) throw new CommandError('agree: give two files or two folders (A B), or --rev REV1 --rev REV2 PATH...');
  const [first, second] = paths;
  const isFolder = (path: string) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      throw new CommandError(`agree: no such file or folder: ${path}`);
    }
  };
  if (isFolder(first) !== isFolder(second)) throw new CommandError('agree: give two files or two folders, not one of each');
  const matched: [string, string, string][] = [];
  if (!isFolder(first)) matched.push([second, first, second]);
  else {
    const inFirst = new Map(collectDocuments([first], read).map((f) => [relative(first, f), f]));
    const inSecond = new Map(collectDocuments([second], read).map((f) => [relative(second, f), f]));
    for (const [rel, file] of inFirst) {
      const other = inSecond.get(rel);
      if (other) matched.push([rel, file, other]);
      else read.warn(`${printable(file)}: not in ${printable(second)}, left out`);
    }
    for (const [rel, file] of inSecond) if (!inFirst.has(rel)) read.warn(`${printable(file)}: not in ${printable(first)}, left out`);
  }
  const pairs: Pair[] = [];
  for (const [file, pathA, pathB] of matched) {
    const a = parseText(readDocument(pathA, read), lookup);
    const b = parseText(readDocument(pathB, read), lookup);
    if (a && b) pairs.push({ file, a, b, nameA: pathA, nameB: pathB });
  }
  return pairs;
}

function revisionPairs(revisions: string[], paths: string[], lookup: CodebookLookup, read: ReadOptions): Pair[] {
  if (revisions.length !== 2) throw new CommandError('agree: give --rev twice (--rev REV1 --rev REV2), then the paths');
  const [first, second] = revisions;
  const where = paths.length ? paths : ['.'];
  const inFirst = documentsAtRevision(first, where);
  const inSecond = new Set(documentsAtRevision(second, where));
  const firstSet = new Set(inFirst);
  for (const file of inSecond) if (!firstSet.has(file)) read.warn(`${printable(file)}: not in ${first}, left out`);
  for (const file of inFirst) if (!inSecond.has(file)) read.warn(`${printable(file)}: not in ${second}, left out`);
  const both = inFirst.filter((file) => inSecond.has(file));
  const textsA = readAtRevision(first, both);
  const textsB = readAtRevision(second, both);
  const pairs: Pair[] = [];
  for (const file of both) {
    const a = textsA.get(file)!;
    const b = textsB.get(file)!;
    if (a.text === undefined || b.text === undefined) {
      read.warn(`${printable(file)}: skipped, ${a.reason ?? b.reason}`);
      continue;
    }
    pairs.push({ file, a: parseSafely(a.text, lookup), b: parseSafely(b.text, lookup), nameA: `${first}:${file}`, nameB: `${second}:${file}` });
  }
  return pairs;
}

const figure = (value: number | null, digits = 3) => (value === null ? '—' : value.toFixed(digits));
const share = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const cells = (f: Figures) => [share(f.percentage), figure(f.kappa), figure(f.alpha)];

function report(result: CodingComparison, pairs: Pair[]): string {
  const out = [`Agreement over ${thousands(result.characters)} characters of prose in ${result.files} file${result.files === 1 ? '' : 's'} (A = ${printable(pairs[0].nameA)}${pairs.length > 1 ? ' …' : ''}, B = ${printable(pairs[0].nameB)}${pairs.length > 1 ? ' …' : ''})`, ''];
  const rows: (string | number)[][] = [];
  for (const dimension of result.dimensions) {
    for (const t of dimension.tags) rows.push([dimension.dimension, t.tag, t.passagesA, t.passagesB, thousands(t.charactersA), thousands(t.charactersB), ...cells(t)]);
    rows.push([dimension.dimension, '(all tags)', '', '', '', '', ...cells(dimension)]);
  }
  rows.push(['overall', '', '', '', '', '', ...cells(result.overall)]);
  out.push(table(['dimension', 'tag', 'passages A', 'passages B', 'chars A', 'chars B', 'agreement', 'kappa', 'alpha'], rows), '');
  out.push("agreement: share of characters coded alike; kappa: Cohen's kappa over characters; alpha: Krippendorff's unitized alpha (_uα); — where undefined", '');
  if (result.disagreements.length) {
    out.push(`${result.disagreements.length} disagreement${result.disagreements.length === 1 ? '' : 's'}:`);
    for (const d of result.disagreements) {
      const pair = pairs.find((p) => p.file === d.file)!;
      const a = pair.a.lines.positionAt(d.a.start);
      const b = pair.b.lines.positionAt(d.b.start);
      const tags = (list: string[]) => (list.length ? list.join('+') : '(none)');
      out.push(printable(`  ${d.file}:${a.line + 1}:${a.character + 1} (B ${b.line + 1}:${b.character + 1}): ${d.dimension}: ${tags(d.tagsA)} ≠ ${tags(d.tagsB)}  "${oneLine(d.text, 60)}"`));
    }
  } else out.push('no disagreements');
  if (result.textDifferences.length) {
    out.push('', `${result.textDifferences.length} place${result.textDifferences.length === 1 ? '' : 's'} where the text itself differs (left out of every figure):`);
    for (const d of result.textDifferences.slice(0, 50)) {
      const pair = pairs.find((p) => p.file === d.file)!;
      const a = pair.a.lines.positionAt(d.a.start);
      out.push(printable(`  ${d.file}:${a.line + 1}:${a.character + 1}: "${oneLine(pair.a.text.slice(d.a.start, d.a.end), 40)}" → "${oneLine(pair.b.text.slice(d.b.start, d.b.end), 40)}"`));
    }
  }
  return out.join('\n') + '\n';
}

/** tally --rev REV: the working tree's tally against the revision's, as changes. */
export function tallySince(revision: string, paths: string[], lookup: CodebookLookup, json: boolean, read: ReadOptions): number {
  const where = paths.length ? paths : ['.'];
  const before = [...readAtRevision(revision, documentsAtRevision(revision, where))].flatMap(([file, { text }]) => (text === undefined ? [] : [{ file, summary: summarizeDocument(parseSafely(text, lookup)) }]));
  const now = collectDocuments(where, read).flatMap((file) => {
    const doc = parseText(readDocument(file, read), lookup);
    return doc ? [{ file: relative('.', file) || join('.', file), summary: summarizeDocument(doc) }] : [];
  });
  const old = tallyDocuments(before, lookup.codebook);
  const current = tallyDocuments(now, lookup.codebook);
  if (json) {
    process.stdout.write(JSON.stringify({ revision, before: old, after: current }, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(tallyChangeText(revision, old, current, (header, rows) => table(header, rows)));
  return 0;
}
