// Reading and summarising documents for the tally.
import { readFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { parseSafely, summarizeDocument, type CodebookLookup, type DocumentSummary } from '../core';

export interface FileSummary {
  file: string;
  summary: DocumentSummary;
}

/** Reads a document as text; undefined (with a notice) for a binary file. */
export function readDocument(file: string, warn: (message: string) => void): string | undefined {
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 8192).includes(0)) {
    warn(`${file}: skipped, looks binary`);
    return undefined;
  }
  // Pure ASCII decodes faster as Latin-1, to the same string.
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * One file at a time, so each document's passages die young. (Worker threads were tried: on the 2-core
 * machines here two parsing threads each ran about 1.5 times slower, and cloning summaries back ate the rest.)
 */
export function summarizeFiles(files: string[], lookup: CodebookLookup, warn: (message: string) => void): FileSummary[] {
  const out: FileSummary[] = [];
  for (const file of files) {
    const text = readDocument(file, warn);
    if (text !== undefined) out.push({ file, summary: summarizeDocument(parseSafely(text, lookup)) });
  }
  return out;
}
