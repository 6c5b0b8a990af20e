// rename-tag, merge-tag, move-tag, delete-tag: a codebook refactoring across documents and the codebook
// file, as one change. --dry-run prints a diff and writes nothing. A document whose markup would read
// differently afterwards is left alone and reported (exit 1).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { applyEdits, changedLines, checkChange, CodebookLookup, LineIndex, parseSafely, planRefactor, presetFileText, refactorCodebook, refactorCodebookText, type Codebook, type TagChange, type TextEdit } from '../core';
import { CommandError, writeDocumentText } from './codingCommands';
import { readDocument, type ReadOptions } from './documents';
import { printable } from './printable';

export const REFACTOR_COMMANDS = ['rename-tag', 'merge-tag', 'move-tag', 'delete-tag'] as const;

/** `dimension=tag`, or a bare tag id that only one dimension has. */
function resolveTag(codebook: Codebook, text: string): { dimension: string; tag: string } {
  const [dimension, tag] = text.includes('=') ? text.split('=', 2) : [undefined, text];
  const lookup = new CodebookLookup(codebook);
  const matches = codebook.dimensions.filter((d) => (dimension === undefined || d.id === dimension) && lookup.tag(d.id, tag));
  if (matches.length === 0) throw new CommandError(`no tag "${text}" in the codebook`);
  if (matches.length > 1) throw new CommandError(`"${tag}" is a tag of several dimensions (${matches.map((d) => d.id).join(', ')}); write DIMENSION=${tag}`);
  return { dimension: matches[0].id, tag: lookup.tag(matches[0].id, tag)!.id };
}

export function parseChange(command: string, args: string[], codebook: Codebook): { change: TagChange; rest: string[] } {
  const need = command === 'delete-tag' ? 1 : 2;
  if (args.length < need + 1) throw new CommandError(`${command}: usage: ${command} ${command === 'delete-tag' ? 'TAG' : command === 'move-tag' ? 'TAG DIMENSION' : command === 'merge-tag' ? 'TAG INTO' : 'OLD NEW'} PATH...`);
  const { dimension, tag } = resolveTag(codebook, args[0]);
  const second = args[1];
  const change: TagChange =
    command === 'rename-tag' ? { kind: 'rename', dimension, tag, to: second.includes('=') ? second.split('=')[1] : second }
    : command === 'merge-tag' ? { kind: 'merge', dimension, tag, into: resolveTag(codebook, second.includes('=') ? second : `${dimension}=${second}`).tag }
    : command === 'move-tag' ? { kind: 'move', dimension, tag, toDimension: second }
    : { kind: 'delete', dimension, tag };
  const problem = checkChange(codebook, change);
  if (problem) throw new CommandError(`${command}: ${problem}`);
  return { change, rest: args.slice(need) };
}

export interface CodebookSource {
  codebook: Codebook;
  /** The file it came from; undefined for the built-in codebook. */
  file?: string;
}

export function refactorFiles(files: string[], change: TagChange, source: CodebookSource, dryRun: boolean, read: ReadOptions): number {
  const lookup = new CodebookLookup(source.codebook);
  const after = new CodebookLookup(refactorCodebook(source.codebook, change));
  let changedFiles = 0;
  let passages = 0;
  for (const file of files) {
    const text = readDocument(file, read);
    if (text === undefined) continue;
    const plan = planRefactor(parseSafely(text, lookup), change, lookup, after);
    if (!plan.ok) {
      process.stderr.write(printable(`${file}: left alone: ${plan.reason}`) + '\n');
      read.failed(file);
      continue;
    }
    if (!plan.edits.length) continue;
    if (dryRun) process.stdout.write(diff(file, text, plan.edits));
    else {
      const refusal = writeDocumentText(file, text, applyEdits(text, plan.edits));
      if (refusal) {
        process.stderr.write(printable(`${file}: not changed: ${refusal}`) + '\n');
        read.failed(file);
        continue;
      }
    }
    changedFiles++;
    passages += plan.changed;
  }
  // The codebook changes too, so that the documents read as before (renamed ids stay as aliases).
  const codebookFile = source.file ?? 'evidence-codebook.json';
  const before = source.file ? readFileSync(source.file, 'utf8') : presetFileText({ name: 'default', label: '', description: '', codebook: source.codebook });
  const newCodebook = refactorCodebookText(before, source.codebook, change);
  if (dryRun) process.stdout.write(diff(codebookFile, before, [changedLines(before, newCodebook)]));
  else if (!source.file && existsSync(codebookFile)) throw new CommandError(`${codebookFile} exists but was not the codebook used; pass --codebook ${codebookFile}`);
  else writeFileSync(codebookFile, newCodebook);
  const verb = dryRun ? 'would change' : 'changed';
  process.stderr.write(`${verb} ${passages} passage${passages === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}, and ${codebookFile}${source.file ? '' : ' (written from the built-in codebook)'}${dryRun ? ' (dry run: nothing written)' : ''}\n`);
  return 0;
}

/** A unified-style diff of the lines the edits touch; control characters shown escaped, line by line. */
export function diff(file: string, text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const out = [`--- ${printable(file)}`, `+++ ${printable(file)}`];
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (let i = 0; i < sorted.length; ) {
    // Group edits whose lines touch, so each hunk shows whole old and new lines.
    const first = lines.positionAt(sorted[i].start).line;
    let last = lines.positionAt(sorted[i].end).line;
    let j = i + 1;
    while (j < sorted.length && lines.positionAt(sorted[j].start).line <= last + 1) last = Math.max(last, lines.positionAt(sorted[j].end).line), j++;
    const from = lines.offsetAt(first, 0);
    const to = last + 1 < lines.lineCount ? lines.offsetAt(last + 1, 0) : text.length;
    const group = sorted.slice(i, j).map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
    const oldLines = text.slice(from, to).replace(/\r?\n$/, '').split(/\r?\n/);
    const newLines = applyEdits(text.slice(from, to), group).replace(/\r?\n$/, '').split(/\r?\n/);
    out.push(`@@ -${first + 1},${oldLines.length} +${first + 1 + shift},${newLines.length} @@`, ...oldLines.map((l) => `-${printable(l)}`), ...newLines.map((l) => `+${printable(l)}`));
    shift += newLines.length - oldLines.length;
    i = j;
  }
  return out.join('\n') + '\n';
}
