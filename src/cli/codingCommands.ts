// Fast-coding commands of the CLI: suggest (tags for untagged paragraphs), tag-all (every occurrence of a
// phrase or pattern), init (a codebook file from a preset).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { applyEdits, CODEBOOK_PRESETS, decodeDocument, findPreset, occurrencePattern, parseSafely, parseTagList, planTagAll, presetFileText, suggestUntagged, type CodebookLookup } from '../core';
import { readDocument, type ReadOptions } from './documents';
import { oneLine as flat, printable } from './printable';
import { replaceFile } from './outFile';

export class CommandError extends Error {}

export function suggest(files: string[], lookup: CodebookLookup, json: boolean, options: ReadOptions): number {
  const records = [];
  for (const file of files) {
    const text = readDocument(file, options);
    if (text === undefined) continue;
    const doc = parseSafely(text, lookup);
    for (const paragraph of suggestUntagged(doc, lookup.codebook)) {
      const at = doc.lines.positionAt(paragraph.start);
      records.push({ file, line: at.line + 1, character: at.character + 1, text: flat(text.slice(paragraph.start, paragraph.end), 200), suggestions: paragraph.suggestions });
    }
  }
  if (json) {
    process.stdout.write(JSON.stringify(records, null, 2) + '\n');
    return 0;
  }
  for (const r of records) {
    process.stdout.write(printable(`${r.file}:${r.line}:${r.character}: ${flat(r.text, 70)}`) + '\n');
    for (const s of r.suggestions) process.stdout.write(printable(`    ${s.dimension}=${s.tag}  ${s.score.toFixed(2)}  cue: ${s.cues.map((c) => `'${c}'`).join(', ')}`) + '\n');
  }
  if (!records.length) process.stderr.write('no untagged paragraph has a suggestion\n');
  return 0;
}

export interface TagAllOptions {
  match?: string;
  regex?: string;
  tags?: string;
  dryRun: boolean;
}

export function tagAll(files: string[], lookup: CodebookLookup, options: TagAllOptions, read: ReadOptions): number {
  if ((options.match === undefined) === (options.regex === undefined)) throw new CommandError('tag-all: give --match TEXT or --regex RE (one of them)');
  if (!options.tags) throw new CommandError('tag-all: --tags "evidence=research use=instrumental" is required');
  let pattern: RegExp;
  try {
    pattern = options.regex !== undefined ? occurrencePattern(`/${options.regex}/`) : occurrencePattern(options.match!.startsWith('/') ? ` ${options.match}` : options.match!);
  } catch (error) {
    throw new CommandError(`tag-all: ${(error as Error).message}`);
  }
  const values = parseTagList(options.tags, lookup);
  if (!values.ok) throw new CommandError(`tag-all: ${values.reason}`);
  let tagged = 0;
  let changedFiles = 0;
  for (const file of files) {
    const text = readDocument(file, read);
    if (text === undefined) continue;
    const doc = parseSafely(text, lookup);
    const plan = planTagAll(doc, pattern, values.values, lookup);
    const where = (offset: number) => {
      const at = doc.lines.positionAt(offset);
      return `${file}:${at.line + 1}:${at.character + 1}`;
    };
    for (const s of plan.skipped) process.stderr.write(printable(`${where(s.start)}: skipped "${flat(text.slice(s.start, s.end), 40)}": ${s.reason}`) + '\n');
    if (!plan.occurrences.length) continue;
    for (const o of plan.occurrences) process.stdout.write(printable(`${where(o.start)}: ${options.dryRun ? 'would tag' : 'tagged'} ${flat(o.edit.newText, 100)}`) + '\n');
    if (!options.dryRun) {
      const refusal = writeDocumentText(file, text, applyEdits(text, plan.occurrences.map((o) => o.edit)));
      if (refusal) {
        process.stderr.write(printable(`${file}: not changed: ${refusal}`) + '\n');
        read.failed(file);
        continue;
      }
    }
    tagged += plan.occurrences.length;
    changedFiles++;
  }
  process.stderr.write(`${options.dryRun ? 'would tag' : 'tagged'} ${tagged} occurrence${tagged === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${options.dryRun ? ' (dry run: nothing written)' : ''}\n`);
  return 0;
}

/** Writes the new text only where the file reads back exactly as parsed (UTF-8, nothing replaced); a BOM is kept. */
export function writeDocumentText(file: string, before: string, after: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return `cannot read it again: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  const decoded = decodeDocument(bytes);
  if (!decoded.ok || decoded.text !== before) return 'it changed while being read';
  if (decoded.encoding !== 'utf-8') return `it is ${decoded.encoding}; only UTF-8 files are written`;
  if (decoded.warnings.length) return 'it has bytes that are not valid UTF-8, which writing would lose';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
  try {
    replaceFile(file, bom + after);
  } catch (error) {
    return `cannot write it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  return undefined;
}

export function init(preset: string | undefined, out: string | undefined, force: boolean): number {
  const chosen = findPreset(preset ?? 'default');
  if (!chosen) throw new CommandError(`init: no preset "${preset}"; presets: ${CODEBOOK_PRESETS.map((p) => p.name).join(', ')}`);
  const file = out ?? 'evidence-codebook.json';
  if (existsSync(file) && !force) throw new CommandError(`init: ${file} exists; remove it or pass --force to replace it`);
  writeFileSync(file, presetFileText(chosen));
  process.stderr.write(`${printable(file)}: codebook "${chosen.label}" (${chosen.codebook.dimensions.map((d) => `${d.id}: ${d.tags.length} tags`).join(', ')})\n`);
  return 0;
}
