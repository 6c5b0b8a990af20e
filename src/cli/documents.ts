// Reading documents for the command line: decoded as the editor would (UTF-8 or UTF-16, BOM dropped),
// over-size and binary files skipped with a notice, unreadable ones reported and counted, never fatal.
import { readFileSync, statSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeDocument, LineIndex, parseSafely, summarizeDocument, type CodebookLookup, type DocumentSummary } from '../core';
import { printable } from './printable';

export interface FileSummary {
  file: string;
  summary: DocumentSummary;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ReadOptions {
  maxFileSize: number;
  warn(message: string): void;
  /** Called for a file that could not be read at all (the run goes on, and ends non-zero). */
  failed(file: string): void;
}

const HELPERS = { isAscii, isUtf8, latin1: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };

/** A document's text; undefined (with a notice) for a file too large, binary or unreadable. */
export function readDocument(file: string, options: ReadOptions): string | undefined {
  const shown = printable(file);
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > options.maxFileSize) {
      options.warn(`${shown}: skipped, ${size} bytes is over the size limit (--max-file-size ${options.maxFileSize})`);
      return undefined;
    }
    bytes = readFileSync(file);
  } catch (error) {
    options.warn(`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    options.failed(file);
    return undefined;
  }
  const decoded = decodeDocument(bytes, HELPERS);
  if (!decoded.ok) {
    options.warn(`${shown}: skipped, ${decoded.reason}`);
    return undefined;
  }
  if (decoded.warnings.length) {
    const lines = new LineIndex(decoded.text);
    for (const warning of decoded.warnings) {
      const at = lines.positionAt(warning.offset);
      options.warn(`${shown}:${at.line + 1}:${at.character + 1}: warning: ${warning.message}`);
    }
  }
  return decoded.text;
}

/**
 * One file at a time, so each document's passages die young. (Worker threads were tried: on the 2-core
 * machines here two parsing threads each ran about 1.5 times slower, and cloning summaries back ate the rest.)
 */
export function summarizeFiles(files: string[], lookup: CodebookLookup, options: ReadOptions): FileSummary[] {
  const out: FileSummary[] = [];
  for (const file of files) {
    const text = readDocument(file, options);
    if (text !== undefined) out.push({ file, summary: summarizeDocument(parseSafely(text, lookup)) });
  }
  return out;
}
